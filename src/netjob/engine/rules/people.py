"""The rules of `netjob next` about one person's log (METHOD section 6), as pure functions.

Each rule looks at plain :class:`~netjob.engine.model.Facts` (with ``today``) and
yields the items it owes the user, each built by :meth:`Facts.item`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from netjob.engine import standing as states
from netjob.engine import words
from netjob.engine.business import previous_business_day
from netjob.engine.contact_log import Mark
from netjob.engine.model import Act, ContactFacts, Facts, Item, day, quoted
from netjob.engine.tiara import HEADINGS, KINDS

DONE = "netjob done ID"
CHAT_AGREED = "Once a time is agreed: netjob log chat {name} --on DAY --at HH:MM"


def _state(facts: Facts, k: ContactFacts) -> str:
    return facts.standing(k).phase


def _act(k: ContactFacts, kind: str, note: str | None = None) -> tuple[str, Act]:
    """The command an item prints and the act `done` records for it: the same entry."""
    act = Act(kind, k.id, note)
    return act.command(k.name), act


# ---------------------------------------------------------------- 1. owed today


def rule_reply(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """They answered and have not heard back: answer within a business day."""
    found = facts.standing(k)
    reply = k.log.last_reply
    if found.phase != states.ANSWERED or reply is None:
        return
    within = facts.settings["reply_within_days"]
    reason = (
        f"{k.name} replied on {day(reply.on)} and has not heard back; answer within "
        f"{words.count(within, 'business day')}"
    )
    first, last_out = k.log.first_reply, k.log.last_out
    if found.talked:
        action = f"Answer {k.name}: you are in a conversation"
        command, act = _act(k, "update")
        details: list[str] = []
    elif first is not None and last_out is not None and last_out > first:
        # You answered an earlier reply (with times) and they wrote again: book it.
        action = f"Confirm the time with {k.name} and book the chat"
        command, act = _act(k, "chat")
        details = []
    else:
        action = f"Reply to {k.name} with two or three times for a 20-minute chat"
        command, act = _act(k, "update", "sent times for a chat")
        details = [CHAT_AGREED.format(name=quoted(k.name))]
    due = facts.bdays(reply.on, within)
    key = f"reply:{k.id}:{reply.id}"
    yield facts.item(
        "reply",
        key,
        k,
        due,
        action,
        reason,
        command,
        visible_from=reply.on,
        details=details,
        act=act,
    )


def rule_thanks(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """A held chat gets a thank-you within 24 hours."""
    chat = k.log.last_held_chat
    if _state(facts, k) not in {states.TALKED, states.ANSWERED} or chat is None:
        return
    if k.log.last_thanks is not None and k.log.last_thanks > chat:
        return
    hours = facts.settings["thanks_within_hours"]
    command, act = _act(k, "thanks")
    yield facts.item(
        "thanks",
        f"thanks:{k.id}:{chat.id}",
        k,
        chat.on + timedelta(days=max(1, -(-hours // 24))),
        f"Send {k.name} a thank-you note",
        f"You talked on {day(chat.on)}; thank-yous go out within {hours} hours",
        command,
        visible_from=chat.on,
        act=act,
    )


def rule_prepare(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """Prepare from the business day before a chat; once its day passed, say what happened."""
    chat = k.log.next_chat
    if _state(facts, k) != states.CHAT_AHEAD or chat is None:
        return
    at = f" at {k.log.next_chat_time}" if k.log.next_chat_time else ""
    details = [f"{HEADINGS[kind][0]}: {HEADINGS[kind][1]}" for kind in KINDS]
    details += ["Close: Who else should I talk to? May I reach back out with questions?"]
    yield facts.item(
        "prepare",
        f"prepare:{k.id}:{chat.id}:{chat.on}",
        k,
        chat.on,
        f"Prepare for your chat with {k.name} on {day(chat.on)}{at}",
        "Read recent news and their background; have a 2-minute story ready",
        f"netjob prep {quoted(k.name)}",
        visible_from=min(chat.on, previous_business_day(chat.on, facts.holidays)),
        visible_until=chat.on,
        details=details,
    )
    name = quoted(k.name)
    yield facts.item(
        "chat-done",
        f"chat-done:{k.id}:{chat.id}:{chat.on}",
        k,
        facts.bdays(chat.on, 1),  # the next business day: a Friday chat is due Monday
        f"Say what happened to your chat with {k.name} on {day(chat.on)}",
        f"The chat was scheduled for {day(chat.on)}{at} and is not marked held, moved or cancelled",
        f"netjob chat done {name}",
        details=[
            f"Moved: netjob chat move {name} --at DATETIME",
            f"Did not happen: netjob chat cancel {name}",
        ],
    )


def rule_reminders(facts: Facts) -> Iterable[Item]:
    for r in facts.reminders:
        reason = f"You asked to be reminded on {day(r.due_on)}"
        yield facts.item("reminder", f"remind:{r.id}", r, r.due_on, r.text, reason, DONE)


# ---------------------------------------------------------------- 2. timers


_TIMER_SETTINGS = {
    "7b-follow-up": ("7b", "follow_up_days"),
    "settle-time": ("settle", "settle_time_days"),
}


def _timer(
    facts: Facts,
    k: ContactFacts,
    rule: str,
    since: Mark,
    action: str,
    reason: str,
    command: str,
    act: Act,
    details: Iterable[str] = (),
) -> Item:
    """An item due a number of business days (a setting) after ``since``."""
    prefix, setting = _TIMER_SETTINGS[rule]
    days = facts.settings[setting]
    key = f"{prefix}:{k.id}:{since.id}"
    reason = f"{reason} — {days} business days"
    due = facts.bdays(since.on, days)
    return facts.item(rule, key, k, due, action, reason, command, details=details, act=act)


def rule_follow_up(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """7 business days without a reply from A: one follow-up, on the same thread."""
    first_out = k.log.first_out
    if _state(facts, k) != states.WAITING or first_out is None:
        return
    if facts.employer(k.company_id).state == states.APPLIED_COLD:
        return
    first_heard = facts.first_heard_at(k.company_id)
    if first_heard is not None and first_heard > first_out:
        # The first time anyone there was heard from cancels the follow-ups of the threads
        # that started before it; a thread started after it (to a name you were given)
        # keeps its own, which only hearing from that person ends (METHOD section 7).
        return
    action = f"Follow up once with {k.name}, on the same thread"
    reason = f"No reply from {k.name} since {day(first_out.on)}"
    command, act = _act(k, "follow_up")
    yield _timer(facts, k, "7b-follow-up", first_out, action, reason, command, act)


def rule_settle_time(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """You answered their reply, or a booked chat was cancelled, and no chat is on the
    calendar: nudge once to settle a time."""
    if _state(facts, k) != states.SCHEDULING:
        return
    wrote, cancelled, reply = k.log.wrote_back, k.log.last_cancelled, k.log.last_reply
    if cancelled is not None and (reply is None or cancelled > reply):
        # a chat booked since their last reply was cancelled: one nudge, from that day
        last_out = k.log.last_out
        if last_out is not None and last_out > cancelled:
            return  # nudged since the cancellation
        since, why = cancelled, f"Your chat was cancelled on {day(cancelled.on)}"
    elif wrote is not None and k.log.nudged is None:
        since, why = wrote, f"You wrote back on {day(wrote.on)}"
    else:
        return
    command, act = _act(k, "update", "nudge: a time for our chat?")
    yield _timer(
        facts,
        k,
        "settle-time",
        since,
        f"Nudge {k.name} once to settle a time for your chat",
        f"{why} and no chat is on the calendar yet",
        command,
        act,
        details=[CHAT_AGREED.format(name=quoted(k.name))],
    )


# ---------------------------------------------------------------- 3. after a conversation


def rule_lead(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """A name you were given: reach out from the day it was logged, opening with the referrer."""
    if not k.is_lead or k.referred_by is None or _state(facts, k) != states.NOT_WRITTEN:
        return
    if facts.employer(k.company_id).state == states.APPLIED_COLD:
        return
    action = f'Reach out to {k.name}: "{k.referred_by} suggested I contact you..."'
    reason = f"{k.referred_by} gave you this name (added {day(k.created_on)})"
    command, act = _act(k, "outreach")
    yield facts.item("lead", f"lead:{k.id}", k, k.created_on, action, reason, command, act=act)


def rule_report_back(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    acted = k.log.advice_acted_on
    if acted is None or _state(facts, k) not in {states.TALKED, states.ANSWERED}:
        return
    touch = k.log.last_out
    if touch is not None and touch.on >= acted:
        return
    advice = f": {k.advice}" if k.advice else ""
    command, act = _act(k, "update", "report-back")
    yield facts.item(
        "report-back",
        f"report:{k.id}:{acted}",
        k,
        acted,
        f"Tell {k.name} you acted on their advice{advice}",
        f"You acted on it on {day(acted)}; a report-back is the best follow-up there is",
        command,
        act=act,
    )


def rule_referral_ask(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    chat = k.log.last_held_chat
    limit = facts.settings["referral_asks"]
    if not k.ask_referral or chat is None or k.log.asks >= limit:
        return
    if _state(facts, k) not in {states.TALKED, states.ANSWERED}:
        return
    if k.log.last_referral is not None and k.log.last_referral > chat:
        return
    days = facts.settings["referral_ask_days"]
    since = k.log.last_ask.on if k.log.asks and k.log.last_ask else chat.on
    what = "your chat" if not k.log.asks else "your last ask"
    command, act = _act(k, "referral_ask")
    yield facts.item(
        "referral-ask",
        f"ask:{k.id}:{k.log.asks}",
        k,
        since + timedelta(days=days),
        f"Ask {k.name} whether they would refer you (ask {k.log.asks + 1} of {limit})",
        f"About a week after {what} on {day(since)}, with someone who can vouch for you",
        command,
        act=act,
    )


# ---------------------------------------------------------------- 5. keep in touch


def rule_keep_in_touch(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    if _state(facts, k) != states.TALKED or k.log.last_touch is None:
        return
    every = k.cadence_days if k.cadence_days is not None else facts.settings["keep_in_touch_days"]
    if every <= 0:
        return
    touch = k.log.last_touch
    action = f"Send {k.name} a short update on your search"
    reason = f"Last touch on {day(touch.on)}; advocates hear from you every {every} days"
    due = touch.on + timedelta(days=every)
    command, act = _act(k, "update")
    key = f"touch:{k.id}:{touch.id}"
    yield facts.item("keep-in-touch", key, k, due, action, reason, command, act=act)


# ---------------------------------------------------------------- all of them
