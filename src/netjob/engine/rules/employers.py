"""The rules of `netjob next` about employers and the list as a whole (METHOD section 6).

Like :mod:`netjob.engine.rules`, each is a pure function of
:class:`~netjob.engine.model.Facts` yielding items built by :meth:`Facts.item`:
a second person to write to at a quiet employer, enough active employers and
starter contacts, the first person to write to, an employer gone dry, and the
upkeep of the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from netjob.engine import standing as states
from netjob.engine import words
from netjob.engine.model import Act, CompanyFacts, ContactFacts, Facts, Item, day, quoted

# Whom to write to first: how you know them (a promoted connection is "linkedin").
HOW_ORDER = {
    "referral": 0, "alumni": 1, "friend": 2, "colleague": 3, "linkedin": 4, "other": 5, "cold": 6,
}  # fmt: skip
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def _not_written(facts: Facts, company_id: int | None) -> list[ContactFacts]:
    """People at a company to write to as starter contacts, best first (leads have their
    own item, from the day they are logged)."""
    fresh = [
        c
        for c in facts.at(company_id)
        if not c.is_lead and facts.standing(c).phase == states.NOT_WRITTEN
    ]
    return sorted(fresh, key=lambda c: (HOW_ORDER.get(c.how or "", 7), c.created_on, c.id))


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
    key = f"3b:{company.id}:{first_out.id}"
    candidates = _not_written(facts, company.id)
    if candidates:
        nxt = candidates[0]
        action = f"Write to {nxt.name}, a {nth} person at {company.name}"
        act = Act("outreach", nxt.id)
        yield facts.item(
            "3b-second-contact", key, nxt, due, action, reason, act.command(nxt.name), act=act
        )
        return
    until = None if employer.dry_from is None else employer.dry_from - timedelta(days=1)
    if until is not None and until < due:
        return
    action = f"Find a {nth} person to write to at {company.name}"
    command = f"netjob add contact NAME --company {quoted(company.name)}"
    yield facts.item(
        "3b-second-contact", key, company, due, action, reason, command, visible_until=until
    )


# ---------------------------------------------------------------- 4. pipeline


def _networking_open(facts: Facts, company: CompanyFacts) -> bool:
    """Whether new people there may still be written to as starter contacts."""
    return facts.employer(company.id).state not in {states.ENGAGED, states.APPLIED_COLD}


def rule_activate_and_find(facts: Facts) -> Iterable[Item]:
    """Enough active employers, and enough starter contacts at each."""
    wanted = facts.settings["active_companies"]
    active = [c for c in facts.companies if c.status == "active"]
    active_count = len(active)
    ranked = sorted(
        (c for c in facts.companies if c.status == "backlog" and c.lamp_rank),
        key=lambda c: c.lamp_rank or 0,
    )
    verb = "is" if active_count == 1 else "are"
    for company in ranked[: max(0, wanted - active_count)]:
        yield facts.item(
            "activate",
            f"activate:{company.id}",
            company,
            facts.today,
            f"Start working on {company.name} (#{company.lamp_rank} in LAMP order)",
            f"{active_count} of {wanted} employers {verb} active",
            f"netjob edit company {quoted(company.name)} --status active",
        )
    per_company = facts.settings["contacts_per_company"]
    for company in sorted(active, key=lambda c: c.lamp_rank or 0):
        if company.contacts < per_company and _networking_open(facts, company):
            missing = words.count(per_company - company.contacts, "more contact")
            yield facts.item(
                "find-contacts",
                f"find:{company.id}:{company.contacts}",
                company,
                facts.today,
                f"Find {missing} at {company.name}",
                f"{company.name} is active and has {company.contacts} of {per_company} "
                "starter contacts; prefer relevant work, alumni, one or two levels above you",
                f"netjob add contact NAME --company {quoted(company.name)}",
            )


def rule_first_contact(facts: Facts, company: CompanyFacts) -> Iterable[Item]:
    """An active employer nobody there was written to yet: write to the best person."""
    if company.status != "active" or facts.employer(company.id).state != states.COLD:
        return
    candidates = _not_written(facts, company.id)
    if not candidates:
        return
    nxt = candidates[0]
    reason = (
        f"{company.name} is active and {nxt.name} has not heard from you; keep it short, "
        "connection first, ending in a question"
    )
    action = f"Write to {nxt.name} at {company.name}"
    act = Act("outreach", nxt.id)
    command = act.command(nxt.name)
    yield facts.item(
        "write", f"write:{nxt.id}", nxt, nxt.created_on, action, reason, command, act=act
    )


def rule_dry(facts: Facts, company: CompanyFacts) -> Iterable[Item]:
    """Everyone written to went quiet after a follow-up and no one is left: move on."""
    employer = facts.employer(company.id)
    if company.status == "closed" or employer.dry_from is None:
        return
    yield facts.item(
        "dry",
        f"dry:{company.id}:{employer.dry_from}",
        company,
        employer.dry_from,
        f"Close {company.name} and start on the next employer in LAMP order",
        f"Everyone you wrote to at {company.name} went quiet after a follow-up, and "
        "nobody there is left to write to",
        f"netjob edit company {quoted(company.name)} --status closed",
    )


# ---------------------------------------------------------------- 6. upkeep


def rule_upkeep(facts: Facts) -> Iterable[Item]:
    targets = [c for c in facts.companies if c.status != "closed"]
    unknown = sorted(
        (c for c in targets if c.motivation == 0 or c.posting is None),
        key=lambda c: c.lamp_rank or 0,
    )
    target_count, unknown_count = len(targets), len(unknown)
    wanted = facts.settings["target_companies"]
    if target_count < wanted:
        yield facts.item(
            "targets",
            f"targets:{target_count}",
            None,
            facts.today,
            f"Add {words.count(wanted - target_count, 'more target employer')}",
            f"You have {target_count} of about {wanted} targets",
            "netjob add company NAME --motivation 0-3 --posting 1-3",
        )
    if unknown:
        first = unknown[0]
        names = ", ".join(c.name for c in unknown[:3]) + (" ..." if unknown_count > 3 else "")
        yield facts.item(
            "unscored",
            f"unscored:{unknown_count}",
            first,
            facts.today,
            f"Score {words.count(unknown_count, 'employer')} with unknown motivation or posting: "
            f"{names}",
            "Unscored employers cannot take their place in the LAMP order",
            f"netjob edit company {quoted(first.name)} --motivation 0-3 --posting 1-3",
        )
