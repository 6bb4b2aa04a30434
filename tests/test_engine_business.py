from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netjob.engine.business import add_business_days, business_days_between, is_business_day

D = date.fromisoformat
FRI = D("2026-11-20")
THANKSGIVING = D("2026-11-26")


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        ("2026-11-20", 1, "2026-11-23"),  # Fri + 1 = Mon
        ("2026-11-20", 3, "2026-11-25"),  # Fri + 3 = Wed, not Tue
        ("2026-11-20", 7, "2026-12-01"),
        ("2026-11-21", 1, "2026-11-23"),  # Sat + 1 = Mon
        ("2026-11-22", 3, "2026-11-25"),  # Sun + 3 = Wed
        ("2026-11-16", 3, "2026-11-19"),  # Mon + 3 = Thu
        ("2026-11-21", 0, "2026-11-23"),  # a weekend day rolls to Monday
        ("2026-11-18", 0, "2026-11-18"),
    ],
)
def test_add_business_days(start: str, count: int, expected: str) -> None:
    assert add_business_days(D(start), count) == D(expected)


def test_holidays_are_skipped() -> None:
    holidays = {THANKSGIVING, D("2026-11-27")}
    assert add_business_days(D("2026-11-24"), 3, holidays) == D("2026-12-01")
    assert add_business_days(D("2026-11-24"), 3) == D("2026-11-27")
    assert not is_business_day(THANKSGIVING, holidays)
    assert is_business_day(THANKSGIVING)


def test_business_days_between() -> None:
    assert business_days_between(FRI, D("2026-11-25")) == 3
    assert business_days_between(FRI, D("2026-11-24")) == 2
    assert business_days_between(FRI, D("2026-11-22")) == 0
    assert business_days_between(FRI, FRI) == 0
    assert business_days_between(D("2026-11-25"), FRI) == 0
    assert business_days_between(D("2026-11-23"), D("2026-11-30"), {THANKSGIVING}) == 4


@given(
    start=st.dates(min_value=D("2020-01-01"), max_value=D("2030-12-31")),
    span=st.integers(min_value=-10, max_value=400),
    holidays=st.frozensets(st.dates(min_value=D("2020-01-01"), max_value=D("2031-12-31"))),
)
def test_business_days_between_counts_day_by_day(
    start: date, span: int, holidays: frozenset[date]
) -> None:
    end = start + timedelta(days=span)
    expected = sum(
        1 for n in range(1, span + 1) if is_business_day(start + timedelta(days=n), holidays)
    )
    assert business_days_between(start, end, holidays) == expected
    if span > 0 and expected > 0:
        assert add_business_days(start, expected, holidays) <= end
