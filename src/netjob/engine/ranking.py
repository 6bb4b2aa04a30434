"""Which items of `netjob next` show on a day, and in what order.

Ranking is Taskwarrior-style: a score that sums weighted, normalised terms
(group, how overdue, LAMP rank). With the default weights (10000, 100, 1) the
score orders items by group, then by days overdue (up to 59), then by LAMP rank.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from netjob.engine.coach import Facts, Item
from netjob.engine.rules import candidates

OVERDUE_SPAN = 60


def visible(item: Item, on: date) -> bool:
    start = item.visible_from if item.visible_from is not None else item.due
    return start <= on and (item.visible_until is None or on <= item.visible_until)


def term_values(
    group: int, overdue_days: int, lamp_rank: int | None, worst: int
) -> dict[str, float]:
    """The normalised score terms, each in 0..1."""
    return {
        "group": (6 - group) / 5,
        "overdue": min(max(overdue_days + 1, 0), OVERDUE_SPAN - 1) / (OVERDUE_SPAN - 1),
        "lamp": 0.0 if lamp_rank is None else 1 - (lamp_rank - 1) / max(worst, 1),
    }


def weights(settings: dict[str, int]) -> dict[str, float]:
    return {name: float(settings[f"weight_{name}"]) for name in ("group", "overdue", "lamp")}


def points(values: dict[str, float], weight: dict[str, float]) -> float:
    return round(sum(round(weight[n] * values[n], 2) for n in values), 2)


def fast_points(
    group: int, overdue_days: int, lamp_rank: int | None, worst: int, weight: dict[str, float]
) -> float:
    """``points(term_values(...), weight)`` without the dictionaries, for ranking many items."""
    g = (6 - group) / 5
    o = min(max(overdue_days + 1, 0), OVERDUE_SPAN - 1) / (OVERDUE_SPAN - 1)
    lamp = 0.0 if lamp_rank is None else 1 - (lamp_rank - 1) / max(worst, 1)
    return round(
        round(weight["group"] * g, 2)
        + round(weight["overdue"] * o, 2)
        + round(weight["lamp"] * lamp, 2),
        2,
    )


def order(
    score: float, group: int, overdue_days: int, lamp_rank: int | None, key: str
) -> tuple[float, int, int, int, str]:
    """Sort key of an item: best score first; ties by group, overdue, LAMP rank, key."""
    return (-score, group, -overdue_days, lamp_rank or 10**9, key)


def score(item: Item, facts: Facts, worst_rank: int) -> None:
    """Set ``overdue_days``, ``score`` and its explained ``terms`` on ``item``."""
    item.overdue_days = (facts.today - item.due).days
    weight = weights(facts.settings)
    values = term_values(item.group, item.overdue_days, item.lamp_rank, worst_rank)
    item.terms = {
        n: {
            "weight": weight[n],
            "value": round(values[n], 4),
            "points": round(weight[n] * values[n], 2),
        }
        for n in values
    }
    item.score = points(values, weight)


def daily_list(facts: Facts, hidden: Collection[str] = ()) -> list[Item]:
    """The ranked items visible on ``facts.today``, minus the ``hidden`` keys."""
    return rank(
        [i for i in candidates(facts) if visible(i, facts.today) and i.key not in hidden], facts
    )


def rank(items: list[Item], facts: Facts) -> list[Item]:
    """Score ``items`` (as of ``facts.today``) and sort them, best first."""
    worst = max((c.lamp_rank or 0 for c in facts.companies), default=1)
    shown = []
    for item in items:
        score(item, facts, worst)
        shown.append(item)
    shown.sort(key=lambda i: order(i.score, i.group, i.overdue_days, i.lamp_rank, i.key))
    return shown
