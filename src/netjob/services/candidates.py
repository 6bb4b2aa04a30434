"""The stored items that may be among the first ``limit`` of `next`, read in a bounded
number of rows whatever the size of the database.

An item's score is round(G + O + L) of three rounded terms: G falls with its group,
O rises with the days overdue (flat below 0 and from OVERDUE_SPAN - 2 on) and L falls
with the company's LAMP rank; weights are never negative. So within one *class* (a
group and one overdue day) the order is the LAMP order, which the stored ``lamp_key``
gives, and the first ``limit`` of the whole list are among the first ``limit`` of each
class. The two open-ended classes (long overdue; not yet due) order equal L by days
overdue, so their ties are fetched too.

No item of a class can sort before the class's *best key*: its group and days overdue
with the best L there is. Classes are read best key first, a few at a time, and
reading stops once ``limit`` items already sort before the next class's best key: with
the default weights, the owed items' classes alone usually fill the list.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netjob.engine import coach, lamp
from netjob.engine import ranking as engine_ranking
from netjob.store import Store

HIDES = (
    "n.state IS NOT NULL AND (n.changed_on IS NULL OR n.changed_on <= :on) AND "
    "(n.state IN ('done', 'dismissed') OR (n.state = 'snoozed' AND n.until IS NOT NULL "
    "AND n.until > :on))"
)
WINDOW = "p.visible_from <= :on AND (p.visible_until IS NULL OR p.visible_until >= :on)"
_VISIBLE = f"{WINDOW} AND NOT EXISTS (SELECT 1 FROM next_item n WHERE n.key = p.key AND {HIDES})"
_CANDIDATE = (
    "SELECT p.key, p.group_no, p.due, p.lamp_key, c.lamp_rank FROM pending_item p "
    "LEFT JOIN company c ON c.id = p.company_id"
)
# The first ``limit`` of each class of a list, by one correlated subquery (a subquery a
# class made a statement of 125 kB, which took 30-40 ms to parse).
_OF_CLASSES = (
    "SELECT p.key, p.group_no, p.due, p.lamp_key, c.lamp_rank FROM classes x "
    "JOIN pending_item p ON p.key IN (SELECT q.key FROM pending_item q WHERE q.group_no = x.g "
    "AND q.due = x.d AND q.visible_from <= :on AND (q.visible_until IS NULL OR "
    "q.visible_until >= :on) AND NOT EXISTS (SELECT 1 FROM next_item n WHERE n.key = q.key "
    f"AND {HIDES}) ORDER BY q.lamp_key, q.key LIMIT :k) LEFT JOIN company c ON c.id = p.company_id"
)
SPAN = engine_ranking.OVERDUE_SPAN - 2  # overdue days from which O stops growing
OLD, EARLY = SPAN, -1  # the days overdue that stand for the two open-ended classes
Order = tuple[float, int, int, int, str]


@dataclass(frozen=True, slots=True)
class Lamp:
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


def _classes(weight: dict[str, float], worst: int) -> list[tuple[Order, int, int]]:
    """Every class as (best key, group, days overdue), best key first. Long overdue
    stands for any number of days from OLD on; early for any day before the due one."""
    found = []
    for group in coach.GROUPS:
        lates = [*range(SPAN), OLD] + ([EARLY] if group in coach.EARLY_GROUPS else [])
        for late in lates:
            best = engine_ranking.fast_points(group, late, 1, worst, weight)
            most = -(10**9) if late == OLD else -late  # the most overdue it may hold
            found.append(((-best, group, most, 0, ""), group, late))
    return sorted(found)


def first_rows(
    store: Store,
    on: date,
    limit: int,
    points: Lamp,
    weight: dict[str, float],
    order: Callable[[Any], Order],
) -> list[Any]:
    """Stored items that may be among the first ``limit`` on ``on`` (see above), read a
    few classes at a time (4, then 16, 64...) until no class left can place an item."""
    classes = _classes(weight, points.worst)
    found: dict[str, Any] = {}
    best: list[_Reversed] = []  # the ``limit`` best keys so far, the worst of them on top
    start, size = 0, 4
    while start < len(classes):
        if len(best) == limit and best[0].key < classes[start][0]:
            break
        for r in _read(store, on, limit, points, [c[1:] for c in classes[start : start + size]]):
            if r["key"] not in found:  # the ties may repeat a row
                found[r["key"]] = r
                _keep(best, order(r), limit)
        start, size = start + size, size * 4
    return list(found.values())


class _Reversed:
    """A key that sorts the other way round, for a heap of the best keys (a max-heap)."""

    __slots__ = ("key",)

    def __init__(self, key: Order) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return self.key > other.key


def _keep(heap: list[_Reversed], key: Order, limit: int) -> None:
    if len(heap) < limit:
        heapq.heappush(heap, _Reversed(key))
    elif key < heap[0].key:
        heapq.heapreplace(heap, _Reversed(key))


def _read(
    store: Store, on: date, limit: int, points: Lamp, classes: list[tuple[int, int]]
) -> list[Any]:
    """The first ``limit`` of each of ``classes`` ((group, days overdue) pairs), and for
    a full long-overdue class the ties of its last L, in one statement (and the ties')."""
    cut = on - timedelta(days=SPAN)
    params: dict[str, Any] = {"on": on, "k": limit, "cut": cut}
    days, parts = [], []
    plus = "+" if store.is_sqlite else ""  # SQLite: keep LAMP order, stopping at the limit
    for n, (group, late) in enumerate(classes):
        params[f"g{n}"] = group
        if late == EARLY:  # few, and ordered by days overdue among equal L: all of them
            parts.append(f"{_CANDIDATE} WHERE p.group_no = :g{n} AND p.due > :on AND {_VISIBLE}")
        elif late == OLD:
            parts.append(
                f"SELECT * FROM ({_CANDIDATE} WHERE p.group_no = :g{n} AND {plus}p.due <= :cut "
                f"AND {_VISIBLE} ORDER BY p.lamp_key, p.key LIMIT :k) AS t{n}"
            )
        else:
            params[f"d{n}"] = on - timedelta(days=late)
            days.append(f"(:g{n}, :d{n})")
    if days:
        parts.insert(0, _OF_CLASSES)
    with_days = f"WITH classes (g, d) AS (VALUES {', '.join(days)}) " if days else ""
    found = list(store.rows(with_days + " UNION ALL ".join(parts), params))
    # Long overdue: among items of equal L the most overdue come first, so fetch the
    # first ``limit`` by days overdue among the companies whose L ties the last one's.
    for group in sorted({group for group, late in classes if late == OLD}):
        old = [r for r in found if r["group_no"] == group and r["due"] <= cut]
        if len(old) < limit:
            continue
        last = max(old, key=lambda r: (r["lamp_key"], r["key"]))
        found.extend(_ties(store, on, group, cut, last["lamp_rank"], limit, points))
    return found


def _ties(
    store: Store, on: date, group: int, cut: date, rank: int | None, limit: int, points: Lamp
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
