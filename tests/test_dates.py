"""Dates cross the store as ``date`` on both backends (issue 15): the commands that show
them print exactly what they printed when the services parsed text themselves.

The expected outputs in ``tests/fixtures/dates`` were written by netjob before the
change (``NETJOB_WRITE_DATES=1`` writes them again from the code under test)."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Run

FIXTURES = Path(__file__).parent / "fixtures" / "dates"
SCENARIO = [
    ("log", "outreach", "Jane Doe", "--on", "2026-11-02"),
    ("log", "outreach", "Jane Roe", "--on", "2026-11-05"),
    ("log", "reply", "Jane Roe", "--on", "2026-11-09"),
    ("log", "chat", "Jane Roe", "--at", "2026-11-24 14:30", "--no-edit"),
    (
        "log", "chat", "Jane Doe", "--on", "2026-11-18", "--advice", "learn dbt",
        "--lead", "Kim@Acme", "--fit", "culture=4", "--no-edit",
    ),
    ("log", "thanks", "Jane Doe", "--on", "2026-11-19"),
    ("remind", "Bob Stone", "call back", "--on", "2026-11-25"),
    ("log", "outreach", "Sam Lee", "--on", "2026-10-20"),
    ("next",),
    ("snooze", "1", "--until", "2026-11-23"),
]  # fmt: skip
VIEWS = {
    "next.txt": ("next",),
    "next-all.json": ("next", "--json", "--all"),
    "next-later.txt": ("next", "--on", "2026-12-02"),
    "timeline-jane-doe.txt": ("timeline", "Jane Doe"),
    "timeline-acme.json": ("timeline", "--company", "Acme", "--json"),
    "calendar.ics": ("export", "ics"),
    "export.json": ("export", "json"),
}


@pytest.fixture
def scenario(run: Run, sample: None) -> None:
    for args in SCENARIO:
        run(*args, ok=True)


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_views_with_dates_print_what_they_printed(run: Run, scenario: None, name: str) -> None:
    found = run(*VIEWS[name], ok=True).stdout
    if name == "export.json":  # where the data came from differs by backend; the schema
        data = json.loads(found)  # revision moves with each migration
        data.pop("source", None)
        data.pop("schema", None)
        found = json.dumps(data, indent=1, sort_keys=True) + "\n"
    expected = FIXTURES / name
    if os.environ.get("NETJOB_WRITE_DATES"):
        expected.write_text(found, encoding="utf-8")
    assert found == expected.read_text(encoding="utf-8")


def test_the_store_hands_back_dates_and_writes_iso_text(run: Run, sample: None) -> None:
    from netjob.db.open import open_store
    from netjob.db.store import as_date

    run("log", "outreach", "Jane Doe", "--on", "2026-11-02", ok=True)
    store = open_store(os.environ["NETJOB_DB"])
    try:
        row = store.row("SELECT occurred_on, logged_on FROM interaction WHERE kind = 'outreach'")
        assert row is not None
        assert (row["occurred_on"], row["logged_on"]) == (date(2026, 11, 2), date(2026, 11, 20))
        assert type(row["occurred_on"]) is date
        # a day computed in SQL has no declared type: as_date reads it on both backends
        first = store.value("SELECT MIN(occurred_on) FROM interaction WHERE kind = 'outreach'")
        assert as_date(first) == date(2026, 11, 2)
        with store.transaction():
            store.execute(
                "UPDATE interaction SET occurred_on = :d WHERE kind = 'outreach'",
                {"d": date(2026, 11, 3)},
            )
        assert store.value("SELECT occurred_on FROM interaction WHERE kind = 'outreach'") == date(
            2026, 11, 3
        )
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_sqlite_keeps_iso_text_and_shows_a_day_it_cannot_read(
    run: Run, sample: None, db_path: Path
) -> None:
    run("log", "outreach", "Jane Doe", "--on", "2026-11-02", ok=True)
    conn = sqlite3.connect(db_path)
    found = conn.execute(
        "SELECT occurred_on, typeof(occurred_on) FROM interaction WHERE kind = 'outreach'"
    ).fetchall()
    assert found == [("2026-11-02", "text")]
    with conn:  # a day typed into the file by hand
        conn.execute("UPDATE contact SET created_on = 'sometime' WHERE name = 'Bob Stone'")
    conn.close()
    shown = run("show", "contact", "Bob Stone", "--json", ok=True)
    assert json.loads(shown.stdout)["created_on"] == "sometime"
