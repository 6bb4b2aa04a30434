"""Stored `next` items that rest on contacts' logs (see :func:`netjob.engine.rules.contact_items`).

They are recomputed for a company whenever anything about it or its people
changes (from :func:`netjob.services.derived.refresh`), and all at once when a
setting changes. `netjob next` then reads only the rows visible on the day.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from typing import Any

from netjob.engine import coach, lamp, rules
from netjob.store import Store

_COMPANY_SQL = """
SELECT c.id, c.name, c.status, c.motivation, c.posting, c.advocacy, c.lamp_key, c.lamp_rank,
       (SELECT COUNT(*) FROM contact k WHERE k.company_id = c.id) AS contacts
FROM company c
"""


def _key_of(r: Any) -> str:
    scores = lamp.LampScores(
        r["name"], r["motivation"] or 0, r["posting"], bool(r["advocacy"]), r["contacts"]
    )
    return lamp.stored_key(scores, r["id"])


def renumber(store: Store) -> None:
    """Set every company's stored LAMP rank from the stored keys (one statement)."""
    store.execute(
        "UPDATE company SET lamp_rank = x.r FROM (SELECT id, ROW_NUMBER() OVER "
        "(ORDER BY lamp_key) AS r FROM company WHERE status <> 'closed') AS x "
        "WHERE x.id = company.id AND (company.lamp_rank IS NULL OR company.lamp_rank <> x.r)"
    )
    store.execute(
        "UPDATE company SET lamp_rank = NULL WHERE status = 'closed' AND lamp_rank IS NOT NULL"
    )


def rerank(store: Store, companies: Collection[int]) -> dict[int, str]:
    """Bring the stored LAMP keys of ``companies`` up to date; renumber all ranks only when
    a key or a status moved (the only things LAMP order rests on). Returns each company's
    key for its items (``z`` when closed). Rows of companies gone are simply absent."""
    if not companies:
        return {}
    ids = sorted(companies)
    marks = ", ".join(f":c{n}" for n in range(len(ids)))
    rows = store.rows(
        f"{_COMPANY_SQL} WHERE c.id IN ({marks})", {f"c{n}": i for n, i in enumerate(ids)}
    )
    moved = False
    found: dict[int, str] = {}
    for r in rows:
        key = _key_of(r)
        closed = r["status"] == "closed"
        if key != r["lamp_key"] or closed != (r["lamp_rank"] is None):
            moved = True
            store.execute(
                "UPDATE company SET lamp_key = :k WHERE id = :id", {"k": key, "id": r["id"]}
            )
            store.execute(
                "UPDATE pending_item SET lamp_key = :k WHERE company_id = :id",
                {"k": lamp.NO_RANK_KEY if closed else key, "id": r["id"]},
            )
        found[r["id"]] = lamp.NO_RANK_KEY if closed else key
    if moved:
        renumber(store)
    return found


def rerank_all(store: Store) -> None:
    """Recompute every stored LAMP key and rank, and the keys on the stored items."""
    for r in store.rows(_COMPANY_SQL):
        key = _key_of(r)
        if key != r["lamp_key"]:
            store.execute(
                "UPDATE company SET lamp_key = :k WHERE id = :id", {"k": key, "id": r["id"]}
            )
    renumber(store)
    store.execute(
        "UPDATE pending_item SET lamp_key = COALESCE((SELECT CASE WHEN c.status = 'closed' "
        f"THEN '{lamp.NO_RANK_KEY}' ELSE c.lamp_key END FROM company c "
        f"WHERE c.id = pending_item.company_id), '{lamp.NO_RANK_KEY}')"
    )


def keys_stored(store: Store) -> bool:
    """Whether every company and stored item has its LAMP key (a database filled by an
    older version may lack them until its next rebuild; `next` then ranks in Python)."""
    groups = ", ".join(str(g) for g in coach.GROUPS)
    return (
        store.row("SELECT 1 FROM company WHERE lamp_key IS NULL LIMIT 1") is None
        and store.row(
            f"SELECT 1 FROM pending_item WHERE group_no IN ({groups}) AND lamp_key IS NULL LIMIT 1"
        )
        is None
    )


def _write(
    store: Store,
    items: list[coach.Item],
    owner: dict[str, int | None],
    keys: dict[int, str] | None = None,
) -> None:
    for item in items:
        lamp_key = None
        if keys is not None:
            lamp_key = lamp.NO_RANK_KEY
            if item.company_id is not None:
                lamp_key = keys.get(item.company_id, lamp.NO_RANK_KEY)
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
                "lamp_key": lamp_key,
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
    keys = rerank(store, companies)
    facts = facts_for(store, companies=companies, loose=loose)
    items = rules.contact_items(facts, companies=set(companies) | {None} if loose else companies)
    for company_id in companies:
        store.execute("DELETE FROM pending_item WHERE company_id = :id", {"id": company_id})
    owner: dict[str, int | None] = {}
    for contact_id in {*loose, *contacts}:
        store.execute("DELETE FROM pending_item WHERE owner_contact_id = :id", {"id": contact_id})
    for item in items:
        if item.company_id is None:
            owner[item.key] = item.contact_id
    _write(store, items, owner, keys)


def rebuild_all(store: Store) -> None:
    """Recompute every stored item (after a settings change or an upgrade)."""
    from netjob.services.coach import facts_for

    facts = facts_for(store, companies=None, loose=None)
    items = rules.contact_items(facts)
    store.execute("DELETE FROM pending_item")
    _write(store, items, {i.key: i.contact_id for i in items if i.company_id is None})
    rerank_all(store)


def visible(store: Store, on: date) -> list[tuple[str, int, date, int | None]]:
    """(key, group, due, company_id) of the stored items visible on ``on``."""
    return [
        (r["key"], r["group_no"], r["due"], r["company_id"])
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
                due=r["due"],
                command=r["command"],
                visible_from=r["visible_from"],
                visible_until=r["visible_until"],
                details=json.loads(r["details"]) if r["details"] else [],
            )
    return found
