"""What commands say they did: one line each, in words a person reads as written."""

from __future__ import annotations

import re

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
