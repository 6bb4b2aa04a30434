"""`import json` into a server records its load for undo as SQLite does: an "every id above
N is new" row a table keyed by an integer id, not a row per row loaded, so closing the
record does not read the whole import back. Undo says the same on both backends."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from psycopg import connect

from tests.conftest import Run
from tests.test_undo import _second_database, dump

pytestmark = pytest.mark.postgres_only


def test_undo_of_an_import_on_a_server_says_and_does_what_it_does_on_sqlite(
    run: Run, sample: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("log", "outreach", "Jane Doe", "--on", "2026-11-16", ok=True)
    run("next", ok=True)
    out = tmp_path / "export.json"
    run("export", "json", "-o", str(out), ok=True)
    local = tmp_path / "local.db"
    run("--db", str(local), "import", "json", str(out), ok=True)
    with _second_database(monkeypatch, tmp_path):
        before = dump()
        run("import", "json", str(out), ok=True)
        with connect(os.environ["NETJOB_DB"]) as conn:
            kinds = conn.execute(
                "SELECT table_name, op, COUNT(*) FROM journal_row GROUP BY 1, 2 ORDER BY 1, 2"
            ).fetchall()
        assert ("company", "r", 1) in kinds and ("interaction", "r", 1) in kinds
        assert not [k for k in kinds if k[0] in {"company", "contact", "interaction"}
                    and k[1] == "i"]  # fmt: skip
        on_server = run("undo", "--yes", ok=True).stderr
        assert dump() == before
    on_sqlite = run("--db", str(local), "undo", "--yes", ok=True).stderr
    assert on_server.split(": it had ")[1] == on_sqlite.split(": it had ")[1]
    said = (
        "added 3 companies, 4 contacts, 2 log entries, 1 company tag, 3 dated scores; "
        "changed 5 criteria"
    )
    assert on_server.endswith(f": it had {said}.\n")
