"""Replay equals live (METHOD section 7), and the stored summaries equal the log.

A Hypothesis state machine lives through a search day by day: each step runs a
real command with ``NETJOB_TODAY`` set to its day, then `next --json --all` is
kept as that day's list. After every step the contacts' stored log summaries (the
one stored copy of what the log says) must equal a rebuild from the log. At the end,
replaying each day (`next --on DAY`) must give exactly the list that day showed, for
every day since the last command that rewrites history rather than adding to it
(edits, moves between companies, removes, undo, settings).

The searches are the same on every run (a fixed seed), so CI cannot fail on a
lucky draw. ``NETJOB_REPLAY_EXPLORE=1`` draws new ones; ``NETJOB_REPLAY_EXAMPLES``
sets how many (40).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from typer.testing import CliRunner

from netjob.cli import app

pytestmark = pytest.mark.sqlite_only  # one fresh file per example

START = date(2026, 11, 16)  # a Monday
COMPANIES = ["Acme", "Globex", "Hooli"]
PEOPLE = ["Ann Lee", "Ben Cho", "Cy Diaz", "Dee Fox"]


def summaries_equal_a_rebuild(db: Path) -> None:
    """Every stored log summary is what working it out from the log gives now."""
    from tests.test_summaries import stored_and_rebuilt

    stored, rebuilt = stored_and_rebuilt(db)
    assert stored == rebuilt


class Search(RuleBasedStateMachine):
    """A search lived day by day through the CLI."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="netjob-replay-"))
        self.db = self.folder / "netjob.db"
        shutil.copy(TEMPLATE["path"], self.db)
        self.runner = CliRunner()
        self.day = START
        self.lists: dict[date, list[dict[str, Any]]] = {}
        self.rewritten = START  # history before this day may legitimately differ
        self.people: list[str] = []

    def teardown(self) -> None:
        try:
            self.replay_equals_live()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    # ---------------------------------------------------------------- plumbing

    def cli(self, *args: str, today: date | None = None) -> Any:
        env = {
            "NETJOB_DB": str(self.db),
            "NETJOB_TODAY": (today or self.day).isoformat(),
            "COLUMNS": "100",
            "NO_COLOR": "1",
        }
        result = self.runner.invoke(app, list(args), env=env)
        output = result.stdout + result.stderr
        assert "Unexpected error" not in output, (args, output)
        assert "Traceback" not in output, (args, output)
        for crash in ("damaged", "could not save", "Database error"):  # a failed write is a bug
            assert crash not in output, (args, output)
        assert result.exit_code in (0, 1), (args, result.exit_code, output)
        return result

    def today_list(self) -> list[dict[str, Any]]:
        result = self.cli("next", "--all", "--json")
        assert result.exit_code == 0, result.stderr
        found: list[dict[str, Any]] = json.loads(result.stdout)
        return found

    def after(self, result: Any, *, rewrites: bool = False) -> None:
        if rewrites and result.exit_code == 0:
            self.rewritten = self.day
        self.lists[self.day] = self.today_list()

    def replay_equals_live(self) -> None:
        for day, shown in sorted(self.lists.items()):
            if day < self.rewritten or day == self.day:
                continue
            result = self.cli("next", "--all", "--json", "--on", day.isoformat())
            replayed = json.loads(result.stdout)
            assert replayed == shown, f"replaying {day} differs from what it showed"
            COMPARED["days"] += 1
            COMPARED["items"] += len(shown)

    # ---------------------------------------------------------------- the search

    @initialize()
    def start(self) -> None:
        self.cli("settings", "set", "target_companies", "3")
        self.cli("settings", "set", "active_companies", "2")
        self.cli("add", "company", "Acme", "--motivation", "3", "--posting", "3")
        self.cli("add", "company", "Globex", "--motivation", "2", "--posting", "2")
        self.cli("add", "company", "Hooli", "--motivation", "1", "--posting", "1")
        self.cli("edit", "company", "Acme", "--status", "active")
        self.after(self.cli("add", "contact", "Ann Lee", "--company", "Acme", "--how", "alumni"))
        self.people.append("Ann Lee")

    @rule(days=st.integers(1, 3))
    def next_day(self, days: int) -> None:
        self.day += timedelta(days=days)
        self.lists[self.day] = self.today_list()

    @rule(name=st.sampled_from(PEOPLE), company=st.sampled_from([None, *COMPANIES, None]))
    def add_contact(self, name: str, company: str | None) -> None:
        if name in self.people:
            return
        args = ["add", "contact", name] + (["--company", company] if company else [])
        result = self.cli(*args)
        if result.exit_code == 0:
            self.people.append(name)
        self.after(result)

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def outreach(self, data: st.DataObject) -> None:
        self.after(self.cli("log", "outreach", data.draw(st.sampled_from(self.people))))

    @precondition(lambda self: self.people)
    @rule(data=st.data(), kind=st.sampled_from(["reply", "update", "thanks", "ask"]))
    def message(self, data: st.DataObject, kind: str) -> None:
        who = data.draw(st.sampled_from(self.people))
        self.after(self.cli("log", kind, who))

    @precondition(lambda self: self.people)
    @rule(data=st.data(), ahead=st.integers(0, 4))
    def chat(self, data: st.DataObject, ahead: int) -> None:
        who = data.draw(st.sampled_from(self.people))
        if ahead:
            when = (self.day + timedelta(days=ahead)).isoformat()
            self.after(self.cli("log", "chat", who, "--at", f"{when} 10:00"))
        else:
            lead = data.draw(st.sampled_from([None, "Gus Hill@Acme", "Ida Jones@Globex"]))
            args = ["log", "chat", who, "--no-edit"] + (["--lead", lead] if lead else [])
            result = self.cli(*args)
            if result.exit_code == 0 and lead and lead.split("@")[0] not in self.people:
                self.people.append(lead.split("@")[0])
            self.after(result)

    @precondition(lambda self: self.people)
    @rule(data=st.data(), what=st.sampled_from(["done", "move", "cancel"]))
    def settle_chat(self, data: st.DataObject, what: str) -> None:
        who = data.draw(st.sampled_from(self.people))
        if what == "move":
            when = (self.day + timedelta(days=data.draw(st.integers(1, 3)))).isoformat()
            self.after(self.cli("chat", "move", who, "--at", f"{when} 09:00"))
        elif what == "done":
            self.after(self.cli("chat", "done", who, "--no-edit"))
        else:
            self.after(self.cli("chat", "cancel", who))

    @rule(company=st.sampled_from(COMPANIES), via=st.booleans())
    def apply(self, company: str, via: bool) -> None:
        args = ["log", "apply", company]
        if via and self.people:
            args += ["--via", self.people[0]]
        self.after(self.cli(*args))

    @rule(company=st.sampled_from(COMPANIES), status=st.sampled_from(["active", "closed"]))
    def company_status(self, company: str, status: str) -> None:
        self.after(self.cli("edit", "company", company, "--status", status))

    @rule(data=st.data(), state=st.sampled_from(["done", "dismiss", "snooze"]))
    def act_on_item(self, data: st.DataObject, state: str) -> None:
        shown = [i for i in self.lists.get(self.day, []) if i["id"] is not None]
        if not shown:
            return
        number = str(data.draw(st.sampled_from(shown))["id"])
        args = [state, number] + (["--until", "+2d"] if state == "snooze" else [])
        self.after(self.cli(*args))

    # What rewrites history: replays before these days may differ, summaries may not.

    @precondition(lambda self: self.people)
    @rule(data=st.data(), company=st.sampled_from(COMPANIES))
    def move_contact(self, data: st.DataObject, company: str) -> None:
        who = data.draw(st.sampled_from(self.people))
        self.after(self.cli("edit", "contact", who, "--company", company), rewrites=True)

    @precondition(lambda self: len(self.people) > 1)
    @rule(data=st.data())
    def remove_contact(self, data: st.DataObject) -> None:
        who = data.draw(st.sampled_from(self.people[1:]))
        result = self.cli("remove", "contact", who, "--yes")
        if result.exit_code == 0:
            self.people.remove(who)
        self.after(result, rewrites=True)

    @rule()
    def undo(self) -> None:
        result = self.cli("undo", "--yes")
        self.people = [p for p in self.people if self._exists(p)]
        self.after(result, rewrites=True)

    @rule(value=st.sampled_from(["2", "3", "5"]))
    def change_setting(self, value: str) -> None:
        self.after(self.cli("settings", "set", "follow_up_days", value), rewrites=True)

    def _exists(self, name: str) -> bool:
        return self.cli("show", "contact", name, "--json").exit_code == 0

    @invariant()
    def stored_summaries_are_current(self) -> None:
        summaries_equal_a_rebuild(self.db)


TEMPLATE: dict[str, Path] = {}
COMPARED = {"days": 0, "items": 0}  # what the replays actually compared


@pytest.mark.slow  # a Hypothesis state machine: minutes
def test_replay_equals_live_and_summaries_equal_the_log(template_db: Path) -> None:
    TEMPLATE["path"] = template_db
    run = Search.TestCase
    run.settings = settings(
        max_examples=int(os.environ.get("NETJOB_REPLAY_EXAMPLES", "40")),
        stateful_step_count=30,
        deadline=None,
        # CI must not fail on a lucky draw: a fixed seed, unless exploring on purpose.
        derandomize=not os.environ.get("NETJOB_REPLAY_EXPLORE"),
        suppress_health_check=list(HealthCheck),
    )
    run().runTest()
    assert COMPARED["days"] > 0 and COMPARED["items"] > 0, COMPARED  # not vacuous
