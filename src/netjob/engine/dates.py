"""Dates as people type them.

Accepted everywhere a date is asked for: ISO (``2026-11-20``), ``today``,
``yesterday``, ``tomorrow``, offsets (``+3d``, ``-2w``, ``3d`` = ``+3d``) and
weekday names (``mon``, ``Monday``): for something that happened, the most
recent such day up to today; for something being scheduled, the next one after
today. A time may follow for chats: ``14:00``, ``2pm``, ``9:30am``.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from enum import Enum

from netjob.errors import InvalidInput

ACCEPTED = "YYYY-MM-DD, today, yesterday, tomorrow, +3d, -2w or a weekday like mon"
ACCEPTED_TIME = "HH:MM (24-hour) or 2pm / 9:30am"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OFFSET = re.compile(r"^([+-]?)(\d{1,4})\s*([dw])$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")


class Towards(Enum):
    """Which way a weekday name points."""

    PAST = "past"
    FUTURE = "future"


def parse_day(text: str, *, today: date, towards: Towards = Towards.PAST) -> date:
    raw = text.strip().casefold()
    if not raw:
        raise InvalidInput(f"A date is needed; accepted: {ACCEPTED}.")
    named = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if raw in named:
        return today + timedelta(days=named[raw])
    offset = _OFFSET.match(raw)
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        unit = 7 if offset.group(3) == "w" else 1
        return today + timedelta(days=sign * int(offset.group(2)) * unit)
    weekday = _weekday(raw)
    if weekday is not None:
        if towards is Towards.PAST:
            return today - timedelta(days=(today.weekday() - weekday) % 7)
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date; accepted: {ACCEPTED}.") from None


def _weekday(raw: str) -> int | None:
    if len(raw) < 3:
        return None
    for index, name in enumerate(WEEKDAYS):
        if name.startswith(raw):
            return index
    return None


def parse_time(text: str) -> time:
    raw = text.strip().casefold().replace(" ", "")
    match = _TIME.match(raw)
    if match:
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if half:
            if not 1 <= hour <= 12:
                match = None
            else:
                hour = hour % 12 + (12 if half == "pm" else 0)
        elif match.group(2) is None:
            match = None  # a bare number is not a time: "14" could be anything
        if match and hour < 24 and minute < 60:
            return time(hour, minute)
    raise InvalidInput(f"'{text}' is not a time; accepted: {ACCEPTED_TIME}.")


def parse_moment(
    text: str, *, today: date, towards: Towards = Towards.FUTURE
) -> tuple[date, time | None]:
    """A day with an optional time: "2026-11-24 14:00", "tomorrow 2pm", "thu", "15:30"."""
    raw = text.strip()
    if "T" in raw and re.match(r"^\d{4}-\d{2}-\d{2}T", raw):
        raw = raw.replace("T", " ", 1)
    unclear = InvalidInput(
        f"'{text}' is not a date and time; accepted: a date ({ACCEPTED}) "
        f"optionally followed by a time ({ACCEPTED_TIME})."
    )
    parts = raw.split(maxsplit=1)
    if len(parts) == 2:
        try:
            day = parse_day(parts[0], today=today, towards=towards)
        except InvalidInput:
            raise unclear from None
        return day, parse_time(parts[1])
    try:
        return parse_day(raw, today=today, towards=towards), None
    except InvalidInput:
        try:
            return today, parse_time(raw)
        except InvalidInput:
            raise unclear from None


def not_in_future(day: date, *, today: date, what: str) -> date:
    if day > today:
        raise InvalidInput(
            f"{what} cannot be dated in the future ({day.isoformat()}); "
            "use today or an earlier date."
        )
    return day
