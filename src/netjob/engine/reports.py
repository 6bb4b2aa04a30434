"""Pure maths of the reports: behaviour classes, funnel rates, sparklines, medians.

The funnel counts the furthest stage reached, not the current status: a
company that reached the interview and was then rejected still counts as an
interview (METHOD section 5).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from netjob.engine.business import business_days_between
from netjob.engine.contact_log import ContactLog
from netjob.engine.standing import FOLLOWED_UP, standing

BEHAVIOURS = ("booster", "obligate", "curmudgeon", "unknown")
CONTACT_STEPS = ("contacted", "replied", "chatted", "referral")
COMPANY_STEPS = ("application", "interview", "offer")
# The stage (netjob.engine.stages) that each funnel step counts.
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


@dataclass(frozen=True, slots=True)
class Behaviour:
    """A person's behaviour class as their log leaves it: ``name`` (booster, obligate or
    unknown), and for someone followed up and silent, the day they turn curmudgeon."""

    name: str = "unknown"
    curmudgeon_on: date | None = None


def classify(
    log: ContactLog,
    *,
    booster_days: int = 3,
    unresponsive_days: int = 7,
    holidays: Collection[date] = frozenset(),
) -> Behaviour:
    """Booster (replied within ``booster_days`` business days of the first message),
    obligate (replied later); otherwise curmudgeon from the day the person turns
    *unresponsive* (:mod:`netjob.engine.standing`: followed up, no reply, no chat), and
    unknown until then (not written to, waiting, or talking)."""
    first_out, reply = log.first_out, log.first_reply
    if first_out is not None and reply is not None and reply > first_out:
        waited = business_days_between(first_out.on, reply.on, holidays)
        return Behaviour("booster" if waited <= booster_days else "obligate")
    if first_out is None:
        return Behaviour()
    found = standing(log, unresponsive_days=unresponsive_days, holidays=holidays)
    if found.phase == FOLLOWED_UP:
        return Behaviour(curmudgeon_on=found.turns_on)
    return Behaviour()


def behaviour_on(found: Behaviour, today: date) -> str:
    """The class on ``today``."""
    if found.curmudgeon_on is not None and today >= found.curmudgeon_on:
        return "curmudgeon"
    return found.name


def behaviour(
    log: ContactLog,
    today: date,
    *,
    booster_days: int = 3,
    unresponsive_days: int = 7,
    holidays: Collection[date] = frozenset(),
) -> str:
    """The person's behaviour class on ``today`` (see :func:`classify`)."""
    found = classify(
        log, booster_days=booster_days, unresponsive_days=unresponsive_days, holidays=holidays
    )
    return behaviour_on(found, today)


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
    return median_counted(Counter((end - start).days for start, end in pairs))


def median_counted(spans: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many times}, ignoring negative values
    (as :func:`statistics.median` of the list they stand for)."""
    counted = sorted((v, n) for v, n in spans.items() if v >= 0 and n > 0)
    total = sum(n for _, n in counted)
    if total == 0:
        return None

    def nth(k: int) -> int:
        seen = 0
        for value, n in counted:
            seen += n
            if k < seen:
                return value
        raise AssertionError(k)

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


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
