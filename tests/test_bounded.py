"""Bounded views: `next` (and the other listings) read as many rows on a database ten
times larger, and the bounded `next` is the same list as the full ranking."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from benchmarks import generate

from netjob.engine import coach, ranking, rules
from netjob.engine.names import company_key
from netjob.services import coach as coach_service
from netjob.services import companies as company_service
from netjob.services import items, pending
from netjob.services.database import open_store
from netjob.store import Store
from tests.conftest import Run

pytestmark = pytest.mark.sqlite_only  # generated SQLite files: deselected on PostgreSQL

DAY = date(2026, 11, 20)
SMALL = {"companies": 30, "contacts": 300, "entries": 1500}


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The same generated shape at 1x and 10x."""
    folder = tmp_path_factory.mktemp("bounded")
    found = {}
    for scale in (1, 10):
        path = folder / f"x{scale}.db"
        generate.build(path, generate.Size(*(v * scale for v in SMALL.values()), 0))
        found[scale] = path
    return found


class Counter:
    def __init__(self) -> None:
        self.statements = 0
        self.rows = 0
        self.sql: list[tuple[str, Any]] = []  # each statement run, with its parameters


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter]:
    """Count every statement the Store runs and every row it hands back."""
    counter = Counter()
    rows, row, value, execute = Store.rows, Store.row, Store.value, Store.execute

    def count_rows(self: Store, sql: str, params: Any = ()) -> Any:
        counter.sql.append((sql, params))
        found = rows(self, sql, params)
        counter.statements += 1
        counter.rows += len(found)
        return found

    def count_row(self: Store, sql: str, params: Any = ()) -> Any:
        counter.sql.append((sql, params))
        counter.statements += 1
        counter.rows += 1
        return row(self, sql, params)

    def count_value(self: Store, sql: str, params: Any = ()) -> Any:
        counter.sql.append((sql, params))
        counter.statements += 1
        counter.rows += 1
        return value(self, sql, params)

    def count_execute(self: Store, sql: str, params: Any = ()) -> Any:
        counter.sql.append((sql, params))
        counter.statements += 1
        return execute(self, sql, params)

    monkeypatch.setattr(Store, "rows", count_rows)
    monkeypatch.setattr(Store, "row", count_row)
    monkeypatch.setattr(Store, "value", count_value)
    monkeypatch.setattr(Store, "execute", count_execute)
    yield counter


def _visible(path: Path) -> int:
    store = open_store(path)
    try:
        return int(
            store.value(
                "SELECT COUNT(*) FROM pending_item WHERE visible_from <= :on AND "
                "(visible_until IS NULL OR visible_until >= :on)",
                {"on": DAY},
            )
        )
    finally:
        store.close()


def _measure(run: Run, counter: Counter, path: Path, *args: str) -> tuple[int, int, str]:
    import os

    os.environ["NETJOB_DB"] = str(path)
    os.environ["NETJOB_TODAY"] = DAY.isoformat()
    run(*args, ok=True)  # the first run numbers the items; count the second
    counter.statements = counter.rows = 0
    counter.sql.clear()
    result = run(*args, ok=True)
    return counter.statements, counter.rows, result.stdout


# Rows a bounded `next` may read whatever the size: the first `limit` of each class
# (6 groups x 59 overdue days), the ties of the long-overdue class, a few companies.
BOUND = len(coach.GROUPS) * (ranking.OVERDUE_SPAN - 1) * 10 * 2 + 200


# Rows that may grow with the data's spread over time, not its size: week's days to a
# reply are counted by span in days (a busier log meets more of the possible spans, at
# most the days the log covers; 15 here at 1x, 58 at 10x).
# week: its eight weeks by day; funnel: the application stages of the companies there
GROWTH = {"week": 60, "funnel": 4}


