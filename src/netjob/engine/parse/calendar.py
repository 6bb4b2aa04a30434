"""Reading iCalendar (.ics) files into :class:`~netjob.engine.parse.records.Event` records."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from typing import Any

from netjob.engine.parse.records import Event, repair
from netjob.errors import InvalidInput


def read_calendar(data: bytes) -> list[Event]:
    """The VEVENTs of an .ics file (icalendar); InvalidInput if it is not a calendar."""
    from icalendar import Calendar

    if not data.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR"):
        raise InvalidInput("not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        raise InvalidInput(f"not a readable iCalendar file ({error})") from None
    events = []
    for n, component in enumerate(calendar.walk("VEVENT")):
        try:
            event = _event(component, n)
        except Exception as error:  # icalendar raises many kinds on a malformed value
            uid = str(component.get("UID") or f"number {n + 1}")
            raise InvalidInput(f"event {uid} is not readable ({error})") from None
        if event is not None:
            events.append(event)
    return events


def _event(component: Any, n: int) -> Event | None:
    start = component.get("DTSTART")
    if start is None:
        return None
    attendees = component.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    emails = tuple(
        str(a).removeprefix("mailto:").removeprefix("MAILTO:").strip().casefold()
        for a in attendees
        if str(a).strip()
    )
    uid = str(component.get("UID") or f"no-uid-{n}")
    return Event(
        uid=uid,
        start=start.dt,
        summary=repair(" ".join(str(component.get("SUMMARY") or "").split())),
        attendees=emails,
        recurring=component.get("RRULE") is not None,
        cancelled=str(component.get("STATUS") or "").upper() == "CANCELLED",
        instance=component.get("RECURRENCE-ID") is not None,
    )


def event_day_time(start: datetime | date, tz: tzinfo | None = None) -> tuple[date, str | None]:
    """An event's local day and HH:MM (None for all-day events; floating times as is)."""
    if isinstance(start, datetime):
        local = start.astimezone(tz) if start.tzinfo is not None else start
        return local.date(), local.strftime("%H:%M")
    return start, None


def names_in(summary: str, people: Iterable[tuple[Any, str]]) -> list[Any]:
    """Which of ``people`` ((id, full name) pairs) are named, whole, in ``summary``."""
    folded = " ".join(summary.casefold().split())
    found = []
    for ident, name in people:
        key = " ".join(name.casefold().split())
        if key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            found.append(ident)
    return found
