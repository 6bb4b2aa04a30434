"""Reading the log: one entry, a line describing it, and a person's or company's timeline.

An entry comes back as a plain dict with its TIARA notes and the leads it gave.
"""

from __future__ import annotations

from typing import Any

from netjob.db.store import Store
from netjob.engine import stages
from netjob.errors import NotFound
from netjob.services import resolve
from netjob.services.coach import summaries

_ENTRY_SQL = """
SELECT i.id, i.kind, i.occurred_on, i.at_time, i.status, i.channel, i.detail, i.url, i.note,
       i.message,
       i.contact_id, k.name AS contact, i.company_id, c.name AS company,
       i.via_contact_id, v.name AS via
FROM interaction i
LEFT JOIN contact k ON k.id = i.contact_id
LEFT JOIN company c ON c.id = i.company_id
LEFT JOIN contact v ON v.id = i.via_contact_id
"""


def _entries(
    store: Store, where: str, params: dict[str, Any], order: str = ""
) -> list[dict[str, Any]]:
    """The entries ``where`` (a condition on the entry ``i``) picks, with their TIARA notes
    and the leads they gave (read with the same condition, not an id list)."""
    rows = store.rows(f"{_ENTRY_SQL} {where} {order}", params)
    tiara: dict[int, list[dict[str, Any]]] = {}
    leads: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for t in store.rows(
            "SELECT t.id, t.interaction_id, t.kind, t.text, t.acted_on FROM tiara_note t "
            f"JOIN interaction i ON i.id = t.interaction_id {where} ORDER BY t.id",
            params,
        ):
            tiara.setdefault(t["interaction_id"], []).append(
                {"id": t["id"], "kind": t["kind"], "text": t["text"], "acted_on": t["acted_on"]}
            )
        for lead in store.rows(
            "SELECT k.id, k.name, k.source_interaction_id FROM contact k "
            f"JOIN interaction i ON i.id = k.source_interaction_id {where} ORDER BY k.id",
            params,
        ):
            leads.setdefault(lead["source_interaction_id"], []).append(
                {"id": lead["id"], "name": lead["name"]}
            )
    return [
        {
            "id": r["id"],
            "kind": r["kind"],
            "on": r["occurred_on"],
            "time": r["at_time"],
            "status": r["status"],
            "contact_id": r["contact_id"],
            "contact": r["contact"],
            "company_id": r["company_id"],
            "company": r["company"],
            "channel": r["channel"],
            "detail": r["detail"],
            "url": r["url"],
            "via_contact_id": r["via_contact_id"],
            "via": r["via"],
            "note": r["note"],
            "message": r["message"],
            "tiara": tiara.get(r["id"], []),
            "leads": leads.get(r["id"], []),
        }
        for r in rows
    ]


def entry(store: Store, entry_id: int) -> dict[str, Any]:
    found = _entries(store, "WHERE i.id = :id", {"id": entry_id})
    if not found:
        raise NotFound(f"No log entry #{entry_id}.")
    return found[0]


def _history(found: list[stages.Stage]) -> list[dict[str, object]]:
    return [{"stage": s.stage, "on": s.on, "cause": s.cause, "entry_id": s.entry_id} for s in found]


def contact_history(store: Store, contact_id: int) -> list[dict[str, object]]:
    """The stages a contact reached, in stage order, each dated by the entry that reached it."""
    return _history(summaries.of(store, contact_id).stages)


def company_history(store: Store, company_id: int) -> list[dict[str, object]]:
    """A company's statuses and application stages, in date order."""
    row = store.row(
        "SELECT created_on, updated_on, status FROM company WHERE id = :id", {"id": company_id}
    )
    if row is None:
        return []
    entries = [
        stages.Entry(r["id"], r["kind"], r["occurred_on"], r["status"], r["detail"])
        for r in store.rows(
            "SELECT id, kind, occurred_on, status, detail FROM interaction WHERE company_id = :id",
            {"id": company_id},
        )
    ]
    found = stages.company_stages(
        row["created_on"], entries, status=row["status"], status_since=row["updated_on"]
    )
    return _history(found)


def timeline(store: Store, *, target: str, company: bool = False) -> dict[str, Any]:
    ref, company = resolve.target(store, target, as_company=company)
    where = "WHERE i.company_id = :id" if company else "WHERE i.contact_id = :id"
    found = _entries(store, where, {"id": ref.id}, "ORDER BY i.occurred_on DESC, i.id DESC")
    history = company_history if company else contact_history
    return {
        "subject": {"id": ref.id, "name": ref.name, "kind": "company" if company else "contact"},
        "entries": found,
        "history": history(store, ref.id),
    }
