"""`export json` writes a boolean column as JSON true/false on both backends (SQLite keeps
booleans as 1/0, PostgreSQL as booleans): the same data gives the same file; exports
written with 1/0 before still import."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from netjob.services import transfer
from tests.conftest import Run


def _flags(run: Run) -> None:
    run("add", "contact", "Kim Park", "--company", "Globex", ok=True)
    run("edit", "contact", "Kim Park", "--ask-referral", ok=True)


def test_export_json_writes_flags_as_true_or_false(run: Run, sample: None, tmp_path: Path) -> None:
    _flags(run)
    out = tmp_path / "export.json"
    run("export", "json", "-o", str(out), ok=True)
    text = out.read_text(encoding="utf-8")
    tables = json.loads(text)["tables"]
    assert [(c["name"], c["advocacy"]) for c in tables["company"]] == [
        ("Acme Inc.", True), ("Globex", False), ("Initech", False)
    ]  # fmt: skip
    assert [(c["name"], c["ask_referral"]) for c in tables["contact"]] == [
        ("Jane Doe", False), ("Jane Roe", False), ("Sam Lee", False), ("Bob Stone", False),
        ("Kim Park", True),
    ]  # fmt: skip
    flags = [row[c] for t, cs in transfer.BOOLEANS.items() for row in tables[t] for c in cs]
    assert {type(flag) for flag in flags} == {bool}  # not 1/0
    assert '"advocacy": true' in text and '"ask_referral": false' in text


def test_an_export_with_one_and_zero_still_imports(run: Run, sample: None, tmp_path: Path) -> None:
    _flags(run)
    out = tmp_path / "export.json"
    run("export", "json", "-o", str(out), ok=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    for table, columns in transfer.BOOLEANS.items():
        for row in data["tables"][table]:
            for column in columns:
                row[column] = int(row[column])  # as netjob wrote them from SQLite before
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    assert '"advocacy": 1' in old.read_text(encoding="utf-8")
    target = tmp_path / "restored.db"
    run("--db", str(target), "import", "json", str(old), ok=True)
    again = tmp_path / "again.json"
    run("--db", str(target), "export", "json", "-o", str(again), ok=True)
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.sqlite_only
def test_the_boolean_columns_are_the_catalogs(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        found: dict[str, tuple[str, ...]] = {}
        for table in transfer.TABLES:
            info = conn.execute("SELECT name, type FROM pragma_table_info(?)", (table,))
            columns = tuple(name for name, kind in info if kind.upper() == "BOOLEAN")
            if columns:
                found[table] = columns
    finally:
        conn.close()
    assert found == transfer.BOOLEANS


@pytest.mark.postgres_only
def test_both_backends_export_the_same_bytes(run: Run, sample: None, tmp_path: Path) -> None:
    _flags(run)
    run("log", "outreach", "Jane Doe", "--on", "2026-11-16", ok=True)
    run("next", ok=True)
    server = tmp_path / "server.json"
    run("export", "json", "-o", str(server), ok=True)
    copy = tmp_path / "copy.db"
    run("db", "copy", "--to", str(copy), ok=True)
    local = tmp_path / "local.json"
    run("--db", str(copy), "export", "json", "-o", str(local), ok=True)
    assert '"advocacy": true' in server.read_text(encoding="utf-8")
    assert local.read_bytes() == server.read_bytes()
