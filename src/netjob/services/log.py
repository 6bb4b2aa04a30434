"""Writing the log: the `netjob log` commands, every touch with a person and every step
a company moves through (chats have their own module).

Each function validates first, then, in one transaction, resolves whom the entry is
about, checks it, stores it and refreshes the summary of the contact's log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from netjob.choices import AppStage, Channel
from netjob.db.store import Store
from netjob.engine import dates, validate
from netjob.errors import InvalidInput
from netjob.services import resolve
from netjob.services.coach import summaries
from netjob.services.timeline import entry


@dataclass(slots=True)
class Logged:
    """What a log command stored, plus warnings worth showing."""

    entry: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {**self.entry, "warnings": self.warnings}


# ---------------------------------------------------------------- helpers


def insert(store: Store, *, logged_on: date, **values: Any) -> int:
    """Store a log entry, remembering the day it was logged (replays count from it)."""
    values["logged_on"] = logged_on
    return store.insert("interaction", {k: v for k, v in values.items() if v is not None})


def finish(store: Store, entry_id: int, warnings: list[str] | None = None) -> Logged:
    """The entry as stored, once its contact's summary is refreshed."""
    e = entry(store, entry_id)
    summaries.refresh(store, [e["contact_id"]])
    return Logged(e, warnings or [])


# Looks at what is about to be stored (whom it is about, and the entry's values, which it
# may change), refuses it with a NetjobError or returns warnings.
Check = Callable[[resolve.Ref, dict[str, Any]], list[str] | None]


def _logged(
    store: Store,
    *,
    kind: str,
    on: date,
    today: date,
    contact: str | resolve.Ref | None = None,
    company: str | resolve.Ref | None = None,
    check: Check | None = None,
    note: str | None = None,
    **values: Any,
) -> Logged:
    """One entry about a contact (and their company) or, without ``contact``, a company:
    resolve it, run ``check``, store the entry and refresh, in one transaction."""
    with store.transaction():
        if contact is not None:
            ref, company_id = resolve.contact_with_company(store, contact)
            about: dict[str, Any] = {"contact_id": ref.id, "company_id": company_id}
        else:
            assert company is not None
            ref = company if isinstance(company, resolve.Ref) else resolve.company(store, company)
            about = {"company_id": ref.id}
        row = {"kind": kind, **about, "occurred_on": on, "note": validate.text(note), **values}
        warnings = check(ref, row) if check is not None else None
        return finish(store, insert(store, logged_on=today, **row), warnings)


def _cold_application(store: Store, company_id: int | None) -> str | None:
    if company_id is None:
        return None
    row = store.row(
        "SELECT occurred_on FROM interaction WHERE company_id = :c AND kind = 'application' "
        "AND via_contact_id IS NULL ORDER BY occurred_on LIMIT 1",
        {"c": company_id},
    )
    return None if row is None else str(row["occurred_on"])


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

    def check(ref: resolve.Ref, row: dict[str, Any]) -> list[str]:
        earlier = store.value(
            "SELECT COUNT(*) FROM interaction WHERE contact_id = :id AND kind IN "
            "('outreach', 'follow_up')",
            {"id": ref.id},
        )
        heard = summaries.of(store, ref.id).log.last_heard
        is_follow_up = follow_up if follow_up is not None else bool(earlier)
        warnings = []
        if follow_up is None and earlier and heard is not None:
            row["kind"] = "update"  # they talk to you: this is a conversation, not a chase
        else:
            row["kind"] = "follow_up" if is_follow_up else "outreach"
            if earlier >= 2 and heard is None:
                warnings.append(
                    f"That is message {earlier + 1} to {ref.name} with no answer: the method "
                    "stops after one follow-up, so `next` starts no new timer for it. Let "
                    "them come back to you, or write to someone else there."
                )
        applied = _cold_application(store, row["company_id"])
        if applied:
            warnings.append(
                f"You applied cold to {ref.company} on {applied}. Networking there now tells "
                f"{ref.name} you did not need their view before applying; ask about the team "
                "and aim for a referral on the next opening instead."
            )
        return warnings

    return _logged(
        store,
        kind="outreach",
        contact=contact,
        on=on,
        today=today,
        check=check,
        note=note,
        channel=channel and Channel(channel).value,
        message=message if message and message.strip() else None,
    )


