"""Ranking today's items of `next`: the stored ones (scored cheaply from four columns)
with the global ones, either all of them or, with a limit, from a bounded number of rows.

Today's list with a limit reads a bounded number of rows whatever the size of the
database. An item's score is round(G + O + L) of three rounded terms: G falls with
its group, O rises with the days overdue (flat below 0 and from OVERDUE_SPAN - 2 on)
and L falls with the company's LAMP rank; weights are never negative. So within one
*class* (a group and one overdue day) the order is the LAMP order, which the stored
``lamp_key`` gives, and the first ``limit`` of the whole list are among the first
``limit`` of each class. The two open-ended classes (long overdue; not yet due) order
equal L by days overdue, so their ties are fetched too. The candidates are then scored
and sorted exactly as ``netjob.engine.ranking.rank`` would.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netjob.engine import coach, lamp, rules
from netjob.engine import ranking as engine_ranking
from netjob.engine import settings as defs
from netjob.services import pending
from netjob.services import settings as settings_service
from netjob.services.coach_facts import applied_cold, in_clause, reminders_on
from netjob.store import Store

_HIDES = (
    "n.state IS NOT NULL AND (n.changed_on IS NULL OR n.changed_on <= :on) AND "
    "(n.state IN ('done', 'dismissed') OR (n.state = 'snoozed' AND n.until IS NOT NULL "
    "AND n.until > :on))"
)
_HIDDEN = "SELECT 1 FROM next_item n WHERE n.key = {key} AND " + _HIDES
_WINDOW = "p.visible_from <= :on AND (p.visible_until IS NULL OR p.visible_until >= :on)"
_VISIBLE = f"{_WINDOW} AND NOT EXISTS ({_HIDDEN.format(key='p.key')})"
_SHOWN = f"{_WINDOW} AND p.key NOT IN (SELECT key FROM hidden)"  # with the CTE below
_CANDIDATE = (
    "SELECT p.key, p.group_no, p.due, p.lamp_key, c.lamp_rank FROM pending_item p "
    "LEFT JOIN company c ON c.id = p.company_id"
)
_CANDIDATE_OF_CLASS = (
    "SELECT p.key, p.group_no, p.due, p.lamp_key, c.lamp_rank FROM classes x "
    "JOIN pending_item p ON p.key IN (SELECT q.key FROM pending_item q WHERE q.group_no = x.g "
    "AND q.due = x.d AND q.visible_from <= :on AND (q.visible_until IS NULL OR "
    "q.visible_until >= :on) AND q.key NOT IN (SELECT key FROM hidden) "
    "ORDER BY q.lamp_key, q.key LIMIT :k) LEFT JOIN company c ON c.id = p.company_id"
)
# Ranked companies missing a motivation or a posting score (a partial index holds them).
_UNSCORED = "lamp_rank IS NOT NULL AND (motivation = 0 OR posting IS NULL)"
_DUE_AND_SHOWN = (
    " AND m.due_on <= :on AND NOT EXISTS (" + _HIDDEN.format(key="'remind:' || m.id") + ")"
)


def _candidates(store: Store, on: date, limit: int, points: _Lamp) -> list[Any]:
    """Stored items that may be among the first ``limit`` on ``on`` (see above)."""
    span = engine_ranking.OVERDUE_SPAN - 2  # overdue days from which O stops growing
    params: dict[str, Any] = {"on": on, "k": limit, "cut": on - timedelta(days=span)}
    classes, olds = [], []
    plus = "+" if store.is_sqlite else ""
    for group in coach.GROUPS:
        params[f"g{group}"] = group
        for late in range(span):
            params[f"d{late}"] = on - timedelta(days=late)
            classes.append(f"(:g{group}, :d{late})")
        olds.append(  # in LAMP order, stopping at the limit (SQLite: `+` keeps it so)
            f"SELECT * FROM ({_CANDIDATE} WHERE p.group_no = :g{group} AND {plus}p.due <= :cut "
            f"AND {_SHOWN} ORDER BY p.lamp_key, p.key LIMIT :k) AS t{group}_old"
        )
    # The first ``limit`` of each (group, day) class: one correlated subquery over a list
    # of classes, not a subquery a class (a statement of 125 kB took 30-40 ms to parse).
    # The hidden keys are read once.
    found = list(
        store.rows(
            f"WITH hidden (key) AS MATERIALIZED (SELECT n.key FROM next_item n WHERE {_HIDES}), "
            f"classes (g, d) AS (VALUES {', '.join(classes)}) "
            f"{_CANDIDATE_OF_CLASS} UNION ALL {' UNION ALL '.join(olds)}",
            params,
        )
    )
    early = ", ".join(str(g) for g in coach.EARLY_GROUPS)
    found.extend(
        store.rows(
            f"{_CANDIDATE} WHERE p.group_no IN ({early}) AND p.due > :on AND {_VISIBLE}",
            {"on": on},
        )
    )
    # Long overdue: among items of equal L the most overdue come first, so fetch the
    # first ``limit`` by days overdue among the companies whose L ties the last one's.
    for group in coach.GROUPS:
        old = [r for r in found if r["group_no"] == group and r["due"] <= params["cut"]]
        if len(old) < limit:
            continue
        last = max(old, key=lambda r: (r["lamp_key"], r["key"]))
        found.extend(_ties(store, on, group, params["cut"], last["lamp_rank"], limit, points))
    return found


@dataclass(frozen=True, slots=True)
class _Lamp:
    """L, the LAMP term's points for a rank (None: no company or a closed one)."""

    weight: float
    worst: int

    def __call__(self, rank: int | None) -> float:
        value = 0.0 if rank is None else 1 - (rank - 1) / max(self.worst, 1)
        return round(self.weight * value, 2)

    def first_at_most(self, points: float) -> int | None:
        """The best rank whose L is at most ``points`` (None if every rank scores more)."""
        if self.worst < 1 or self(self.worst) > points:
            return None
        lo, hi = 1, self.worst
        while lo < hi:
            mid = (lo + hi) // 2
            lo, hi = (mid + 1, hi) if self(mid) > points else (lo, mid)
        return lo


