"""`netjob next`: gather the facts, run the rules, number the items; and reminders.

The facts are read by :mod:`netjob.services.coach_facts`, today's items ranked by
:mod:`netjob.services.ranking`, and their numbers and states (done, dismissed,
snoozed) kept by :mod:`netjob.services.items`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from netjob import clock
from netjob.engine import coach, lamp, rules
from netjob.engine import ranking as engine_ranking
from netjob.engine import settings as defs
from netjob.errors import InvalidInput
from netjob.services import items, pending, ranking
from netjob.services import settings as settings_service
from netjob.services.coach_facts import (
    applied_cold,
    companies_on,
    contacts_on,
    in_clause,
    reminders_on,
)
from netjob.store import Store


@dataclass(slots=True)
class DailyList:
    on: date
    items: list[dict[str, Any]]
    total: int
    suggestion: str | None = None
    hidden: int = 0
    overdue: int = 0


def _reranked(companies: list[coach.CompanyFacts]) -> list[coach.CompanyFacts]:
    """LAMP ranks as they stood (statuses and contacts of the day; scores as they are now)."""
    ordered = lamp.ranked(
        companies,
        lambda c: lamp.LampScores(c.name, c.motivation, c.posting, c.advocacy, c.contacts),
        lambda c: c.status == "closed",
    )
    return [replace(c, lamp_rank=rank) for c, rank in ordered]


def facts_for(
    store: Store, *, companies: Collection[int] | None, loose: Collection[int] | None
) -> coach.Facts:
    """Facts for recomputing stored items: the given companies and contacts with no company
    (everything when both are None). Ranks and today do not matter to those items."""
    day = date.max
    values = settings_service.stored(store)
    if companies is None and loose is None:
        company_rows = store.rows("SELECT id, name, status FROM company")
        contacts = contacts_on(store, day, False)
    else:
        clauses, params = [], {}
        company_ids = list(companies or [])
        if company_ids:
            clause, bind = in_clause("k.company_id", company_ids, "c")
            clauses.append(clause)
            params.update(bind)
        if loose:
            clause, bind = in_clause("k.id", list(loose), "k")
            clauses.append(f"(k.company_id IS NULL AND {clause})")
            params.update(bind)
        contacts = contacts_on(store, day, False, f"WHERE {' OR '.join(clauses)}", params)
        clause, bind = in_clause("id", company_ids or [0], "c")
        company_rows = store.rows(f"SELECT id, name, status FROM company WHERE {clause}", bind)
    counts: dict[int, int] = {}
    for contact in contacts:
        if contact.company_id is not None:
            counts[contact.company_id] = counts.get(contact.company_id, 0) + 1
    applied = applied_cold(
        store, day, None if companies is None else [r["id"] for r in company_rows]
    )
    return coach.Facts(
        today=day,
        companies=[
            coach.CompanyFacts(
                r["id"],
                r["name"],
                r["status"],
                None,
                0,
                None,
                counts.get(r["id"], 0),
                applied_cold_on=applied.get(r["id"]),
            )
            for r in company_rows
        ],
        contacts=contacts,
        settings=defs.numbers(values),
        holidays=settings_service.holidays_for(store, values, clock.today()),
    )


def gather(store: Store, *, on: date, today: date, contacts: bool = True) -> coach.Facts:
    """The facts as they stand on ``on`` (a past day replays the log up to it). Without
    ``contacts`` (today or later), what the global rules need: companies with ranks,
    reminders, settings."""
    replay = on < today
    values = settings_service.stored(store)
    companies = companies_on(store, on, replay)
    people = contacts_on(store, on, replay) if contacts else []
    if replay:  # the people known and the LAMP order of that day
        counts = Counter(c.company_id for c in people)
        companies = _reranked([replace(c, contacts=counts.get(c.id, 0)) for c in companies])
    return coach.Facts(
        today=on,
        companies=companies,
        contacts=people,
        reminders=reminders_on(store, on),
        settings=defs.numbers(values),
        holidays=settings_service.holidays_for(store, values, today),
    )


def to_json(item: coach.Item, number: int | None) -> dict[str, Any]:
    return {
        "id": number,
        "group": item.group,
        "group_name": coach.GROUPS[item.group],
        "rule": item.rule,
        "subject": item.subject,
        "subject_kind": item.subject_kind,
        "contact_id": item.contact_id,
        "company": item.company,
        "company_id": item.company_id,
        "lamp_rank": item.lamp_rank,
        "action": item.action,
        "reason": item.reason,
        "due": item.due.isoformat(),
        "overdue_days": item.overdue_days,
        "command": item.command.replace("netjob done ID", f"netjob done {number or 'ID'}"),
        "score": item.score,
        "terms": item.terms,
        "details": item.details,
    }


def daily_list(store: Store, *, on: date, today: date, limit: int | None) -> DailyList:
    """The list on ``on``: from stored items on today or later, replayed for a past day.

    With a limit, on today or later, the work is bounded (see :func:`ranking.first_items`)."""
    if on >= today and limit is not None and pending.keys_stored(store):
        gathered, total, overdue, hidden, shown = ranking.first_items(
            store, on=on, today=today, limit=limit
        )
    else:
        hidden_keys = items.hidden_keys(store, on)
        hidden = len(hidden_keys)
        if on < today:
            gathered = gather(store, on=on, today=today)
            ranked = engine_ranking.daily_list(gathered, hidden_keys)
            total, shown = len(ranked), ranked if limit is None else ranked[:limit]
            overdue = sum(1 for i in ranked if i.overdue_days > 0)
        else:
            gathered = gather(store, on=on, today=today, contacts=False)
            total, overdue, shown = ranking.from_stored(store, gathered, hidden_keys, limit)
    numbers = items.numbers(store, [i.key for i in shown], today)
    return DailyList(
        on=on,
        items=[to_json(i, numbers.get(i.key)) for i in shown],
        total=total,
        suggestion=None if total else rules.best_next_move(gathered),
        hidden=hidden,
        overdue=overdue,
    )


def default_limit(store: Store) -> int:
    return defs.numbers(settings_service.stored(store))["next_limit"]


def remind(
    store: Store, *, target: str, text: str, due: date, today: date, company: bool
) -> dict[str, Any]:
    from netjob.engine import validate
    from netjob.services import resolve

    cleaned = validate.text(text)
    if cleaned is None:
        raise InvalidInput("A reminder needs some text.")
    with store.transaction():
        if company:
            ref = resolve.company(store, target)
            values: dict[str, int | None] = {"company_id": ref.id}
        else:
            contact, company_id = resolve.contact_with_company(store, target)
            values = {"contact_id": contact.id, "company_id": company_id}
        reminder_id = store.insert(
            "reminder", {**values, "text": cleaned, "due_on": due, "created_on": today}
        )
    return {"id": reminder_id, "text": cleaned, "due_on": due.isoformat(), **values}
