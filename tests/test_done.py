"""`netjob done N` means "I did what it asked" (METHOD section 7): an item that stands for
a message records that entry, as its own command would, and the coach follows; lived
through the days with NETJOB_TODAY."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, error_line


def listed(run: Run) -> list[dict[str, Any]]:
    return list(json.loads(run("next", "--all", "--json", ok=True).stdout))


def items(run: Run) -> list[tuple[str, str, str]]:
    return [(i["rule"], i["subject"], i["due"]) for i in listed(run)]


def number(run: Run, rule: str, subject: str) -> str:
    found = [i["id"] for i in listed(run) if i["rule"] == rule and i["subject"] == subject]
    assert len(found) == 1, (rule, subject, items(run))
    return str(found[0])


def entries(run: Run, who: str) -> list[tuple[str, str, str | None]]:
    shown = json.loads(run("timeline", who, "--json", ok=True).stdout)
    return [(e["kind"], e["on"], e["note"]) for e in shown["entries"]]


def test_done_on_writes_and_follow_ups_logs_them_and_the_employer_goes_dry(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    said = run("done", number(run, "write", "Ann Lee"), ok=True).stderr
    assert "done. Logged outreach #" in said and "— Ann Lee (Acme), 2026-11-16." in said
    assert entries(run, "Ann Lee") == [("outreach", "2026-11-16", None)]
    assert items(run) == []

    on_day("2026-11-19")  # three business days: one more person there
    assert items(run) == [("3b-second-contact", "Ben Cho", "2026-11-19")]
    run("done", number(run, "3b-second-contact", "Ben Cho"), ok=True)
    assert entries(run, "Ben Cho") == [("outreach", "2026-11-19", None)]

    on_day("2026-11-24")  # three more: find a third person (there is none to add)
    assert items(run) == [("3b-second-contact", "Acme", "2026-11-24")]
    run("dismiss", number(run, "3b-second-contact", "Acme"), ok=True)
    on_day("2026-11-25")  # seven business days after Ann's message: her one follow-up
    assert items(run) == [("7b-follow-up", "Ann Lee", "2026-11-25")]
    run("done", number(run, "7b-follow-up", "Ann Lee"), ok=True)
    assert entries(run, "Ann Lee")[0] == ("follow_up", "2026-11-25", None)
    assert items(run) == []

    on_day("2026-11-30")
    assert items(run) == [("7b-follow-up", "Ben Cho", "2026-11-30")]
    run("done", number(run, "7b-follow-up", "Ben Cho"), ok=True)

    on_day("2026-12-08")  # Ben is not yet unresponsive: seven business days from Mon 30
    assert items(run) == []
    on_day("2026-12-09")  # everyone written to is quiet and nobody is left: dry
    assert items(run) == [("dry", "Acme", "2026-12-09")]


def test_done_on_a_reply_sends_times_and_the_nudge_comes_two_business_days_later(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)
    on_day("2026-11-19")  # Thursday: she answers
    run("log", "reply", "Ann Lee", ok=True)
    reply = number(run, "reply", "Ann Lee")
    said = run("done", reply, ok=True).stderr
    assert f"Item #{reply} done. Logged update #" in said
    assert entries(run, "Ann Lee")[0] == ("update", "2026-11-19", "sent times for a chat")
    assert items(run) == []
    on_day("2026-11-20")
    assert items(run) == []
    on_day("2026-11-23")  # Monday: two business days after the times went out
    assert items(run) == [("settle-time", "Ann Lee", "2026-11-23")]


def test_done_on_a_report_back_restarts_the_keep_in_touch_clock(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", "--on", "2026-11-09", ok=True)
    run("log", "reply", "Ann Lee", "--on", "2026-11-10", ok=True)
    chat = ("--at", "2026-11-12 09:00", "--advice", "learn dbt", "--no-edit")
    run("log", "chat", "Ann Lee", *chat, ok=True)
    run("log", "thanks", "Ann Lee", "--on", "2026-11-12", ok=True)
    advice = json.loads(run("timeline", "Ann Lee", "--json", ok=True).stdout)
    tiara = [t["id"] for e in advice["entries"] for t in e["tiara"] if t["kind"] == "advice"]
    on_day("2026-11-18")
    run("advice", "done", str(tiara[0]), ok=True)
    assert [r for r, _, _ in items(run)] == ["report-back"]
    run("done", number(run, "report-back", "Ann Lee"), ok=True)
    assert entries(run, "Ann Lee")[0] == ("update", "2026-11-18", "report-back")
    assert items(run) == []
    on_day("2026-12-17")  # due Sat 12 Dec from the thank-you; the report-back moved it
    assert items(run) == []
    on_day("2026-12-18")  # 30 days after the report-back
    assert items(run) == [("keep-in-touch", "Ann Lee", "2026-12-18")]


def test_several_numbers_are_one_command_and_one_undo(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)
    run("remind", "Ann Lee", "send the portfolio link", "--on", "2026-11-19", ok=True)
    on_day("2026-11-19")
    second = number(run, "3b-second-contact", "Ben Cho")
    reminder = number(run, "reminder", "Ann Lee")
    said = run("done", second, reminder, ok=True).stderr.splitlines()
    assert said[0].startswith(f"Item #{second} done. Logged outreach #")
    assert said[1] == f"Item #{reminder} done."  # a reminder stands for no message
    assert entries(run, "Ben Cho") == [("outreach", "2026-11-19", None)]
    assert len(entries(run, "Ann Lee")) == 1
    assert items(run) == []

    undone = run("undo", "--yes", ok=True).stderr
    assert f"Undid `netjob done {second} {reminder}`" in undone
    assert entries(run, "Ben Cho") == []
    assert sorted(r for r, _, _ in items(run)) == ["3b-second-contact", "reminder"]


def test_a_bad_number_among_several_changes_nothing(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    first = number(run, "write", "Ann Lee")
    assert error_line(run("done", first, "999")) == (
        "Error: No item #999; `netjob next` shows the current ones."
    )
    assert entries(run, "Ann Lee") == []
    assert [i["id"] for i in listed(run)] == [int(first)]
    assert error_line(run("dismiss", first, "998")).startswith("Error: No item #998;")
    assert [i["id"] for i in listed(run)] == [int(first)]


def test_done_late_dates_the_entry_and_refuses_a_future_day(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-17")
    first = number(run, "write", "Ann Lee")
    assert error_line(run("done", first, "--on", "tomorrow")) == (
        "Error: `done --on` takes a day up to today (2026-11-17), not 2026-11-18."
    )
    assert entries(run, "Ann Lee") == []
    run("done", first, "--on", "yesterday", ok=True)
    assert entries(run, "Ann Lee") == [("outreach", "2026-11-16", None)]
    on_day("2026-11-19")  # three business days from the day it was sent, not logged
    assert items(run) == [("3b-second-contact", "Ben Cho", "2026-11-19")]


def test_done_json_says_what_it_logged(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    first = number(run, "write", "Ann Lee")
    one = json.loads(run("done", first, "--json", ok=True).stdout)
    assert (one["id"], one["state"], one["logged"]["kind"]) == (int(first), "done", "outreach")
    assert (one["logged"]["contact"], one["logged"]["on"]) == ("Ann Lee", "2026-11-16")


def test_items_that_stand_for_no_message_are_only_marked(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)
    run("log", "reply", "Ann Lee", ok=True)
    run("log", "chat", "Ann Lee", "--at", "2026-11-18 10:00", ok=True)
    on_day("2026-11-17")  # the business day before: prepare
    prepare = number(run, "prepare", "Ann Lee")
    assert run("done", prepare, ok=True).stderr == f"Item #{prepare} done.\n"
    assert [k for k, _, _ in entries(run, "Ann Lee")] == ["chat", "reply", "outreach"]


def test_a_mark_made_before_an_item_left_the_list_logs_nothing(
    run: Run, one_target: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    first = number(run, "write", "Ann Lee")
    run("log", "outreach", "Ann Lee", ok=True)  # logged by hand: the item is gone
    assert run("done", first, ok=True).stderr == f"Item #{first} done.\n"
    assert entries(run, "Ann Lee") == [("outreach", "2026-11-16", None)]


def test_a_reply_to_the_times_you_sent_is_to_book_the_chat_and_done_asks_when(
    run: Run, one_target: None, on_day: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_day("2026-11-16")
    run("log", "outreach", "Ann Lee", ok=True)
    on_day("2026-11-17")
    run("log", "reply", "Ann Lee", ok=True)
    run("done", number(run, "reply", "Ann Lee"), ok=True)  # the times go out
    on_day("2026-11-18")  # she picks one
    run("log", "reply", "Ann Lee", "--note", "Thursday at 2 works", ok=True)
    [item] = listed(run)
    assert (item["action"], item["command"]) == (
        "Confirm the time with Ann Lee and book the chat",
        'netjob log chat "Ann Lee" --at DATETIME',
    )
    book = str(item["id"])
    assert error_line(run("done", book)) == (
        f"Error: Item #{book} books your chat with Ann Lee, which needs the time you "
        'agreed; log it with: netjob log chat "Ann Lee" --at DATETIME'
    )
    assert [k for k, _, _ in entries(run, "Ann Lee")] == ["reply", "update", "reply", "outreach"]

    monkeypatch.setattr("netjob.cli.base.is_interactive", lambda: True)
    said = run("done", book, input="thu 14:00\n", ok=True).stderr
    assert "When is your chat with Ann Lee?" in said
    assert f"Item #{book} done. Logged chat #" in said and "2026-11-19 [scheduled] at 14:00" in said
    assert items(run) == [("prepare", "Ann Lee", "2026-11-19")]


# What `done` records for each rule's item: (kind, note) of the entry, or None (only marked).
RECORDS: dict[str, tuple[str, str | None] | None] = {
    "reply": ("update", "sent times for a chat"),
    "thanks": ("thanks", None),
    "7b-follow-up": ("follow_up", None),
    "settle-time": ("update", "nudge: a time for our chat?"),
    "lead": ("outreach", None),
    "write": ("outreach", None),
    "report-back": ("update", "report-back"),
    "referral-ask": ("referral_ask", None),
    "keep-in-touch": ("update", None),
    "prepare": None,
    "chat-done": None,
    "reminder": None,
    "activate": None,
    "find-contacts": None,
    "dry": None,
    "targets": None,
    "unscored": None,
}


@pytest.mark.sqlite_only  # the demo writes its own SQLite file
@pytest.mark.parametrize("day", ["2026-11-20", "2026-11-27"])
def test_done_on_every_item_records_its_entry_or_nothing_and_undo_reverts_both(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, day: str
) -> None:
    demo = tmp_path / "demo.db"
    run("demo", "--path", str(demo), ok=True)
    monkeypatch.setenv("NETJOB_DB", str(demo))
    monkeypatch.setenv("NETJOB_TODAY", day)
    before = listed(run)
    seen = set()
    for item in before:
        rule = item["rule"]
        if rule == "3b-second-contact":  # a person to write to, or one to find
            expected = ("outreach", None) if item["subject_kind"] == "contact" else None
        else:
            expected = RECORDS[rule]
        seen.add(rule)
        done = json.loads(run("done", str(item["id"]), "--json", ok=True).stdout)
        logged = done["logged"]
        got = None if logged is None else (logged["kind"], logged["note"])
        assert got == expected, (rule, item["action"])
        if logged is not None:
            assert (logged["contact_id"], logged["on"]) == (item["contact_id"], day)
        assert item["id"] not in [i["id"] for i in listed(run)]
        undone = run("undo", "--yes", ok=True).stderr
        assert undone.startswith(f"Undid `netjob done {item['id']} --json`"), undone
        assert ("added 1 log entry; " if logged else "") + "changed 1 item of next" in undone
        assert listed(run) == before, rule
    assert len(seen) >= 8, seen


def test_every_rule_says_what_done_records_for_it() -> None:
    from netjob.engine.model import RULE_GROUPS

    assert {*RECORDS, "3b-second-contact"} == set(RULE_GROUPS)
