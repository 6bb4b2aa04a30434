"""Stored `next` items that rest on contacts' logs (see :func:`netjob.engine.coach.contact_items`).

They are recomputed for a company whenever anything about it or its people
changes (from :func:`netjob.services.derived.refresh`), and all at once when a
setting changes. `netjob next` then reads only the rows visible on the day.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date

from netjob.engine import coach
from netjob.store import Store


def _write(store: Store, items: list[coach.Item], owner: dict[str, int | None]) -> None:
    for item in items:
        store.insert(
            "pending_item",
            {
                "key": item.key,
                "contact_id": item.contact_id,
                "company_id": item.company_id,
                "owner_contact_id": owner.get(item.key),
                "group_no": item.group,
                "rule": item.rule,
                "subject": item.subject,
                "subject_kind": item.subject_kind,
                "action": item.action,
                "reason": item.reason,
                "due": item.due,
                "visible_from": item.visible_from or item.due,
                "visible_until": item.visible_until,
                "command": item.command,
                "details": json.dumps(item.details) if item.details else None,
            },
        )


def refresh(
    store: Store,
    *,
    companies: Collection[int],
    loose: Collection[int],
    contacts: Collection[int] = (),
) -> None:
    """Recompute the stored items of some companies and of some contacts with no company.

    ``contacts`` are all the contacts the write touched: the items they had while they
    had no company go too (a contact given a company takes its items there).
    Runs inside the caller's transaction.
    """
    from netjob.services.coach import facts_for

    if not companies and not loose and not contacts:
        return
    facts = facts_for(store, companies=companies, loose=loose)
    items = coach.contact_items(facts, companies=set(companies) | {None} if loose else companies)
    for company_id in companies:
        store.execute("DELETE FROM pending_item WHERE company_id = :id", {"id": company_id})
    owner: dict[str, int | None] = {}
    for contact_id in {*loose, *contacts}:
        store.execute("DELETE FROM pending_item WHERE owner_contact_id = :id", {"id": contact_id})
    for item in items:
        if item.company_id is None:
            owner[item.key] = item.contact_id
    _write(store, items, owner)


def rebuild_all(store: Store) -> None:
    """Recompute every stored item (after a settings change or an upgrade)."""
    from netjob.services.coach import facts_for

    facts = facts_for(store, companies=None, loose=None)
    items = coach.contact_items(facts)
    store.execute("DELETE FROM pending_item")
    _write(store, items, {i.key: i.contact_id for i in items if i.company_id is None})


def visible(store: Store, on: date) -> list[tuple[str, int, date, int | None]]:
    """(key, group, due, company_id) of the stored items visible on ``on``."""
    return [
        (r["key"], r["group_no"], date.fromisoformat(r["due"]), r["company_id"])
        for r in store.rows(
            "SELECT key, group_no, due, company_id FROM pending_item "
            "WHERE visible_from <= :on AND (visible_until IS NULL OR visible_until >= :on)",
            {"on": on},
        )
    ]


def items(store: Store, keys: list[str]) -> dict[str, coach.Item]:
    """The stored items with these keys."""
    found: dict[str, coach.Item] = {}
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        marks = ", ".join(f":k{n}" for n in range(len(part)))
        for r in store.rows(
            f"SELECT p.*, c.name AS company FROM pending_item p "
            f"LEFT JOIN company c ON c.id = p.company_id WHERE p.key IN ({marks})",
            {f"k{n}": key for n, key in enumerate(part)},
        ):
            found[r["key"]] = coach.Item(
                key=r["key"],
                group=r["group_no"],
                rule=r["rule"],
                subject=r["subject"],
                subject_kind=r["subject_kind"],
                contact_id=r["contact_id"],
                company_id=r["company_id"],
                company=r["company"],
                lamp_rank=None,
                action=r["action"],
                reason=r["reason"],
                due=date.fromisoformat(r["due"]),
                command=r["command"],
                visible_from=date.fromisoformat(r["visible_from"]),
                visible_until=date.fromisoformat(r["visible_until"])
                if r["visible_until"]
                else None,
                details=json.loads(r["details"]) if r["details"] else [],
            )
    return found
