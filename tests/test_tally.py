"""The tallies by day (migration 0013), lived through the days: after each command they
hold what counting the rows themselves gives, the bounded `next` says the same total and
overdue count as reading every item, and `week` the same counts as the log. On both
backends."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from netjob.engine import reports
from netjob.services import coach as coach_service
from netjob.services import tally
from netjob.services import week as week_service
from netjob.services.database import open_store
from netjob.store import Store
from tests.conftest import Run


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def set_today(day: str) -> None:
        monkeypatch.setenv("NETJOB_TODAY", day)

    return set_today


@pytest.fixture
def store() -> Iterator[Callable[[], Store]]:
    opened: list[Store] = []

    def connect() -> Store:
        opened.append(open_store(os.environ["NETJOB_DB"]))
        return opened[-1]

    yield connect
    for each in opened:
        each.close()


def _spans(store: Store) -> Counter[tuple[str, date]]:
    """What the tally should hold, counted from the rows themselves: the visible and
    overdue spans of `next`'s items, the log by kind and day, the days to a reply."""
    found: Counter[tuple[str, date]] = Counter()
    for r in store.rows("SELECT visible_from, visible_until, due FROM pending_item"):
        start, until = r["visible_from"], r["visible_until"]
        for what, opens in (("", start), ("late_", max(start, r["due"] + timedelta(days=1)))):
            if until is None or until >= opens:
                found[(f"{what}open", opens)] += 1
                if until is not None:
                    found[(f"{what}shut", until + timedelta(days=1))] += 1
    for r in store.rows("SELECT kind, status, occurred_on FROM interaction"):
        found[(f"log:{r['kind']}", r["occurred_on"])] += 1
        if r["kind"] == "chat" and r["status"] == "held":
            found[("log:held", r["occurred_on"])] += 1
    for r in store.rows("SELECT first_out_on, first_reply_on FROM contact_log"):
        if r["first_out_on"] is not None and r["first_reply_on"] is not None:
            span = (r["first_reply_on"] - r["first_out_on"]).days
            found[(f"span:{span}", r["first_reply_on"])] += 1
    return found


def _tally(store: Store) -> Counter[tuple[str, date]]:
    return Counter(
        {(r["what"], r["day"]): r["n"] for r in store.rows("SELECT * FROM tally") if r["n"]}
    )


def _week_from_log(store: Store, on: date) -> tuple[dict[str, int], list[int], float | None]:
    """The week's counts, read from the log and the contact summaries themselves."""
    start, first = on - timedelta(days=6), on - timedelta(days=55)
    rows = store.rows("SELECT kind, status, occurred_on FROM interaction")
    kinds = {
        name: sum(
            1
            for r in rows
            if r["kind"] in group
            and start <= r["occurred_on"] <= on
            and (r["kind"] != "chat" or r["status"] == "held")
        )
        for name, group in week_service.WEEK_KINDS.items()
    }
    days = [
        sum(1 for r in rows if r["occurred_on"] == day and r["kind"] != "status")
        for day in (first + timedelta(days=n) for n in range(56))
    ]
    spans: Counter[int] = Counter(
        (r["first_reply_on"] - r["first_out_on"]).days
        for r in store.rows("SELECT first_out_on, first_reply_on FROM contact_log")
        if r["first_out_on"] is not None
        and r["first_reply_on"] is not None
        and first <= r["first_reply_on"] <= on
    )
    return kinds, days, reports.median_counted(spans)


def _check(connect: Callable[[], Store], step: str, *, items: bool = True) -> None:
    store = connect()
    try:
        assert _tally(store) == _spans(store), step
        assert bool(_spans(store)) == items, step
        for day in (date(2026, 11, 16), date(2026, 11, 24), date(2026, 12, 7)):
            bounded = coach_service.daily_list(store, on=day, today=day, limit=1)
            full = coach_service.daily_list(store, on=day, today=day, limit=None)
            assert (bounded.total, bounded.overdue) == (full.total, full.overdue), (step, day)
            review = week_service.week(store, on=day, today=day)
            counted = review["this_week"], review["activity_by_day"]["counts"]
            assert (*counted, review["median_days_to_reply"]) == _week_from_log(store, day)
    finally:
        store.close()


