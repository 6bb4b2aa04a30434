"""Behaviour classes: the funnel's curmudgeon is the person states' *unresponsive*, and
the stored classes count what classifying everyone from their log counts."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from benchmarks import generate

from netjob.engine import facts, reports, states
from netjob.engine.facts import LogEntry, summarize
from netjob.services import behaviour
from netjob.services.database import open_store
from netjob.store import Store
from tests.conftest import Run

FRI = date(2026, 11, 20)


def _log(*entries: tuple[str, str, str | None]) -> facts.ContactLog:
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


def test_the_day_a_contact_turns_curmudgeon_is_stored() -> None:
    log = _log(("outreach", "2026-11-02", None), ("follow_up", "2026-11-05", None))
    found = reports.classify(log, unresponsive_days=7, holidays={date(2026, 11, 11)})
    assert found == reports.Behaviour("unknown", date(2026, 11, 17))  # 7 business days, 1 off
    assert reports.behaviour_on(found, date(2026, 11, 16)) == "unknown"
    assert reports.behaviour_on(found, date(2026, 11, 17)) == "curmudgeon"


def _classified(store: Store, day: date) -> dict[str, int]:
    """Every contact classified from their log summary, with the rule as it is today."""
    found = behaviour.rules(store, day)
    counts = dict.fromkeys(reports.BEHAVIOURS, 0)
    logged = 0
    for r in store.rows("SELECT * FROM contact_log"):
        name = reports.behaviour(
            facts.from_columns(r),
            day,
            booster_days=found.booster_days,
            unresponsive_days=found.unresponsive_days,
            holidays=found.holidays,
        )
        counts[name] += 1
        logged += 1
    counts["unknown"] += int(store.value("SELECT COUNT(*) FROM contact")) - logged
    return counts


@pytest.mark.sqlite_only
def test_the_tally_counts_what_classifying_everyone_counts(tmp_path: Path) -> None:
    path = tmp_path / "made.db"
    generate.build(path, generate.Size(20, 300, 1500, 0))
    store = open_store(path)
    try:
        for day in (date(2026, 2, 1), date(2026, 6, 15), FRI):
            assert behaviour.tally(store, today=day) == _classified(store, day)
        assert behaviour.tally(store, today=FRI)["curmudgeon"] > 0
        with store.transaction():  # other settings: the stored classes no longer apply
            store.execute(
                "INSERT INTO setting (key, value) VALUES ('unresponsive_days', '2'), "
                "('second_contact_days', '1'), ('holidays', '2026-06-15,2026-06-16')"
            )
        for day in (date(2026, 6, 17), FRI):
            expected = _classified(store, day)
            assert behaviour.tally(store, today=day) == expected
            assert behaviour.counted(behaviour.behaviours(store, today=day)) == expected
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_a_rebuild_stores_the_classes_under_the_new_settings(tmp_path: Path) -> None:
    from netjob.services import derived

    path = tmp_path / "made.db"
    generate.build(path, generate.Size(10, 100, 500, 0))
    copy = tmp_path / "copy.db"
    shutil.copy(path, copy)
    store = open_store(copy)
    try:
        with store.transaction():
            store.execute("INSERT INTO setting (key, value) VALUES ('unresponsive_days', '2')")
            derived.rebuild_all(store)
        basis = behaviour.rules(store, FRI).basis
        assert store.value("SELECT COUNT(*) FROM contact_log WHERE basis <> :b", {"b": basis}) == 0
        assert behaviour.tally(store, today=FRI) == _classified(store, FRI)
    finally:
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


@pytest.mark.sqlite_only
def test_settings_set_and_reset_store_the_classes_under_the_new_settings(
    tmp_path: Path, run: Run
) -> None:
    path = tmp_path / "made.db"
    generate.build(path, generate.Size(10, 100, 500, 0))

    def stale() -> int:
        store = open_store(path)
        try:
            basis = behaviour.rules(store, FRI).basis
            assert behaviour.tally(store, today=FRI) == _classified(store, FRI)
            return int(
                store.value("SELECT COUNT(*) FROM contact_log WHERE basis <> :b", {"b": basis})
            )
        finally:
            store.close()

    assert stale() == 0
    for args in (
        ("settings", "set", "unresponsive_days", "2"),
        ("settings", "set", "holidays", "2026-11-11,2026-11-12"),
        ("settings", "reset", "unresponsive_days"),
        ("settings", "reset", "--yes"),
    ):
        run("--db", str(path), *args, ok=True)
        assert stale() == 0, args
