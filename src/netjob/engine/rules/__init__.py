"""The rules of `netjob next` (METHOD section 6), as pure functions of plain facts.

The rules about one person's log live in :mod:`.people`, those about employers and the
list in :mod:`.employers`; :func:`candidates` runs them all and
:mod:`netjob.engine.ranking` decides which are visible and in what order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from netjob.engine import standing as states
from netjob.engine.model import CompanyFacts, ContactFacts, Facts, Item, quoted
from netjob.engine.rules.employers import (
    rule_activate_and_find,
    rule_dry,
    rule_first_contact,
    rule_second_contact,
    rule_upkeep,
)
from netjob.engine.rules.people import (
    rule_follow_up,
    rule_keep_in_touch,
    rule_lead,
    rule_prepare,
    rule_referral_ask,
    rule_reminders,
    rule_reply,
    rule_report_back,
    rule_settle_time,
    rule_thanks,
)

PersonRule = Callable[[Facts, ContactFacts], Iterable[Item]]
# What `next` may ask of a person in each state their log leaves them in (METHOD section
# 7); a state not named here asks nothing (followed up: wait, then unresponsive). Each
# rule checks the state again itself: this table only spares calling the others.
BY_PHASE: dict[str, tuple[PersonRule, ...]] = {
    states.NOT_WRITTEN: (rule_lead,),
    states.WAITING: (rule_follow_up,),
    states.ANSWERED: (rule_reply, rule_thanks, rule_report_back, rule_referral_ask),
    states.SCHEDULING: (rule_settle_time,),
    states.CHAT_AHEAD: (rule_prepare,),
    states.TALKED: (rule_thanks, rule_report_back, rule_referral_ask, rule_keep_in_touch),
}
PER_CONTACT: list[PersonRule] = list(dict.fromkeys(r for rs in BY_PHASE.values() for r in rs))
PER_COMPANY: list[Callable[[Facts, CompanyFacts], Iterable[Item]]] = [
    rule_second_contact,
    rule_first_contact,
    rule_dry,
]


def contact_items(facts: Facts, companies: Collection[int | None] | None = None) -> list[Item]:
    """Items resting on contacts' logs and on employers, for the given companies (all when
    None); contacts with no company are included when ``companies`` is None or holds None."""

    def wanted(company_id: int | None) -> bool:
        return companies is None or company_id in companies

    items: list[Item] = []
    for contact in facts.contacts:
        if wanted(contact.company_id):
            for rule in BY_PHASE.get(facts.standing(contact).phase, ()):
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
