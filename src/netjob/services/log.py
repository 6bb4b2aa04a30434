"""The log: every touch with a person and every step a company moves through.

Each function validates first, then writes the entry, what came with it (TIARA
notes, leads, fit scores) and the refreshed stage history in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from netjob.choices import AppStage, Channel
from netjob.engine import dates, names, validate
from netjob.engine.tiara import KINDS as TIARA_KINDS
from netjob.engine.tiara import ChatNotes
from netjob.errors import Conflict, InvalidInput, NotFound
from netjob.services import criteria, derived, resolve
from netjob.store import Store

OUTBOUND = ("outreach", "follow_up")

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


@dataclass(slots=True)
class Logged:
    """What a log command stored, plus warnings worth showing."""

    entry: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {**self.entry, "warnings": self.warnings}


# ---------------------------------------------------------------- reading


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


# ---------------------------------------------------------------- helpers


def _contact(store: Store, query: str) -> tuple[resolve.Ref, int | None]:
    ref = resolve.contact(store, query)
    company_id = store.value("SELECT company_id FROM contact WHERE id = :id", {"id": ref.id})
    return ref, company_id


def _insert(store: Store, *, logged_on: date, **values: Any) -> int:
    """Store a log entry, remembering the day it was logged (replays count from it)."""
    values["logged_on"] = logged_on
    return store.insert("interaction", {k: v for k, v in values.items() if v is not None})


def _cold_application(store: Store, company_id: int | None) -> str | None:
    if company_id is None:
        return None
    row = store.row(
        "SELECT occurred_on FROM interaction WHERE company_id = :c AND kind = 'application' "
        "AND via_contact_id IS NULL ORDER BY occurred_on LIMIT 1",
        {"c": company_id},
    )
    return None if row is None else str(row["occurred_on"])


def _finish(store: Store, entry_id: int, warnings: list[str] | None = None) -> Logged:
    e = entry(store, entry_id)
    derived.refresh(store, contacts=[e["contact_id"]], companies=[e["company_id"]])
    return Logged(e, warnings or [])


# ---------------------------------------------------------------- messages


def outreach(
    store: Store,
    *,
    contact: str,
    on: date,
    today: date,
    channel: Channel | None = None,
    follow_up: bool | None = None,
    note: str | None = None,
    message: str | None = None,
) -> Logged:
    """A message to a contact; the second one to the same person is the follow-up."""
    dates.not_in_future(on, today=today, what="An outreach")
    with store.transaction():
        ref, company_id = _contact(store, contact)
        earlier = store.value(
            "SELECT COUNT(*) FROM interaction WHERE contact_id = :id AND kind IN "
            "('outreach', 'follow_up')",
            {"id": ref.id},
        )
        heard = store.value(
            "SELECT last_heard_on FROM contact_log WHERE contact_id = :id", {"id": ref.id}
        )
        is_follow_up = follow_up if follow_up is not None else bool(earlier)
        if follow_up is None and earlier and heard is not None:
            kind = "update"  # they talk to you: this is a conversation, not a chase
        else:
            kind = "follow_up" if is_follow_up else "outreach"
        warnings = []
        applied = _cold_application(store, company_id)
        if applied:
            warnings.append(
                f"You applied cold to {ref.company} on {applied}. Networking there now tells "
                f"{ref.name} you did not need their view before applying; ask about the team "
                "and aim for a referral on the next opening instead."
            )
        entry_id = _insert(
            store,
            logged_on=today,
            kind=kind,
            contact_id=ref.id,
            company_id=company_id,
            occurred_on=on,
            channel=channel and Channel(channel).value,
            note=validate.text(note),
            message=message if message and message.strip() else None,
        )
        return _finish(store, entry_id, warnings)


def reply(store: Store, *, contact: str, on: date, today: date, note: str | None = None) -> Logged:
    """They answered: any reply from anyone at a company stops its 3B7 timers."""
    dates.not_in_future(on, today=today, what="A reply")
    with store.transaction():
        ref, company_id = _contact(store, contact)
        entry_id = _insert(
            store,
            logged_on=today,
            kind="reply",
            contact_id=ref.id,
            company_id=company_id,
            occurred_on=on,
            note=validate.text(note),
        )
        return _finish(store, entry_id)


def message(
    store: Store, *, kind: str, contact: str, on: date, today: date, note: str | None = None
) -> Logged:
    """A message that is neither a first outreach nor its follow-up: an update (keep in
    touch, report back) or a referral ask."""
    assert kind in {"update", "referral_ask"}
    dates.not_in_future(on, today=today, what="A message")
    with store.transaction():
        ref, company_id = _contact(store, contact)
        entry_id = _insert(
            store,
            logged_on=today,
            kind=kind,
            contact_id=ref.id,
            company_id=company_id,
            occurred_on=on,
            note=validate.text(note),
        )
        return _finish(store, entry_id)


def thanks(store: Store, *, contact: str, on: date, today: date, note: str | None = None) -> Logged:
    dates.not_in_future(on, today=today, what="A thank-you")
    with store.transaction():
        ref, company_id = _contact(store, contact)
        held = store.value(
            "SELECT COUNT(*) FROM interaction WHERE contact_id = :id AND kind = 'chat' "
            "AND status = 'held' AND occurred_on <= :on",
            {"id": ref.id, "on": on},
        )
        if not held:
            raise InvalidInput(
                f"No held chat with {ref.name} on or before {on} to thank them for; "
                f'log the chat first: netjob log chat "{ref.name}".'
            )
        entry_id = _insert(
            store,
            logged_on=today,
            kind="thanks",
            contact_id=ref.id,
            company_id=company_id,
            occurred_on=on,
            note=validate.text(note),
        )
        return _finish(store, entry_id)


def note(
    store: Store, *, target: str, text: str, on: date, today: date, company: bool = False
) -> Logged:
    """A free note on a contact (or, with ``company``, on a company)."""
    dates.not_in_future(on, today=today, what="A note")
    cleaned = validate.text(text)
    if cleaned is None:
        raise InvalidInput("A note needs some text.")
    with store.transaction():
        ref, company = resolve.target(store, target, as_company=company)
        if company:
            entry_id = _insert(
                store, kind="note", company_id=ref.id, occurred_on=on, note=cleaned, logged_on=today
            )
        else:
            company_id = store.value(
                "SELECT company_id FROM contact WHERE id = :id", {"id": ref.id}
            )
            entry_id = _insert(
                store,
                logged_on=today,
                kind="note",
                contact_id=ref.id,
                company_id=company_id,
                occurred_on=on,
                note=cleaned,
            )
        return _finish(store, entry_id)


# ---------------------------------------------------------------- chats


def chat_status(day: date, at: time | None, today: date, held: bool | None) -> str:
    """Scheduled if it lies ahead (today with a time counts as ahead), else held."""
    if held is True:
        if day > today:
            raise InvalidInput(f"A chat on {day} has not happened yet; drop --held.")
        return "held"
    if held is False:
        if day < today:
            raise InvalidInput(f"A chat on {day} is in the past; it cannot be scheduled.")
        return "scheduled"
    if day > today or (day == today and at is not None):
        return "scheduled"
    return "held"


def _record_chat_details(
    store: Store,
    *,
    entry_id: int,
    referrer: resolve.Ref,
    company_id: int | None,
    on: date,
    today: date,
    notes: ChatNotes,
    leads: list[str],
    fits: list[str],
    red_flags: list[str],
    create_company: bool,
) -> None:
    for kind in TIARA_KINDS:
        for item in notes.items.get(kind, []):
            text = validate.text(item)
            if text:
                store.insert("tiara_note", {"interaction_id": entry_id, "kind": kind, "text": text})
    for raw in leads:
        # A name you were given is known from the day it is logged, whatever the chat's date.
        _add_lead(
            store,
            raw,
            referrer=referrer,
            entry_id=entry_id,
            on=today,
            create_company=create_company,
        )
    if fits or red_flags:
        if company_id is None:
            raise InvalidInput(
                f"{referrer.name} has no company, so there is nothing to rate; "
                f"set one with `netjob edit contact '{referrer.name}' --company NAME`."
            )
        criteria.record_scores(
            store,
            company_id=company_id,
            ratings=fits,
            red_flags=red_flags,
            on=on,
            entry_id=entry_id,
        )


def _add_lead(
    store: Store,
    raw: str,
    *,
    referrer: resolve.Ref,
    entry_id: int,
    on: date,
    create_company: bool,
) -> None:
    from netjob.services import contacts

    name, company_name = validate.lead(raw)
    company_id = None
    if company_name is not None:
        company_id = contacts.company_id_for(store, company_name, create=create_company, today=on)
    existing = store.row(
        "SELECT id FROM contact WHERE name_key = :k AND "
        "(company_id = :c OR (company_id IS NULL AND :c IS NULL))",
        {"k": names.person_key(name), "c": company_id},
    )
    if existing is not None:
        store.execute(
            "UPDATE contact SET referred_by_id = COALESCE(referred_by_id, :r) WHERE id = :id",
            {"r": referrer.id, "id": existing["id"]},
        )
        return
    store.insert(
        "contact",
        {
            "name": name,
            "name_key": names.person_key(name),
            "company_id": company_id,
            "how": "referral",
            "referred_by_id": referrer.id,
            "source_interaction_id": entry_id,
            "created_on": on,
            "updated_on": on,
        },
    )


def chat(
    store: Store,
    *,
    contact: str,
    day: date,
    at: time | None,
    today: date,
    held: bool | None = None,
    notes: ChatNotes | None = None,
    leads: list[str] | None = None,
    fits: list[str] | None = None,
    red_flags: list[str] | None = None,
    create_company: bool = False,
    ask_referral: bool = False,
) -> Logged:
    """An informational interview: scheduled if it lies ahead, held if it happened."""
    notes = notes or ChatNotes()
    status = chat_status(day, at, today, held)
    extras = not notes.empty or leads or fits or red_flags
    if status == "scheduled" and extras:
        raise InvalidInput(
            "Notes, leads and ratings belong to a chat that happened; log them when it is "
            "done with `netjob chat done CONTACT ...`."
        )
    with store.transaction():
        ref, company_id = _contact(store, contact)
        if ask_referral:
            _flag_ask_referral(store, ref.id)
        entry_id = _insert(
            store,
            logged_on=today,
            kind="chat",
            contact_id=ref.id,
            company_id=company_id,
            occurred_on=day,
            at_time=at.strftime("%H:%M") if at else None,
            status=status,
            planned_on=day if status == "scheduled" else None,
            note=notes.note,
        )
        _record_chat_details(
            store,
            entry_id=entry_id,
            referrer=ref,
            company_id=company_id,
            on=day,
            today=today,
            notes=notes,
            leads=leads or [],
            fits=fits or [],
            red_flags=red_flags or [],
            create_company=create_company,
        )
        result = _finish(store, entry_id)
        derived.refresh(store, contacts=[lead["id"] for lead in result.entry["leads"]])
        return result


def _flag_ask_referral(store: Store, contact_id: int) -> None:
    store.execute(
        "UPDATE contact SET ask_referral = :t WHERE id = :id", {"t": True, "id": contact_id}
    )


def _scheduled_chat(store: Store, contact: str, chat_id: int | None) -> tuple[resolve.Ref, Any]:
    ref = resolve.contact(store, contact)
    if chat_id is not None:
        row = store.row(
            "SELECT * FROM interaction WHERE id = :id AND kind = 'chat' AND contact_id = :c",
            {"id": chat_id, "c": ref.id},
        )
        if row is None:
            raise NotFound(f"No chat #{chat_id} with {ref.name}.")
    else:
        row = store.row(
            "SELECT * FROM interaction WHERE contact_id = :c AND kind = 'chat' "
            "AND status = 'scheduled' ORDER BY occurred_on, id LIMIT 1",
            {"c": ref.id},
        )
        if row is None:
            raise NotFound(
                f"No scheduled chat with {ref.name}. Log one that happened with "
                f'`netjob log chat "{ref.name}" --on DATE`.'
            )
    if row["status"] != "scheduled":
        raise Conflict(f"Chat #{row['id']} with {ref.name} is {row['status']}, not scheduled.")
    return ref, row


def chat_done(
    store: Store,
    *,
    contact: str,
    today: date,
    on: date | None = None,
    chat_id: int | None = None,
    notes: ChatNotes | None = None,
    leads: list[str] | None = None,
    fits: list[str] | None = None,
    red_flags: list[str] | None = None,
    create_company: bool = False,
    ask_referral: bool = False,
) -> Logged:
    """Mark a scheduled chat as held (on its date, or ``on``) and record what it taught."""
    with store.transaction():
        ref, row = _scheduled_chat(store, contact, chat_id)
        if ask_referral:
            _flag_ask_referral(store, ref.id)
        scheduled = row["occurred_on"]
        day = on if on is not None else min(scheduled, today)
        dates.not_in_future(day, today=today, what="A held chat")
        notes = notes or ChatNotes()
        store.update(
            "interaction",
            row["id"],
            {
                "status": "held",
                "occurred_on": day,
                "note": notes.note or row["note"],
                "settled_on": today,
            },
        )
        _record_chat_details(
            store,
            entry_id=row["id"],
            referrer=ref,
            company_id=row["company_id"],
            on=day,
            today=today,
            notes=notes,
            leads=leads or [],
            fits=fits or [],
            red_flags=red_flags or [],
            create_company=create_company,
        )
        result = _finish(store, row["id"])
        derived.refresh(store, contacts=[lead["id"] for lead in result.entry["leads"]])
        return result


def chat_move(
    store: Store,
    *,
    contact: str,
    day: date,
    at: time | None,
    today: date,
    chat_id: int | None = None,
) -> Logged:
    """Move a scheduled chat: the old entry stays in the log as moved, a new one is planned."""
    if day < today:
        raise InvalidInput(f"A chat cannot be moved into the past ({day}).")
    with store.transaction():
        _, row = _scheduled_chat(store, contact, chat_id)
        store.update("interaction", row["id"], {"status": "moved", "settled_on": today})
        entry_id = _insert(
            store,
            logged_on=today,
            kind="chat",
            contact_id=row["contact_id"],
            company_id=row["company_id"],
            occurred_on=day,
            at_time=at.strftime("%H:%M") if at else row["at_time"],
            status="scheduled",
            planned_on=day,
            note=row["note"],
        )
        return _finish(store, entry_id)


def chat_cancel(store: Store, *, contact: str, today: date, chat_id: int | None = None) -> Logged:
    """Cancel a scheduled chat (it stays in the log as cancelled)."""
    with store.transaction():
        _, row = _scheduled_chat(store, contact, chat_id)
        store.update("interaction", row["id"], {"status": "cancelled", "settled_on": today})
        return _finish(store, row["id"])


def advice_done(store: Store, *, advice_id: int, on: date, today: date) -> dict[str, Any]:
    """You acted on a piece of advice: a report-back to the adviser becomes due."""
    dates.not_in_future(on, today=today, what="Acting on advice")
    with store.transaction():
        row = store.row(
            "SELECT t.id, t.kind, t.text, t.acted_on, i.contact_id, k.name AS contact "
            "FROM tiara_note t JOIN interaction i ON i.id = t.interaction_id "
            "LEFT JOIN contact k ON k.id = i.contact_id WHERE t.id = :id",
            {"id": advice_id},
        )
        if row is None or row["kind"] != "advice":
            raise NotFound(
                f"No advice #{advice_id}. Advice ids are shown by `netjob timeline CONTACT`."
            )
        store.execute(
            "UPDATE tiara_note SET acted_on = :on WHERE id = :id", {"on": on, "id": advice_id}
        )
        derived.refresh(store, contacts=[row["contact_id"]])
    return {
        "id": advice_id,
        "text": row["text"],
        "acted_on": on.isoformat(),
        "contact_id": row["contact_id"],
        "contact": row["contact"],
    }


# ---------------------------------------------------------------- companies


def referral(
    store: Store,
    *,
    contact: str,
    on: date,
    today: date,
    company: str | None = None,
    role: str | None = None,
    note: str | None = None,
) -> Logged:
    """They referred you (by default for a role at their own company)."""
    dates.not_in_future(on, today=today, what="A referral")
    with store.transaction():
        ref, own_company = _contact(store, contact)
        company_id = resolve.company(store, company).id if company else own_company
        if company_id is None:
            raise InvalidInput(
                f"{ref.name} has no company; say where they referred you with --company NAME."
            )
        entry_id = _insert(
            store,
            logged_on=today,
            kind="referral",
            contact_id=ref.id,
            company_id=company_id,
            occurred_on=on,
            detail=validate.text(role),
            note=validate.text(note),
        )
        return _finish(store, entry_id)


def apply(
    store: Store,
    *,
    company: str,
    on: date,
    today: date,
    role: str | None = None,
    url: str | None = None,
    via: str | None = None,
    note: str | None = None,
) -> Logged:
    """An application: through a contact (a referral application) or cold."""
    dates.not_in_future(on, today=today, what="An application")
    checked_url = validate.url(url, field="posting URL")
    with store.transaction():
        ref = resolve.company(store, company)
        via_ref = resolve.contact(store, via) if via else None
        warnings = []
        if via_ref is None:
            from netjob.engine import settings as defs
            from netjob.services import settings as settings_service

            window = defs.numbers(settings_service.stored(store))["networking_window_days"]
            since = on - timedelta(days=window)
            recent = store.row(
                "SELECT k.name, i.occurred_on FROM interaction i JOIN contact k "
                "ON k.id = i.contact_id WHERE i.company_id = :c AND i.kind IN "
                "('outreach', 'follow_up') AND i.occurred_on >= :since "
                "ORDER BY i.occurred_on DESC LIMIT 1",
                {"c": ref.id, "since": since},
            )
            if recent is not None:
                warnings.append(
                    f"You are networking at {ref.name} (you wrote to {recent['name']} on "
                    f"{recent['occurred_on']}). Applying cold now tells them you did not care "
                    "about their view; ask them about the role and apply through them instead "
                    "(--via CONTACT)."
                )
        entry_id = _insert(
            store,
            logged_on=today,
            kind="application",
            company_id=ref.id,
            occurred_on=on,
            detail=validate.text(role),
            url=checked_url,
            via_contact_id=via_ref and via_ref.id,
            note=validate.text(note),
        )
        return _finish(store, entry_id, warnings)


def stage(
    store: Store,
    *,
    company: str,
    stage: AppStage,
    on: date,
    today: date,
    note: str | None = None,
) -> Logged:
    dates.not_in_future(on, today=today, what="A stage change")
    with store.transaction():
        ref = resolve.company(store, company)
        applied = store.value(
            "SELECT COUNT(*) FROM interaction WHERE company_id = :c AND kind = 'application'",
            {"c": ref.id},
        )
        if not applied:
            raise InvalidInput(
                f"No application at {ref.name} yet; log it first: netjob log apply "
                f'"{ref.name}" [--via CONTACT].'
            )
        entry_id = _insert(
            store,
            logged_on=today,
            kind="stage",
            company_id=ref.id,
            occurred_on=on,
            detail=AppStage(stage).value,
            note=validate.text(note),
        )
        return _finish(store, entry_id)


def status_change(store: Store, *, company_id: int, old: str, new: str, on: date) -> None:
    """Record a company's status change in the log (inside the caller's transaction, which
    refreshes the company's derived data once it has made all its changes)."""
    if old == new:
        return
    _insert(
        store,
        kind="status",
        company_id=company_id,
        occurred_on=on,
        detail=f"{old}>{new}",
        logged_on=on,
    )


# ---------------------------------------------------------------- timeline


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
