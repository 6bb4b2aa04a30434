"""Reminders: something to do on a day, shown in `next` from then."""

from __future__ import annotations

from datetime import date
from typing import Any

from netjob.db.store import Store
from netjob.engine import validate
from netjob.errors import InvalidInput
from netjob.services import resolve


def remind(
    store: Store, *, target: str, text: str, due: date, today: date, company: bool
) -> dict[str, Any]:
    """Remind yourself of ``text`` about a contact (or, with ``company``, a company) on
    ``due``."""
    cleaned = validate.text(text)
    if cleaned is None:
        raise InvalidInput("A reminder needs some text.")
    with store.transaction():
        if company:
            ref = resolve.company(store, target)
            values: dict[str, int | None] = {"company_id": ref.id}
        else:
            contact, company_id = resolve.contact_with_company(store, target)
            values = {"contact_id": contact.id, "company_id": company_id}
        reminder_id = store.insert(
            "reminder", {**values, "text": cleaned, "due_on": due, "created_on": today}
        )
    return {"id": reminder_id, "text": cleaned, "due_on": due.isoformat(), **values}
