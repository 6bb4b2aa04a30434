from __future__ import annotations

from datetime import date, time

import pytest

from netjob.engine.dates import Towards, not_in_future, parse_day, parse_moment, parse_time
from netjob.errors import InvalidInput

FRI = date(2026, 11, 20)
MON = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-02", date(2026, 11, 2)),
        ("today", FRI),
        (" Yesterday ", date(2026, 11, 19)),
        ("tomorrow", date(2026, 11, 21)),
        ("+3d", date(2026, 11, 23)),
        ("3d", date(2026, 11, 23)),
        ("-2w", date(2026, 11, 6)),
        ("-0d", FRI),
        ("mon", date(2026, 11, 16)),
        ("Friday", FRI),
        ("thu", date(2026, 11, 19)),
        ("sat", date(2026, 11, 14)),
    ],
)
def test_past_days(text: str, expected: date) -> None:
    assert parse_day(text, today=FRI) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon", date(2026, 11, 23)),
        ("fri", date(2026, 11, 27)),  # the next Friday, not today
        ("sat", date(2026, 11, 21)),
        ("tomorrow", date(2026, 11, 21)),
    ],
)
def test_future_days(text: str, expected: date) -> None:
    assert parse_day(text, today=FRI, towards=Towards.FUTURE) == expected


def test_weekday_on_that_weekday() -> None:
    assert parse_day("mon", today=MON) == MON
    assert parse_day("mon", today=MON, towards=Towards.FUTURE) == date(2026, 11, 30)


@pytest.mark.parametrize("bad", ["", "soon", "2026-13-01", "2026-02-30", "mo", "+3m", "11/20/2026"])
def test_bad_days_say_what_is_accepted(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_day(bad, today=FRI)
    assert "today, yesterday, tomorrow, +3d, -2w or a weekday like mon" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", time(14)),
        ("9:05", time(9, 5)),
        ("2pm", time(14)),
        ("12am", time(0)),
        ("12:30pm", time(12, 30)),
        ("9:30 AM", time(9, 30)),
    ],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("bad", ["25:00", "14", "13pm", "9:60", "noon", "0am"])
def test_bad_times(bad: str) -> None:
    with pytest.raises(InvalidInput, match="is not a time; accepted: HH:MM"):
        parse_time(bad)


def test_moments() -> None:
    assert parse_moment("2026-11-24 14:00", today=FRI) == (date(2026, 11, 24), time(14))
    assert parse_moment("2026-11-24T09:30", today=FRI) == (date(2026, 11, 24), time(9, 30))
    assert parse_moment("tue 3pm", today=FRI) == (date(2026, 11, 24), time(15))
    assert parse_moment("tomorrow", today=FRI) == (date(2026, 11, 21), None)
    assert parse_moment("16:00", today=FRI) == (FRI, time(16))
    assert parse_moment("yesterday 10:00", today=FRI, towards=Towards.PAST) == (
        date(2026, 11, 19),
        time(10),
    )
    with pytest.raises(InvalidInput, match="is not a date and time"):
        parse_moment("next week", today=FRI)


def test_not_in_future() -> None:
    assert not_in_future(FRI, today=FRI, what="A reply") == FRI
    with pytest.raises(InvalidInput) as caught:
        not_in_future(date(2026, 11, 21), today=FRI, what="A reply")
    assert str(caught.value) == (
        "A reply cannot be dated in the future (2026-11-21); use today or an earlier date."
    )
