"""METHOD section 7 through the CLI: each state of a person and an employer, lived day by
day with ``NETJOB_TODAY`` set per step, asserting the exact items of each day (what `next`
may ask, and so what it must never ask)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Run

Items = list[tuple[str, str, str]]


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def set_today(day: str) -> None:
        monkeypatch.setenv("NETJOB_TODAY", day)

    return set_today


def listed(run: Run, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run("next", "--all", "--json", *args, ok=True).stdout)
    return found


def items(run: Run, *args: str) -> Items:
    return [(i["rule"], i["subject"], i["due"]) for i in listed(run, *args)]


def action(run: Run, rule: str) -> str:
    return next(str(i["action"]) for i in listed(run) if i["rule"] == rule)


@pytest.fixture
def acme(run: Run, on_day: Callable[[str], None]) -> None:
    """Mon 16 Nov: Acme active with Ann (alumni) and Ben (cold); Globex waits in the backlog."""
    on_day("2026-11-16")
    for key, value in [("target_companies", "2"), ("active_companies", "1")]:
        run("settings", "set", key, value, ok=True)
    run("add", "company", "Acme", "--motivation", "3", "--posting", "3", ok=True)
    run("edit", "company", "Acme", "--status", "active", ok=True)
    run("add", "company", "Globex", "--motivation", "2", "--posting", "2", ok=True)
    run("add", "contact", "Ben Cho", "--company", "Acme", "--how", "cold", ok=True)
    run("add", "contact", "Ann Lee", "--company", "Acme", "--how", "alumni", ok=True)


def test_not_written_waiting_followed_up_unresponsive_and_a_dry_employer(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    # Not written to: write to them (the best first: an alum before a cold name), one at a time.
    assert items(run) == [("write", "Ann Lee", "2026-11-16")]

    on_day("2026-11-20")  # Friday: the first message
    run("log", "outreach", "Ann Lee", ok=True)
    assert items(run) == []  # waiting: no follow-up yet, no second person yet
    on_day("2026-11-24")
    assert items(run) == []
    on_day("2026-11-25")  # employer waiting: 3 business days, one more person
    assert items(run) == [("3b-second-contact", "Ben Cho", "2026-11-25")]
    assert action(run, "3b-second-contact") == "Write to Ben Cho, a second person at Acme"
    run("log", "outreach", "Ben Cho", ok=True)
    assert items(run) == []

    on_day("2026-11-30")  # 3 business days after Ben, and nobody left to write to
    find = ("3b-second-contact", "Acme", "2026-11-30")
    assert items(run) == [find]
    assert action(run, "3b-second-contact") == "Find a third person to write to at Acme"
    on_day("2026-12-01")  # waiting: the one follow-up after 7 business days
    assert items(run) == [find, ("7b-follow-up", "Ann Lee", "2026-12-01")]
    followed = json.loads(run("log", "outreach", "Ann Lee", "--json", ok=True).stdout)
    assert followed["kind"] == "follow_up"
    assert items(run) == [find]  # followed up: nothing about Ann, never a second follow-up
    on_day("2026-12-04")
    assert items(run) == [find, ("7b-follow-up", "Ben Cho", "2026-12-04")]
    run("log", "outreach", "Ben Cho", ok=True)
    for day in ("2026-12-07", "2026-12-10", "2026-12-14"):
        on_day(day)  # Ann is unresponsive from 10 Dec: no third message, ever
        assert items(run) == [find], day
    assert json.loads(run("show", "contact", "Ann Lee", "--json", ok=True).stdout)["state"] == (
        "unresponsive"
    )

    on_day("2026-12-15")  # everyone quiet, nobody left: dry
    assert items(run) == [("dry", "Acme", "2026-12-15")]
    assert action(run, "dry") == "Close Acme and start on the next employer in LAMP order"
    run("edit", "company", "Acme", "--status", "closed", ok=True)
    assert items(run) == [
        ("activate", "Globex", "2026-12-15"),
        ("targets", "your list", "2026-12-15"),  # one of two targets left
    ]

    on_day("2026-12-16")  # a reply brings an unresponsive person back to answered
    run("log", "reply", "Ann Lee", ok=True)
    assert ("reply", "Ann Lee", "2026-12-17") in items(run)


def test_answered_scheduling_chat_ahead_not_recorded_and_talked(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    run("log", "outreach", "Ann Lee", ok=True)  # Mon 16 Nov
    on_day("2026-11-17")
    run("log", "reply", "Ann Lee", ok=True)
    # Answered: reply within a business day, with times (you never talked).
    assert items(run) == [("reply", "Ann Lee", "2026-11-18")]
    assert action(run, "reply") == "Reply to Ann Lee with two or three times for a 20-minute chat"
    on_day("2026-11-19")  # the employer is engaged: no second person, no 3B
    assert items(run) == [("reply", "Ann Lee", "2026-11-18")]

    run("log", "update", "Ann Lee", "--note", "sent times", ok=True)
    assert items(run) == []  # scheduling
    on_day("2026-11-23")  # 2 business days after writing back: one nudge
    assert items(run) == [("settle-time", "Ann Lee", "2026-11-23")]
    run("log", "update", "Ann Lee", "--note", "nudge", ok=True)
    on_day("2026-11-25")  # no 7B follow-up, no second nudge
    assert items(run) == []

    run("log", "chat", "Ann Lee", "--at", "mon 10:00", ok=True)  # Wed 25 for Mon 30
    assert items(run) == []
    on_day("2026-11-26")
    assert items(run) == []
    on_day("2026-11-27")  # chat ahead: prepare from the business day before
    assert items(run) == [("prepare", "Ann Lee", "2026-11-30")]
    on_day("2026-11-30")
    assert items(run) == [("prepare", "Ann Lee", "2026-11-30")]
    on_day("2026-12-01")  # chat not recorded: say what happened, no thank-you yet
    assert items(run) == [("chat-done", "Ann Lee", "2026-12-01")]

    run(
        "chat",
        "done",
        "Ann Lee",
        "--advice",
        "learn dbt",
        "--lead",
        "Kim Park@Acme",
        "--ask-referral",
        "--no-edit",
        ok=True,
    )
    # Talked: thank-you within 24 hours, and the name you were given, from today.
    assert items(run) == [
        ("thanks", "Ann Lee", "2026-12-01"),
        ("lead", "Kim Park", "2026-12-01"),
    ]
    on_day("2026-12-02")
    run("log", "reply", "Ann Lee", "--note", "you're welcome", ok=True)
    answered = [i for i in listed(run) if i["subject"] == "Ann Lee"]
    assert [(i["rule"], i["action"]) for i in answered] == [
        ("thanks", "Send Ann Lee a thank-you note"),
        ("reply", "Answer Ann Lee: you are in a conversation"),  # never "times for a chat"
    ]
    run("log", "thanks", "Ann Lee", ok=True)
    run("log", "outreach", "Kim Park", ok=True)
    assert items(run) == []
    on_day("2026-12-03")  # Acme is engaged: no "second contact" there
    assert items(run) == []
    on_day("2026-12-08")  # referral ask, about a week after the chat
    assert items(run) == [("referral-ask", "Ann Lee", "2026-12-07")]
    on_day("2026-12-11")  # Kim's own thread, started after hearing from Ann: one follow-up
    assert items(run) == [
        ("7b-follow-up", "Kim Park", "2026-12-11"),
        ("referral-ask", "Ann Lee", "2026-12-07"),
    ]

    # Replays show what each day showed: the chat was booked on the 25th, not on its day.
    assert items(run, "--on", "2026-11-17") == [("reply", "Ann Lee", "2026-11-18")]
    assert items(run, "--on", "2026-11-26") == []
    assert items(run, "--on", "2026-11-27") == [("prepare", "Ann Lee", "2026-11-30")]
    assert items(run, "--on", "2026-12-01") == [
        ("thanks", "Ann Lee", "2026-12-01"),
        ("lead", "Kim Park", "2026-12-01"),
    ]


def test_a_moved_chat_replays_as_it_stood(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    run("log", "outreach", "Ann Lee", ok=True)
    run("log", "reply", "Ann Lee", ok=True)
    on_day("2026-11-17")  # Tuesday: booked for Thursday
    run("log", "chat", "Ann Lee", "--at", "thu 10:00", ok=True)
    on_day("2026-11-18")
    assert items(run) == [("prepare", "Ann Lee", "2026-11-19")]
    run("chat", "move", "Ann Lee", "--at", "mon 15:00", ok=True)
    assert items(run) == []
    on_day("2026-11-20")
    assert items(run) == [("prepare", "Ann Lee", "2026-11-23")]
    assert items(run, "--on", "2026-11-18") == []  # after the move that day
    assert items(run, "--on", "2026-11-17") == []  # Thursday's chat, not yet the day before
    timeline = json.loads(run("timeline", "Ann Lee", "--json", ok=True).stdout)["entries"]
    assert [(e["kind"], e["status"], e["on"]) for e in timeline if e["kind"] == "chat"] == [
        ("chat", "scheduled", "2026-11-23"),
        ("chat", "moved", "2026-11-19"),
    ]
    on_day("2026-11-24")
    run("chat", "cancel", "Ann Lee", ok=True)
    assert items(run) == []  # cancelled: nothing to prepare, nothing to record


def test_applied_cold_stops_new_networking_but_not_what_is_owed(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    run("log", "outreach", "Ann Lee", ok=True)  # Mon 16 Nov
    run("log", "outreach", "Ben Cho", "--on", "2026-11-13", ok=True)
    on_day("2026-11-17")
    run("log", "reply", "Ann Lee", ok=True)
    applied = run("log", "apply", "Acme", "--role", "Analyst", ok=True)
    assert "Applying cold now tells them" in " ".join(applied.stderr.split())
    run("add", "contact", "Cy Diaz", "--company", "Acme", ok=True)
    for day in ("2026-11-17", "2026-11-25"):
        on_day(day)  # the reply is still owed; no follow-up to Ben, nobody new to write to
        assert items(run) == [("reply", "Ann Lee", "2026-11-18")], day


def test_a_promoted_connection_ranks_above_a_cold_name(
    run: Run, run_json: Callable[..., Any], on_day: Callable[[str], None], tmp_path: Any
) -> None:
    on_day("2026-11-16")
    run("settings", "set", "target_companies", "1", ok=True)
    run("add", "company", "Acme", "--motivation", "3", "--posting", "3", ok=True)
    run("edit", "company", "Acme", "--status", "active", ok=True)
    run("add", "contact", "Al Cold", "--company", "Acme", "--how", "cold", ok=True)
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Zed,Link,https://www.linkedin.com/in/zed,,Acme,Engineer,01 Feb 2024\n",
        encoding="utf-8",
    )
    run("import", "linkedin", str(export), ok=True)
    assert run_json("promote", "Zed Link")["how"] == "linkedin"
    assert items(run) == [("write", "Zed Link", "2026-11-16")]


def test_the_draft_kind_follows_the_state(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    def kind() -> str:
        return str(json.loads(run("draft", "Ann Lee", "--json", ok=True).stdout)["kind"])

    assert kind() == "outreach"  # not written to
    run("log", "outreach", "Ann Lee", ok=True)
    refused = run("draft", "Ann Lee")
    assert refused.exit_code == 1
    assert "Nothing to write to Ann Lee now: you wrote and their one follow-up is not due yet" in (
        refused.stderr
    )
    on_day("2026-11-25")  # 7 business days
    assert kind() == "follow-up"
    run("log", "outreach", "Ann Lee", ok=True)
    assert "you followed up once already" in run("draft", "Ann Lee").stderr
    run("log", "reply", "Ann Lee", ok=True)
    assert kind() == "reply"  # answered, never talked: times for a chat
    run("log", "chat", "Ann Lee", "--no-edit", ok=True)
    assert kind() == "thanks"  # talked, thank-you owed
    run("log", "thanks", "Ann Lee", ok=True)
    run("log", "reply", "Ann Lee", ok=True)
    assert kind() == "update"  # answered after a chat: just answer


def test_every_view_leaves_out_what_you_dismissed_or_snoozed(
    run: Run, run_json: Callable[..., Any], acme: None, on_day: Callable[[str], None]
) -> None:
    from icalendar import Calendar

    def pipeline_step() -> Any:
        board = run_json("pipeline")["companies"]
        return next(c["next_step"] for c in board if c["name"] == "Acme")

    def calendar() -> list[str]:
        found = Calendar.from_ical(run("export", "ics", ok=True).stdout)
        return sorted(str(e["summary"]) for e in found.walk("VEVENT"))

    write = next(i for i in listed(run) if i["rule"] == "write")
    assert pipeline_step() == "Write to Ann Lee at Acme"
    assert "Write to Ann Lee at Acme" in calendar()
    run("snooze", str(write["id"]), "--until", "2026-11-18", ok=True)
    assert pipeline_step() is None and items(run) == []
    snoozed = Calendar.from_ical(run("export", "ics", ok=True).stdout)
    moved = [e for e in snoozed.walk("VEVENT") if str(e["summary"]) == "Write to Ann Lee at Acme"]
    assert [e.decoded("dtstart").isoformat() for e in moved] == ["2026-11-18"]  # its new day
    run("dismiss", str(write["id"]), ok=True)
    assert "Write to Ann Lee at Acme" not in calendar()
    on_day("2026-11-18")
    assert pipeline_step() is None and items(run) == []
    run("log", "outreach", "Ann Lee", ok=True)
    run("log", "reply", "Ann Lee", ok=True)
    run("log", "chat", "Ann Lee", "--no-edit", "--advice", "learn dbt", ok=True)
    advice = json.loads(run("timeline", "Ann Lee", "--json", ok=True).stdout)["entries"][0]
    said = run("advice", "done", str(advice["tiara"][0]["id"]), ok=True).stderr
    assert "Next (today): Send Ann Lee a thank-you note" in said  # from the same items
    assert "log outreach" not in said  # a report-back is an update, never the follow-up
    week = run_json("week")
    assert [i["rule"] for i in week["next_week"]] == [i["rule"] for i in listed(run)][:5]


def test_a_replayed_day_shows_item_states_as_they_were(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    write = next(i for i in listed(run) if i["rule"] == "write")  # Mon 16 Nov
    run("snooze", str(write["id"]), "--until", "2026-11-20", ok=True)
    on_day("2026-11-18")
    run("dismiss", str(write["id"]), ok=True)
    on_day("2026-11-23")
    assert items(run, "--on", "2026-11-17") == []  # snoozed then, dismissed later
    assert items(run, "--on", "2026-11-16") == []  # snoozed that day
    assert items(run) == []


def test_a_cancelled_chat_is_back_in_scheduling_with_one_nudge(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)
    on_day("2026-11-17")
    run("log", "reply", "Ann Lee", ok=True)
    run("log", "chat", "Ann Lee", "--at", "thu 14:00", ok=True)  # booked at once
    on_day("2026-11-18")
    run("chat", "cancel", "Ann Lee", ok=True)
    assert [i for i in items(run) if i[1] == "Ann Lee"] == []
    on_day("2026-11-19")
    assert [i for i in items(run) if i[1] == "Ann Lee"] == []
    on_day("2026-11-20")  # two business days after the cancellation
    assert [i for i in items(run) if i[1] == "Ann Lee"] == [
        ("settle-time", "Ann Lee", "2026-11-20")
    ]
    assert action(run, "settle-time") == "Nudge Ann Lee once to settle a time for your chat"
    nudge = next(i["id"] for i in listed(run) if i["rule"] == "settle-time")
    run("done", str(nudge), ok=True)  # the nudge goes out
    for day in ("2026-11-23", "2026-11-27", "2026-12-15"):  # once only
        on_day(day)
        assert [i for i in items(run) if i[1] == "Ann Lee"] == []


def test_a_third_message_is_logged_with_a_warning_and_starts_no_timer(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)
    on_day("2026-11-25")
    run("log", "outreach", "Ann Lee", "--follow-up", ok=True)
    on_day("2026-11-27")
    third = run("log", "outreach", "Ann Lee", ok=True)
    assert "That is message 3 to Ann Lee with no answer: the method stops after one" in (
        third.stderr
    )
    shown = json.loads(run("timeline", "Ann Lee", "--json", ok=True).stdout)
    assert [e["kind"] for e in shown["entries"]] == ["follow_up", "follow_up", "outreach"]
    # Still unresponsive seven business days after the one follow-up, not after the third.
    on_day("2026-12-03")
    state = json.loads(run("show", "contact", "Ann Lee", "--json", ok=True).stdout)
    assert state["state"] == "followed up"
    on_day("2026-12-04")
    state = json.loads(run("show", "contact", "Ann Lee", "--json", ok=True).stdout)
    assert state["state"] == "unresponsive"
    on_day("2026-12-08")
    assert [i for i in items(run) if i[1] == "Ann Lee"] == []


def test_a_friday_chat_is_prepared_thursday_and_recorded_on_monday_in_next_and_the_calendar(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    def events() -> list[tuple[str, str]]:
        ics = run("export", "ics", ok=True).stdout.replace("\r\n ", "").splitlines()
        found, summary = [], ""
        for line in ics:
            if line.startswith("SUMMARY:"):
                summary = line[len("SUMMARY:") :]
            if line.startswith("DTSTART;VALUE=DATE:"):
                found.append((summary.split(" with ")[0], line[-8:]))
        return found

    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)
    run("log", "reply", "Ann Lee", ok=True)
    run("log", "chat", "Ann Lee", "--at", "fri 11:00", ok=True)  # Fri 20 Nov
    assert events() == [("Prepare for your chat", "20261119")]  # the business day before
    on_day("2026-11-19")
    assert [r for r, s, _ in items(run) if s == "Ann Lee"] == ["prepare"]
    on_day("2026-11-21")  # Saturday: not recorded yet, but nothing is due before Monday
    assert [r for r, s, _ in items(run) if s == "Ann Lee"] == []
    assert events() == []
    on_day("2026-11-23")
    assert [i for i in items(run) if i[1] == "Ann Lee"] == [("chat-done", "Ann Lee", "2026-11-23")]
    assert next(i for i in listed(run) if i["rule"] == "chat-done")["overdue_days"] == 0
    assert events() == [("Say what happened to your chat", "20261123")]


def test_a_name_you_were_given_keeps_its_follow_up_when_your_advocate_writes_again(
    run: Run, acme: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-02")
    run("log", "outreach", "Ann Lee", ok=True)
    run("log", "outreach", "Ben Cho", ok=True)  # written before anyone there answered
    on_day("2026-11-04")
    run("log", "reply", "Ann Lee", ok=True)  # Acme is heard from: Ben's follow-up goes
    run("log", "chat", "Ann Lee", "--on", "2026-11-04", "--held", "--lead", "Kim Park@Acme")
    run("log", "thanks", "Ann Lee", ok=True)
    on_day("2026-11-09")
    run("log", "outreach", "Kim Park", ok=True)  # a thread begun after Acme was heard from
    on_day("2026-11-12")
    run("log", "reply", "Ann Lee", "--note", "how did it go with Kim?", ok=True)
    run("log", "update", "Ann Lee", ok=True)
    on_day("2026-11-17")
    assert [i for i in items(run) if i[1] in {"Ben Cho", "Kim Park"}] == []
    on_day("2026-11-18")  # seven business days after Kim's message: her one follow-up
    assert [i for i in items(run) if i[1] in {"Ben Cho", "Kim Park"}] == [
        ("7b-follow-up", "Kim Park", "2026-11-18")
    ]
    run("log", "reply", "Kim Park", ok=True)  # only hearing from her ends it
    assert [i[0] for i in items(run) if i[1] == "Kim Park"] == ["reply"]


def test_a_replayed_day_ranks_with_the_scores_of_that_day(
    run: Run, on_day: Callable[[str], None]
) -> None:
    on_day("2026-12-01")
    for name in ("Umbrella", "Initech", "Hooli"):
        run("add", "company", name, ok=True)  # not scored yet
    run("add", "company", "Globex", "--motivation", "1", "--posting", "1", ok=True)
    shown = listed(run)
    unscored = [i for i in shown if i["rule"] == "unscored"]
    ranks = {
        c["name"]: c["lamp_rank"] for c in json.loads(run("list", "companies", "--json").stdout)
    }
    on_day("2026-12-03")
    run("edit", "company", "Umbrella", "--motivation", "3", "--posting", "3", ok=True)
    run("edit", "company", "Globex", "--advocacy", ok=True)
    now = [i for i in listed(run) if i["rule"] == "unscored"]
    assert now[0]["action"] != unscored[0]["action"]  # two are left unscored today
    on_day("2026-12-04")
    then = listed(run, "--on", "2026-12-01")
    assert [i for i in then if i["rule"] == "unscored"] == unscored
    assert [(i["rule"], i["subject"], i["lamp_rank"]) for i in then] == [
        (i["rule"], i["subject"], i["lamp_rank"]) for i in shown
    ]
    assert ranks["Globex"] == 1
