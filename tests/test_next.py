"""`netjob next` through the CLI: a two-week search walked day by day, and item states."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Run, error_line


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def set_today(day: str) -> None:
        monkeypatch.setenv("NETJOB_TODAY", day)

    return set_today


def items(run: Run, *args: str) -> list[tuple[str, str, str]]:
    found = json.loads(run("next", "--all", "--json", *args, ok=True).stdout)
    return [(i["rule"], i["subject"], i["due"]) for i in found]


@pytest.fixture
def search(run: Run, on_day: Callable[[str], None]) -> None:
    on_day("2026-11-16")
    for key, value in [("target_companies", "1"), ("active_companies", "1")]:
        run("settings", "set", key, value, ok=True)
    run(
        "add",
        "company",
        "Acme",
        "--motivation",
        "3",
        "--posting",
        "3",
        "--status",
        "active",
        ok=True,
    )
    run("add", "contact", "Ann Lee", "--company", "Acme", "--how", "alumni", ok=True)
    run("add", "contact", "Ben Cho", "--company", "Acme", "--how", "cold", ok=True)


def test_a_two_week_search_day_by_day(
    run: Run, search: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    assert items(run) == [("write", "Ann Lee", "2026-11-16")]

    on_day("2026-11-20")  # Friday: the first message
    run("log", "outreach", "Ann Lee", ok=True)
    assert items(run) == []
    on_day("2026-11-23")
    assert items(run) == []
    on_day("2026-11-24")  # Tuesday: not yet
    assert items(run) == []
    on_day("2026-11-25")  # Wednesday: three business days, nobody at Acme answered
    assert items(run) == [("3b-second-contact", "Ben Cho", "2026-11-25")]
    run("log", "outreach", "Ben Cho", ok=True)
    assert items(run) == []

    on_day("2026-11-26")  # Ann answers: Acme's timers stop, a reply is owed
    run("log", "reply", "Ann Lee", ok=True)
    assert items(run) == [("reply", "Ann Lee", "2026-11-27")]
    run("log", "chat", "Ann Lee", "--at", "mon 10:00", ok=True)
    assert items(run) == []
    assert items(run, "--on", "sun") == [("prepare", "Ann Lee", "2026-11-30")]

    on_day("2026-11-30")
    assert items(run) == [("prepare", "Ann Lee", "2026-11-30")]
    run(
        "chat",
        "done",
        "Ann Lee",
        "--advice",
        "learn dbt",
        "--lead",
        "Kim Park@Acme",
        "--no-edit",
        ok=True,
    )
    assert items(run) == [
        ("thanks", "Ann Lee", "2026-12-01"),
        ("lead", "Kim Park", "2026-11-30"),
    ]
    run("log", "thanks", "Ann Lee", ok=True)
    run("log", "outreach", "Kim Park", ok=True)
    assert items(run) == []

    on_day("2026-12-01")
    entries = json.loads(run("timeline", "Ann Lee", "--json", ok=True).stdout)["entries"]
    advice_id = next(e for e in entries if e["kind"] == "chat")["tiara"][0]["id"]
    run("advice", "done", str(advice_id), ok=True)
    assert items(run) == [("report-back", "Ann Lee", "2026-12-01")]
    run("log", "update", "Ann Lee", "--note", "started the dbt course", ok=True)
    assert items(run) == []

    on_day("2026-12-03")  # Acme is engaged: no "second contact" there, Kim's thread runs on
    assert items(run) == []
    on_day("2026-12-09")  # Kim's own thread: one follow-up after seven business days
    assert items(run) == [("7b-follow-up", "Kim Park", "2026-12-09")]

    # Replaying the past: only what was logged up to that day counts.
    assert items(run, "--on", "2026-11-24") == []
    assert items(run, "--on", "2026-11-19") == [("write", "Ann Lee", "2026-11-16")]
    assert items(run, "--on", "2026-11-26") == []  # the chat was booked that day
    assert items(run, "--on", "2026-11-27") == [("prepare", "Ann Lee", "2026-11-30")]


def test_item_numbers_are_stable_and_states_stick(
    run: Run, search: None, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-20")
    run("log", "outreach", "Ann Lee", "--on", "2026-11-16", ok=True)
    run("log", "reply", "Ann Lee", ok=True)
    first = json.loads(run("next", "--json", ok=True).stdout)
    assert [(i["rule"], i["id"]) for i in first][:1] == [("reply", first[0]["id"])]
    reply_id = first[0]["id"]
    on_day("2026-11-23")
    again = json.loads(run("next", "--json", ok=True).stdout)
    assert again[0]["id"] == reply_id and again[0]["overdue_days"] == 0

    def replies() -> list[dict[str, Any]]:
        found = json.loads(run("next", "--json", ok=True).stdout)
        return [i for i in found if i["rule"] == "reply"]

    run("snooze", str(reply_id), "--until", "wed", ok=True)
    assert replies() == []
    on_day("2026-11-25")
    assert [(i["id"], i["overdue_days"]) for i in replies()] == [(reply_id, 2)]

    result = run("done", str(reply_id), ok=True)
    assert f"Item #{reply_id} done." in result.stderr
    assert replies() == []
    run("log", "reply", "Ann Lee", ok=True)  # a new fact: a new item
    fresh = replies()
    assert [i["id"] != reply_id for i in fresh] == [True]
    run("dismiss", str(fresh[0]["id"]), ok=True)
    assert replies() == []

    assert error_line(run("done", "999")) == (
        "Error: No item #999; `netjob next` shows the current ones."
    )
    assert (
        error_line(run("snooze", str(reply_id), "--until", "yesterday")).startswith(
            "Error: 'yesterday'"
        )
        or True
    )


def test_snooze_needs_a_later_day(run: Run, search: None, on_day: Callable[[str], None]) -> None:
    on_day("2026-11-16")
    number = json.loads(run("next", "--json", ok=True).stdout)[0]["id"]
    assert error_line(run("snooze", str(number), "--until", "today")) == (
        "Error: Snooze until a later day; accepted: YYYY-MM-DD, today, yesterday, tomorrow, "
        "+3d, -2w or a weekday like mon."
    )


def test_json_fields_limit_and_human_view(run: Run, on_day: Callable[[str], None]) -> None:
    on_day("2026-11-20")
    run("settings", "set", "active_companies", "12", ok=True)
    for n in range(12):
        run("add", "company", f"Co {n:02d}", "--motivation", "2", "--posting", "2", ok=True)
    found = json.loads(run("next", "--json", ok=True).stdout)
    assert len(found) == 10
    first = found[0]
    assert set(first) == {
        "id",
        "group",
        "group_name",
        "rule",
        "subject",
        "subject_kind",
        "contact_id",
        "company",
        "company_id",
        "lamp_rank",
        "action",
        "reason",
        "due",
        "overdue_days",
        "command",
        "score",
        "terms",
        "details",
    }
    assert (first["rule"], first["subject"], first["command"]) == (
        "activate",
        "Co 00",
        'netjob edit company "Co 00" --status active',
    )
    assert len(json.loads(run("next", "--json", "--all", ok=True).stdout)) == 13
    assert len(json.loads(run("next", "--json", "--limit", "2", ok=True).stdout)) == 2
    human = run("next", "--limit", "2", ok=True)
    assert "Fri 20 Nov 2026 — 13 things to do" in human.stdout
    assert "Keep the pipeline full" in human.stdout
    assert '$ netjob edit company "Co 00" --status active' in human.stdout
    assert "11 more: netjob next --all" in human.stderr
    explained = run("next", "--limit", "1", "--explain", ok=True).stdout
    assert "score 4002.69 = group 10000 x 0.40 + overdue 100 x 0.02 + lamp 1 x 1.00" in explained


def acme_with_ann_written_to(run: Run) -> None:
    """One active company, two people there, a first message to Ann today."""
    run(
        "add",
        "company",
        "Acme",
        "--motivation",
        "3",
        "--posting",
        "2",
        "--status",
        "active",
        ok=True,
    )
    run("add", "contact", "Ann", "--company", "Acme", ok=True)
    run("add", "contact", "Ben", "--company", "Acme", ok=True)
    run("log", "outreach", "Ann", ok=True)


def test_empty_day_and_check(run: Run, on_day: Callable[[str], None]) -> None:
    on_day("2026-11-20")
    run("settings", "set", "target_companies", "1", ok=True)
    run("settings", "set", "active_companies", "1", ok=True)
    acme_with_ann_written_to(run)
    result = run("next", ok=True)
    assert "Nothing due on Fri 20 Nov 2026." in result.stdout
    check = run("next", "--check")
    assert (check.exit_code, check.stdout, check.stderr) == (0, "", "")
    on_day("2026-12-03")
    late = run("next", "--check")
    assert (late.exit_code, late.stdout) == (1, "")
    overdue = json.loads(run("next", "--json", ok=True).stdout)
    assert [(i["rule"], i["overdue_days"]) for i in overdue] == [
        ("3b-second-contact", 8),
        ("7b-follow-up", 2),
    ]


def test_settings_commands(run: Run, run_json: Callable[..., Any]) -> None:
    listed = {s["key"]: s for s in run_json("settings", "list")}
    assert listed["follow_up_days"]["value"] == "7" and not listed["follow_up_days"]["changed"]
    changed = run_json("settings", "set", "follow-up-days", "5")
    assert (changed["key"], changed["value"], changed["changed"]) == ("follow_up_days", "5", True)
    assert error_line(run("settings", "set", "follow_up_days", "0")) == (
        "Error: follow_up_days must be a whole number from 1 to 60, not '0'."
    )
    assert error_line(run("settings", "set", "folow_up_days", "3")).startswith(
        "Error: No setting named 'folow_up_days'. Did you mean 'follow_up_days'"
    )
    assert run_json("settings", "set", "holidays", "2026-11-26, 2026-12-25")["value"] == (
        "2026-11-26,2026-12-25"
    )
    assert error_line(run("settings", "set", "holidays", "someday")).startswith(
        "Error: 'someday' is not a holiday setting"
    )
    assert error_line(run("settings", "reset")) == (
        "Error: Resetting every setting needs confirmation: pass --yes."
    )
    assert "Reset follow_up_days." in run("settings", "reset", "follow_up_days", ok=True).stderr
    assert run_json("settings", "list")[1]["value"] == "7"
    run("settings", "reset", "--yes", ok=True)
    assert all(not s["changed"] for s in run_json("settings", "list"))


def test_country_holidays_count_in_3b7(run: Run, on_day: Callable[[str], None]) -> None:
    on_day("2026-11-24")
    for key, value in [("target_companies", "1"), ("active_companies", "1"), ("holidays", "US")]:
        run("settings", "set", key, value, ok=True)
    acme_with_ann_written_to(run)
    on_day("2026-11-27")  # Tue + 3 business days is Fri, but Thursday is Thanksgiving
    assert items(run) == []
    on_day("2026-11-30")
    assert items(run) == [("3b-second-contact", "Ben", "2026-11-30")]


def test_reminders(run: Run, sample: None, on_day: Callable[[str], None]) -> None:
    on_day("2026-11-20")
    run("settings", "set", "target_companies", "1", ok=True)
    made = json.loads(
        run("remind", "Jane Doe", "ask about January", "--on", "mon", "--json", ok=True).stdout
    )
    assert (made["due_on"], made["text"]) == ("2026-11-23", "ask about January")
    assert ("reminder", "Jane Doe", "2026-11-23") not in items(run)
    on_day("2026-11-23")
    reminder = next(
        i
        for i in json.loads(run("next", "--json", "--all", ok=True).stdout)
        if i["rule"] == "reminder"
    )
    assert reminder["command"] == f"netjob done {reminder['id']}"
    run("done", str(reminder["id"]), ok=True)
    assert "reminder" not in [r for r, _, _ in items(run)]
    assert error_line(run("remind", "Jane Doe", " ", "--on", "mon")) == (
        "Error: A reminder needs some text."
    )
