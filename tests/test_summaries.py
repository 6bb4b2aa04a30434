"""The one stored copy of what the log says, each contact's summary (issue 21), never
disagrees with the log: after every write command of the CLI, every stored summary is
what working it out from the log gives; a missing or stale one is worked out as it is
read; and changing what a summary holds without bumping its VERSION fails here."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from netjob.db.open import open_store
from netjob.engine import stages
from netjob.services.coach import summaries
from tests.conftest import Run

FIXTURES = Path(__file__).parent / "fixtures"


def stored_and_rebuilt(db: Path | str) -> tuple[dict[int, Any], dict[int, Any]]:
    """The stored summaries (of this VERSION) and the same contacts' worked out again."""
    store = open_store(db)
    try:
        stored = {
            r["contact_id"]: (summaries.decode_log(r["log"]), summaries.decode_stages(r["stages"]))
            for r in store.rows(
                "SELECT * FROM contact_summary WHERE version = :v", {"v": summaries.VERSION}
            )
        }
        rebuilt = {k: (s.log, s.stages) for k, s in summaries.compute(store).items() if k in stored}
        stale = store.value(
            "SELECT COUNT(*) FROM contact_summary WHERE version <> :v", {"v": summaries.VERSION}
        )
    finally:
        store.close()
    assert stale == 0
    return stored, rebuilt


# Every command that writes, in an order that gives each something to change.
WRITES = [
    ("add", "company", "Acme", "--motivation", "3", "--posting", "2", "--status", "active"),
    ("add", "company", "Globex", "--motivation", "2"),
    ("add", "contact", "Jane Doe", "--company", "Acme", "--how", "alumni",
     "--email", "jane@acme.example"),
    ("add", "contact", "Sam Lee", "--company", "Acme", "--referred-by", "Jane Doe"),
    ("add", "contact", "Kim Park", "--company", "Globex"),
    ("log", "outreach", "Jane Doe", "--on", "2026-11-02"),
    ("log", "outreach", "Kim Park", "--on", "2026-11-03"),
    ("log", "outreach", "Jane Doe", "--on", "2026-11-12"),
    ("log", "reply", "Jane Doe", "--on", "2026-11-13"),
    ("log", "update", "Jane Doe", "--on", "2026-11-13"),
    ("log", "chat", "Jane Doe", "--at", "2026-11-24 10:00"),
    ("chat", "move", "Jane Doe", "--at", "2026-11-25 11:00"),
    ("chat", "cancel", "Jane Doe"),
    ("log", "chat", "Jane Doe", "--on", "2026-11-18", "--advice", "learn dbt",
     "--lead", "Ida Jones@Acme", "--fit", "culture=4", "--no-edit"),
    ("log", "thanks", "Jane Doe", "--on", "2026-11-19"),
    ("advice", "done", "1"),
    ("log", "ask", "Jane Doe"),
    ("log", "referral", "Jane Doe", "--role", "Data Engineer"),
    ("log", "note", "Kim Park", "met at a meetup"),
    ("log", "chat", "Kim Park", "--at", "2026-11-23 09:00"),
    ("chat", "done", "Kim Park", "--on", "2026-11-20", "--no-edit"),
    ("log", "apply", "Acme", "--via", "Jane Doe"),
    ("log", "stage", "Acme", "interviewing"),
    ("remind", "Kim Park", "call back", "--on", "2026-11-25"),
    ("next",),
    ("done", "1"),
    ("snooze", "2", "--until", "2026-11-24"),
    ("dismiss", "3"),
    ("edit", "contact", "Kim Park", "--company", "Acme"),
    ("edit", "company", "Globex", "--status", "closed"),
    ("settings", "set", "follow_up_days", "5"),
    ("settings", "reset", "follow_up_days"),
    ("criteria", "add", "pay", "--weight", "3"),
    ("undo", "--yes"),
    ("undo", "--yes"),
    ("remove", "contact", "Sam Lee", "--yes"),
    ("undo", "--yes"),
    ("remove", "company", "Globex", "--cascade", "--yes"),
    ("undo", "--yes"),
]  # fmt: skip


def test_after_every_write_the_stored_summaries_equal_the_log(run: Run) -> None:
    db = os.environ["NETJOB_DB"]
    checked = 0
    for args in WRITES:
        run(*args, ok=True)
        stored, rebuilt = stored_and_rebuilt(db)
        assert stored == rebuilt, args
        checked += len(stored)
    assert checked > 100  # the summaries were there to compare


def test_imports_and_their_undo_keep_the_summaries_equal_to_the_log(
    run: Run, sample: None, tmp_path: Path
) -> None:
    db = os.environ["NETJOB_DB"]
    run("settings", "set", "me.emails", "me@example.org", ok=True)
    mail = tmp_path / "one.eml"
    mail.write_text(
        "From: Jane Doe <jane@acme.example>\nTo: me@example.org\nSubject: Re: hello\n"
        "Date: Tue, 17 Nov 2026 10:00:00 +0000\nMessage-ID: <a1@acme.example>\n\nHappy to talk.\n"
    )
    calendar = tmp_path / "cal.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e1@x\r\n"
        "DTSTART:20261124T100000Z\r\nSUMMARY:Chat with Jane Doe\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    for args in (
        ("import", "mail", str(mail)),
        ("import", "calendar", str(calendar)),
        ("undo", "--yes"),
        ("undo", "--yes"),
        ("import", "mail", str(mail)),
    ):
        run(*args, ok=True)
        stored, rebuilt = stored_and_rebuilt(db)
        assert stored == rebuilt, args
    store = open_store(db)
    kinds = [r["kind"] for r in store.rows("SELECT kind FROM interaction WHERE contact_id = 1")]
    store.close()
    assert kinds == ["reply"]


