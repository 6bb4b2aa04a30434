"""Which items of `netjob next` show on a day, and in what order.

Ranking is Taskwarrior-style: a score that sums weighted, normalised terms
(group, how overdue, LAMP rank). With the default weights (10000, 100, 1) the
score orders items by group, then by days overdue (up to 59), then by LAMP rank.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from netjob.engine.model import Facts, Item
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


def order(item: Item) -> tuple[float, int, int, int, str]:
    """Sort key of a scored item: best score first; ties by group, overdue, LAMP rank, key."""
    return (-item.score, item.group, -item.overdue_days, item.lamp_rank or 10**9, item.key)


def explain(item: Item, weight: dict[str, float], worst: int) -> None:
    """Set the score's terms on ``item``, as ``--explain`` and ``--json`` show them."""
    values = term_values(item.group, item.overdue_days, item.lamp_rank, worst)
    item.terms = {
        n: {
            "weight": weight[n],
            "value": round(values[n], 4),
            "points": round(weight[n] * values[n], 2),
        }
        for n in values
    }


@dataclass(frozen=True, slots=True)
class Ranked:
    """The items visible (best first), the first of them shown (explained), and how many
    of them are overdue."""

    all: list[Item]
    shown: list[Item]
    overdue: int

    @property
    def total(self) -> int:
        return len(self.all)


def daily_list(facts: Facts, hidden: Collection[str] = ()) -> list[Item]:
    """The ranked items visible on ``facts.today``, minus the ``hidden`` keys."""
    return rank_day(facts, candidates(facts), hidden).all


def rank_day(
    facts: Facts, items: list[Item], hidden: Collection[str] = (), limit: int | None = None
) -> Ranked:
    """Of ``items``, those visible on ``facts.today`` minus the ``hidden`` keys, scored and
    sorted best first; the first ``limit`` of them (all when None) explained."""
    today = facts.today
    weight = weights(facts.settings)
    worst = max((c.lamp_rank or 0 for c in facts.companies), default=1)
    shown = [i for i in items if visible(i, today) and i.key not in hidden]
    for item in shown:
        item.overdue_days = (today - item.due).days
        item.score = points(
            term_values(item.group, item.overdue_days, item.lamp_rank, worst), weight
        )
    shown.sort(key=order)
    overdue = sum(1 for i in shown if i.overdue_days > 0)
    top = shown if limit is None else shown[:limit]
    for item in top:
        explain(item, weight, worst)
    return Ranked(shown, top, overdue)
