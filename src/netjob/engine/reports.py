"""Pure maths of the reports: behaviour classes, funnel rates, sparklines, medians.

The funnel counts the furthest stage reached, not the current status: a
company that reached the interview and was then rejected still counts as an
interview (METHOD section 5).
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from netjob.engine.business import business_days_between
from netjob.engine.facts import ContactLog

BEHAVIOURS = ("booster", "obligate", "curmudgeon", "unknown")
CONTACT_STEPS = ("contacted", "replied", "chatted", "referral")
COMPANY_STEPS = ("application", "interview", "offer")
# Stage names in stage_event for each funnel step.
STEP_STAGE = {
    "contacted": "contacted",
    "replied": "replied",
    "chatted": "chatted",
    "referral": "referred",
    "application": "applied",
    "interview": "interviewing",
    "offer": "offer",
}
COLD_INTERVIEW_RATE = 0.02  # Workopolis, 2016: ~2% of online applicants get an interview
SPARKS = " ▁▂▃▄▅▆▇█"


def behaviour(
    log: ContactLog,
    today: date,
    *,
    booster_days: int = 3,
    unresponsive_days: int = 7,
    holidays: Collection[date] = frozenset(),
) -> str:
    """Booster (replied within 3 business days), obligate (replied later), curmudgeon
    (no reply after the follow-up and its wait), or unknown (not written to, or waiting)."""
    first_out, reply = log.first_out, log.first_reply
    if first_out is not None and reply is not None and reply > first_out:
        waited = business_days_between(first_out.on, reply.on, holidays)
        return "booster" if waited <= booster_days else "obligate"
    if first_out is None:
        return "unknown"
    follow_up = log.follow_up
    unanswered = follow_up is not None and (reply is None or reply < follow_up)
    if unanswered and follow_up is not None:
        waited = business_days_between(follow_up.on, today, holidays)
        return "curmudgeon" if waited >= unresponsive_days else "unknown"
    return "unknown"


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    count: int
    rate: float | None  # share of the previous step that reached this one


def funnel(
    counts: dict[str, int], steps: Sequence[str], restart: Collection[str] = ("application",)
) -> list[Step]:
    """Counts per step with the conversion rate from the step before (None at the top,
    where the unit changes from people to companies (``restart``), or after a zero)."""
    found: list[Step] = []
    previous: int | None = None
    for name in steps:
        count = counts.get(name, 0)
        rate = None if not previous or name in restart else round(count / previous, 4)
        found.append(Step(name, count, rate))
        previous = count
    return found


def rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def bar(value: int, largest: int, width: int = 30) -> str:
    """A horizontal bar in block characters, scaled to ``largest``."""
    if largest <= 0 or value <= 0:
        return ""
    full = max(1, round(value / largest * width))
    return "█" * full


def sparkline(values: Sequence[int]) -> str:
    """One character per value, height by value (blank for zero)."""
    top = max(values, default=0)
    if top == 0:
        return " " * len(values)
    return "".join(SPARKS[0 if v == 0 else max(1, round(v / top * 8))] for v in values)


def median_days(pairs: Iterable[tuple[date, date]]) -> float | None:
    """Median calendar days from the first to the second date of each pair."""
    spans = [(end - start).days for start, end in pairs if end >= start]
    return None if not spans else float(statistics.median(spans))


def fit_disagrees(fit: float | None, motivation: int) -> bool:
    """Fit (1-5) and motivation (0-3) tell different stories: time to rescore.

    Motivation 0 means 'not known yet', so any scored fit suggests scoring it.
    """
    if fit is None:
        return False
    if motivation == 0:
        return True
    expected = (fit - 1) / 4 * 3  # 1..5 onto 0..3
    return abs(expected - motivation) >= 1.5
