"""What one contact's log says, summarised for the daily list.

:func:`summarize` is the single definition of these facts. The services keep one
stored copy per contact (``contact_summary``, see
:mod:`netjob.services.coach.summaries`), worked out again from the contact's entries
on every write to them, so `netjob next` reads one small row per contact instead of
scanning the whole log; replaying a past day (``next --on``) summarises the entries
up to that day with the same function.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from operator import itemgetter
from typing import NamedTuple

OUTBOUND = frozenset({"outreach", "follow_up", "update", "referral_ask"})
TOUCHES = OUTBOUND | {"reply", "thanks", "referral"}
HEARD = frozenset({"reply", "referral"})  # with held and scheduled chats: hearing from them


class Mark(NamedTuple):
    """A log entry's place in time: by date, then by the order it was logged. (Tuples:
    made and compared in C, as a summary of thousands of entries needs.)"""

    on: date
    id: int


class LogEntry(NamedTuple):
    id: int
    kind: str
    on: date
    status: str | None = None
    at_time: str | None = None
    logged_on: date | None = None  # None: counts from ``on`` (entries from older versions)
    planned_on: date | None = None  # chats logged as scheduled: the day planned
    settled_on: date | None = None  # scheduled chats: the day held, moved or cancelled

    @property
    def mark(self) -> Mark:
        return Mark(self.on, self.id)


_BY_TIME = itemgetter(2, 0)  # (on, id) of a LogEntry


def as_of(entries: Iterable[LogEntry], day: date) -> list[LogEntry]:
    """The entries as they stood on ``day``: what was logged by then, chats as planned then.

    A chat logged as scheduled counts as scheduled from the day it was logged until
    the day it was settled (held, moved or cancelled), whatever its own date.
    """
    found = []
    for e in entries:
        if (e.logged_on or e.on) > day:
            continue
        if e.kind == "chat" and e.planned_on is not None:
            if e.settled_on is None or e.settled_on > day:
                found.append(
                    LogEntry(e.id, e.kind, e.planned_on, "scheduled", e.at_time, e.logged_on,
                             e.planned_on)
                )  # fmt: skip
                continue
            found.append(e)  # held, moved or cancelled by then
            continue
        if e.on <= day or (e.kind == "chat" and e.status == "scheduled"):
            found.append(e)
    return found


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
    last_heard: Mark | None = None  # a reply, referral, held or booked chat: they talk to you
    last_booked: Mark | None = None  # the day a chat was last booked (whatever became of it)
    wrote_back: Mark | None = None  # your first message after their last reply
    nudged: Mark | None = None  # your second message after their last reply
    last_cancelled: Mark | None = None  # the day a chat was last cancelled
    first_heard: Mark | None = None  # the first time they talked to you
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
    since_reply: list[Mark] = []
    for e in sorted(entries, key=_BY_TIME):
        mark = Mark(e.on, e.id)
        if e.kind == "outreach" and log.first_out is None:
            log.first_out = mark
        if e.kind == "follow_up" and log.follow_up is None and log.first_out is not None:
            log.follow_up = mark
        if e.kind in OUTBOUND:
            log.last_out = _later(log.last_out, mark)
            since_reply.append(mark)
        if e.kind == "referral_ask":
            log.asks += 1
            log.last_ask = _later(log.last_ask, mark)
        if e.kind == "reply":
            log.first_reply = log.first_reply or mark
            log.last_reply = _later(log.last_reply, mark)
            since_reply = []
        if e.kind in HEARD or (e.kind == "chat" and e.status == "held"):
            log.last_heard = _later(log.last_heard, mark)
            log.first_heard = _earlier(log.first_heard, mark)
        if e.kind == "chat" and (e.planned_on is not None or e.status == "scheduled"):
            booked = Mark(e.logged_on or e.on, e.id)
            log.last_booked = _later(log.last_booked, booked)
            log.last_heard = _later(log.last_heard, booked)
            log.first_heard = _earlier(log.first_heard, booked)
        if e.kind == "chat" and e.status == "cancelled":
            cancelled = Mark(e.settled_on or e.on, e.id)
            log.last_cancelled = _later(log.last_cancelled, cancelled)
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
    if log.last_reply is not None:
        log.wrote_back = since_reply[0] if since_reply else None
        log.nudged = since_reply[1] if len(since_reply) > 1 else None
    acted = [d for d in advice_acted if d is not None]
    log.advice_acted_on = max(acted) if acted else None
    return log