def test_a_missing_or_stale_summary_is_worked_out_as_it_is_read(
    run: Run, run_json: Any, sample: None
) -> None:
    run("log", "outreach", "Jane Doe", "--on", "2026-11-02", ok=True)
    before = run_json("next", "--all")
    store = open_store(os.environ["NETJOB_DB"])
    with store.transaction(journal=False):
        store.execute("UPDATE contact_summary SET version = 'old', log = 'not json'")
        store.execute("DELETE FROM contact_summary WHERE contact_id = 2")
    store.close()
    assert run_json("next", "--all") == before
    stored, rebuilt = stored_and_rebuilt(os.environ["NETJOB_DB"])
    assert stored == rebuilt and len(stored) == 4  # worked out again, and kept


@pytest.mark.sqlite_only
def test_a_read_only_database_works_out_its_summaries_without_keeping_them(
    run: Run, run_json: Any, sample: None, db_path: Path
) -> None:
    from datetime import date

    from netjob.db.store import DETECT_TYPES, Store
    from netjob.services.coach import daily

    run("log", "outreach", "Jane Doe", "--on", "2026-11-02", ok=True)
    before = run_json("next", "--all")
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM contact_summary")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, detect_types=DETECT_TYPES)
    conn.row_factory = sqlite3.Row
    day = date(2026, 11, 20)
    found = daily.daily_list(Store(conn, db_path), on=day, today=day, limit=None)
    conn.close()
    assert found.items == before
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM contact_summary").fetchone() == (0,)
    conn.close()


def test_the_stored_form_changes_only_with_its_version(run: Run) -> None:
    """The stored form of a known search, kept at this VERSION. A change to what a summary
    holds (the fields of ContactLog, the stages, their encoding) changes it: then bump
    summaries.VERSION, so that every stored summary is worked out again, and write
    ``tests/fixtures/summary-v<VERSION>.txt`` (NETJOB_WRITE_GOLDEN=1)."""
    for args in WRITES[:20]:
        run(*args, ok=True)
    store = open_store(os.environ["NETJOB_DB"])
    rows = store.rows("SELECT contact_id, log, stages FROM contact_summary ORDER BY contact_id")
    store.close()
    text = "\n".join(f"{r['contact_id']} {r['log']} {r['stages']}" for r in rows) + "\n"
    expected = FIXTURES / f"summary-v{summaries.VERSION}.txt"
    if os.environ.get("NETJOB_WRITE_GOLDEN"):
        expected.write_text(text, encoding="utf-8")
    assert expected.exists(), f"write {expected.name}: NETJOB_WRITE_GOLDEN=1"
    assert text == expected.read_text(encoding="utf-8"), "bump summaries.VERSION"
    assert stages.CONTACT_STAGES[1] in text


def test_a_replayed_day_takes_the_stored_summary_only_where_nothing_changed_since(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A past day's logs: the stored summary of whoever had all their log by then, the
    others worked out from the entries as they stood; the same as working out everyone."""
    from datetime import date, timedelta

    from netjob.engine import contact_log

    for n, args in enumerate(WRITES[:24]):  # lived over days: a chat booked, moved, held...
        monkeypatch.setenv(
            "NETJOB_TODAY", (date(2026, 11, 20) + timedelta(days=n // 5)).isoformat()
        )
        run(*args, ok=True)
    store = open_store(os.environ["NETJOB_DB"])
    try:
        rows = [
            (r["id"], r["version"], r["log"])
            for r in store.rows(
                "SELECT k.id, s.version, s.log FROM contact k "
                "LEFT JOIN contact_summary s ON s.contact_id = k.id"
            )
        ]
        entries: dict[int, list[contact_log.LogEntry]] = {r[0]: [] for r in rows}
        for r in store.rows("SELECT * FROM interaction WHERE contact_id IS NOT NULL"):
            entries[r["contact_id"]].append(summaries.log_entry(r))
        acted = store.rows(
            "SELECT i.contact_id, t.acted_on FROM tiara_note t JOIN interaction i "
            "ON i.id = t.interaction_id WHERE t.acted_on IS NOT NULL"
        )
        for n in range(0, 30, 2):
            day = date(2026, 11, 1) + timedelta(days=n)
            everyone = {
                k: contact_log.summarize(
                    contact_log.as_of(found, day),
                    [a["acted_on"] for a in acted if a["contact_id"] == k and a["acted_on"] <= day],
                )
                for k, found in entries.items()
            }
            assert summaries.replayed(store, day, rows) == everyone, day
    finally:
        store.close()
