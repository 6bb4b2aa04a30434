"""Reading the log: one entry, a line describing it, and a person's or company's timeline.

An entry comes back as a plain dict with its TIARA notes and the leads it gave.
"""

from __future__ import annotations

from typing import Any

from netjob.errors import NotFound
from netjob.services import derived, resolve
from netjob.store import Store

KIND_LABELS = {
    "outreach": "outreach",
    "follow_up": "follow-up",
    "reply": "reply",
    "chat": "chat",
    "thanks": "thank-you",
    "referral": "referral",
    "application": "application",
    "stage": "stage",
    "status": "status",
    "note": "note",
    "update": "update",
    "referral_ask": "referral ask",
}


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


def _entries(store: Store, where: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = store.rows(f"{_ENTRY_SQL} {where}", params)
    ids = [r["id"] for r in rows]
    tiara: dict[int, list[dict[str, Any]]] = {}
    leads: dict[int, list[dict[str, Any]]] = {}
    if ids:
        marks = ", ".join(f":i{n}" for n in range(len(ids)))
        bind = {f"i{n}": v for n, v in enumerate(ids)}
        for t in store.rows(
            f"SELECT id, interaction_id, kind, text, acted_on FROM tiara_note "
            f"WHERE interaction_id IN ({marks}) ORDER BY id",
            bind,
        ):
            tiara.setdefault(t["interaction_id"], []).append(
                {"id": t["id"], "kind": t["kind"], "text": t["text"], "acted_on": t["acted_on"]}
            )
        for lead in store.rows(
            f"SELECT id, name, source_interaction_id FROM contact "
            f"WHERE source_interaction_id IN ({marks}) ORDER BY id",
            bind,
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


def describe(e: dict[str, Any]) -> str:
    """One line for a person: 'outreach to Jane Doe (Acme) on 2026-11-20'."""
    kind = KIND_LABELS.get(e["kind"], e["kind"])
    who = e["contact"] or e["company"] or "?"
    if e["contact"] and e["company"]:
        who = f"{e['contact']} ({e['company']})"
    extra = ""
    if e["kind"] == "chat":
        extra = f" [{e['status']}]" + (f" at {e['time']}" if e["time"] else "")
    elif e["kind"] in {"stage", "status"} and e["detail"]:
        extra = f": {e['detail'].replace('>', ' -> ')}"
    elif e["kind"] == "note" and e["note"]:
        extra = f": {e['note']}"
    return f"{kind} #{e['id']} — {who}, {e['on']}{extra}"


def timeline(store: Store, *, target: str, company: bool = False) -> dict[str, Any]:
    ref, company = resolve.target(store, target, as_company=company)
    if company:
        where, column = "WHERE i.company_id = :id", "company_id"
    else:
        where, column = "WHERE i.contact_id = :id", "contact_id"
    found = _entries(store, f"{where} ORDER BY i.occurred_on DESC, i.id DESC", {"id": ref.id})
    return {
        "subject": {"id": ref.id, "name": ref.name, "kind": "company" if company else "contact"},
        "entries": found,
        "history": derived.history_of(store, column, ref.id),
    }