@pytest.mark.parametrize(
    "args",
    [
        ("next",),
        ("next", "--json"),
        ("list", "contacts"),
        ("list", "contacts", "--behaviour"),
        ("list", "companies"),
        ("show", "company", "#3"),
        ("pipeline",),
        ("funnel",),
        ("week",),
    ],
)
def test_bounded_commands_do_the_same_work_on_a_ten_times_larger_database(
    run: Run, counted: Counter, databases: dict[int, Path], args: tuple[str, ...]
) -> None:
    small = _measure(run, counted, databases[1], *args)
    large = _measure(run, counted, databases[10], *args)
    # the same statements, but for the ties of a full long-overdue class (3 per group)
    assert small[0] <= large[0] <= small[0] + 3 * len(coach.GROUPS), (small[:2], large[:2])
    assert large[1] <= BOUND, large[:2]
    if args[0] == "next":  # far fewer rows than the visible items
        assert large[1] * 2 < _visible(databases[10]), large[:2]
    if args[0] == "pipeline":  # 15 rows a status, the next steps, stages of those
        assert large[1] <= 3 * 15 * 6 + 50, (small[:2], large[:2])
    if args[0] == "list" and "--behaviour" not in args:  # a page, its tags, a count
        assert large[1] <= 2 * 50 + 10, (small[:2], large[:2])
    if args[0] in {"funnel", "week"} or "--behaviour" in args:  # counts, not rows
        own = [small[1], large[1]]
        if args[0] == "week":  # less the rows of the `next` it shows (bounded above)
            own[0] -= _measure(run, counted, databases[1], "next", "--json")[1]
            own[1] -= _measure(run, counted, databases[10], "next", "--json")[1]
        assert own[1] <= own[0] + GROWTH.get(args[0], 0), (small[:2], large[:2], own)


