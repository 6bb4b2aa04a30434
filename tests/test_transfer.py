"""`export json` writes a table at a time and `import json` reads a row at a time: the
round trip is exact, old (indented) exports and unusual layouts still import, and a bad
file is refused with the message reading it whole gives."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from benchmarks import generate

from netjob.db.open import open_store
from netjob.services import transfer
from netjob.services.transfer import json_export, json_import, json_reader
from tests.conftest import Run, error_line

pytestmark = pytest.mark.sqlite_only  # a generated SQLite file, compared table by table

DAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("transfer") / "source.db"
    generate.build(path, generate.Size(20, 200, 1000, 0))
    conn = sqlite3.connect(path)
    with conn:  # the two columns of a cycle, filled in after the rows exist
        conn.execute("UPDATE contact SET referred_by_id = 1, note = 'Zoë \"q\" ✓' WHERE id = 5")
        conn.execute("UPDATE contact SET source_interaction_id = 3 WHERE id = 7")
        conn.execute("INSERT INTO setting (key, value) VALUES ('follow_up_days', '5')")
        conn.execute(
            "INSERT INTO item_state_change (key, state, until, changed_on) "
            "VALUES ('k1', 'snoozed', '2026-12-01', '2026-11-19')"
        )
    conn.close()
    return path


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the catalog but the schema revision, the undo journal and the log
    summaries (worked out again as they are read)."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        skipped = {"alembic_version", "journal", "journal_row", "contact_summary"}
        tables = [n for n in names if n not in skipped]
        assert set(tables) == set(transfer.TABLES) and "contact_summary" in names
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in tables
        }
    finally:
        conn.close()


def _export(run: Run, db: Path, out: Path) -> None:
    run("--db", str(db), "export", "json", "-o", str(out), ok=True)


def test_the_round_trip_restores_every_row_of_every_table(
    run: Run, source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_export, "BATCH", 7)  # many batches, a last one part full
    monkeypatch.setattr(json_import, "BATCH", 7)
    monkeypatch.setattr(json_reader, "CHUNK", 61)  # rows, strings and numbers cut by reads
    out = tmp_path / "export.json"
    _export(run, source, out)
    restored = tmp_path / "restored.db"
    done = run("--db", str(restored), "import", "json", str(out), ok=True)
    expected = _tables(source)
    assert _tables(restored) == expected
    total = sum(len(rows) for rows in expected.values())
    assert done.stderr.strip() == f"Imported {total} rows into {restored}."
    assert sum(len(expected[t]) for t in ("interaction", "contact")) > 1100
    assert _schema(restored) == _schema(source)  # the indexes set aside are back


def _schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        found = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        assert sum(1 for kind, _, _ in found if kind == "index") > 15
        return found
    finally:
        conn.close()


def test_the_export_is_one_object_a_row_to_a_line(run: Run, source: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    _export(run, source, out)
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["format", "version", "schema", "exported_on", "redacted", "tables"]
    assert list(data["tables"]) == list(transfer.TABLES)
    rows = sum(len(rows) for rows in data["tables"].values())
    assert len(text.splitlines()) == 1 + rows + len(transfer.TABLES) + 1
    assert 'Zoë \\"q\\" ✓' in text  # UTF-8, not escaped
    streamed = run("--db", str(source), "export", "json", ok=True).stdout
    assert json.loads(streamed)["tables"] == data["tables"]


@pytest.mark.parametrize("layout", ["indented", "tables first", "shuffled tables"])
def test_exports_laid_out_otherwise_import_the_same(
    run: Run, source: Path, tmp_path: Path, layout: str
) -> None:
    out = tmp_path / "export.json"
    _export(run, source, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    if layout == "indented":  # as netjob wrote them before
        text = json.dumps(data, ensure_ascii=False, indent=1)
    elif layout == "tables first":
        text = json.dumps({"tables": data.pop("tables"), **data})
    else:
        text = json.dumps({**data, "tables": dict(reversed(data["tables"].items()))})
    other = tmp_path / "other.json"
    other.write_text(text, encoding="utf-8")
    restored = tmp_path / "restored.db"
    run("--db", str(restored), "import", "json", str(other), ok=True)
    assert _tables(restored) == _tables(source)


def test_a_file_broken_after_many_rows_is_refused_whole(
    run: Run, source: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    _export(run, source, out)
    text = out.read_text(encoding="utf-8")
    cut = text.index('"criterion"')
    broken = tmp_path / "broken.json"
    broken.write_text(text[:cut] + "{oops" + text[cut:], encoding="utf-8")
    try:
        json.loads(broken.read_text(encoding="utf-8"))
    except ValueError as error:
        reason = str(error)
    restored = tmp_path / "restored.db"
    failed = run("--db", str(restored), "import", "json", str(broken))
    assert error_line(failed) == f"Error: {broken} is not a netjob JSON export: {reason}."
    left = _tables(restored)
    assert left["company"] == left["contact"] == left["interaction"] == []


def test_export_and_import_report_their_progress(source: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "export.json"
    store = open_store(source)
    try:
        with open(out, "w", encoding="utf-8") as handle:
            counts = json_export.write_json(
                store, handle, today=DAY, progress=lambda d, t: seen.append((d, t))
            )
    finally:
        store.close()
    total = sum(counts.values())
    assert seen[-1] == (total, total) and len(seen) >= len(transfer.TABLES)
    seen.clear()
    target = open_store(tmp_path / "restored.db")
    try:
        json_import.import_json(target, path=out, progress=lambda d, t: seen.append((d, t)))
    finally:
        target.close()
    size = out.stat().st_size
    assert seen[-1] == (size, size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("row_id", [None, "two", 2.5])
def test_a_referrer_on_a_row_without_a_whole_number_id_is_refused(
    run: Run, sample: None, tmp_path: Path, row_id: Any
) -> None:
    """The referrer is set once every contact exists, by the row's id: without one (a
    hand-made file) the import stops with one line, and imports nothing."""
    exported = tmp_path / "all.json"
    run("export", "json", "-o", str(exported), ok=True)
    data = json.loads(exported.read_text(encoding="utf-8"))
    contacts = data["tables"]["contact"]
    contacts[1]["referred_by_id"] = contacts[0]["id"]
    if row_id is None:
        del contacts[1]["id"]
    else:
        contacts[1]["id"] = row_id
    exported.write_text(json.dumps(data), encoding="utf-8")
    copy = tmp_path / "copy.db"
    failed = run("--db", str(copy), "import", "json", str(exported))
    assert failed.exit_code == 1
    assert error_line(failed) == (
        f"Error: {exported}: a row of 'contact' sets referred_by_id but has no whole-number "
        "id to set it on; nothing was imported."
    )
    assert json.loads(run("--db", str(copy), "list", "contacts", "--json", ok=True).stdout) == []
