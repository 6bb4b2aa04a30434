"""The items of a day, and every view that reads them.

:func:`items_of` is the one way to the items: the facts as they stood on the day
(:mod:`netjob.services.coach.facts`) through the rules of the engine. `next` (live, a
later day or a replayed past day), the pipeline's next step, the calendar export,
`draft`'s kind, the completion of item numbers and the hint a command prints all read
it, so they cannot disagree; their numbers and marks (done, dismissed, snoozed) come
from :mod:`netjob.services.coach.item_states`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netjob.db.store import Store
from netjob.engine import model, ranking, rules
from netjob.engine import settings as defs
from netjob.services import settings as settings_service
from netjob.services.coach import item_states
from netjob.services.coach.facts import gather
from netjob.services.coach.standing import standing_of


def items_of(
    store: Store, *, on: date, today: date, contact: int | None = None, every: bool = True
) -> tuple[model.Facts, list[model.Item]]:
    """The facts of ``on`` and every item they give, due or not yet. With ``contact``, the
    items about that person alone; without ``every``, only the items resting on people
    and employers (not the list's own: reminders, more employers, upkeep)."""
    facts = gather(store, on=on, today=today, contact=contact)
    if contact is None:
        return facts, rules.candidates(facts) if every else rules.contact_items(facts)
    company = next((k.company_id for k in facts.contacts if k.id == contact), None)
    found = rules.contact_items(facts, companies={company})
    return facts, [i for i in found if i.contact_id == contact]


def to_json(item: model.Item, number: int | None) -> dict[str, Any]:
    return {
        "id": number,
        "group": item.group,
        "group_name": model.GROUPS[item.group],
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


def daily_list(store: Store, *, on: date, today: date, limit: int | None) -> model.DailyList:
    """The ranked list of ``on`` (the first ``limit`` items, all when None), numbered."""
    facts, found = items_of(store, on=on, today=today)
    return listed(store, facts, found, today=today, limit=limit)


def listed(
    store: Store, facts: model.Facts, found: list[model.Item], *, today: date, limit: int | None
) -> model.DailyList:
    """The list :func:`items_of` gave for the day of ``facts``, ranked and numbered."""
    on = facts.today
    ranked = ranking.rank_day(facts, found, item_states.hidden_keys(store, on), limit)
    numbers = item_states.numbers(store, [i.key for i in ranked.shown], today)
    return model.DailyList(
        on=on,
        items=[to_json(i, numbers.get(i.key)) for i in ranked.shown],
        total=ranked.total,
        suggestion=None if ranked.total else rules.best_next_move(facts),
        overdue=ranked.overdue,
    )


def numbered(store: Store, *, today: date) -> list[tuple[int, str]]:
    """(number, action) of today's visible items that have a number, by number (for the
    completion of item numbers: it gives no new ones)."""
    facts, found = items_of(store, on=today, today=today)
    ranked = ranking.rank_day(facts, found, item_states.hidden_keys(store, today), 0)
    known = item_states.known_numbers(store, [i.key for i in ranked.all])
    return sorted((known[i.key], i.action) for i in ranked.all if i.key in known)


def default_limit(store: Store) -> int:
    return defs.numbers(settings_service.stored(store))["next_limit"]


def next_for(store: Store, *, contact_id: int, today: date) -> dict[str, Any] | None:
    """The next thing `next` will ask about this person, from today on (for the hint a
    command prints, their next step, the kind of draft): the item that shows first (a
    snoozed one from the day it comes back), then the one due first."""
    _, found = items_of(store, on=today, today=today, contact=contact_id)
    gone = item_states.done_or_dismissed(store, today)
    later = item_states.snoozed_until(store)
    first = []
    for item in found:
        if item.key in gone or (item.visible_until is not None and item.visible_until < today):
            continue
        start = max(item.visible_from or item.due, later.get(item.key, date.min), today)
        first.append((start, item.due, item.key, item))
    if not first:
        return None
    start, due, _, item = min(first)
    return {
        "rule": item.rule,
        "action": item.action,
        "command": item.command,
        "from": start,
        "due": due,
        "talked": standing_of(store, contact_id=contact_id, today=today).talked,
    }


def next_steps(store: Store, found: list[model.Item], *, today: date) -> dict[int, str]:
    """What `next` asks first at each company today (the pipeline's next step), of the
    items about people and employers :func:`items_of` gave for today: the visible ones,
    by group, due day and key."""
    hidden = item_states.hidden_keys(store, today)
    steps: dict[int, str] = {}
    for item in sorted(found, key=lambda i: (i.group, i.due, i.key)):
        shown = item.key not in hidden and ranking.visible(item, today)
        if item.company_id is not None and shown:
            steps.setdefault(item.company_id, item.action)
    return steps


def upcoming(store: Store, *, today: date, until: date) -> list[tuple[date, model.Item]]:
    """The items about people and employers that show from today to ``until``, each with
    the first day `next` shows it (from its visible day, such as the business day before a
    chat to prepare; a snoozed one from the day it comes back), by due day. An item about
    a chat not recorded yet is left out until its day: it shows only if the chat is not
    marked held, moved or cancelled by then."""
    _, found = items_of(store, on=today, today=today, every=False)
    gone = item_states.done_or_dismissed(store, today)
    later = item_states.snoozed_until(store)
    shown = []
    for item in sorted(found, key=lambda i: (i.due, i.key)):
        if item.key in gone or item.due > until:
            continue
        ends = item.visible_until
        if ends is not None and ends < today:
            continue
        if item.rule == "chat-done" and item.due > today:
            continue
        first = max(item.visible_from or item.due, later.get(item.key, today), today)
        if first > until or (ends is not None and first > ends):
            continue
        shown.append((first, item))
    return shown