def test_the_tally_follows_every_writer_through_the_days(
    run: Run, on_day: Callable[[str], None], store: Callable[[], Store], tmp_path: Path
) -> None:
    on_day("2026-11-16")  # Monday
    run("add", "company", "Acme", "--motivation", "3", "--posting", "3", ok=True)
    run("edit", "company", "Acme", "--status", "active", ok=True)
    run("add", "company", "Globex", "--motivation", "2", "--posting", "2", ok=True)
    for name, how in (("Ann Lee", "alumni"), ("Ben Cho", "cold"), ("Cy Diaz", "friend")):
        run("add", "contact", name, "--company", "Acme", "--how", how, ok=True)
    _check(store, "added")

    on_day("2026-11-17")
    run("log", "outreach", "Ann Lee", ok=True)
    run("log", "outreach", "Ben Cho", ok=True)
    _check(store, "outreach")

    on_day("2026-11-19")
    run("log", "reply", "Ann Lee", ok=True)  # owed: an answer, shown before it is due
    _check(store, "reply")

    on_day("2026-11-20")
    run("log", "outreach", "Cy Diaz", "--on", "2026-11-18", ok=True)  # back-dated
    run("undo", "--yes", ok=True)
    _check(store, "undo")

    on_day("2026-11-24")
    run("dismiss", "1", ok=True)
    run("settings", "set", "holidays", "2026-11-26", ok=True)  # every item again
    _check(store, "holidays")

    on_day("2026-11-25")
    run("log", "chat", "Ann Lee", "--on", "2026-11-24", ok=True)
    run("remove", "contact", "Ben Cho", "--yes", ok=True)  # his items go with him
    _check(store, "chat and a removal")
    review = week_service.week(store(), on=date(2026, 11, 24), today=date(2026, 11, 24))
    assert review["this_week"] == {
        "messages": 0,
        "replies": 1,
        "chats": 1,
        "thanks": 0,
        "referrals": 0,
    }  # from the 18th: Ann's reply and chat (her outreach was the 17th; Cy's undone)
    assert review["median_days_to_reply"] == 2  # Ann: written on the 17th, replied the 19th

    run("remove", "company", "Acme", "--cascade", "--yes", ok=True)
    _check(store, "a company removed", items=False)
    run("undo", "--yes", ok=True)
    _check(store, "and back")

    export, copy = tmp_path / "all.json", tmp_path / "copy.db"
    run("export", "json", "-o", str(export), ok=True)
    run("--db", str(copy), "import", "json", str(export), ok=True)
    _check(lambda: open_store(copy), "imported into a new database")


def test_a_refill_counts_what_the_triggers_kept(run: Run, store: Callable[[], Store]) -> None:
    """What `import json` does after setting the triggers aside, on either backend."""
    run("add", "company", "Acme", "--motivation", "3", "--posting", "3", ok=True)
    run("add", "contact", "Ann Lee", "--company", "Acme", "--how", "alumni", ok=True)
    run("log", "outreach", "Ann Lee", "--on", "2026-11-10", ok=True)
    run("log", "reply", "Ann Lee", "--on", "2026-11-12", ok=True)
    run("log", "chat", "Ann Lee", "--on", "2026-11-16", ok=True)
    db = store()
    kept = _tally(db)
    assert kept == _spans(db) and {what for what, _ in kept} >= {
        "open", "late_open", "log:outreach", "log:held", "span:2"
    }  # fmt: skip
    with db.transaction():
        db.execute("UPDATE tally SET n = n + 7")  # wrong, and rows left at zero
        tally.refill(db)
    assert _tally(db) == kept
