"""What one contact's log says, summarised for the daily list.

:func:`summarize` is the single definition of these facts. The services keep a
stored copy per contact (``contact_log``), recomputed from the contact's
entries on every write, edit and undo, so `netjob next` reads one small row per
contact instead of scanning the whole log; replaying a past day (``next --on``)
summarises the entries up to that day with the same function.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

OUTBOUND = frozenset({"outreach", "follow_up", "update", "referral_ask"})
TOUCHES = OUTBOUND | {"reply", "thanks", "referral"}


@dataclass(frozen=True, slots=True, order=True)
class Mark:
    """A log entry's place in time: by date, then by the order it was logged."""

    on: date
    id: int


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    kind: str
    on: date
    status: str | None = None
    at_time: str | None = None

    @property
    def mark(self) -> Mark:
        return Mark(self.on, self.id)


@dataclass(slots=True)
class ContactLog:
    first_out: Mark | None = None
    last_out: Mark | None = None
    follow_up: Mark | None = None
    first_reply: Mark | None = None
    last_reply: Mark | None = None
    last_held_chat: Mark | None = None
    next_chat: Mark | None = None
    next_chat_time: str | None = None
    last_thanks: Mark | None = None
    last_touch: Mark | None = None
    last_referral: Mark | None = None
    asks: int = 0
    last_ask: Mark | None = None
    advice_acted_on: date | None = None


MARK_FIELDS = tuple(
    f.name
    for f in fields(ContactLog)
    if f.name not in {"next_chat_time", "asks", "advice_acted_on"}
)


def _later(current: Mark | None, new: Mark) -> Mark:
    return new if current is None or new > current else current


def _earlier(current: Mark | None, new: Mark) -> Mark:
    return new if current is None or new < current else current


def summarize(entries: Iterable[LogEntry], advice_acted: Iterable[date] = ()) -> ContactLog:
    """The facts of one contact's log (entries in any order)."""
    log = ContactLog()
    for e in sorted(entries, key=lambda e: (e.on, e.id)):
        mark = e.mark
        if e.kind == "outreach" and log.first_out is None:
            log.first_out = mark
        if e.kind == "follow_up" and log.follow_up is None and log.first_out is not None:
            log.follow_up = mark
        if e.kind in OUTBOUND:
            log.last_out = _later(log.last_out, mark)
        if e.kind == "referral_ask":
            log.asks += 1
            log.last_ask = _later(log.last_ask, mark)
        if e.kind == "reply":
            log.first_reply = log.first_reply or mark
            log.last_reply = _later(log.last_reply, mark)
        if e.kind == "thanks":
            log.last_thanks = _later(log.last_thanks, mark)
        if e.kind == "referral":
            log.last_referral = _later(log.last_referral, mark)
        if e.kind == "chat" and e.status == "held":
            log.last_held_chat = _later(log.last_held_chat, mark)
        if e.kind == "chat" and e.status == "scheduled":
            earlier = _earlier(log.next_chat, mark)
            if earlier is mark:
                log.next_chat, log.next_chat_time = mark, e.at_time
        if e.kind in TOUCHES or (e.kind == "chat" and e.status == "held"):
            log.last_touch = _later(log.last_touch, mark)
    acted = [d for d in advice_acted if d is not None]
    log.advice_acted_on = max(acted) if acted else None
    return log


def as_columns(log: ContactLog) -> dict[str, object]:
    """The stored form: each Mark as ``<name>_on`` and ``<name>_id``."""
    columns: dict[str, object] = {}
    for name in MARK_FIELDS:
        mark = getattr(log, name)
        columns[f"{name}_on"] = mark.on if mark else None
        columns[f"{name}_id"] = mark.id if mark else None
    columns["next_chat_time"] = log.next_chat_time
    columns["asks"] = log.asks
    columns["advice_acted_on"] = log.advice_acted_on
    return columns


def from_columns(row: Any) -> ContactLog:
    """Read the stored form back (``row`` is a mapping or sqlite3.Row)."""
    get = row.__getitem__
    log = ContactLog()
    for name in MARK_FIELDS:
        on, entry_id = get(f"{name}_on"), get(f"{name}_id")
        if on is not None:
            day = on if isinstance(on, date) else date.fromisoformat(str(on))
            setattr(log, name, Mark(day, int(entry_id)))
    log.next_chat_time = get("next_chat_time")
    log.asks = int(get("asks") or 0)
    acted = get("advice_acted_on")
    if acted is not None:
        log.advice_acted_on = acted if isinstance(acted, date) else date.fromisoformat(str(acted))
    return log
