"""What commands say they did: one line each, in words a person reads as written."""

from __future__ import annotations

import gc
import re
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Run


def test_added_contact_at_a_company_ending_in_a_full_stop_has_one(run: Run, sample: None) -> None:
    result = run("add", "contact", "Ada Byron", "--company", "acme", ok=True)
    assert result.stderr.splitlines()[0] == "Added contact #5 Ada Byron at Acme Inc."


def test_chat_move_and_cancel_say_what_they_did(run: Run, sample: None) -> None:
    run("log", "chat", "Jane Doe", "--at", "mon 10:00", ok=True)
    moved = run("chat", "move", "Jane Doe", "--at", "tue 11:00", ok=True)
    assert re.fullmatch(
        r"Moved; rebooked as chat #(\d+) — Jane Doe \(Acme Inc\.\), 2026-11-24 \[scheduled\] "
        r"at 11:00\.",
        moved.stderr.splitlines()[0],
    )
    cancelled = run("chat", "cancel", "Jane Doe", ok=True)
    assert re.fullmatch(
        r"Cancelled chat #\d+ — Jane Doe \(Acme Inc\.\), 2026-11-24 \[cancelled\] at 11:00\.",
        cancelled.stderr.splitlines()[0],
    )
    assert "Logged" not in moved.stderr + cancelled.stderr


def test_log_chat_says_what_fits_and_red_flags_it_stored(run: Run, sample: None) -> None:
    result = run(
        "log",
        "chat",
        "Jane Doe",
        "--on",
        "yesterday",
        "--fit",
        "culture=4",
        "--fit",
        "growth=5",
        "--red-flag",
        "long hours",
        "--no-edit",
        ok=True,
    )
    assert re.fullmatch(
        r"Logged chat #\d+ — Jane Doe \(Acme Inc\.\), 2026-11-19 \[held\]\. "
        r"Rated culture=4, growth=5; noted 1 red flag\.",
        result.stderr.splitlines()[0],
    )
    run("log", "chat", "Jane Roe", "--at", "mon 10:00", ok=True)
    done = run("chat", "done", "Jane Roe", "--red-flag", "a", "--red-flag", "b", "--no-edit")
    assert done.stderr.splitlines()[0].endswith("[held] at 10:00. Noted 2 red flags.")


def test_a_draft_written_to_a_file_takes_an_article(run: Run, sample: None, tmp_path) -> None:
    out = tmp_path / "draft.txt"
    result = run("draft", "Jane Doe", "--kind", "outreach", "-o", str(out), ok=True)
    assert result.stderr.splitlines()[0] == f"Wrote an outreach draft for Jane Doe to {out}."


HOLIDAYS_HINT = (  # two lines, each within 80 columns
    "No holidays are set, so business days count them as working days.\n"
    "  netjob settings set holidays CC   (a country code: US, GB, DE-BY...)\n"
)


def test_the_first_next_suggests_setting_holidays_once(run: Run, sample: None) -> None:
    quiet = run("next", "--json", ok=True)  # never in JSON, and it does not use it up
    assert HOLIDAYS_HINT not in quiet.stderr + quiet.stdout
    first = run("next", ok=True)
    assert first.stderr.count(HOLIDAYS_HINT) == 1
    assert HOLIDAYS_HINT not in first.stdout
    for args in (["next"], ["next", "--all"], ["next", "--on", "mon"]):
        assert HOLIDAYS_HINT not in run(*args, ok=True).stderr  # the days after
    assert "_holiday" not in run("settings", "list").stdout
    assert run("undo", "--list", "--json").stdout.count('"next') == 0  # nothing to undo


def test_the_hint_travels_with_an_export(run: Run, sample: None, tmp_path: Path) -> None:
    assert HOLIDAYS_HINT in run("next", ok=True).stderr
    exported = tmp_path / "all.json"
    run("export", "json", "-o", str(exported), ok=True)
    copy = str(tmp_path / "copy.db")
    run("--db", copy, "import", "json", str(exported), ok=True)
    assert HOLIDAYS_HINT not in run("--db", copy, "next", ok=True).stderr


def test_no_holidays_hint_once_they_are_set(run: Run, sample: None) -> None:
    run("settings", "set", "holidays", "2026-12-24,2026-12-31", ok=True)
    assert HOLIDAYS_HINT not in run("next", ok=True).stderr


@pytest.mark.sqlite_only
def test_a_read_only_database_gets_no_hint_and_no_write(
    run: Run, sample: None, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjob.cli import coach
    from netjob.db.store import DETECT_TYPES, Store

    gc.collect()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = DELETE")  # all in the one file
    conn.close()
    before = db_path.read_bytes()
    # A file the user may only read (tests run as root, where chmod does not stop writes).
    readonly = sqlite3.connect(
        f"file:{db_path}?mode=ro", uri=True, isolation_level=None, detect_types=DETECT_TYPES
    )
    readonly.row_factory = sqlite3.Row
    writable = coach.open_store
    monkeypatch.setattr(coach, "open_store", lambda: Store(readonly, db_path))
    result = run("next", ok=True)
    readonly.close()
    monkeypatch.setattr(coach, "open_store", writable)  # (undo() would drop NETJOB_DB too)
    assert "Add 37 more target employers" in result.stdout  # the list itself is shown
    assert HOLIDAYS_HINT not in result.stderr
    assert db_path.read_bytes() == before
    assert HOLIDAYS_HINT in run("next", ok=True).stderr  # writable again: shown, once
