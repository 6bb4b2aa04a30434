"""Logging the search through the CLI: stored rows, history, warnings, errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import Run, error_line
from tests.dbutil import rows


def stages(run_json, kind: str, name: str) -> list[tuple[str, str]]:
    return [(h["stage"], h["on"]) for h in run_json("show", kind, name)["history"]]


def test_outreach_then_follow_up(run: Run, run_json, sample: None, db_path: Path) -> None:
    first = run_json("log", "outreach", "Jane Doe", "--channel", "linkedin", "--on", "mon")
    assert (first["kind"], first["on"], first["channel"], first["contact"], first["company"]) == (
        "outreach",
        "2026-11-16",
        "linkedin",
        "Jane Doe",
        "Acme Inc.",
    )
    assert first["warnings"] == []
    second = run_json("log", "outreach", "jane doe")
    assert (second["kind"], second["on"]) == ("follow_up", "2026-11-20")
    forced = run_json("log", "outreach", "Sam Lee", "--follow-up")
    assert forced["kind"] == "follow_up"
    human = run("log", "outreach", "Bob Stone", ok=True)
    assert "Logged outreach #5 — Bob Stone, 2026-11-20." in human.stderr
    assert rows(
        db_path, "SELECT kind, contact_id FROM interaction WHERE kind != 'status' ORDER BY id"
    ) == [
        ("outreach", 1),
        ("follow_up", 1),
        ("follow_up", 3),
        ("outreach", 4),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["log", "outreach", "Jane Doe", "--on", "tomorrow"],
            "An outreach cannot be dated in the future (2026-11-21); use today or an earlier date.",
        ),
        (
            ["log", "reply", "Jane Doe", "--on", "+1d"],
            "A reply cannot be dated in the future (2026-11-21); use today or an earlier date.",
        ),
        (
            ["log", "reply", "Jane Doe", "--on", "someday"],
            "'someday' is not a date; accepted: YYYY-MM-DD, today, yesterday, tomorrow, +3d, -2w "
            "or a weekday like mon.",
        ),
        (
            ["log", "thanks", "Jane Doe"],
            "No held chat with Jane Doe on or before 2026-11-20 to thank them for; log the chat "
            'first: netjob log chat "Jane Doe".',
        ),
        (
            ["log", "chat", "Jane Doe", "--at", "whenever"],
            "'whenever' is not a date and time; accepted: a date (YYYY-MM-DD, today, yesterday, "
            "tomorrow, +3d, -2w or a weekday like mon) optionally followed by a time (HH:MM "
            "(24-hour) or 2pm / 9:30am).",
        ),
        (
            ["log", "chat", "Jane Doe", "--at", "tomorrow 10:00", "--advice", "x"],
            "TIARA notes, leads and ratings belong to a chat that happened; log them when it "
            "is done with `netjob chat done CONTACT ...`.",
        ),
        (
            ["log", "chat", "Jane Doe", "--on", "yesterday", "--fit", "cultre=4"],
            "No criterion named 'cultre'. Did you mean 'culture'? Add one with `netjob criteria "
            "add NAME --weight 1-5`.",
        ),
        (
            ["log", "chat", "Jane Doe", "--on", "yesterday", "--fit", "culture=6"],
            "The score for culture must be a whole number from 1 to 5, not 6.",
        ),
        (
            ["log", "chat", "Jane Doe", "--on", "yesterday", "--fit", "culture"],
            "'culture' is not a rating; write CRITERION=SCORE, e.g. culture=4.",
        ),
        (
            ["log", "chat", "Bob Stone", "--on", "yesterday", "--fit", "culture=4"],
            "Bob Stone has no company, so there is nothing to rate; set one with `netjob edit "
            "contact 'Bob Stone' --company NAME`.",
        ),
        (
            ["log", "chat", "Jane Doe", "--on", "yesterday", "--lead", "Kim@Nowhere Ltd"],
            "'Nowhere Ltd' is not on your company list. Pass --create-company to add it, or add "
            "it first with `netjob add company`.",
        ),
        (
            ["log", "chat", "Jane Doe", "--at", "tomorrow", "--held"],
            "A chat on 2026-11-21 has not happened yet; drop --held.",
        ),
        (
            ["log", "referral", "Bob Stone"],
            "Bob Stone has no company; say where they referred you with --company NAME.",
        ),
        (
            ["log", "stage", "Globex", "offer"],
            "No application at Globex yet; log it first: "
            'netjob log apply "Globex" [--via CONTACT].',
        ),
        (
            ["log", "apply", "Globex", "--url", "not a url"],
            "'not a url' is not a valid posting URL (expected https://example.com/... or "
            "example.com).",
        ),
        (["log", "note", "Jane Doe", "  "], "A note needs some text."),
        (
            ["chat", "done", "Jane Doe"],
            "No scheduled chat with Jane Doe. Log one that happened with `netjob log chat "
            '"Jane Doe" --on DATE`.',
        ),
        (
            ["advice", "done", "99"],
            "No advice #99. Advice ids are shown by `netjob timeline CONTACT`.",
        ),
        (
            ["undo", "--yes"],
            "Nothing to undo: no command is recorded (undo keeps the last 50 commands that "
            "changed something).",
        ),
    ],
)
def test_bad_log_input_writes_nothing(
    run: Run, sample: None, db_path: Path, args: list[str], message: str
) -> None:
    before = rows(db_path, "SELECT COUNT(*) FROM interaction")
    contacts = rows(db_path, "SELECT COUNT(*) FROM contact")
    if args[0] == "undo":
        from netjob.db.open import open_store

        store = open_store(os.environ["NETJOB_DB"])
        store.execute("DELETE FROM journal")  # as if the journal had never recorded the sample
        store.close()
    result = run(*args)
    assert result.exit_code == 1
    assert error_line(result) == f"Error: {message}"
    assert rows(db_path, "SELECT COUNT(*) FROM interaction") == before
    assert rows(db_path, "SELECT COUNT(*) FROM contact") == contacts


def test_scheduled_chat_then_done_with_tiara_leads_and_fit(
    run: Run, run_json, sample: None, db_path: Path
) -> None:
    planned = run_json("log", "chat", "Jane Doe", "--at", "tue 14:00")
    assert (planned["status"], planned["on"], planned["time"]) == (
        "scheduled",
        "2026-11-24",
        "14:00",
    )
    today_later = run_json("log", "chat", "Jane Roe", "--at", "16:30")
    assert (today_later["status"], today_later["on"]) == ("scheduled", "2026-11-20")
    moved = run_json("chat", "move", "Jane Doe", "--at", "wed 9am")
    assert (moved["on"], moved["time"], moved["status"]) == ("2026-11-25", "09:00", "scheduled")
    assert moved["id"] != planned["id"]  # the old plan stays in the log, as moved
    done = run_json(
        "chat",
        "done",
        "Jane Doe",
        "--on",
        "2026-11-19",
        "--trend",
        "AI everywhere",
        "--advice",
        "Learn dbt",
        "--advice",
        "Talk to Kim",
        "--lead",
        "Kim Park@Acme",
        "--lead",
        "Lou Ng@Hooli",
        "--create-company",
        "--fit",
        "culture=4",
        "--fit",
        "Growth=5",
        "--red-flag",
        "long hours are normal",
        "--note",
        "warm",
    )
    assert (done["status"], done["on"], done["note"]) == ("held", "2026-11-19", "warm")
    assert [(t["kind"], t["text"]) for t in done["tiara"]] == [
        ("trend", "AI everywhere"),
        ("advice", "Learn dbt"),
        ("advice", "Talk to Kim"),
    ]
    assert [lead["name"] for lead in done["leads"]] == ["Kim Park", "Lou Ng"]
    kim = run_json("show", "contact", "Kim Park")
    assert (kim["company"], kim["referred_by"], kim["how"]) == ("Acme Inc.", "Jane Doe", "referral")
    assert run_json("show", "contact", "Lou Ng")["company"] == "Hooli"
    fit = run_json("show", "company", "acme")["fit"]
    assert [(c["criterion"], c["score"], c["chat_id"]) for c in fit["criteria"]] == [
        ("culture", 4, done["id"]),
        ("growth", 5, done["id"]),
    ]
    assert (fit["score"], fit["chats"]) == (4.5, 1)
    assert [f["text"] for f in fit["red_flags"]] == ["long hours are normal"]
    cancelled = run_json("chat", "cancel", "Jane Roe")
    assert cancelled["status"] == "cancelled"
    assert error_line(run("chat", "cancel", "Jane Roe")).startswith(
        "Error: No scheduled chat with Jane Roe."
    )


def test_advice_done_and_thanks(run: Run, run_json, sample: None) -> None:
    chat = run_json("log", "chat", "Jane Doe", "--on", "wed", "--advice", "Read the eng blog")
    advice_id = chat["tiara"][0]["id"]
    thanks = run_json("log", "thanks", "Jane Doe")
    assert thanks["kind"] == "thanks"
    acted = run_json("advice", "done", str(advice_id))
    assert acted == {
        "id": advice_id,
        "text": "Read the eng blog",
        "acted_on": "2026-11-20",
        "contact_id": 1,
        "contact": "Jane Doe",
    }
    timeline = run_json("timeline", "Jane Doe")
    assert timeline["entries"][1]["tiara"][0]["acted_on"] == "2026-11-20"
    out = run("timeline", "Jane Doe", ok=True).stdout
    assert f"advice #{advice_id}: Read the eng blog (acted on 2026-11-20)" in out


def test_contact_history_counts_from_entry_dates(run_json, sample: None) -> None:
    run_json("log", "outreach", "Jane Doe", "--on", "2026-11-10")
    run_json("log", "chat", "Jane Doe", "--on", "2026-11-13")
    run_json("log", "reply", "Jane Doe", "--on", "2026-11-11")  # back-dated, typed later
    run_json("log", "referral", "Jane Doe", "--role", "Data Engineer", "--on", "2026-11-18")
    assert stages(run_json, "contact", "Jane Doe") == [
        ("identified", "2026-11-10"),
        ("contacted", "2026-11-10"),
        ("replied", "2026-11-11"),
        ("chatted", "2026-11-13"),
        ("referred", "2026-11-18"),
    ]


def test_company_history_keeps_the_furthest_stage(run: Run, run_json, sample: None) -> None:
    run_json("log", "apply", "Globex", "--role", "Analyst", "--on", "2026-11-02")
    run_json("log", "stage", "Globex", "interviewing", "--on", "2026-11-09")
    run_json("log", "stage", "Globex", "rejected", "--on", "2026-11-16")
    run("edit", "company", "Globex", "--status", "closed", ok=True)
    assert stages(run_json, "company", "globex") == [
        ("backlog", "2026-11-02"),
        ("applied", "2026-11-02"),
        ("interviewing", "2026-11-09"),
        ("rejected", "2026-11-16"),
        ("closed", "2026-11-20"),
    ]


def test_cold_application_warnings(run: Run, run_json, sample: None) -> None:
    run_json("log", "outreach", "Jane Doe", "--on", "2026-10-01")
    cold = run_json("log", "apply", "acme", "--role", "Analyst")
    assert cold["warnings"] == [
        "You are networking at Acme Inc. (you wrote to Jane Doe on 2026-10-01). Applying cold "
        "now tells them you did not care about their view; ask them about the role and apply "
        "through them instead (--via CONTACT)."
    ]
    assert cold["via"] is None and cold["detail"] == "Analyst"
    referred = run_json("log", "apply", "acme", "--via", "Jane Doe")
    assert referred["warnings"] == [] and referred["via"] == "Jane Doe"
    old = run_json("log", "apply", "globex", "--on", "2026-08-01")
    assert old["warnings"] == []
    result = run("log", "outreach", "Jane Roe")
    assert result.exit_code == 0
    assert "Warning: You applied cold to Globex on 2026-08-01." in result.stderr


def test_apply_outside_the_60_day_window_does_not_warn(run_json, sample: None) -> None:
    run_json("log", "outreach", "Jane Doe", "--on", "2026-09-20")
    assert run_json("log", "apply", "acme")["warnings"] == []


def test_notes_on_contacts_and_companies(run_json, sample: None) -> None:
    on_contact = run_json("log", "note", "Jane Doe", "moving teams")
    assert (on_contact["contact"], on_contact["note"]) == ("Jane Doe", "moving teams")
    on_company = run_json("log", "note", "--company", "Initech", "hiring freeze")
    assert (on_company["contact"], on_company["company"]) == (None, "Initech")


def test_timeline_is_newest_first_by_date(run: Run, run_json, sample: None) -> None:
    run_json("log", "outreach", "Sam Lee", "--on", "2026-11-12")
    run_json("log", "outreach", "Jane Doe", "--on", "2026-11-16")
    run_json("log", "reply", "Sam Lee", "--on", "2026-11-13")
    company = run_json("timeline", "--company", "acme")
    assert [(e["kind"], e["contact"], e["on"]) for e in company["entries"]] == [
        ("status", None, "2026-11-20"),
        ("outreach", "Jane Doe", "2026-11-16"),
        ("reply", "Sam Lee", "2026-11-13"),
        ("outreach", "Sam Lee", "2026-11-12"),
    ]
    out = run("timeline", "Sam Lee", ok=True).stdout
    assert out.index("reply") < out.index("outreach")
    assert "History: identified 2026-11-12  ->  contacted 2026-11-12  ->  replied 2026-11-13" in out


def test_undo_removes_the_latest_entry_and_its_leads(
    run: Run, run_json, sample: None, db_path: Path
) -> None:
    run_json("log", "outreach", "Jane Doe")
    run_json(
        "log", "chat", "Jane Doe", "--on", "today", "--lead", "Kim Park@Acme", "--fit", "culture=2"
    )
    refused = run("undo")
    assert error_line(refused).startswith(
        "Error: Undoing `netjob log chat 'Jane Doe' --on today --lead 'Kim Park@Acme' --fit "
        "culture=2 --json` of 2026-11-20 "
    )
    assert error_line(refused).endswith(
        "(added 1 contact, 1 log entry, 1 fit score) needs confirmation: pass --yes."
    )
    removed = run("undo", "--yes", ok=True)
    assert "Undid `netjob log chat 'Jane Doe'" in removed.stderr
    assert rows(db_path, "SELECT COUNT(*) FROM contact WHERE name = 'Kim Park'") == [(0,)]
    assert rows(db_path, "SELECT COUNT(*) FROM fit_score") == [(0,)]
    assert stages(run_json, "contact", "Jane Doe") == [
        ("identified", "2026-11-20"),
        ("contacted", "2026-11-20"),
    ]


def test_undo_of_a_status_change_restores_the_status(run: Run, run_json, sample: None) -> None:
    run("edit", "company", "Globex", "--status", "active", ok=True)
    assert run_json("show", "company", "globex")["status"] == "active"
    run("undo", "--yes", ok=True)
    shown = run_json("show", "company", "globex")
    assert shown["status"] == "backlog"
    assert [h["stage"] for h in shown["history"]] == ["backlog"]


def test_chat_notes_from_the_editor(
    run: Run, run_json, sample: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "fake-editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        "cat > \"$1\" <<'NOTES'\n"
        "# comment lines are ignored\n"
        "Trends:\n- consolidation\n"
        "Advice:\n- ship a portfolio project\n- talk to the data team\n"
        "Notes:\nvery friendly\n"
        "NOTES\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setattr("netjob.cli.base.is_interactive", lambda: True)
    logged = run_json("log", "chat", "Jane Doe", "--on", "yesterday")
    assert [(t["kind"], t["text"]) for t in logged["tiara"]] == [
        ("trend", "consolidation"),
        ("advice", "ship a portfolio project"),
        ("advice", "talk to the data team"),
    ]
    assert logged["note"] == "very friendly"


def test_an_empty_editor_file_records_nothing(
    run: Run, sample: None, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "empty-editor.sh"
    script.write_text('#!/bin/sh\n: > "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setattr("netjob.cli.base.is_interactive", lambda: True)
    before = rows(db_path, "SELECT COUNT(*) FROM interaction")
    result = run("log", "chat", "Jane Doe", "--on", "yesterday")
    assert error_line(result) == (
        "Error: Empty notes: the chat was not recorded. Run again, or pass --no-edit."
    )
    assert rows(db_path, "SELECT COUNT(*) FROM interaction") == before
    no_edit = run("log", "chat", "Jane Doe", "--on", "yesterday", "--no-edit", ok=True)
    assert "Logged chat" in no_edit.stderr


def test_criteria_and_rate(run: Run, run_json, sample: None) -> None:
    names = [c["name"] for c in run_json("criteria", "list")]
    assert names == ["culture", "growth", "mission", "team", "work-life balance"]
    run_json("criteria", "add", "Remote Work", "--weight", "5")
    assert error_line(run("criteria", "add", "remote work")) == (
        "Error: 'remote work' is already a criterion (weight 5); change its weight with "
        "`netjob criteria weight 'remote work' N`."
    )
    assert error_line(run("criteria", "add", "x", "--weight", "9")) == (
        "Error: The weight must be a whole number from 1 to 5, not 9."
    )
    run_json("criteria", "weight", "culture", "1")
    run_json("rate", "globex", "remote=4", "culture=2", "--on", "2026-11-01")
    fit = run_json("rate", "globex", "culture=5", "--red-flag", "vague growth path")
    # Latest culture score (5, weight 1) and remote work (4, weight 5): (5*1 + 4*5) / 6
    assert fit["score"] == round(25 / 6, 2)
    assert [(c["criterion"], c["score"], c["scored_on"]) for c in fit["criteria"]] == [
        ("Remote Work", 4, "2026-11-01"),
        ("culture", 5, "2026-11-20"),
    ]
    assert fit["chats"] == 0
    assert error_line(run("criteria", "remove", "team")) == (
        "Error: Removing 'team' needs confirmation: pass --yes."
    )
    result = run("criteria", "remove", "cult", "--yes", ok=True)
    assert "Removed criterion 'culture' and its 2 score(s)." in result.stderr
    assert [c["criterion"] for c in run_json("show", "company", "globex")["fit"]["criteria"]] == [
        "Remote Work"
    ]
    assert error_line(run("rate", "globex")) == (
        "Error: Give at least one CRITERION=SCORE or --red-flag TEXT."
    )


def test_show_company_human_view_has_fit_and_history(run: Run, run_json, sample: None) -> None:
    run_json("rate", "acme", "culture=4")
    out = run("show", "company", "acme", ok=True).stdout
    assert "Fit: 4.00 / 5 on 1 criterion, from 0 chats" in out
    assert "History: backlog 2026-11-20  ->  active 2026-11-20" in out


def test_a_scheduled_chat_takes_a_plain_note(
    run: Run, sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged = run(
        "log", "chat", "Jane Doe", "--at", "tue 14:00", "--note", "Teams, 20 min", "--json"
    )
    entry = json.loads(logged.stdout)
    assert (entry["status"], entry["on"], entry["time"], entry["note"]) == (
        "scheduled",
        "2026-11-24",
        "14:00",
        "Teams, 20 min",
    )
    monkeypatch.setenv("NETJOB_TODAY", "2026-11-23")  # the business day before: prepare
    found = json.loads(run("next", "--json", ok=True).stdout)
    assert [i["rule"] for i in found if i["subject"] == "Jane Doe"] == ["prepare"]
