"""The pipeline shows the same companies in the same order on either backend, whatever
the server's collation: names in code point order, as Python sorts them."""

from __future__ import annotations

import os

from netjob.db.open import open_store
from netjob.services import reports
from tests.conftest import TODAY, Run


def test_the_first_closed_companies_are_the_first_by_code_point(run: Run) -> None:
    names = [f"C{n:02d} Labs" for n in range(1, 16)] + ["b-side Labs", "Ädelweiss"]
    for name in names:
        run("add", "company", name, ok=True)
        run("edit", "company", name, "--status", "closed", ok=True)
    store = open_store(os.environ["NETJOB_DB"])
    try:
        if not store.is_sqlite:  # as a server whose collation is en_US ("b" before "C")
            with store.transaction():
                store.execute(
                    'ALTER TABLE company ALTER COLUMN name TYPE VARCHAR COLLATE "en-x-icu"'
                )
            assert store.value("SELECT MIN(name) FROM company") == "Ädelweiss"
        board = reports.pipeline(store, today=TODAY, limit=15)
    finally:
        store.close()
    closed = [c["name"] for c in board["companies"] if c["status"] == "closed"]
    assert closed == sorted(names)[:15] == [f"C{n:02d} Labs" for n in range(1, 16)]
    assert board["counts"]["closed"] == 17
    shown = run("pipeline", ok=True)
    assert "2 more closed: --all to see them." in shown.stderr
    assert "b-side" not in shown.stdout
