"""The rules of `netjob next` (METHOD section 6), as pure functions.

Each rule looks at plain facts and ``today`` and returns the items it owes the
user. :func:`daily_list` runs them all and ranks the result. An item's ``key``
names the facts it rests on, so the same fact gives the same key tomorrow, and
a new fact (a new outreach, a moved chat) gives a new one.

Ranking is Taskwarrior-style: a score that sums weighted, normalised terms
(group, how overdue, LAMP rank). With the default weights (10000, 100, 1) the
score orders items by group, then by days overdue (up to 59), then by LAMP rank.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from netjob.engine import states
from netjob.engine.business import add_business_days, previous_business_day
from netjob.engine.facts import ContactLog, Mark
from netjob.engine.tiara import HEADINGS, KINDS

OWED, TIMERS, AFTER_CHAT, PIPELINE, KEEP_IN_TOUCH, UPKEEP = 1, 2, 3, 4, 5, 6
GROUPS = {
    OWED: "Owed to someone",
    TIMERS: "3B7 follow-up timers",
    AFTER_CHAT: "After a conversation",
    PIPELINE: "Keep the pipeline full",
    KEEP_IN_TOUCH: "Keep in touch",
    UPKEEP: "List upkeep",
}
# Whom to write to first: how you know them (a promoted connection is "linkedin").
HOW_ORDER = {
    "referral": 0, "alumni": 1, "friend": 2, "colleague": 3, "linkedin": 4, "other": 5, "cold": 6,
}  # fmt: skip
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
OVERDUE_SPAN = 60
# The only groups whose items may show before they are due (reply, thanks, prepare):
# `next` looks for items due later than today in these groups alone.
EARLY_GROUPS = (OWED,)


@dataclass(frozen=True, slots=True)
class CompanyFacts:
    id: int
    name: str
    status: str
    lamp_rank: int | None
    motivation: int
    posting: int | None
    contacts: int
    advocacy: bool = False
    engaged: bool = False  # someone there was heard from (when the contacts are not loaded)
    applied_cold_on: date | None = None  # the first application there without --via


@dataclass(frozen=True, slots=True)
class ContactFacts:
    id: int
    name: str
    company_id: int | None
    how: str | None
    referred_by: str | None
    is_lead: bool
    cadence_days: int | None
    ask_referral: bool
    created_on: date
    log: ContactLog
    advice: str | None = None  # the advice most recently acted on


@dataclass(frozen=True, slots=True)
class ReminderFacts:
    id: int
    text: str
    due_on: date
    contact: str | None
    contact_id: int | None
    company_id: int | None


@dataclass
class Facts:
    today: date
    companies: list[CompanyFacts]
    contacts: list[ContactFacts]
    reminders: list[ReminderFacts] = field(default_factory=list)
    settings: dict[str, int] = field(default_factory=dict)
    holidays: frozenset[date] = frozenset()
    # (targets, unscored, active): set when ``companies`` holds only the few the global
    # rules show (the first in LAMP order of each kind); None counts ``companies``.
    company_counts: tuple[int, int, int] | None = None

    def __post_init__(self) -> None:
        self._by_company: dict[int, list[ContactFacts]] = {}
        for contact in self.contacts:
            if contact.company_id is not None:
                self._by_company.setdefault(contact.company_id, []).append(contact)
        self._company = {c.id: c for c in self.companies}
        self._standing: dict[int, states.Standing] = {}
        self._employer: dict[int, states.Employer] = {}

    def at(self, company_id: int | None) -> list[ContactFacts]:
        return [] if company_id is None else self._by_company.get(company_id, [])

    def company(self, company_id: int | None) -> CompanyFacts | None:
        return None if company_id is None else self._company.get(company_id)

    def bdays(self, start: date, count: int) -> date:
        return add_business_days(start, count, self.holidays)

    def standing(self, contact: ContactFacts) -> states.Standing:
        """Where this person stands (METHOD section 7), computed once per contact."""
        found = self._standing.get(contact.id)
        if found is None:
            found = states.standing(
                contact.log,
                unresponsive_days=self.settings["unresponsive_days"],
                holidays=self.holidays,
            )
            self._standing[contact.id] = found
        return found

    def employer(self, company_id: int | None) -> states.Employer:
        """Where an employer stands, from the people there (and a cold application)."""
        if company_id is None:
            return states.Employer(states.COLD)
        found = self._employer.get(company_id)
        if found is None:
            company = self.company(company_id)
            people = [(k.log, self.standing(k)) for k in self.at(company_id)]
            found = states.employer(
                people, applied_cold_on=company.applied_cold_on if company else None
            )
            if found.state == states.COLD and company is not None and company.engaged:
                found = states.Employer(states.ENGAGED)
            self._employer[company_id] = found
        return found


@dataclass(slots=True)
class Item:
    key: str
    group: int
    rule: str
    subject: str
    subject_kind: str  # "contact" or "company"
    contact_id: int | None
    company_id: int | None
    company: str | None
    lamp_rank: int | None
    action: str
    reason: str
    due: date
    command: str
    visible_from: date | None = None
    visible_until: date | None = None
    details: list[str] = field(default_factory=list)
    overdue_days: int = 0
    score: float = 0.0
    terms: dict[str, dict[str, float]] = field(default_factory=dict)


def day(d: date) -> str:
    """'Fri 20 Nov' — how dates read in reasons."""
    return f"{d:%a} {d.day} {d:%b}"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '\\"') + '"'


def _item(
    facts: Facts,
    contact: ContactFacts | None,
    company_id: int | None,
    *,
    key: str,
    group: int,
    rule: str,
    action: str,
    reason: str,
    due: date,
    command: str,
    visible_from: date | None = None,
    visible_until: date | None = None,
    details: list[str] | None = None,
) -> Item:
    company = facts.company(company_id)
    return Item(
        key=key,
        group=group,
        rule=rule,
        subject=contact.name if contact else (company.name if company else "?"),
        subject_kind="contact" if contact else "company",
        contact_id=contact.id if contact else None,
        company_id=company.id if company else None,
        company=company.name if company else None,
        lamp_rank=company.lamp_rank if company else None,
        action=action,
        reason=reason,
        due=due,
        command=command,
        visible_from=visible_from,
        visible_until=visible_until,
        details=details or [],
    )


# ---------------------------------------------------------------- 1. owed today


def _state(facts: Facts, k: ContactFacts) -> str:
    return facts.standing(k).phase


def rule_reply(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """They answered and have not heard back: answer within a business day."""
    found = facts.standing(k)
    reply = k.log.last_reply
    if found.phase != states.ANSWERED or reply is None:
        return
    within = facts.settings["reply_within_days"]
    reason = (
        f"{k.name} replied on {day(reply.on)} and has not heard back; answer within "
        f"{within} business day{'s' if within != 1 else ''}"
    )
    if found.talked:
        action = f"Answer {k.name}: you are in a conversation"
        command = f"netjob log update {quoted(k.name)}"
        details: list[str] = []
    else:
        action = f"Reply to {k.name} with two or three times for a 20-minute chat"
        command = f'netjob log update {quoted(k.name)} --note "sent times for a chat"'
        details = [f"Once a time is agreed: netjob log chat {quoted(k.name)} --on DAY --at HH:MM"]
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"reply:{k.id}:{reply.id}",
        group=OWED,
        rule="reply",
        action=action,
        reason=reason,
        due=facts.bdays(reply.on, within),
        visible_from=reply.on,
        command=command,
        details=details,
    )


def rule_thanks(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """A held chat gets a thank-you within 24 hours."""
    chat = k.log.last_held_chat
    if _state(facts, k) not in {states.TALKED, states.ANSWERED} or chat is None:
        return
    if k.log.last_thanks is not None and k.log.last_thanks > chat:
        return
    hours = facts.settings["thanks_within_hours"]
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"thanks:{k.id}:{chat.id}",
        group=OWED,
        rule="thanks",
        action=f"Send {k.name} a thank-you note",
        reason=f"You talked on {day(chat.on)}; thank-yous go out within {hours} hours",
        due=chat.on + timedelta(days=max(1, -(-hours // 24))),
        visible_from=chat.on,
        command=f"netjob log thanks {quoted(k.name)}",
    )


def rule_prepare(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """Prepare from the business day before a chat; once its day passed, say what happened."""
    chat = k.log.next_chat
    if _state(facts, k) != states.CHAT_AHEAD or chat is None:
        return
    at = f" at {k.log.next_chat_time}" if k.log.next_chat_time else ""
    details = [f"{HEADINGS[kind][0]}: {HEADINGS[kind][1]}" for kind in KINDS]
    details += ["Close: Who else should I talk to? May I reach back out with questions?"]
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"prepare:{k.id}:{chat.id}:{chat.on}",
        group=OWED,
        rule="prepare",
        action=f"Prepare for your chat with {k.name} on {day(chat.on)}{at}",
        reason="Read recent news and their background; have a 2-minute story ready",
        due=chat.on,
        visible_from=min(chat.on, previous_business_day(chat.on, facts.holidays)),
        visible_until=chat.on,
        details=details,
        command=f"netjob prep {quoted(k.name)}",
    )
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"chat-done:{k.id}:{chat.id}:{chat.on}",
        group=OWED,
        rule="chat-done",
        action=f"Say what happened to your chat with {k.name} on {day(chat.on)}",
        reason=f"The chat was scheduled for {day(chat.on)}{at} and is not marked held, "
        "moved or cancelled",
        due=chat.on + timedelta(days=1),
        command=f"netjob chat done {quoted(k.name)}",
        details=[
            f"Moved: netjob chat move {quoted(k.name)} --on DAY --at HH:MM",
            f"Did not happen: netjob chat cancel {quoted(k.name)}",
        ],
    )


def rule_reminders(facts: Facts) -> Iterable[Item]:
    for r in facts.reminders:
        company = facts.company(r.company_id)
        subject = r.contact or (company.name if company else "you")
        yield Item(
            key=f"remind:{r.id}",
            group=OWED,
            rule="reminder",
            subject=subject,
            subject_kind="contact" if r.contact else "company",
            contact_id=r.contact_id,
            company_id=r.company_id,
            company=company.name if company else None,
            lamp_rank=company.lamp_rank if company else None,
            action=r.text,
            reason=f"You asked to be reminded on {day(r.due_on)}",
            due=r.due_on,
            command="netjob done ID",
        )


# ---------------------------------------------------------------- 2. timers


def _not_written(facts: Facts, company_id: int | None) -> list[ContactFacts]:
    """People at a company to write to as starter contacts, best first (leads have their
    own item, from the day they are logged)."""
    fresh = [
        c
        for c in facts.at(company_id)
        if not c.is_lead and facts.standing(c).phase == states.NOT_WRITTEN
    ]
    return sorted(fresh, key=lambda c: (HOW_ORDER.get(c.how or "", 7), c.created_on, c.id))


def _heard_since(facts: Facts, company_id: int | None, after: Mark) -> bool:
    """Was anyone at the company heard from after this mark?"""
    return any(
        c.log.last_heard is not None and c.log.last_heard > after for c in facts.at(company_id)
    )


def rule_second_contact(facts: Facts, company: CompanyFacts) -> Iterable[Item]:
    """3 business days without a reply from anyone at E: write to one more person there."""
    employer = facts.employer(company.id)
    if employer.state != states.EMPLOYER_WAITING:
        return
    written = [(c.log.first_out, c) for c in facts.at(company.id) if c.log.first_out]
    first_out, person = max(written, key=lambda pair: pair[0])
    days = facts.settings["second_contact_days"]
    due = facts.bdays(first_out.on, days)
    reason = (
        f"No reply from anyone at {company.name} since you wrote to {person.name} on "
        f"{day(first_out.on)} — {days} business days"
    )
    nth = ORDINALS[min(len(written), len(ORDINALS) - 1)]
    candidates = _not_written(facts, company.id)
    if candidates:
        nxt = candidates[0]
        yield _item(
            facts,
            nxt,
            company.id,
            key=f"3b:{company.id}:{first_out.id}",
            group=TIMERS,
            rule="3b-second-contact",
            action=f"Write to {nxt.name}, a {nth} person at {company.name}",
            reason=reason,
            due=due,
            command=f"netjob log outreach {quoted(nxt.name)}",
        )
        return
    until = None if employer.dry_from is None else employer.dry_from - timedelta(days=1)
    if until is not None and until < due:
        return
    yield _item(
        facts,
        None,
        company.id,
        key=f"3b:{company.id}:{first_out.id}",
        group=TIMERS,
        rule="3b-second-contact",
        action=f"Find a {nth} person to write to at {company.name}",
        reason=reason,
        due=due,
        visible_until=until,
        command=f"netjob add contact NAME --company {quoted(company.name)}",
    )


def rule_follow_up(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """7 business days without a reply from A: one follow-up, on the same thread."""
    first_out = k.log.first_out
    if _state(facts, k) != states.WAITING or first_out is None:
        return
    if facts.employer(k.company_id).state == states.APPLIED_COLD:
        return
    if _heard_since(facts, k.company_id, first_out):
        return  # hearing from anyone there cancels the threads that started before it
    days = facts.settings["follow_up_days"]
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"7b:{k.id}:{first_out.id}",
        group=TIMERS,
        rule="7b-follow-up",
        action=f"Follow up once with {k.name}, on the same thread",
        reason=f"No reply from {k.name} since {day(first_out.on)} — {days} business days",
        due=facts.bdays(first_out.on, days),
        command=f"netjob log outreach {quoted(k.name)} --follow-up",
    )


def rule_settle_time(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """You answered their reply but no chat got scheduled: nudge once to settle a time."""
    wrote = k.log.wrote_back
    if _state(facts, k) != states.SCHEDULING or wrote is None or k.log.nudged is not None:
        return
    days = facts.settings["settle_time_days"]
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"settle:{k.id}:{wrote.id}",
        group=TIMERS,
        rule="settle-time",
        action=f"Nudge {k.name} once to settle a time for your chat",
        reason=f"You wrote back on {day(wrote.on)} and no chat is on the calendar yet — "
        f"{days} business days",
        due=facts.bdays(wrote.on, days),
        command=f'netjob log update {quoted(k.name)} --note "nudge: a time for our chat?"',
        details=[f"Once a time is agreed: netjob log chat {quoted(k.name)} --on DAY --at HH:MM"],
    )


# ---------------------------------------------------------------- 3. after a conversation


def rule_lead(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    """A name you were given: reach out from the day it was logged, opening with the referrer."""
    if not k.is_lead or k.referred_by is None or _state(facts, k) != states.NOT_WRITTEN:
        return
    if facts.employer(k.company_id).state == states.APPLIED_COLD:
        return
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"lead:{k.id}",
        group=AFTER_CHAT,
        rule="lead",
        action=f'Reach out to {k.name}: "{k.referred_by} suggested I contact you..."',
        reason=f"{k.referred_by} gave you this name (added {day(k.created_on)})",
        due=k.created_on,
        command=f"netjob log outreach {quoted(k.name)}",
    )


def rule_report_back(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    acted = k.log.advice_acted_on
    if acted is None or _state(facts, k) not in {states.TALKED, states.ANSWERED}:
        return
    touch = k.log.last_out
    if touch is not None and touch.on >= acted:
        return
    advice = f": {k.advice}" if k.advice else ""
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"report:{k.id}:{acted}",
        group=AFTER_CHAT,
        rule="report-back",
        action=f"Tell {k.name} you acted on their advice{advice}",
        reason=f"You acted on it on {day(acted)}; a report-back is the best follow-up there is",
        due=acted,
        command=f'netjob log update {quoted(k.name)} --note "report-back"',
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
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"ask:{k.id}:{k.log.asks}",
        group=AFTER_CHAT,
        rule="referral-ask",
        action=f"Ask {k.name} whether they would refer you (ask {k.log.asks + 1} of {limit})",
        reason=f"About a week after {what} on {day(since)}, with someone who can vouch for you",
        due=since + timedelta(days=days),
        command=f"netjob log ask {quoted(k.name)}",
    )


# ---------------------------------------------------------------- 4. pipeline


def _networking_open(facts: Facts, company: CompanyFacts) -> bool:
    """Whether new people there may still be written to as starter contacts."""
    return facts.employer(company.id).state not in {states.ENGAGED, states.APPLIED_COLD}


def rule_activate_and_find(facts: Facts) -> Iterable[Item]:
    """Enough active employers, and enough starter contacts at each."""
    wanted = facts.settings["active_companies"]
    active = [c for c in facts.companies if c.status == "active"]
    active_count = len(active) if facts.company_counts is None else facts.company_counts[2]
    ranked = sorted(
        (c for c in facts.companies if c.status == "backlog" and c.lamp_rank),
        key=lambda c: c.lamp_rank or 0,
    )
    for company in ranked[: max(0, wanted - active_count)]:
        verb = "is" if active_count == 1 else "are"
        yield _item(
            facts,
            None,
            company.id,
            key=f"activate:{company.id}",
            group=PIPELINE,
            rule="activate",
            action=f"Start working on {company.name} (#{company.lamp_rank} in LAMP order)",
            reason=f"{active_count} of {wanted} employers {verb} active",
            due=facts.today,
            command=f"netjob edit company {quoted(company.name)} --status active",
        )
    per_company = facts.settings["contacts_per_company"]
    for company in sorted(active, key=lambda c: c.lamp_rank or 0):
        if company.contacts < per_company and _networking_open(facts, company):
            missing = per_company - company.contacts
            plural = "s" if missing > 1 else ""
            yield _item(
                facts,
                None,
                company.id,
                key=f"find:{company.id}:{company.contacts}",
                group=PIPELINE,
                rule="find-contacts",
                action=f"Find {missing} more contact{plural} at {company.name}",
                reason=f"{company.name} is active and has {company.contacts} of {per_company} "
                "starter contacts; prefer relevant work, alumni, one or two levels above you",
                due=facts.today,
                command=f"netjob add contact NAME --company {quoted(company.name)}",
            )


def rule_first_contact(facts: Facts, company: CompanyFacts) -> Iterable[Item]:
    """An active employer nobody there was written to yet: write to the best person."""
    if company.status != "active" or facts.employer(company.id).state != states.COLD:
        return
    candidates = _not_written(facts, company.id)
    if not candidates:
        return
    nxt = candidates[0]
    yield _item(
        facts,
        nxt,
        company.id,
        key=f"write:{nxt.id}",
        group=PIPELINE,
        rule="write",
        action=f"Write to {nxt.name} at {company.name}",
        reason=f"{company.name} is active and {nxt.name} has not heard from you; keep it short, "
        "connection first, ending in a question",
        due=nxt.created_on,
        command=f"netjob log outreach {quoted(nxt.name)}",
    )


def rule_dry(facts: Facts, company: CompanyFacts) -> Iterable[Item]:
    """Everyone written to went quiet after a follow-up and no one is left: move on."""
    employer = facts.employer(company.id)
    if company.status == "closed" or employer.dry_from is None:
        return
    yield _item(
        facts,
        None,
        company.id,
        key=f"dry:{company.id}:{employer.dry_from}",
        group=PIPELINE,
        rule="dry",
        action=f"Close {company.name} and start on the next employer in LAMP order",
        reason=f"Everyone you wrote to at {company.name} went quiet after a follow-up, and "
        "nobody there is left to write to",
        due=employer.dry_from,
        command=f"netjob edit company {quoted(company.name)} --status closed",
    )


# ---------------------------------------------------------------- 5. keep in touch


def rule_keep_in_touch(facts: Facts, k: ContactFacts) -> Iterable[Item]:
    if _state(facts, k) != states.TALKED or k.log.last_touch is None:
        return
    every = k.cadence_days if k.cadence_days is not None else facts.settings["keep_in_touch_days"]
    if every <= 0:
        return
    touch = k.log.last_touch
    yield _item(
        facts,
        k,
        k.company_id,
        key=f"touch:{k.id}:{touch.id}",
        group=KEEP_IN_TOUCH,
        rule="keep-in-touch",
        action=f"Send {k.name} a short update on your search",
        reason=f"Last touch on {day(touch.on)}; advocates hear from you every {every} days",
        due=touch.on + timedelta(days=every),
        command=f"netjob log update {quoted(k.name)}",
    )


# ---------------------------------------------------------------- 6. upkeep


def rule_upkeep(facts: Facts) -> Iterable[Item]:
    targets = [c for c in facts.companies if c.status != "closed"]
    unknown = sorted(
        (c for c in targets if c.motivation == 0 or c.posting is None),
        key=lambda c: c.lamp_rank or 0,
    )
    target_count, unknown_count, _ = facts.company_counts or (len(targets), len(unknown), 0)
    wanted = facts.settings["target_companies"]
    if target_count < wanted:
        missing = wanted - target_count
        yield Item(
            key=f"targets:{target_count}",
            group=UPKEEP,
            rule="targets",
            subject="your list",
            subject_kind="company",
            contact_id=None,
            company_id=None,
            company=None,
            lamp_rank=None,
            action=f"Add {missing} more target employer{'s' if missing != 1 else ''}",
            reason=f"You have {target_count} of about {wanted} targets",
            due=facts.today,
            command="netjob add company NAME --motivation 0-3 --posting 1-3",
        )
    if unknown:
        first = unknown[0]
        names = ", ".join(c.name for c in unknown[:3]) + (" ..." if unknown_count > 3 else "")
        yield Item(
            key=f"unscored:{unknown_count}",
            group=UPKEEP,
            rule="unscored",
            subject=first.name,
            subject_kind="company",
            contact_id=None,
            company_id=first.id,
            company=first.name,
            lamp_rank=first.lamp_rank,
            action=f"Score {unknown_count} employer{'s' if unknown_count > 1 else ''} with unknown "
            f"motivation or posting: {names}",
            reason="Unscored employers cannot take their place in the LAMP order",
            due=facts.today,
            command=f"netjob edit company {quoted(first.name)} --motivation 0-3 --posting 1-3",
        )


# ---------------------------------------------------------------- the list

PER_CONTACT: list[Callable[[Facts, ContactFacts], Iterable[Item]]] = [
    rule_reply,
    rule_thanks,
    rule_prepare,
    rule_follow_up,
    rule_settle_time,
    rule_lead,
    rule_report_back,
    rule_referral_ask,
    rule_keep_in_touch,
]
PER_COMPANY: list[Callable[[Facts, CompanyFacts], Iterable[Item]]] = [
    rule_second_contact,
    rule_first_contact,
    rule_dry,
]


def contact_items(facts: Facts, companies: Collection[int | None] | None = None) -> list[Item]:
    """Items resting on contacts' logs, for the given companies (all when None).

    They do not depend on ``today`` (only their visibility does), so the
    services can keep them stored, recomputed for a company when it changes.
    Contacts with no company are included when ``companies`` is None or holds None.
    """

    def wanted(company_id: int | None) -> bool:
        return companies is None or company_id in companies

    items: list[Item] = []
    for contact in facts.contacts:
        if wanted(contact.company_id):
            for rule in PER_CONTACT:
                items.extend(rule(facts, contact))
    for company in facts.companies:
        if company.status != "closed" and wanted(company.id):
            for company_rule in PER_COMPANY:
                items.extend(company_rule(facts, company))
    return items


def global_items(facts: Facts) -> list[Item]:
    """Items about the list as a whole and reminders: computed fresh every time."""
    return [*rule_reminders(facts), *rule_activate_and_find(facts), *rule_upkeep(facts)]


def candidates(facts: Facts) -> list[Item]:
    """Every item the rules produce, due or not yet (before visibility and ranking)."""
    return contact_items(facts) + global_items(facts)


def visible(item: Item, on: date) -> bool:
    start = item.visible_from if item.visible_from is not None else item.due
    return start <= on and (item.visible_until is None or on <= item.visible_until)


def term_values(
    group: int, overdue_days: int, lamp_rank: int | None, worst: int
) -> dict[str, float]:
    """The normalised score terms, each in 0..1."""
    return {
        "group": (6 - group) / 5,
        "overdue": min(max(overdue_days + 1, 0), OVERDUE_SPAN - 1) / (OVERDUE_SPAN - 1),
        "lamp": 0.0 if lamp_rank is None else 1 - (lamp_rank - 1) / max(worst, 1),
    }


def weights(settings: dict[str, int]) -> dict[str, float]:
    return {name: float(settings[f"weight_{name}"]) for name in ("group", "overdue", "lamp")}


def points(values: dict[str, float], weight: dict[str, float]) -> float:
    return round(sum(round(weight[n] * values[n], 2) for n in values), 2)


def fast_points(
    group: int, overdue_days: int, lamp_rank: int | None, worst: int, weight: dict[str, float]
) -> float:
    """``points(term_values(...), weight)`` without the dictionaries, for ranking many items."""
    g = (6 - group) / 5
    o = min(max(overdue_days + 1, 0), OVERDUE_SPAN - 1) / (OVERDUE_SPAN - 1)
    lamp = 0.0 if lamp_rank is None else 1 - (lamp_rank - 1) / max(worst, 1)
    return round(
        round(weight["group"] * g, 2)
        + round(weight["overdue"] * o, 2)
        + round(weight["lamp"] * lamp, 2),
        2,
    )


def order(
    score: float, group: int, overdue_days: int, lamp_rank: int | None, key: str
) -> tuple[float, int, int, int, str]:
    """Sort key of an item: best score first; ties by group, overdue, LAMP rank, key."""
    return (-score, group, -overdue_days, lamp_rank or 10**9, key)


def score(item: Item, facts: Facts, worst_rank: int) -> None:
    """Set ``overdue_days``, ``score`` and its explained ``terms`` on ``item``."""
    item.overdue_days = (facts.today - item.due).days
    weight = weights(facts.settings)
    values = term_values(item.group, item.overdue_days, item.lamp_rank, worst_rank)
    item.terms = {
        n: {
            "weight": weight[n],
            "value": round(values[n], 4),
            "points": round(weight[n] * values[n], 2),
        }
        for n in values
    }
    item.score = points(values, weight)


def daily_list(facts: Facts, hidden: Collection[str] = ()) -> list[Item]:
    """The ranked items visible on ``facts.today``, minus the ``hidden`` keys."""
    return rank(
        [i for i in candidates(facts) if visible(i, facts.today) and i.key not in hidden], facts
    )


def rank(items: list[Item], facts: Facts) -> list[Item]:
    """Score ``items`` (as of ``facts.today``) and sort them, best first."""
    worst = max((c.lamp_rank or 0 for c in facts.companies), default=1)
    shown = []
    for item in items:
        score(item, facts, worst)
        shown.append(item)
    shown.sort(key=lambda i: order(i.score, i.group, i.overdue_days, i.lamp_rank, i.key))
    return shown


def best_next_move(facts: Facts) -> str:
    """What to say when nothing is due."""
    ranked = sorted(
        (c for c in facts.companies if c.status != "closed" and c.lamp_rank),
        key=lambda c: c.lamp_rank or 0,
    )
    for company in ranked:
        if not facts.at(company.id):
            return (
                f"{company.name} is #{company.lamp_rank} on your list and has no contacts "
                f"yet: netjob add contact NAME --company {quoted(company.name)}"
            )
    if not ranked:
        return "Add your first target employer: netjob add company NAME --motivation 0-3"
    return (
        "Everyone is waiting on a timer. Add a few more target employers, or read up on "
        f"{ranked[0].name} before your next conversation."
    )
