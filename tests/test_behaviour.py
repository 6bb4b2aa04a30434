"""Behaviour classes: the funnel's curmudgeon is the person states' *unresponsive*, and
the classes counted are what classifying everyone from their log gives, under the
settings as they are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from benchmarks import generate

from netjob.db.open import open_store
from netjob.db.store import Store
from netjob.engine import contact_log, reports
from netjob.engine import standing as states
from netjob.engine.contact_log import LogEntry, summarize
from netjob.services import behaviour
from tests.conftest import Run

FRI = date(2026, 11, 20)


def _log(*entries: tuple[str, str, str | None]) -> contact_log.ContactLog:
    return summarize(
        [LogEntry(n, k, date.fromisoformat(d), s) for n, (k, d, s) in enumerate(entries, 1)]
    )


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        # a reply before the first outreach: they answered, so never unresponsive
        ((("reply", "2026-11-02", None), ("outreach", "2026-11-03", None),
          ("follow_up", "2026-11-06", None)), "unknown"),
        # a chat held, no reply: talked, not unresponsive
        ((("outreach", "2026-11-02", None), ("follow_up", "2026-11-05", None),
          ("chat", "2026-11-09", "held")), "unknown"),
        # followed up and silent: unresponsive, so curmudgeon
        ((("outreach", "2026-11-02", None), ("follow_up", "2026-11-05", None)), "curmudgeon"),
    ],
)  # fmt: skip
def test_curmudgeon_is_the_person_states_unresponsive(
    entries: tuple[tuple[str, str, str | None], ...], expected: str
) -> None:
    log = _log(*entries)
    day = date(2026, 12, 20)
    state = states.person_state(log, day, unresponsive_days=7, holidays=frozenset())
    assert reports.behaviour(log, day) == expected
    assert (state == states.UNRESPONSIVE) == (expected == "curmudgeon")


def test_the_day_a_contact_turns_curmudgeon_is_known_from_the_log() -> None:
    log = _log(("outreach", "2026-11-02", None), ("follow_up", "2026-11-05", None))
    found = reports.classify(log, unresponsive_days=7, holidays={date(2026, 11, 11)})
    assert found == reports.Behaviour("unknown", date(2026, 11, 17))  # 7 business days, 1 off
    assert reports.behaviour_on(found, date(2026, 11, 16)) == "unknown"
    assert reports.behaviour_on(found, date(2026, 11, 17)) == "curmudgeon"


def _classified(store: Store, day: date) -> dict[str, int]:
    """Every contact classified from their entries read afresh, with the rule's settings
    as they are (not through the stored summaries)."""
    from netjob.engine import settings as defs
    from netjob.services import settings as settings_service

    values = settings_service.stored(store)
    numbers = defs.numbers(values)
    entries: dict[int, list[LogEntry]] = {r["id"]: [] for r in store.rows("SELECT id FROM contact")}
    for r in store.rows(
        "SELECT id, contact_id, kind, occurred_on, status, at_time FROM interaction "
        "WHERE contact_id IS NOT NULL"
    ):
        entries[r["contact_id"]].append(
            LogEntry(r["id"], r["kind"], r["occurred_on"], r["status"], r["at_time"])
        )
    counts = dict.fromkeys(reports.BEHAVIOURS, 0)
    for found in entries.values():
        counts[
            reports.behaviour(
                summarize(found),
                day,
                booster_days=numbers["second_contact_days"],
                unresponsive_days=numbers["unresponsive_days"],
                holidays=settings_service.holidays_for(store, values, day),
            )
        ] += 1
    return counts


@pytest.mark.sqlite_only
def test_the_classes_are_what_classifying_everyone_from_the_log_gives(
    tmp_path: Path, run: Run
) -> None:
    path = tmp_path / "made.db"
    generate.build(path, generate.Size(20, 300, 1500, 0))

    def check(*days: date) -> None:
        store = open_store(path)
        try:
            for day in days:
                expected = _classified(store, day)
                assert behaviour.tally(store, today=day) == expected, day
                assert behaviour.counted(behaviour.behaviours(store, today=day)) == expected
        finally:
            store.close()

    check(date(2026, 2, 1), date(2026, 6, 15), FRI)
    for args in (  # the classes follow the settings the rule reads at once
        ("settings", "set", "unresponsive_days", "2"),
        ("settings", "set", "second_contact_days", "1"),
        ("settings", "set", "holidays", "2026-11-11,2026-11-12"),
        ("settings", "reset", "--yes"),
    ):
        run("--db", str(path), *args, ok=True)
        check(date(2026, 6, 17), FRI)
    store = open_store(path)
    assert behaviour.tally(store, today=FRI)["curmudgeon"] > 0
    store.close()


def test_the_median_of_counted_spans_is_the_median_of_the_spans() -> None:
    import random
    import statistics
    from collections import Counter

    rng = random.Random(3)
    for size in range(1, 40):
        spans = [rng.randrange(0, 12) for _ in range(size)]
        assert reports.median_counted(Counter(spans)) == float(statistics.median(spans))
    assert reports.median_counted({}) is None
    assert reports.median_counted({-2: 5}) is None  # a reply logged before the message