def test_next_json_does_not_import_rich(run: Run, databases: dict[int, Path]) -> None:
    import subprocess
    import sys

    code = (
        "import sys, os; from netjob.cli import app\n"
        "try:\n    app(['next', '--json'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('rich')), file=sys.stderr)"
    )
    env = {"NETJOB_DB": str(databases[1]), "NETJOB_TODAY": DAY.isoformat(), "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert len(json.loads(done.stdout)) == 10
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr


def _lists(store: Store, day: date, limit: int) -> tuple[Any, Any]:
    bounded = coach_service.daily_list(store, on=day, today=day, limit=limit)
    full = coach_service.daily_list(store, on=day, today=day, limit=None)
    return bounded, full


@pytest.mark.parametrize(
    "weights",
    [
        {},
        {"weight_group": "1", "weight_overdue": "1", "weight_lamp": "1"},
        {"weight_group": "0", "weight_overdue": "0", "weight_lamp": "0"},
        {"weight_group": "3", "weight_overdue": "500", "weight_lamp": "7"},
        {"weight_group": "0", "weight_overdue": "0", "weight_lamp": "100"},
        {"weight_group": "100", "weight_overdue": "2", "weight_lamp": "1000"},
    ],
)
def test_the_bounded_list_is_the_top_of_the_full_ranking(
    databases: dict[int, Path], tmp_path: Path, weights: dict[str, str]
) -> None:
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(databases[1], path)
    store = open_store(path)
    try:
        with store.transaction():
            for n in range(8):  # active companies with nobody yet: "find contacts" items
                name = f"Wanting {n}"
                store.insert(
                    "company",
                    {
                        "name": name,
                        "name_key": company_key(name),
                        "motivation": n % 4,
                        "posting": (None, 1, 3)[n % 3],
                        "advocacy": False,
                        "status": "active",
                        "created_on": date(2026, 1, 5),
                        "updated_on": date(2026, 1, 5),
                    },
                )
            pending.rerank_all(store)
            for key, value in weights.items():
                store.execute(
                    "INSERT INTO setting (key, value) VALUES (:k, :v) "
                    "ON CONFLICT (key) DO UPDATE SET value = :v",
                    {"k": key, "v": value},
                )
        everything = coach_service.daily_list(store, on=DAY, today=DAY, limit=None).items
        finds = [i for i in everything if i["rule"] == "find-contacts"]
        assert len(finds) > 3, "the generated data has active companies wanting contacts"
        for n, item in enumerate([*everything[:12:3], finds[0], finds[2]]):
            state = ("done", "dismissed", "snoozed")[n % 3]
            until = date(2026, 12, 1) if state == "snoozed" else None
            items.set_state(store, number=item["id"], state=state, today=DAY, until=until)
        for day in (DAY, date(2026, 6, 1), date(2027, 3, 1)):
            for limit in (1, 3, 10, 40):
                bounded, full = _lists(store, day, limit)
                assert bounded.items == full.items[:limit]
                assert (bounded.total, bounded.overdue, bounded.hidden) == (
                    full.total,
                    full.overdue,
                    full.hidden,
                )
                assert bounded.suggestion == full.suggestion
    finally:
        store.close()


def _stored_ranks(store: Store) -> dict[int, int | None]:
    return {r["id"]: r["lamp_rank"] for r in store.rows("SELECT id, lamp_rank FROM company")}


def test_stored_lamp_ranks_follow_every_write(
    run: Run, databases: dict[int, Path], tmp_path: Path
) -> None:
    import os
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(databases[1], path)
    os.environ["NETJOB_DB"] = str(path)
    steps = [
        ("add", "company", "Aardvark Labs", "--motivation", "3", "--posting", "3"),
        ("add", "contact", "Zed Zee", "--company", "Aardvark Labs"),
        ("edit", "company", "#3", "--motivation", "3", "--posting", "3"),
        ("edit", "company", "#4", "--status", "closed"),
        ("edit", "company", "#5", "--name", "aaa first"),
        ("remove", "company", "#6", "--cascade", "--yes"),
        ("edit", "company", "#4", "--status", "active"),
    ]
    for step in steps:
        run(*step, ok=True)
        store = open_store(path)
        try:
            listed = company_service.list_companies(store)
            expected = {c.id: c.lamp_rank for c in listed}
            assert _stored_ranks(store) == expected, step
            for company in listed[:5] + listed[-5:]:  # `show` reads the stored rank
                assert company_service.get(store, company.id).company == company
        finally:
            store.close()


def test_items_shown_before_they_are_due_are_in_the_early_groups(
    databases: dict[int, Path],
) -> None:
    store = open_store(databases[1])
    try:
        early = store.rows("SELECT DISTINCT group_no FROM pending_item WHERE visible_from < due")
        assert early, "the generated data has replies waiting"
        assert {r["group_no"] for r in early} <= set(coach.EARLY_GROUPS)
        facts = coach_service.facts_for(store, companies=None, loose=None)
        for item in rules.contact_items(facts):
            if item.visible_from is not None and item.visible_from < item.due:
                assert item.group in coach.EARLY_GROUPS, item.rule
    finally:
        store.close()


def test_a_rebuild_keeps_the_ranks(databases: dict[int, Path], tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(databases[1], path)
    store = open_store(path)
    try:
        expected = {c.id: c.lamp_rank for c in company_service.list_companies(store)}
        assert _stored_ranks(store) == expected
        with store.transaction():
            store.execute("UPDATE company SET lamp_rank = NULL, lamp_key = NULL")
            pending.rebuild_all(store)
        assert _stored_ranks(store) == expected
    finally:
        store.close()


@pytest.mark.parametrize(("kind", "total"), [("contacts", 3000), ("companies", 300)])
def test_a_listing_shows_a_page_and_all_streams_every_row(
    run: Run, databases: dict[int, Path], kind: str, total: int
) -> None:
    import os

    os.environ["NETJOB_DB"] = str(databases[10])
    everyone = json.loads(run("list", kind, "--json", ok=True).stdout)
    assert len(everyone) == total
    page = run("list", kind, ok=True)
    assert page.stderr.strip().splitlines()[-1] == f"{total - 50} more: --all to see them."
    if kind == "contacts":
        shown = [int(n) for n in re.findall(r"#(\d+)", page.stdout)]
        assert shown == [e["id"] for e in everyone[:50]]
    else:
        assert all(e["name"] in page.stdout for e in everyone[:50])
        assert not any(e["name"] in page.stdout for e in everyone[50:])
    streamed = run("list", kind, "--all", ok=True)
    lines = streamed.stdout.splitlines()
    assert len(lines) == total + 1 and "more:" not in streamed.stderr
    if kind == "contacts":
        assert lines[0].split() == ["Id", "Name", "Company", "Title", "How", "Tags"]
        assert [int(line.split()[0][1:]) for line in lines[1:]] == [e["id"] for e in everyone]
    else:
        assert lines[0].split()[:2] == ["Rank", "Company"]
        ranks = [line.split()[0] for line in lines[1:]]
        assert ranks == [str(e["lamp_rank"] or "-") for e in everyone]


def test_the_behaviour_tally_counts_what_classifying_everyone_counts(
    databases: dict[int, Path],
) -> None:
    from netjob.services import behaviour

    store = open_store(databases[1])
    try:
        for day in (date(2026, 2, 1), date(2026, 6, 15), DAY):
            expected = behaviour.counted(behaviour.behaviours(store, today=day))
            assert behaviour.tally(store, today=day) == expected
            assert sum(expected.values()) == SMALL["contacts"]
        assert behaviour.tally(store, today=DAY)["curmudgeon"] > 0
    finally:
        store.close()


def test_without_stored_keys_next_ranks_in_python(
    databases: dict[int, Path], tmp_path: Path
) -> None:
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(databases[1], path)
    store = open_store(path)
    try:
        before = coach_service.daily_list(store, on=DAY, today=DAY, limit=10)
        with store.transaction():  # as an older version's import leaves them
            store.execute("UPDATE pending_item SET lamp_key = NULL WHERE company_id = 3")
            store.execute("UPDATE company SET lamp_rank = 999 WHERE id = 3")
        assert not pending.keys_stored(store)
        after = coach_service.daily_list(store, on=DAY, today=DAY, limit=10)
        assert after.items == before.items
    finally:
        store.close()


def test_a_page_of_contacts_by_behaviour_counts_everyone(
    run: Run, databases: dict[int, Path]
) -> None:
    import os
    from collections import Counter

    os.environ["NETJOB_DB"] = str(databases[10])
    os.environ["NETJOB_TODAY"] = DAY.isoformat()
    everyone = json.loads(run("list", "contacts", "--behaviour", "--json", ok=True).stdout)
    counts = Counter(k["behaviour"] for k in everyone)
    page = run("list", "contacts", "--behaviour", ok=True)
    names = ("booster", "obligate", "curmudgeon", "unknown")
    assert page.stderr.strip().splitlines()[-1] == ", ".join(f"{counts[n]} {n}" for n in names)
    shown = re.findall(r"#(\d+) .*?(booster|obligate|curmudgeon|unknown)", page.stdout)
    assert len(shown) == 50
    assert all(dict((str(k["id"]), k["behaviour"]) for k in everyone)[i] == b for i, b in shown)


def test_the_board_shows_fifteen_a_status_and_all_streams_the_rest(
    run: Run, databases: dict[int, Path]
) -> None:
    import os

    os.environ["NETJOB_DB"] = str(databases[10])
    os.environ["NETJOB_TODAY"] = DAY.isoformat()
    found = json.loads(run("pipeline", "--json", ok=True).stdout)
    counts = found["counts"]
    board = run("pipeline", ok=True)
    for status in ("active", "backlog", "closed"):
        assert f"{counts[status] - 15} more {status}: --all to see them." in board.stderr
    everything = run("pipeline", "--all", ok=True).stdout.splitlines()
    assert "more" not in run("pipeline", "--all", ok=True).stderr
    for status in ("active", "backlog", "closed"):
        title = everything.index(f"{status.capitalize()} ({counts[status]})")
        lines = everything[title + 2 : title + 2 + counts[status]]
        names = [r["name"] for r in found["companies"] if r["status"] == status]
        assert [n for n, line in zip(names, lines, strict=True) if n[:20] in line] == names


def row_by_row_probes(store: Store, sql: str, params: Any = ()) -> list[str]:
    """The full scans of a statement's SQLite plan that run a correlated subquery for each
    row they visit (a probe a row: work that grows with the table, whatever the answer)."""
    plan = store.rows(f"EXPLAIN QUERY PLAN {sql}", params)
    scans = {r["parent"]: r["detail"] for r in plan if r["detail"].startswith("SCAN ")}
    return [
        scans[r["parent"]]
        for r in plan
        if r["detail"].startswith("CORRELATED") and r["parent"] in scans
    ]


@pytest.mark.parametrize("since", [(), ("--since", "2026-06-01")])
def test_the_funnel_probes_no_table_a_row_at_a_time(
    run: Run, counted: Counter, databases: dict[int, Path], since: tuple[str, ...]
) -> None:
    """Rows fetched and statements run cannot see a probe a company (an EXISTS fetches
    nothing): every statement's plan is read instead, on both sizes, and it is the same."""
    from tests.test_company_log import _REFERENCE

    plans = {}
    for scale in (1, 10):
        _measure(run, counted, databases[scale], "funnel", *since)
        ran = list(counted.sql)
        store = open_store(databases[scale])
        try:  # the measure sees the per-company EXISTS the funnel used to run
            assert (
                row_by_row_probes(store, _REFERENCE, {"since": DAY})
                == [
                    "SCAN c USING COVERING INDEX ix_company_lamp_rank"  # an EXISTS a company...
                ]
                * 2
            )  # ...for the employers and for the interviews
            assert [row_by_row_probes(store, sql, params) for sql, params in ran] == [
                [] for _ in ran
            ]
            plans[scale] = [
                [r["detail"] for r in store.rows(f"EXPLAIN QUERY PLAN {sql}", params)]
                for sql, params in ran
            ]
        finally:
            store.close()
        assert len([sql for sql, _ in ran if "company_log" in sql]) == 2, ran
    assert plans[10] == plans[1]
    assert [p for p in plans[1] if any("company_log" in line for line in p)] == [
        ["SEARCH company_log USING COVERING INDEX ix_company_log_networked (networked_on>?)"],
        ["SEARCH company_log USING COVERING INDEX ix_company_log_interview (interview_on>?)"],
    ]


def test_the_stored_employer_days_equal_a_recomputation_after_mixed_writes(
    run: Run, databases: dict[int, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from tests.test_company_log import counted_from_history, recomputed_rows, stored_rows

    path = tmp_path / "copy.db"
    shutil.copy(databases[1], path)
    monkeypatch.setenv("NETJOB_DB", str(path))
    store = open_store(path)
    try:
        assert stored_rows(store) == recomputed_rows(store)  # as generated
        assert len(stored_rows(store)) > SMALL["companies"] // 2
        moving = [
            r["id"]
            for r in store.rows(
                "SELECT k.id FROM contact k JOIN contact_log l ON l.contact_id = k.id "
                "WHERE l.first_out_on IS NOT NULL AND k.company_id IS NOT NULL ORDER BY k.id "
                "LIMIT 3"
            )
        ]
    finally:
        store.close()
    steps = [
        ("2026-11-20", "log", "apply", "#3", "--on", "2026-11-02"),
        ("2026-11-20", "log", "stage", "#3", "interviewing", "--on", "2026-11-09"),
        ("2026-11-21", "log", "outreach", "#40", "--on", "2026-11-21"),
        ("2026-11-21", "add", "company", "Omega Labs"),
        ("2026-11-21", "add", "company", "Zeta Works"),
        ("2026-11-21", "add", "contact", "Ola Nordmann", "--company", "Omega Labs"),
        ("2026-11-21", "log", "outreach", "Ola Nordmann", "--on", "2026-11-21"),
        ("2026-11-21", "log", "apply", "Omega Labs", "--on", "2026-11-21"),
        ("2026-11-21", "log", "stage", "Omega Labs", "interviewing", "--on", "2026-11-21"),
        ("2026-11-21", "edit", "contact", "Ola Nordmann", "--company", "Zeta Works"),
        ("2026-11-21", "edit", "contact", f"#{moving[0]}", "--company", "Omega Labs"),
        ("2026-11-22", "edit", "contact", f"#{moving[1]}", "--company", "#7"),
        ("2026-11-22", "log", "apply", "#7", "--on", "2026-11-20"),
        ("2026-11-22", "log", "stage", "#7", "offer", "--on", "2026-11-22"),
        ("2026-11-23", "remove", "contact", f"#{moving[2]}", "--yes"),
        ("2026-11-23", "edit", "company", "#3", "--status", "closed"),
        ("2026-11-24", "remove", "company", "#5", "--cascade", "--yes"),
        ("2026-11-24", "undo", "--yes"),
        ("2026-11-24", "remove", "company", "#9", "--cascade", "--yes"),
        ("2026-11-25", "log", "reply", f"#{moving[0]}", "--on", "2026-11-25"),
        ("2026-11-25", "undo", "--yes"),
        ("2026-11-25", "undo", "--yes"),
    ]
    for day, *args in steps:
        monkeypatch.setenv("NETJOB_TODAY", day)
        run(*args, ok=True)
        store = open_store(path)
        try:
            assert stored_rows(store) == recomputed_rows(store), args
            for since in (None, date(2026, 11, 1), date(2026, 11, 21)):
                found = json.loads(
                    run(
                        "funnel", "--json", *(("--since", str(since)) if since else ()), ok=True
                    ).stdout
                )["networked"]
                assert (found["employers"], found["interviews"]) == counted_from_history(
                    store, since
                ), (args, since)
        finally:
            store.close()


def test_keeping_a_company_s_days_current_does_not_grow_with_the_database(
    databases: dict[int, Path],
) -> None:
    """Each write recomputes the company_log rows of the companies it touches: that work
    (SQLite VM steps) follows the company's own contacts and events, not the database."""
    from netjob.services import derived

    steps = dict.fromkeys((1, 10), 0)
    scale = 1

    def step() -> int:
        steps[scale] += 1
        return 0

    for scale in (1, 10):
        store = open_store(databases[scale])
        try:
            before = stored_days(store)
            store.conn.set_progress_handler(step, 10)
            with store.transaction(journal=False):
                for company_id in range(1, 11):
                    derived.write_company_log(store, company_id)
            store.conn.set_progress_handler(None, 10)
            assert stored_days(store) == before  # recomputed, the same
        finally:
            store.close()
    assert steps[10] <= steps[1] * 2, steps


def stored_days(store: Store) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in store.rows("SELECT * FROM company_log ORDER BY company_id")]
