"""`netjob edit entry` and `netjob remove entry`: a wrong entry is put right one at a time,
and `next` follows at once (METHOD section 7); lived through the days."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.conftest import Run, error_line


def items(run: Run) -> list[tuple[str, str, str]]:
    found = json.loads(run("next", "--all", "--json", ok=True).stdout)
    return [(i["rule"], i["subject"], i["due"]) for i in found]


def timeline(run: Run, who: str, *args: str) -> list[dict[str, Any]]:
    return list(json.loads(run("timeline", who, *args, "--json", ok=True).stdout)["entries"])


def entry_id(run: Run, who: str, kind: str, *args: str) -> str:
    return str(next(e["id"] for e in timeline(run, who, *args) if e["kind"] == kind))


def test_a_message_dated_wrong_is_put_right_and_its_follow_up_comes_on_time(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)  # sent on Mon 9 Nov, logged as today
    on_day("2026-11-18")
    assert [r for r, _, _ in items(run)] == []
    sent = entry_id(run, "Ann Lee", "outreach")
    said = run("edit", "entry", sent, "--on", "2026-11-09", "--channel", "email", ok=True)
    assert said.stderr.startswith(f"Changed outreach #{sent} — Ann Lee (Acme), 2026-11-09.\n")
    shown = timeline(run, "Ann Lee")[0]
    assert (shown["on"], shown["channel"]) == ("2026-11-09", "email")
    assert items(run) == [
        ("3b-second-contact", "Ben Cho", "2026-11-12"),  # three business days after the 9th
        ("7b-follow-up", "Ann Lee", "2026-11-18"),
    ]


def test_a_reply_logged_by_mistake_is_removed_and_the_timers_run_again(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)
    on_day("2026-11-17")
    run("log", "reply", "Ann Lee", ok=True)  # it was someone else
    assert [r for r, _, _ in items(run)] == ["reply"]
    on_day("2026-11-19")
    assert [r for r, _, _ in items(run)] == ["reply"]  # engaged: no second person
    reply = entry_id(run, "Ann Lee", "reply")
    assert error_line(run("remove", "entry", reply)) == (
        f"Error: Removing entry #{reply} needs confirmation: pass --yes."
    )
    said = run("remove", "entry", reply, "--yes", ok=True).stderr
    assert said.startswith(f"Removed reply #{reply} — Ann Lee (Acme), 2026-11-17.")
    assert items(run) == [("3b-second-contact", "Ben Cho", "2026-11-19")]
    assert [e["kind"] for e in timeline(run, "Ann Lee")] == ["outreach"]

    undone = run("undo", "--yes", ok=True).stderr
    assert undone.startswith(f"Undid `netjob remove entry {reply} --yes`")
    assert [r for r, _, _ in items(run)] == ["reply"]


def test_each_kind_takes_its_own_fields_and_bad_values_change_nothing(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-20")
    run("log", "outreach", "Ann Lee", "--on", "2026-11-09", ok=True)
    run("log", "reply", "Ann Lee", "--on", "2026-11-10", ok=True)
    run("log", "chat", "Ann Lee", "--at", "2026-11-12 10:00", "--no-edit", ok=True)
    run("log", "chat", "Ann Lee", "--at", "2026-11-26 15:00", ok=True)
    run("log", "apply", "Acme", "--via", "Ann Lee", "--role", "Analyst", ok=True)
    run("log", "stage", "Acme", "interviewing", ok=True)
    held = next(e for e in timeline(run, "Ann Lee") if e["status"] == "held")["id"]
    ahead = next(e for e in timeline(run, "Ann Lee") if e["status"] == "scheduled")["id"]
    applied = entry_id(run, "Acme", "application", "--company")
    stage = entry_id(run, "Acme", "stage", "--company")
    status = entry_id(run, "Acme", "status", "--company")
    before = (timeline(run, "Ann Lee"), timeline(run, "Acme", "--company"))

    refused = [
        (["edit", "entry", "999", "--note", "x"],
         "No log entry #999; `netjob timeline NAME` shows the entries and their ids."),
        (["edit", "entry", str(held)],
         "Nothing to change: give --on, --note, or the entry's own fields (--at for a chat, "
         "--channel for a message, --role and --url for an application, --stage)."),
        (["edit", "entry", str(held), "--channel", "email"],
         f"Entry #{held} is a chat: it has no --channel (it takes --at, --note, --on)."),
        (["edit", "entry", applied, "--stage", "offer"],
         f"Entry #{applied} is an application: it has no --stage (it takes --note, --on, "
         "--role, --url)."),
        (["edit", "entry", str(ahead), "--at", "16:00"],
         f"Entry #{ahead} is a chat ahead: move it with `netjob chat move NAME --at "
         "DATETIME`."),
        (["edit", "entry", str(held), "--on", "tomorrow"],
         "An entry cannot be dated in the future (2026-11-21); use today or an earlier date."),
        (["edit", "entry", applied, "--url", "not a url"],
         "'not a url' is not a valid posting URL (expected https://example.com/... or "
         "example.com)."),
        (["edit", "entry", status, "--note", "x"],
         f"Entry #{status} is a status change, part of the company's record; change the "
         "status with `netjob edit company NAME --status STATUS`."),
        (["remove", "entry", status, "--yes"],
         f"Entry #{status} is a status change, part of the company's record; change the "
         "status with `netjob edit company NAME --status STATUS`."),
    ]  # fmt: skip
    for args, message in refused:
        result = run(*args)
        assert (result.exit_code, error_line(result)) == (1, f"Error: {message}"), args
    assert (timeline(run, "Ann Lee"), timeline(run, "Acme", "--company")) == before

    run("edit", "entry", str(held), "--on", "2026-11-13", "--at", "9:30", ok=True)
    run("edit", "entry", applied, "--role", "Data Analyst", "--url", "https://acme.example/j/1")
    run("edit", "entry", stage, "--stage", "offer", "--note", "verbal", ok=True)
    moved = next(e for e in timeline(run, "Ann Lee") if e["id"] == held)
    assert (moved["on"], moved["time"]) == ("2026-11-13", "09:30")
    company = {e["id"]: e for e in timeline(run, "Acme", "--company")}
    assert (company[int(applied)]["detail"], company[int(applied)]["url"]) == (
        "Data Analyst",
        "https://acme.example/j/1",
    )
    assert (company[int(stage)]["detail"], company[int(stage)]["note"]) == ("offer", "verbal")
    funnel = json.loads(run("pipeline", "--json", ok=True).stdout)["companies"]
    assert [(c["name"], c["application_stage"]) for c in funnel] == [("Acme", "offer")]
    run("edit", "entry", stage, "--note", "", ok=True)  # "" clears a note
    assert {e["id"]: e for e in timeline(run, "Acme", "--company")}[int(stage)]["note"] is None


def test_an_entry_with_notes_and_leads_is_removed_only_with_cascade(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", "--on", "2026-11-09", ok=True)
    run("log", "reply", "Ann Lee", "--on", "2026-11-10", ok=True)
    chat = ("--at", "2026-11-12 10:00", "--advice", "learn dbt", "--fit", "culture=4")
    run("log", "chat", "Ann Lee", *chat, "--lead", "Kim Park@Acme", "--no-edit", ok=True)
    held = entry_id(run, "Ann Lee", "chat")
    assert ("lead", "Kim Park", "2026-11-16") in items(run)
    assert error_line(run("remove", "entry", held, "--yes")) == (
        f"Error: Entry #{held} has 1 TIARA note, 1 rating and the lead Kim Park resting on "
        f"it; to remove them with it: netjob remove entry {held} --cascade (contacts made "
        "from leads stay)."
    )
    said = run("remove", "entry", held, "--cascade", "--yes", ok=True).stderr
    assert said.startswith(
        f"Removed chat #{held} — Ann Lee (Acme), 2026-11-12 [held] at 10:00, with 1 TIARA "
        "note, 1 rating and the lead Kim Park."
    )
    assert [e["kind"] for e in timeline(run, "Ann Lee")] == ["reply", "outreach"]
    kim = json.loads(run("show", "contact", "Kim Park", "--json", ok=True).stdout)
    assert (kim["name"], kim["referred_by"]) == ("Kim Park", "Ann Lee")  # she stays
    assert [r for r, s, _ in items(run) if s == "Kim Park"] == ["lead"]  # Ann named her
    assert [r for r, s, _ in items(run) if s == "Ann Lee"] == ["reply"]  # owed again
