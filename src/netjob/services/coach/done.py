"""`netjob done`: marking an item done records what it asked for (METHOD section 7).

An item that stands for a message (write to them, follow up, answer, thank them, report
back, update, ask for a referral) carries the entry its own command records
(:class:`netjob.engine.model.Act`); `done` records exactly that entry, through the same
service function, then marks the item, all in one transaction (one `undo`). An item that
stands for no message (a reminder, list upkeep, finding contacts, preparing, saying what
happened to a chat) is only marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from netjob.db.store import Store
from netjob.engine import model
from netjob.errors import InvalidInput
from netjob.services import chats, log
from netjob.services.coach import item_states
from netjob.services.coach.daily import items_of


class NeedsTime(InvalidInput):
    """An item that books a chat was marked done without the time agreed."""

    def __init__(self, number: int, item: model.Item) -> None:
        self.number, self.item = number, item
        super().__init__(
            f"Item #{number} books your chat with {item.subject}, which needs the time you "
            f"agreed; log it with: {item.command}"
        )


@dataclass(frozen=True, slots=True)
class Booking:
    """The day and time agreed for a chat, for items that book one."""

    day: date
    at: time | None


def mark_done(
    store: Store,
    *,
    numbers: list[int],
    today: date,
    on: date | None = None,
    booking: Booking | None = None,
) -> list[dict[str, Any]]:
    """Mark items ``numbers`` done, recording the entry each stands for, dated ``on``
    (today when None); all of them or, if one cannot be recorded, none."""
    day = on or today
    if day > today:
        raise InvalidInput(f"`done --on` takes a day up to today ({today}), not {day}.")
    with store.transaction():
        keys = item_states.keys_of(store, numbers)
        _, found = items_of(store, on=today, today=today)
        by_key = {i.key: i for i in found}
        results = []
        for number in dict.fromkeys(numbers):
            item = by_key.get(keys[number])
            logged = None
            if item is not None and item.act is not None:
                logged = _record(store, number, item, day=day, today=today, booking=booking)
            item_states.mark(store, number, keys[number], "done", today, None)
            results.append(
                {
                    "id": number,
                    "key": keys[number],
                    "state": "done",
                    "until": None,
                    "logged": logged.entry if logged else None,
                    "warnings": logged.warnings if logged else [],
                }
            )
    return results


def _record(
    store: Store,
    number: int,
    item: model.Item,
    *,
    day: date,
    today: date,
    booking: Booking | None,
) -> log.Logged:
    """The entry ``item`` stands for, through the service its own command calls."""
    act = item.act
    assert act is not None
    contact = f"#{act.contact_id}"
    if act.kind == "outreach":
        return log.outreach(store, contact=contact, on=day, today=today)
    if act.kind == "follow_up":
        return log.outreach(store, contact=contact, on=day, today=today, follow_up=True)
    if act.kind in {"update", "referral_ask"}:
        return log.message(
            store, kind=act.kind, contact=contact, on=day, today=today, note=act.note
        )
    if act.kind == "thanks":
        return log.thanks(store, contact=contact, on=day, today=today)
    if act.kind == "chat":
        if booking is None:
            raise NeedsTime(number, item)
        return chats.chat(store, contact=contact, day=booking.day, at=booking.at, today=today)
    raise AssertionError(f"an act of no known kind: {act.kind}")
