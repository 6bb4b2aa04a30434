"""Scheduled chats and due follow-ups as calendar events (RFC 5545, via icalendar).

UIDs are stable (the chat's id, the item's key), so importing the file again
into a calendar updates events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta

from netjob.db.store import Store
from netjob.services.coach import daily

CHAT_MINUTES = 30
HORIZON_DAYS = 60


def _uid(kind: str, key: str) -> str:
    digest = hashlib.sha1(key.encode()).hexdigest()[:16]
    return f"{kind}-{digest}@netjob"


def export_ics(store: Store, *, today: date) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//netjob//networking-first job search//EN")
    calendar.add("version", "2.0")
    stamp = datetime.combine(today, time(0, 0))
    for r in store.rows(
        "SELECT i.id, i.occurred_on, i.at_time, k.name AS contact, c.name AS company "
        "FROM interaction i LEFT JOIN contact k ON k.id = i.contact_id "
        "LEFT JOIN company c ON c.id = i.company_id "
        "WHERE i.kind = 'chat' AND i.status = 'scheduled' ORDER BY i.occurred_on, i.id"
    ):
        event = Event()
        where = f" ({r['company']})" if r["company"] else ""
        event.add("uid", _uid("chat", str(r["id"])))
        event.add("dtstamp", stamp)
        event.add("summary", f"Chat with {r['contact']}{where}")
        event.add(
            "description",
            "Ask: trends, insights, advice, resources, assignments. "
            "Close: who else should I talk to?",
        )
        day = r["occurred_on"]
        if r["at_time"]:
            start = datetime.combine(day, time.fromisoformat(r["at_time"]))
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=CHAT_MINUTES))
        else:
            event.add("dtstart", day)
        calendar.add_component(event)
    for first_day, item in daily.upcoming(
        store, today=today, until=today + timedelta(days=HORIZON_DAYS)
    ):
        event = Event()
        event.add("uid", _uid("item", item.key))
        event.add("dtstamp", stamp)
        event.add("summary", item.action)
        event.add("description", f"{item.reason}\n{item.command}")
        event.add("dtstart", first_day)
        calendar.add_component(event)
    for r in store.rows(
        "SELECT id, text, due_on FROM reminder WHERE due_on >= :today ORDER BY due_on, id",
        {"today": today},
    ):
        event = Event()
        event.add("uid", _uid("reminder", str(r["id"])))
        event.add("dtstamp", stamp)
        event.add("summary", r["text"])
        event.add("dtstart", r["due_on"])
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
