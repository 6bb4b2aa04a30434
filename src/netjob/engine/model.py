"""What the rules of `netjob next` read and what they produce, as plain data.

:class:`Facts` holds what the rules look at (companies, contacts with their log
summaries, reminders, settings, holidays, ``today``); each rule in
:mod:`netjob.engine.rules` returns :class:`Item` values built by
:meth:`Facts.item`, and :mod:`netjob.engine.ranking` scores and orders them. An
item's ``key`` names the facts it rests on, so the same fact gives the same key
tomorrow, and a new fact (a new outreach, a moved chat) gives a new one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netjob.engine import standing as states
from netjob.engine.business import add_business_days
from netjob.engine.contact_log import ContactLog, Mark

OWED, TIMERS, AFTER_CHAT, PIPELINE, KEEP_IN_TOUCH, UPKEEP = 1, 2, 3, 4, 5, 6
GROUPS = {
    OWED: "Owed to someone",
    TIMERS: "3B7 follow-up timers",
    AFTER_CHAT: "After a conversation",
    PIPELINE: "Keep the pipeline full",
    KEEP_IN_TOUCH: "Keep in touch",
    UPKEEP: "List upkeep",
}
# The group of each rule's items.
RULE_GROUPS = {
    **dict.fromkeys(("reply", "thanks", "prepare", "chat-done", "reminder"), OWED),
    **dict.fromkeys(("3b-second-contact", "7b-follow-up", "settle-time"), TIMERS),
    **dict.fromkeys(("lead", "report-back", "referral-ask"), AFTER_CHAT),
    **dict.fromkeys(("activate", "find-contacts", "write", "dry"), PIPELINE),
    "keep-in-touch": KEEP_IN_TOUCH,
    **dict.fromkeys(("targets", "unscored"), UPKEEP),
}
# The only groups whose items may show before they are due (reply, thanks, prepare):
# `next` looks for items due later than today in these groups alone.
EARLY_GROUPS = (OWED,)


# Facts are made by the thousand on every `next` and never changed: plain slotted
# dataclasses (a frozen one takes three times as long to make).


@dataclass(slots=True)
class CompanyFacts:
    id: int
    name: str
    status: str
    lamp_rank: int | None
    motivation: int
    posting: int | None
    contacts: int
    advocacy: bool = False
    applied_cold_on: date | None = None  # the first application there without --via


@dataclass(slots=True)
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


@dataclass(slots=True)
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

    def __post_init__(self) -> None:
        self._by_company: dict[int, list[ContactFacts]] = {}
        for contact in self.contacts:
            if contact.company_id is not None:
                self._by_company.setdefault(contact.company_id, []).append(contact)
        self._company = {c.id: c for c in self.companies}
        self._standing: dict[int, states.Standing] = {}
        self._employer: dict[int, states.Employer] = {}
        self._first_heard: dict[int | None, Mark | None] = {}

    def at(self, company_id: int | None) -> list[ContactFacts]:
        return [] if company_id is None else self._by_company.get(company_id, [])

    def company(self, company_id: int | None) -> CompanyFacts | None:
        return None if company_id is None else self._company.get(company_id)

    def first_heard_at(self, company_id: int | None) -> Mark | None:
        """When anyone at the company was first heard from (None: nobody, or no company)."""
        if company_id not in self._first_heard:
            heard = [k.log.first_heard for k in self.at(company_id) if k.log.first_heard]
            self._first_heard[company_id] = min(heard) if heard else None
        return self._first_heard[company_id]

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
            self._employer[company_id] = found
        return found

    def item(
        self,
        rule: str,
        key: str,
        about: ContactFacts | CompanyFacts | ReminderFacts | None,
        due: date,
        action: str,
        reason: str,
        command: str,
        *,
        visible_from: date | None = None,
        visible_until: date | None = None,
        details: Iterable[str] = (),
        act: Act | None = None,
    ) -> Item:
        """The one way a rule builds an item: ``about`` a contact (at their company), a
        company, a reminder (its contact or company) or, when None, the list as a whole."""
        contact_id, company_id, subject, kind = None, None, "your list", "company"
        if isinstance(about, ContactFacts):
            contact_id, company_id = about.id, about.company_id
            subject, kind = about.name, "contact"
        elif isinstance(about, CompanyFacts):
            company_id, subject = about.id, about.name
        elif isinstance(about, ReminderFacts):  # keeps its ids as stored
            contact_id, company_id = about.contact_id, about.company_id
        company = self.company(company_id)
        if isinstance(about, ReminderFacts):
            subject = about.contact or (company.name if company else "you")
            kind = "contact" if about.contact else "company"
        else:
            company_id = company.id if company else None
        return Item(
            key=key,
            group=RULE_GROUPS[rule],
            rule=rule,
            subject=subject,
            subject_kind=kind,
            contact_id=contact_id,
            company_id=company_id,
            company=company.name if company else None,
            lamp_rank=company.lamp_rank if company else None,
            action=action,
            reason=reason,
            due=due,
            command=command,
            visible_from=visible_from,
            visible_until=visible_until,
            details=list(details),
            act=act,
        )


@dataclass(slots=True)
class DailyList:
    """What `next` shows: the items of the day (as JSON objects, numbered), how many are
    visible and overdue in all, and the best next move when nothing is."""

    on: date
    items: list[dict[str, Any]]
    total: int
    suggestion: str | None = None
    overdue: int = 0


@dataclass(frozen=True, slots=True)
class Act:
    """The entry an item's own command records, which `netjob done` records for it: a
    message to the contact (METHOD section 7: done means "I did what it asked")."""

    kind: str  # one of ACT_COMMANDS
    contact_id: int
    note: str | None = None

    def command(self, name: str) -> str:
        """The command that records this entry, as the item prints it."""
        line = ACT_COMMANDS[self.kind].format(name=quoted(name))
        return f"{line} --note {quoted(self.note)}" if self.note else line


# The command that records each kind of act.
ACT_COMMANDS = {
    "outreach": "netjob log outreach {name}",
    "follow_up": "netjob log outreach {name} --follow-up",
    "update": "netjob log update {name}",
    "thanks": "netjob log thanks {name}",
    "referral_ask": "netjob log ask {name}",
    "chat": "netjob log chat {name} --at DATETIME",  # needs the time agreed
}


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
    act: Act | None = None  # the entry `done` records; None: done only marks it
    overdue_days: int = 0
    score: float = 0.0
    terms: dict[str, dict[str, float]] = field(default_factory=dict)


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(d: date) -> str:
    """'Fri 20 Nov' — how dates read in reasons (English whatever the locale, and without
    strftime, which costs a microsecond a call on every item of the list)."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '\\"') + '"'
