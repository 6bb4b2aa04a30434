"""Chats (informational interviews): log one, mark a scheduled one held, move or cancel
it; what a held chat taught (TIARA notes, leads, fit scores); acting on advice."""

from __future__ import annotations

from datetime import date, time
from typing import Any, TypedDict, Unpack

from netjob.db.store import Store
from netjob.engine import dates, names, validate
from netjob.engine.tiara import KINDS as TIARA_KINDS
from netjob.engine.tiara import ChatNotes
from netjob.errors import Conflict, InvalidInput, NotFound
from netjob.services import criteria, resolve
from netjob.services.coach import summaries
from netjob.services.log import Logged, finish, insert


class Taught(TypedDict, total=False):
    """What a held chat taught, and what it asks of you: all optional."""

    notes: ChatNotes | None  # TIARA notes and a free note
    leads: list[str] | None  # names given, as "Name" or "Name@Company"
    fits: list[str] | None  # CRITERION=SCORE ratings of the company
    red_flags: list[str] | None
    create_company: bool  # add a lead's company to the list if it is not on it
    ask_referral: bool  # remember to ask this person for a referral


AHEAD_DAYS = 366  # the furthest ahead a chat may be booked


def _within_a_year(day: date, today: date) -> None:
    """A chat booked ahead is at most a year away (`next` counts days from it)."""
    if (day - today).days > AHEAD_DAYS:
        raise InvalidInput(
            f"A chat on {day} is more than a year ahead; book it for a day within a year "
            "(YYYY-MM-DD, tomorrow, or a weekday such as thu)."
        )


def chat_status(day: date, at: time | None, today: date, held: bool | None) -> str:
    """Scheduled if it lies ahead (today with a time counts as ahead), else held."""
    _within_a_year(day, today)
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


def _finish_chat(
    store: Store,
    *,
    entry_id: int,
    referrer: resolve.Ref,
    company_id: int | None,
    on: date,
    today: date,
    taught: Taught,
) -> Logged:
    """Record what a chat taught (nothing for a scheduled one) and refresh: the chat's
    people and company, and the leads it gave."""
    notes = taught.get("notes") or ChatNotes()
    fits, red_flags = taught.get("fits") or [], taught.get("red_flags") or []
    for kind in TIARA_KINDS:
        for item in notes.items.get(kind, []):
            text = validate.text(item)
            if text:
                store.insert("tiara_note", {"interaction_id": entry_id, "kind": kind, "text": text})
    for raw in taught.get("leads") or []:
        # A name you were given is known from the day it is logged, whatever the chat's date.
        _add_lead(
            store,
            raw,
            referrer=referrer,
            entry_id=entry_id,
            on=today,
            create_company=taught.get("create_company", False),
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
    result = finish(store, entry_id)
    summaries.refresh(store, [lead["id"] for lead in result.entry["leads"]])
    return result


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
    **taught: Unpack[Taught],
) -> Logged:
    """An informational interview: scheduled if it lies ahead, held if it happened."""
    notes = taught.get("notes") or ChatNotes()
    status = chat_status(day, at, today, held)
    taught_then = any(notes.items.values()) or any(
        taught.get(k) for k in ("leads", "fits", "red_flags")
    )
    if status == "scheduled" and taught_then:  # a plain --note ("Teams, 20 min") is fine
        raise InvalidInput(
            "TIARA notes, leads and ratings belong to a chat that happened; log them when "
            "it is done with `netjob chat done CONTACT ...`."
        )
    with store.transaction():
        ref, company_id = resolve.contact_with_company(store, contact)
        if taught.get("ask_referral"):
            _flag_ask_referral(store, ref.id)
        entry_id = insert(
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
        return _finish_chat(
            store,
            entry_id=entry_id,
            referrer=ref,
            company_id=company_id,
            on=day,
            today=today,
            taught=taught,
        )


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
    **taught: Unpack[Taught],
) -> Logged:
    """Mark a scheduled chat as held (on its date, or ``on``) and record what it taught."""
    with store.transaction():
        ref, row = _scheduled_chat(store, contact, chat_id)
        if taught.get("ask_referral"):
            _flag_ask_referral(store, ref.id)
        scheduled = row["occurred_on"]
        day = on if on is not None else min(scheduled, today)
        dates.not_in_future(day, today=today, what="A held chat")
        notes = taught.get("notes") or ChatNotes()
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
        return _finish_chat(
            store,
            entry_id=row["id"],
            referrer=ref,
            company_id=row["company_id"],
            on=day,
            today=today,
            taught=taught,
        )


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
    _within_a_year(day, today)
    with store.transaction():
        _, row = _scheduled_chat(store, contact, chat_id)
        store.update("interaction", row["id"], {"status": "moved", "settled_on": today})
        entry_id = insert(
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
        return finish(store, entry_id)


def chat_cancel(store: Store, *, contact: str, today: date, chat_id: int | None = None) -> Logged:
    """Cancel a scheduled chat (it stays in the log as cancelled)."""
    with store.transaction():
        _, row = _scheduled_chat(store, contact, chat_id)
        store.update("interaction", row["id"], {"status": "cancelled", "settled_on": today})
        return finish(store, row["id"])


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
        summaries.refresh(store, [row["contact_id"]])
    return {
        "id": advice_id,
        "text": row["text"],
        "acted_on": on.isoformat(),
        "contact_id": row["contact_id"],
        "contact": row["contact"],
    }