def _ties(
    store: Store, on: date, group: int, cut: date, rank: int | None, limit: int, points: _Lamp
) -> list[Any]:
    """The first ``limit`` long-overdue items of ``group`` (most overdue first) whose L
    equals that of LAMP rank ``rank``: a range of ranks, and the unranked when L is 0."""
    tied = points(rank)
    low = points.first_at_most(tied)
    below = points.first_at_most(tied - 0.005)  # the first rank scoring less
    key_low = lamp.NO_RANK_KEY
    if low is not None:
        key_low = store.value("SELECT lamp_key FROM company WHERE lamp_rank = :r", {"r": low})
    if tied == points(None):
        key_high = lamp.NO_RANK_KEY
    elif below is None:
        key_high = store.value(
            "SELECT lamp_key FROM company WHERE lamp_rank = :r", {"r": points.worst}
        )
    else:
        key_high = store.value(
            "SELECT lamp_key FROM company WHERE lamp_rank = :r", {"r": below - 1}
        )
    if key_low is None or key_high is None:
        return []
    return list(
        store.rows(
            f"{_CANDIDATE} WHERE p.group_no = :g AND p.due <= :cut AND p.lamp_key >= :lo "
            f"AND p.lamp_key <= :hi AND {_VISIBLE} ORDER BY p.due, p.lamp_key, p.key LIMIT :k",
            {"g": group, "cut": cut, "lo": key_low, "hi": key_high, "on": on, "k": limit},
        )
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
    f"FROM contact k WHERE k.company_id = c.id) AND {_HIDES})"
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
        f"SELECT id FROM company WHERE {_UNSCORED} ORDER BY lamp_rank LIMIT 3",
        "SELECT id FROM company WHERE lamp_rank = 1",
    ):
        ids.update(r["id"] for r in store.rows(sql, {"n": max(0, numbers["active_companies"])}))
    reminders = reminders_on(store, on, also=_DUE_AND_SHOWN)
    ids.update(r.company_id for r in reminders if r.company_id is not None)
    # two statements, each served by an index (one SUM over both would read every company)
    worst = int(store.value("SELECT MAX(lamp_rank) FROM company") or 0)
    unscored = int(store.value(f"SELECT COUNT(*) FROM company WHERE {_UNSCORED}") or 0)
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
    points = _Lamp(weight["lamp"], worst)
    keyed: dict[str, tuple[tuple[float, int, int, int, str], int | None]] = {}
    for r in _candidates(store, on, limit, points):
        overdue = (on - r["due"]).days
        rank = r["lamp_rank"] if r["lamp_key"] != lamp.NO_RANK_KEY else None
        score = engine_ranking.fast_points(r["group_no"], overdue, rank, worst, weight)
        keyed[r["key"]] = (
            engine_ranking.order(score, r["group_no"], overdue, rank, r["key"]),
            rank,
        )
    fresh = [i for i in rules.global_items(found) if engine_ranking.visible(i, on)]
    hidden_fresh = _hidden_among(store, on, [i.key for i in fresh])
    fresh = [i for i in fresh if i.key not in hidden_fresh]
    for item in fresh:
        engine_ranking.score(item, found, worst)
    # Visible items (counted on an index alone), less the hidden ones among them (found
    # from the few hidden keys).
    total = late = 0
    for sign, sql in (
        (
            1,
            "SELECT COUNT(*) AS total, SUM(CASE WHEN p.due < :on THEN 1 ELSE 0 END) AS late "
            f"FROM pending_item p WHERE {_WINDOW}",
        ),
        (
            -1,
            "SELECT COUNT(*) AS total, SUM(CASE WHEN p.due < :on THEN 1 ELSE 0 END) AS late "
            f"FROM next_item n JOIN pending_item p ON p.key = n.key WHERE {_HIDES} AND {_WINDOW}",
        ),
    ):
        counts = store.row(sql, {"on": on})
        if counts is not None:
            total += sign * int(counts["total"] or 0)
            late += sign * int(counts["late"] or 0)
    hidden = store.value(f"SELECT COUNT(*) FROM next_item n WHERE {_HIDES}", {"on": on})
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
            f"SELECT n.key FROM next_item n WHERE n.key IN ({marks}) AND {_HIDES}",
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
