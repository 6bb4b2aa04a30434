"""Where each person and each employer stands on a day (METHOD section 7).

This is the one place that reads a person's log and says what state they are
in; every rule of `netjob next` (and every view built on its items) asks this
module instead of re-deriving it. A person's :class:`Standing` depends only on
the log; the state on a given day adds the timers that run on (a follow-up turns
into *unresponsive*, a chat day passes), so stored items can carry those days as
visibility windows and still agree with :func:`person_state` on every day.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from netjob.engine.business import add_business_days
from netjob.engine.contact_log import ContactLog, Mark

# A person's states, as METHOD section 7 names them.
NOT_WRITTEN = "not written to"
WAITING = "waiting"
FOLLOWED_UP = "followed up"
ANSWERED = "answered"
SCHEDULING = "scheduling"
CHAT_AHEAD = "chat ahead"
CHAT_NOT_RECORDED = "chat not recorded"
TALKED = "talked"
UNRESPONSIVE = "unresponsive"
PERSON_STATES = (
    NOT_WRITTEN, WAITING, FOLLOWED_UP, ANSWERED, SCHEDULING, CHAT_AHEAD, CHAT_NOT_RECORDED,
    TALKED, UNRESPONSIVE,
)  # fmt: skip

# An employer's states.
COLD = "cold"
EMPLOYER_WAITING = "waiting"
ENGAGED = "engaged"
DRY = "dry"
APPLIED_COLD = "applied cold"
EMPLOYER_STATES = (COLD, EMPLOYER_WAITING, ENGAGED, DRY, APPLIED_COLD)


@dataclass(slots=True)
class Standing:
    """A person's state as their log leaves it.

    ``phase`` is one of the person states except the two a timer reaches on its own:
    a *followed up* person turns *unresponsive* on ``turns_on``, and a *chat ahead*
    turns *chat not recorded* the day after ``turns_on`` (the chat's day).
    """

    phase: str
    since: Mark | None = None
    turns_on: date | None = None
    talked: bool = False  # a chat was held: an answer is just an answer, not times for a chat


def standing(log: ContactLog, *, unresponsive_days: int, holidays: Collection[date]) -> Standing:
    """The person's standing from their log summary."""
    talked = log.last_held_chat is not None or log.last_referral is not None
    if log.next_chat is not None:
        return Standing(CHAT_AHEAD, log.next_chat, log.next_chat.on, talked)
    reply = log.last_reply
    if reply is not None:
        answers = (log.last_out, log.last_held_chat, log.last_thanks, log.last_booked)
        if not any(m is not None and m > reply for m in answers):
            return Standing(ANSWERED, reply, None, talked)
    if talked:
        return Standing(TALKED, log.last_held_chat or log.last_referral, None, True)
    if reply is not None:
        return Standing(SCHEDULING, log.wrote_back or reply)
    if log.follow_up is not None:
        quiet = add_business_days(log.follow_up.on, unresponsive_days, holidays)
        return Standing(FOLLOWED_UP, log.follow_up, quiet)
    if log.first_out is not None:
        return Standing(WAITING, log.first_out)
    return Standing(NOT_WRITTEN)


def state_on(found: Standing, day: date) -> str:
    """The person's state on ``day`` (a day on or after the last entry of their log)."""
    if found.phase == FOLLOWED_UP and found.turns_on is not None and day >= found.turns_on:
        return UNRESPONSIVE
    if found.phase == CHAT_AHEAD and found.turns_on is not None and day > found.turns_on:
        return CHAT_NOT_RECORDED
    return found.phase


def person_state(
    log: ContactLog, day: date, *, unresponsive_days: int, holidays: Collection[date]
) -> str:
    """The state METHOD section 7 names for a person with this log on ``day``."""
    return state_on(standing(log, unresponsive_days=unresponsive_days, holidays=holidays), day)


@dataclass(slots=True)
class Employer:
    """An employer's standing as the log leaves it (see :func:`employer_state`)."""

    state: str  # COLD, EMPLOYER_WAITING, ENGAGED or APPLIED_COLD
    dry_from: date | None = None  # waiting, with everyone quiet and no one left: dry from then
    applied_cold_on: date | None = None


def employer(
    people: Sequence[tuple[ContactLog, Standing]], *, applied_cold_on: date | None
) -> Employer:
    """An employer's standing from the logs of the people there."""
    if applied_cold_on is not None:
        return Employer(APPLIED_COLD, applied_cold_on=applied_cold_on)
    if any(log.last_heard is not None for log, _ in people):
        return Employer(ENGAGED)
    written = [s for log, s in people if log.first_out is not None]
    if not written:
        return Employer(COLD)
    everyone_quiet = all(s.phase == FOLLOWED_UP and s.turns_on for s in written)
    nobody_left = len(written) == len(people)
    if everyone_quiet and nobody_left:
        return Employer(EMPLOYER_WAITING, dry_from=max(s.turns_on for s in written if s.turns_on))
    return Employer(EMPLOYER_WAITING)


def employer_state(found: Employer, day: date) -> str:
    if found.state == EMPLOYER_WAITING and found.dry_from is not None and day >= found.dry_from:
        return DRY
    return found.state
