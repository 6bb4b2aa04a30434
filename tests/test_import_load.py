"""`import json` loads a file into empty tables as a bulk load: its rows are recorded for
undo afterwards, a statement a table (:meth:`netjob.db.store.Store.loading`), not by a
trigger a row, and checked a batch at a time where every row has the same keys. The
record, the summary, what `undo` puts back and the rows themselves stay what they were
when each row went through the triggers and the checks one by one."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from benchmarks import generate

from netjob.db.store import Store
from netjob.engine.labels import short
from netjob.services.transfer import json_import
from tests.conftest import Run, error_line
from tests.test_transfer import _tables

pytestmark = pytest.mark.sqlite_only  # compares the journal's rows in the file itself


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("load") / "source.db"
    generate.build(path, generate.Size(12, 90, 400, 0))
    conn = sqlite3.connect(path)
    with conn:  # the two columns of a cycle, a tag (text key), a setting, a used flag
        conn.execute("UPDATE contact SET referred_by_id = 1 WHERE id IN (4, 9)")
        conn.execute("UPDATE contact SET source_interaction_id = 3 WHERE id = 7")
        conn.execute("UPDATE contact SET ask_referral = 1 WHERE id = 8")
        conn.execute("UPDATE company SET advocacy = 1 WHERE id = 2")
        conn.execute("INSERT INTO contact_tag (contact_id, tag) VALUES (3, 'alumni')")
        conn.execute("INSERT INTO setting (key, value) VALUES ('follow_up_days', '5')")
    conn.close()
    return path


def _journal(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT table_name, op, pk, image FROM journal_row ORDER BY id"
        ).fetchall()
        return rows, conn.execute("SELECT label, summary FROM journal ORDER BY id").fetchall()
    finally:
        conn.close()


@contextlib.contextmanager
def _row_by_row(self: Store, tables: Sequence[str]) -> Iterator[None]:
    yield  # the triggers record every row, as before bulk loads


def test_an_import_records_for_undo_what_the_triggers_would(
    run: Run, source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export.json"
    run("--db", str(source), "export", "json", "-o", str(out), ok=True)
    empty = tmp_path / "empty.db"
    run("--db", str(empty), "list", "companies", ok=True)
    loaded, triggered = tmp_path / "loaded.db", tmp_path / "triggered.db"
    run("--db", str(loaded), "import", "json", str(out), ok=True)
    with monkeypatch.context() as patch:
        patch.setattr(Store, "loading", _row_by_row)
        run("--db", str(triggered), "import", "json", str(out), ok=True)
    assert _tables(loaded) == _tables(triggered) == _tables(source)
    bulk, summary = _journal(loaded)
    by_row, summary_by_row = _journal(triggered)
    # the triggers also record the cycle's columns filled in after the rows: changes of
    # rows the import added, which undo deletes anyway
    assert [r for r in by_row if (r[0], r[1]) != ("contact", "u")] == bulk
    assert [r[2] for r in by_row if (r[0], r[1]) == ("contact", "u")] == ["[4]", "[7]", "[9]"]
    assert {(r[0], r[1]) for r in bulk} >= {("contact_tag", "i"), ("setting", "i"),
                                            ("criterion", "d"), ("contact", "r")}  # fmt: skip
    assert summary == summary_by_row
    assert summary[0][1].startswith("added 12 companies, 90 contacts, ")
    done = run("--db", str(loaded), "undo", "--yes", ok=True)
    command = short(f"import json {out}")  # a long path is cut
    assert done.stderr.startswith(f"Undid `{command}` of "), done.stderr
    assert done.stderr.endswith(f": it had {summary[0][1]}.\n"), done.stderr
    assert _tables(loaded) == _tables(empty)
    assert _journal(loaded) == ([], [])


def test_rows_of_other_shapes_import_as_before(
    run: Run, source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches mixing rows as netjob writes them with rows in another key order, without
    `logged_on` (an older export), or with a flag as 1 (an older export, beside true and
    false): each batch checked as a whole or a row at a time, the same rows result."""
    monkeypatch.setattr(json_import, "BATCH", 5)
    out = tmp_path / "export.json"
    run("--db", str(source), "export", "json", "-o", str(out), ok=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    tables = data["tables"]
    tables["contact"][3] = dict(reversed(tables["contact"][3].items()))
    assert tables["contact"][7]["ask_referral"] is tables["company"][1]["advocacy"] is True
    tables["contact"][7]["ask_referral"] = 1  # as netjob wrote flags from SQLite before
    tables["company"][1]["advocacy"] = 1
    entry = tables["interaction"][11]
    del entry["logged_on"]
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    restored = tmp_path / "restored.db"
    run("--db", str(restored), "import", "json", str(other), ok=True)
    expected = _tables(source)
    got = _tables(restored)
    conn = sqlite3.connect(restored)
    logged = conn.execute("SELECT logged_on, occurred_on FROM interaction WHERE id = :id",
                          {"id": entry["id"]}).fetchone()  # fmt: skip
    conn.close()
    assert logged == (entry["occurred_on"], entry["occurred_on"])
    assert {t: rows for t, rows in got.items() if t != "interaction"} == {
        t: rows for t, rows in expected.items() if t != "interaction"
    }
    assert [r for r in got["interaction"] if r[0] != entry["id"]] == [
        r for r in expected["interaction"] if r[0] != entry["id"]
    ]


@pytest.mark.parametrize(
    ("table", "column"),
    [("company", "advocacy"), ("contact", "referred_by_id"), ("interaction", "logged_on"),
     ("interaction", "note"), ("setting", "value")],
)  # fmt: skip
def test_a_nested_value_is_refused_by_name_in_any_column(
    run: Run, source: Path, tmp_path: Path, table: str, column: str
) -> None:
    out = tmp_path / "export.json"
    run("--db", str(source), "export", "json", "-o", str(out), ok=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["tables"][table][-1][column] = {"nested": [1]}
    crafted = tmp_path / "crafted.json"
    crafted.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "new.db"
    failed = run("--db", str(target), "import", "json", str(crafted))
    assert error_line(failed) == (
        f"Error: {crafted}: '{table}.{column}' holds a JSON dict, not a value; "
        "nothing was imported."
    )
    left = _tables(target)
    assert left["company"] == left["contact"] == left["interaction"] == []