def reply(store: Store, *, contact: str, on: date, today: date, note: str | None = None) -> Logged:
    """They answered: any reply from anyone at a company stops its 3B7 timers."""
    dates.not_in_future(on, today=today, what="A reply")
    return _logged(store, kind="reply", contact=contact, on=on, today=today, note=note)


def message(
    store: Store, *, kind: str, contact: str, on: date, today: date, note: str | None = None
) -> Logged:
    """A message that is neither a first outreach nor its follow-up: an update (keep in
    touch, report back) or a referral ask."""
    assert kind in {"update", "referral_ask"}
    dates.not_in_future(on, today=today, what="A message")
    return _logged(store, kind=kind, contact=contact, on=on, today=today, note=note)


def thanks(store: Store, *, contact: str, on: date, today: date, note: str | None = None) -> Logged:
    dates.not_in_future(on, today=today, what="A thank-you")

    def check(ref: resolve.Ref, row: dict[str, Any]) -> None:
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

    return _logged(
        store, kind="thanks", contact=contact, on=on, today=today, check=check, note=note
    )


def note(
    store: Store, *, target: str, text: str, on: date, today: date, company: bool = False
) -> Logged:
    """A free note on a contact (or, with ``company``, on a company)."""
    dates.not_in_future(on, today=today, what="A note")
    cleaned = validate.text(text)
    if cleaned is None:
        raise InvalidInput("A note needs some text.")
    with store.transaction():
        ref, is_company = resolve.target(store, target, as_company=company)
        if is_company:
            return _logged(store, kind="note", company=ref, on=on, today=today, note=cleaned)
        return _logged(store, kind="note", contact=ref, on=on, today=today, note=cleaned)


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

    def check(ref: resolve.Ref, row: dict[str, Any]) -> None:
        if company:
            row["company_id"] = resolve.company(store, company).id
        if row["company_id"] is None:
            raise InvalidInput(
                f"{ref.name} has no company; say where they referred you with --company NAME."
            )

    return _logged(
        store,
        kind="referral",
        contact=contact,
        on=on,
        today=today,
        check=check,
        note=note,
        detail=validate.text(role),
    )


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

    def check(ref: resolve.Ref, row: dict[str, Any]) -> list[str]:
        if via:
            row["via_contact_id"] = resolve.contact(store, via).id
            return []
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
        if recent is None:
            return []
        return [
            f"You are networking at {ref.name} (you wrote to {recent['name']} on "
            f"{recent['occurred_on']}). Applying cold now tells them you did not care "
            "about their view; ask them about the role and apply through them instead "
            "(--via CONTACT)."
        ]

    return _logged(
        store,
        kind="application",
        company=company,
        on=on,
        today=today,
        check=check,
        detail=validate.text(role),
        url=checked_url,
        note=note,
    )


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

    def check(ref: resolve.Ref, row: dict[str, Any]) -> None:
        applied = store.value(
            "SELECT COUNT(*) FROM interaction WHERE company_id = :c AND kind = 'application'",
            {"c": ref.id},
        )
        if not applied:
            raise InvalidInput(
                f"No application at {ref.name} yet; log it first: netjob log apply "
                f'"{ref.name}" [--via CONTACT].'
            )

    return _logged(
        store,
        kind="stage",
        company=company,
        on=on,
        today=today,
        check=check,
        note=note,
        detail=AppStage(stage).value,
    )


def status_change(store: Store, *, company_id: int, old: str, new: str, on: date) -> None:
    """Record a company's status change in the log (inside the caller's transaction)."""
    if old == new:
        return
    insert(
        store,
        kind="status",
        company_id=company_id,
        occurred_on=on,
        detail=f"{old}>{new}",
        logged_on=on,
    )
