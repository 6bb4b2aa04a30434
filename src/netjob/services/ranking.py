"""Ranking today's items of `next`: the stored ones (scored cheaply from four columns)
with the global ones, either all of them or, with a limit, from a bounded number of rows
(:mod:`netjob.services.candidates` finds those). The candidates are then scored and
sorted exactly as ``netjob.engine.ranking.rank`` would.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from netjob.engine import coach, lamp, rules
from netjob.engine import ranking as engine_ranking
from netjob.engine import settings as defs
from netjob.schema import UNSCORED
from netjob.services import candidates, pending
from netjob.services import settings as settings_service
from netjob.services.candidates import HIDES, WINDOW
from netjob.services.coach_facts import applied_cold, in_clause, reminders_on
from netjob.store import Store

_DUE_AND_SHOWN = (
    " AND m.due_on <= :on AND NOT EXISTS (SELECT 1 FROM next_item n "
    f"WHERE n.key = 'remind:' || m.id AND {HIDES})"
)


def _company_facts(store: Store, on: date, ids: Collection[int]) -> list[coach.CompanyFacts]:
    """Facts of a few companies, with their stored LAMP ranks."""
    if not ids:
        return []
    clause, bind = in_clause("c.id", sorted(ids), "c")
    rows = store.rows(
        "SELECT c.id, c.name, c.status, c.lamp_rank, c.motivation, c.posting, c.advocacy, "
        "(SELECT COUNT(*) FROM contact k WHERE k.company_id = c.id) AS contacts, "
        "EXISTS (SELECT 1 FROM contact k JOIN contact_log l ON l.contact_id = k.id "
        "WHERE k.company_id = c.id AND l.last_heard_on IS NOT NULL) AS engaged "
        f"FROM company c WHERE {clause} ORDER BY c.lamp_rank, c.id",
        bind,
    )
    applied = applied_cold(store, on, list(ids))
    return [
        coach.CompanyFacts(
            r["id"],
            r["name"],
            r["status"],
            r["lamp_rank"],
            r["motivation"],
            r["posting"],
            r["contacts"],
            advocacy=bool(r["advocacy"]),
            engaged=bool(r["engaged"]),
            applied_cold_on=applied.get(r["id"]),
        )
        for r in rows
    ]


# An active company `next` asks to find more people at (rule_activate_and_find): fewer
# contacts than wanted, nobody heard from, no cold application, the item not hidden.


_WANTING = (
    "c.status = 'active' AND (SELECT COUNT(*) FROM contact k WHERE k.company_id = c.id) "
    "< :per AND NOT EXISTS (SELECT 1 FROM contact k JOIN contact_log l ON l.contact_id = k.id "
    "WHERE k.company_id = c.id AND l.last_heard_on IS NOT NULL) AND NOT EXISTS (SELECT 1 "
    "FROM interaction a WHERE a.company_id = c.id AND a.kind = 'application' AND "
    "a.via_contact_id IS NULL AND a.occurred_on <= :on AND a.logged_on <= :on) AND NOT EXISTS "
    "(SELECT 1 FROM next_item n WHERE n.key = 'find:' || c.id || ':' || (SELECT COUNT(*) "
    f"FROM contact k WHERE k.company_id = c.id) AND {HIDES})"
)


def _few_facts(store: Store, *, on: date, today: date, limit: int) -> tuple[coach.Facts, int, int]:
    """What the global rules need, bounded: the first ``limit`` active companies wanting
    contacts, the first backlog ones in LAMP order, the first unscored ones, counts;
    visible reminders. Also the worst rank and how many companies want contacts in all."""
    values = settings_service.stored(store)
    numbers = defs.numbers(values)
    wanting = {"on": on, "per": numbers["contacts_per_company"]}
    all_wanting = int(store.value(f"SELECT COUNT(*) FROM company c WHERE {_WANTING}", wanting) or 0)
    ids: set[int] = set()
    if all_wanting:  # `+ 0`: filter the active ones first, then sort the few left
        ids.update(
            r["id"]
            for r in store.rows(
                f"SELECT c.id FROM company c WHERE {_WANTING} ORDER BY c.lamp_rank + 0 "
                f"LIMIT {int(limit)}",
                wanting,
            )
        )
    active = int(store.value("SELECT COUNT(*) FROM company WHERE status = 'active'") or 0)
    for sql in (
        "SELECT id FROM company WHERE status = 'backlog' AND lamp_rank IS NOT NULL "
        "ORDER BY lamp_rank LIMIT :n",
        f"SELECT id FROM company WHERE {UNSCORED} ORDER BY lamp_rank LIMIT 3",
        "SELECT id FROM company WHERE lamp_rank = 1",
    ):
        ids.update(r["id"] for r in store.rows(sql, {"n": max(0, numbers["active_companies"])}))
    reminders = reminders_on(store, on, also=_DUE_AND_SHOWN)
    ids.update(r.company_id for r in reminders if r.company_id is not None)
    # two statements, each served by an index (one SUM over both would read every company)
    worst = int(store.value("SELECT MAX(lamp_rank) FROM company") or 0)
    unscored = int(store.value(f"SELECT COUNT(*) FROM company WHERE {UNSCORED}") or 0)
    found = coach.Facts(
        today=on,
        companies=_company_facts(store, on, ids),
        contacts=[],
        reminders=reminders,
        settings=numbers,
        holidays=settings_service.holidays_for(store, values, today),
        company_counts=(worst, unscored, active),
    )
    return found, worst or 1, all_wanting


def first_items(
    store: Store, *, on: date, today: date, limit: int
) -> tuple[coach.Facts, int, int, int, list[coach.Item]]:
    """Today's first ``limit`` items, reading a bounded number of rows (see above).

    Returns the facts, the total, the overdue count, the hidden count and the items."""
    found, worst, all_wanting = _few_facts(store, on=on, today=today, limit=limit)
    weight = engine_ranking.weights(found.settings)

    def rank_of(r: Any) -> int | None:
        return r["lamp_rank"] if r["lamp_key"] != lamp.NO_RANK_KEY else None

    def order_of(r: Any) -> candidates.Order:
        overdue = (on - r["due"]).days
        score = engine_ranking.fast_points(r["group_no"], overdue, rank_of(r), worst, weight)
        return engine_ranking.order(score, r["group_no"], overdue, rank_of(r), r["key"])

    points = candidates.Lamp(weight["lamp"], worst)
    keyed = {
        r["key"]: (order_of(r), rank_of(r))
        for r in candidates.first_rows(store, on, limit, points, weight, order_of)
    }
    fresh = [i for i in rules.global_items(found) if engine_ranking.visible(i, on)]
    hidden_fresh = _hidden_among(store, on, [i.key for i in fresh])
    fresh = [i for i in fresh if i.key not in hidden_fresh]
    for item in fresh:
        engine_ranking.score(item, found, worst)
    # Visible items: the spans the tally (migration 0013) saw open by ``on`` less those
    # shut by then, a sum over days; less the hidden ones among them (from the few
    # hidden keys).
    spans = {
        r["what"]: int(r["n"] or 0)
        for r in store.rows(
            "SELECT what, SUM(n) AS n FROM tally WHERE what IN ('open', 'shut', 'late_open', "
            "'late_shut') AND day <= :on GROUP BY what",
            {"on": on},
        )
    }
    total = spans.get("open", 0) - spans.get("shut", 0)
    late = spans.get("late_open", 0) - spans.get("late_shut", 0)
    counts = store.row(
        "SELECT COUNT(*) AS total, SUM(CASE WHEN p.due < :on THEN 1 ELSE 0 END) AS late "
        f"FROM next_item n JOIN pending_item p ON p.key = n.key WHERE {HIDES} AND {WINDOW}",
        {"on": on},
    )
    if counts is not None:
        total -= int(counts["total"] or 0)
        late -= int(counts["late"] or 0)
    hidden = store.value(f"SELECT COUNT(*) FROM next_item n WHERE {HIDES}", {"on": on})
    ordered = sorted(
        [(order, key) for key, (order, _) in keyed.items()]
        + [
            (engine_ranking.order(i.score, i.group, i.overdue_days, i.lamp_rank, i.key), i.key)
            for i in fresh
        ]
    )[:limit]
    shown = _shown(
        store,
        [key for _, key in ordered],
        [key for _, key in ordered if key in keyed],
        fresh,
        found,
        worst,
        lambda item: keyed[item.key][1],
    )
    # the "find contacts" items of the companies left out rank below those kept, and are
    # due today (not late): they only count
    total += len(fresh) + all_wanting - sum(1 for i in fresh if i.rule == "find-contacts")
    late += sum(1 for i in fresh if i.overdue_days > 0)
    return found, total, late, int(hidden or 0), shown


def _hidden_among(store: Store, on: date, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    marks = ", ".join(f":k{n}" for n in range(len(keys)))
    return {
        r["key"]
        for r in store.rows(
            f"SELECT n.key FROM next_item n WHERE n.key IN ({marks}) AND {HIDES}",
            {"on": on, **{f"k{n}": k for n, k in enumerate(keys)}},
        )
    }


def from_stored(
    store: Store, facts: coach.Facts, hidden: set[str], limit: int | None
) -> tuple[int, int, list[coach.Item]]:
    """Rank stored items (cheaply, from four columns) with the global ones; build the top."""
    ranks = {c.id: c.lamp_rank for c in facts.companies}
    worst = max((r or 0 for r in ranks.values()), default=1)
    weight = engine_ranking.weights(facts.settings)
    keyed = []
    late = 0
    for key, group, due, company_id in pending.visible(store, facts.today):
        if key in hidden:
            continue
        overdue = (facts.today - due).days
        late += overdue > 0
        rank = ranks.get(company_id) if company_id is not None else None
        score = engine_ranking.fast_points(group, overdue, rank, worst, weight)
        keyed.append((engine_ranking.order(score, group, overdue, rank, key), key))
    fresh = [
        i
        for i in rules.global_items(facts)
        if engine_ranking.visible(i, facts.today) and i.key not in hidden
    ]
    for item in engine_ranking.rank(fresh, facts):
        late += item.overdue_days > 0
        keyed.append(
            (
                engine_ranking.order(
                    item.score, item.group, item.overdue_days, item.lamp_rank, item.key
                ),
                item.key,
            )
        )
    keyed.sort()
    top = keyed if limit is None else keyed[:limit]
    shown = _shown(
        store,
        [key for _, key in top],
        [key for _, key in top if key not in {i.key for i in fresh}],
        fresh,
        facts,
        worst,
        lambda item: ranks.get(item.company_id) if item.company_id else None,
    )
    return len(keyed), late, shown


def _shown(
    store: Store,
    keys: list[str],
    stored_keys: list[str],
    fresh: list[coach.Item],
    facts: coach.Facts,
    worst: int,
    rank: Callable[[coach.Item], int | None],
) -> list[coach.Item]:
    """The items of ``keys``, in that order: those of ``stored_keys`` read from the store
    and scored with their company's ``rank``, the others from ``fresh`` as they are."""
    stored = pending.items(store, stored_keys)
    by_key = {i.key: i for i in fresh} | stored
    found = [by_key[key] for key in keys]
    for item in found:
        if item.key in stored:
            item.lamp_rank = rank(item)
            engine_ranking.score(item, facts, worst)
    return found
