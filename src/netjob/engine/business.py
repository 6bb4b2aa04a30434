"""Business-day arithmetic: Monday to Friday, minus the user's holidays.

The 3B7 routine counts business days: an outreach on a Friday is three
business days old on the Wednesday after, not the Monday.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

NO_HOLIDAYS: frozenset[date] = frozenset()


def is_business_day(day: date, holidays: Collection[date] = NO_HOLIDAYS) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, count: int, holidays: Collection[date] = NO_HOLIDAYS) -> date:
    """The day ``count`` business days after ``start`` (``count`` >= 0).

    With ``count`` 0, ``start`` itself if it is a business day, else the next one.
    (Remembered for frozen holidays: the daily list asks it of thousands of people's days,
    most of them the same few hundred.)
    """
    if isinstance(holidays, frozenset):
        return _remembered(start, count, holidays)
    return _add(start, count, holidays)


@lru_cache(maxsize=16384)
def _remembered(start: date, count: int, holidays: frozenset[date]) -> date:
    return _add(start, count, holidays)


def _add(start: date, count: int, holidays: Collection[date]) -> date:
    day = start
    if count == 0:
        while not is_business_day(day, holidays):
            day += timedelta(days=1)
        return day
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_business_day(day, holidays):
            remaining -= 1
    return day


def business_days_between(start: date, end: date, holidays: Collection[date] = NO_HOLIDAYS) -> int:
    """Business days after ``start`` up to and including ``end`` (0 if end <= start)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    weekday = start.weekday()
    for offset in range(1, rest + 1):
        if (weekday + offset) % 7 < 5:
            count += 1
    if holidays:
        count -= sum(1 for h in holidays if start < h <= end and h.weekday() < 5)
    return count


def previous_business_day(day: date, holidays: Collection[date] = NO_HOLIDAYS) -> date:
    """The last business day before ``day``."""
    day -= timedelta(days=1)
    while not is_business_day(day, holidays):
        day -= timedelta(days=1)
    return day
