"""Where one person stands (METHOD section 7) and the next thing `next` asks about them,
for the views and hints outside the daily list (contacts, drafts, a command's hint)."""

from __future__ import annotations

from datetime import date
from typing import Any

from netjob.engine import facts, states
from netjob.engine import settings as defs
from netjob.services import settings as settings_service
from netjob.services.items import snoozed_until
from netjob.store import Store


def next_for(store: Store, *, contact_id: int, today: date) -> dict[str, Any] | None:
    """The next thing `next` will ask about this person (for the hint a command prints)."""
    gone = {
        r["key"]
        for r in store.rows(
            "SELECT n.key FROM next_item n JOIN pending_item p ON p.key = n.key "
            "WHERE p.contact_id = :id AND n.state IN ('done', 'dismissed')",
            {"id": contact_id},
        )
    }
    later = snoozed_until(store)
    found = []
    for r in store.rows(
        "SELECT key, rule, action, command, visible_from, due FROM pending_item "
        "WHERE contact_id = :id AND (visible_until IS NULL OR visible_until >= :today)",
        {"id": contact_id, "today": today},
    ):
        if r["key"] in gone:
            continue
        start = max(r["visible_from"], later.get(r["key"], date.min), today)
        found.append((start, r["due"], r["key"], r))
    if not found:
        return None
    start, due, _, r = min(found)
    return {
        "rule": r["rule"],
        "action": r["action"],
        "command": r["command"],
        "from": start,
        "due": due,
        "talked": standing_of(store, contact_id=contact_id, today=today).talked,
    }


def standing_of(store: Store, *, contact_id: int, today: date) -> states.Standing:
    """Where a person stands, from their stored log summary."""
    row = store.row("SELECT * FROM contact_log WHERE contact_id = :id", {"id": contact_id})
    log = facts.from_columns(row) if row is not None else facts.ContactLog()
    values = settings_service.stored(store)
    return states.standing(
        log,
        unresponsive_days=defs.numbers(values)["unresponsive_days"],
        holidays=settings_service.holidays_for(store, values, today),
    )


def person_state(store: Store, *, contact_id: int, today: date) -> str:
    """The METHOD section 7 state of a person on ``today``."""
    return states.state_on(standing_of(store, contact_id=contact_id, today=today), today)
