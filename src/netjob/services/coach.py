"""`netjob next`: gather the facts, run the rules, remember item numbers and states.

On today (or a later day) the facts come from the per-contact summaries kept
current on every write, so the list costs one small row per contact whatever
the size of the log. Replaying a past day summarises the entries dated up to
that day with the same function, so `next --on` shows the list as it stood.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from netjob import clock
from netjob.engine import coach, facts, lamp, states
from netjob.engine import settings as defs
from netjob.engine.dates import ACCEPTED
from netjob.errors import InvalidInput, NotFound
from netjob.services import companies as company_service
from netjob.services import derived, pending
from netjob.services import settings as settings_service
from netjob.store import Store

STATES = ("done", "dismissed", "snoozed")


@dataclass(slots=True)
class DailyList:
    on: date
    items: list[dict[str, Any]]
    total: int
    suggestion: str | None = None
    hidden: int = 0
    overdue: int = 0


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _companies(store: Store, on: date, replay: bool) -> list[coach.CompanyFacts]:
    listed = company_service.list_companies(store)
    statuses = _statuses_on(store, on) if replay else {}
    applied = _applied_cold(store, on)
    # Live, contacts are not loaded for the global rules: who was heard from comes from the
    # stored summaries. A replay loads every contact's log, and the engine derives it.
    active = [c.id for c in listed if c.status == "active"]
    engaged = set() if replay else _engaged(store, active)
    found = []
    for c in listed:
        if replay and _day(c.created_on) > on:
            continue
        found.append(
            coach.CompanyFacts(
                c.id,
                c.name,
                statuses.get(c.id, c.status),
                c.lamp_rank,
                c.motivation,
                c.posting,
                c.contacts,
                advocacy=c.advocacy,
                engaged=c.id in engaged,
                applied_cold_on=applied.get(c.id),
            )
        )
    return found


def _reranked(companies: list[coach.CompanyFacts]) -> list[coach.CompanyFacts]:
    """LAMP ranks as they stood (statuses and contacts of the day; scores as they are now)."""
    ordered = lamp.lamp_sorted(
        companies,
        lambda c: lamp.LampScores(c.name, c.motivation, c.posting, c.advocacy, c.contacts),
    )
    rank, found = 0, []
    for c in ordered:
        rank += c.status != "closed"
        found.append(replace(c, lamp_rank=rank if c.status != "closed" else None))
    return found


def _applied_cold(
    store: Store, on: date, companies: Collection[int] | None = None
) -> dict[int, date]:
    """The first application without --via at each company, as known on ``on``."""
    where = ""
    params: dict[str, Any] = {"on": on}
    if companies is not None:
        clause, bind = _in("company_id", list(companies) or [0], "a")
        where = f"AND {clause}"
        params.update(bind)
    return {
        r["company_id"]: _day(r["first"])
        for r in store.rows(
            "SELECT company_id, MIN(occurred_on) AS first FROM interaction "
            "WHERE kind = 'application' AND via_contact_id IS NULL AND occurred_on <= :on "
            f"AND logged_on <= :on {where} GROUP BY company_id",
            params,
        )
    }


def _engaged(store: Store, companies: list[int]) -> set[int]:
    """Which of these companies someone was heard from at (from the stored summaries).

    Only the active ones matter to the global rules (starter contacts to find)."""
    found: set[int] = set()
    for start in range(0, len(companies), 500):
        clause, bind = _in("k.company_id", companies[start : start + 500], "e")
        found.update(
            r["company_id"]
            for r in store.rows(
                "SELECT DISTINCT k.company_id FROM contact k JOIN contact_log l "
                f"ON l.contact_id = k.id WHERE {clause} AND l.last_heard_on IS NOT NULL",
                bind,
            )
        )
    return found


def _statuses_on(store: Store, on: date) -> dict[int, str]:
    """Each company's status on a past day, read back from its status changes."""
    status: dict[int, str] = {}
    for r in store.rows(
        "SELECT company_id, occurred_on, detail FROM interaction WHERE kind = 'status' "
        "ORDER BY logged_on, occurred_on, id"
    ):
        old, _, new = str(r["detail"]).partition(">")
        if _day(r["occurred_on"]) <= on:
            status[r["company_id"]] = new
        else:
            status.setdefault(r["company_id"], old)
    return status


_CONTACTS_SQL = """
SELECT k.id, k.name, k.company_id, k.how, r.name AS referred_by, k.source_interaction_id,
       k.cadence_days, k.ask_referral, k.created_on, l.*
FROM contact k
LEFT JOIN contact r ON r.id = k.referred_by_id
LEFT JOIN contact_log l ON l.contact_id = k.id
"""


def _advice_texts(store: Store, on: date) -> dict[int, tuple[date, str]]:
    """The advice each contact gave that you most recently acted on (few rows: acted-on only)."""
    latest: dict[int, tuple[date, str]] = {}
    for r in store.rows(
        "SELECT i.contact_id, t.text, t.acted_on FROM tiara_note t "
        "JOIN interaction i ON i.id = t.interaction_id "
        "WHERE t.acted_on IS NOT NULL AND t.kind = 'advice' AND t.acted_on <= :on "
        "ORDER BY t.acted_on, t.id",
        {"on": on},
    ):
        latest[r["contact_id"]] = (_day(r["acted_on"]), r["text"])
    return latest


def _replayed_logs(store: Store, on: date, advice: dict[int, tuple[date, str]]) -> dict[int, Any]:
    entries: dict[int, list[facts.LogEntry]] = {}
    for r in store.rows(
        "SELECT id, contact_id, kind, occurred_on, status, at_time, logged_on, planned_on, "
        "settled_on FROM interaction WHERE contact_id IS NOT NULL AND logged_on <= :on",
        {"on": on},
    ):
        entries.setdefault(r["contact_id"], []).append(derived.log_entry(r))
    return {
        cid: facts.summarize(facts.as_of(found, on), [advice[cid][0]] if cid in advice else [])
        for cid, found in entries.items()
    }


def _contacts(
    store: Store, on: date, replay: bool, where: str = "", params: dict[str, Any] | None = None
) -> list[coach.ContactFacts]:
    advice = _advice_texts(store, on)
    replayed = _replayed_logs(store, on, advice) if replay else {}
    found = []
    for r in store.rows(f"{_CONTACTS_SQL} {where}", params or {}):
        created = _day(r["created_on"])
        if replay and created > on:
            continue
        if replay:
            log = replayed.get(r["id"], facts.ContactLog())
        elif r["contact_id"] is not None:
            log = facts.from_columns(r)
        else:
            log = facts.ContactLog()
        found.append(
            coach.ContactFacts(
                id=r["id"],
                name=r["name"],
                company_id=r["company_id"],
                how=r["how"],
                referred_by=r["referred_by"],
                is_lead=r["source_interaction_id"] is not None
                or (r["how"] == "referral" and r["referred_by"] is not None),
                cadence_days=r["cadence_days"],
                ask_referral=bool(r["ask_referral"]),
                created_on=created,
                log=log,
                advice=advice[r["id"]][1] if r["id"] in advice else None,
            )
        )
    return found


def _reminders(store: Store, on: date) -> list[coach.ReminderFacts]:
    return [
        coach.ReminderFacts(
            r["id"], r["text"], _day(r["due_on"]), r["contact"], r["contact_id"], r["company_id"]
        )
        for r in store.rows(
            "SELECT m.id, m.text, m.due_on, m.contact_id, m.company_id, k.name AS contact "
            "FROM reminder m LEFT JOIN contact k ON k.id = m.contact_id "
            "WHERE m.created_on <= :on",
            {"on": on},
        )
    ]


def _in(column: str, ids: Collection[int], prefix: str) -> tuple[str, dict[str, int]]:
    marks = ", ".join(f":{prefix}{n}" for n in range(len(ids)))
    return f"{column} IN ({marks})", {f"{prefix}{n}": i for n, i in enumerate(ids)}


def facts_for(
    store: Store, *, companies: Collection[int] | None, loose: Collection[int] | None
) -> coach.Facts:
    """Facts for recomputing stored items: the given companies and contacts with no company
    (everything when both are None). Ranks and today do not matter to those items."""
    day = date.max
    values = settings_service.stored(store)
    if companies is None and loose is None:
        company_rows = store.rows("SELECT id, name, status FROM company")
        contacts = _contacts(store, day, False)
    else:
        clauses, params = [], {}
        company_ids = list(companies or [])
        if company_ids:
            clause, bind = _in("k.company_id", company_ids, "c")
            clauses.append(clause)
            params.update(bind)
        if loose:
            clause, bind = _in("k.id", list(loose), "k")
            clauses.append(f"(k.company_id IS NULL AND {clause})")
            params.update(bind)
        contacts = _contacts(store, day, False, f"WHERE {' OR '.join(clauses)}", params)
        clause, bind = _in("id", company_ids or [0], "c")
        company_rows = store.rows(f"SELECT id, name, status FROM company WHERE {clause}", bind)
    counts: dict[int, int] = {}
    for contact in contacts:
        if contact.company_id is not None:
            counts[contact.company_id] = counts.get(contact.company_id, 0) + 1
    applied = _applied_cold(
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


def gather(store: Store, *, on: date, today: date) -> coach.Facts:
    """The facts as they stand on ``on`` (a past day replays the log up to it)."""
    replay = on < today
    values = settings_service.stored(store)
    companies = _companies(store, on, replay)
    contacts = _contacts(store, on, replay)
    if replay:  # the people known and the LAMP order of that day
        counts = Counter(c.company_id for c in contacts)
        companies = _reranked([replace(c, contacts=counts.get(c.id, 0)) for c in companies])
    return coach.Facts(
        today=on,
        companies=companies,
        contacts=contacts,
        reminders=_reminders(store, on),
        settings=defs.numbers(values),
        holidays=settings_service.holidays_for(store, values, today),
    )


def _states(store: Store, on: date) -> dict[str, Any]:
    return {
        r["key"]: r
        for r in store.rows(
            "SELECT key, state, until, changed_on FROM next_item WHERE state IS NOT NULL "
            "AND (changed_on IS NULL OR changed_on <= :on)",
            {"on": on},
        )
    }


def _hidden(states: dict[str, Any], on: date) -> set[str]:
    hidden = set()
    for key, r in states.items():
        snoozed = r["state"] == "snoozed" and r["until"] is not None and _day(r["until"]) > on
        if r["state"] in {"done", "dismissed"} or snoozed:
            hidden.add(key)
    return hidden


def hidden_keys(store: Store, on: date) -> set[str]:
    """Keys of the items done, dismissed or snoozed past ``on``: every view leaves them out."""
    return _hidden(_states(store, on), on)


def snoozed_until(store: Store) -> dict[str, date]:
    """Items snoozed to a day (views of later days show them from then)."""
    return {
        r["key"]: _day(r["until"])
        for r in store.rows(
            "SELECT key, until FROM next_item WHERE state = 'snoozed' AND until IS NOT NULL"
        )
    }


def next_for(store: Store, *, contact_id: int, today: date) -> dict[str, Any] | None:
    """The next thing `next` will ask about this person (for the hint a command prints)."""
    gone = {
        r["key"]
        for r in store.rows(
            "SELECT n.key FROM next_item n JOIN pending_item p ON p.key = n.key "
            "WHERE p.contact_id = :id AND n.state IN ('done', 'dismissed')",
            {"id": contact_id},
        )
    }
    later = snoozed_until(store)
    found = []
    for r in store.rows(
        "SELECT key, rule, action, command, visible_from, due FROM pending_item "
        "WHERE contact_id = :id AND (visible_until IS NULL OR visible_until >= :today)",
        {"id": contact_id, "today": today},
    ):
        if r["key"] in gone:
            continue
        start = max(_day(r["visible_from"]), later.get(r["key"], date.min), today)
        found.append((start, _day(r["due"]), r["key"], r))
    if not found:
        return None
    start, due, _, r = min(found)
    return {
        "rule": r["rule"],
        "action": r["action"],
        "command": r["command"],
        "from": start,
        "due": due,
        "talked": standing_of(store, contact_id=contact_id, today=today).talked,
    }


def standing_of(store: Store, *, contact_id: int, today: date) -> states.Standing:
    """Where a person stands, from their stored log summary."""
    row = store.row("SELECT * FROM contact_log WHERE contact_id = :id", {"id": contact_id})
    log = facts.from_columns(row) if row is not None else facts.ContactLog()
    values = settings_service.stored(store)
    return states.standing(
        log,
        unresponsive_days=defs.numbers(values)["unresponsive_days"],
        holidays=settings_service.holidays_for(store, values, today),
    )


def person_state(store: Store, *, contact_id: int, today: date) -> str:
    """The METHOD section 7 state of a person on ``today``."""
    return states.state_on(standing_of(store, contact_id=contact_id, today=today), today)


def _numbers(store: Store, keys: list[str], today: date) -> dict[str, int]:
    """Stable item numbers: assigned the first time a key is shown, kept after.

    New keys are inserted with an upsert inside one write transaction, so several
    `netjob next` at once agree on the numbers. On a read-only database the items
    seen for the first time get no number (the list still shows).
    """
    known = _known_numbers(store, keys)
    missing = [k for k in keys if k not in known]
    if missing:
        try:
            with store.transaction():
                for key in missing:
                    store.execute(
                        "INSERT INTO next_item (key, first_seen) VALUES (:key, :day) "
                        "ON CONFLICT (key) DO NOTHING",
                        {"key": key, "day": today},
                    )
        except Exception as error:  # only a read-only file is forgiven
            if "readonly" not in str(error).replace("-", "").replace(" ", "").casefold():
                raise
            return known
        known.update(_known_numbers(store, missing))
    return known


def _known_numbers(store: Store, keys: list[str]) -> dict[str, int]:
    known: dict[str, int] = {}
    for chunk in range(0, len(keys), 500):
        part = keys[chunk : chunk + 500]
        marks = ", ".join(f":k{n}" for n in range(len(part)))
        for r in store.rows(
            f"SELECT id, key FROM next_item WHERE key IN ({marks})",
            {f"k{n}": k for n, k in enumerate(part)},
        ):
            known[r["key"]] = r["id"]
    return known


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
    """The list on ``on``: from stored items on today or later, replayed for a past day."""
    states = _states(store, on)
    hidden = _hidden(states, on)
    if on < today:
        gathered = gather(store, on=on, today=today)
        ranked = coach.daily_list(gathered, hidden)
        total, shown = len(ranked), ranked if limit is None else ranked[:limit]
        overdue = sum(1 for i in ranked if i.overdue_days > 0)
    else:
        gathered = _list_facts(store, on=on, today=today)
        total, overdue, shown = _from_stored(store, gathered, hidden, limit)
    numbers = _numbers(store, [i.key for i in shown], today)
    return DailyList(
        on=on,
        items=[to_json(i, numbers.get(i.key)) for i in shown],
        total=total,
        suggestion=None if total else coach.best_next_move(gathered),
        hidden=len(hidden),
        overdue=overdue,
    )


def _list_facts(store: Store, *, on: date, today: date) -> coach.Facts:
    """What the global rules need: companies with ranks, reminders, settings (no contacts)."""
    values = settings_service.stored(store)
    return coach.Facts(
        today=on,
        companies=_companies(store, on, replay=False),
        contacts=[],
        reminders=_reminders(store, on),
        settings=defs.numbers(values),
        holidays=settings_service.holidays_for(store, values, today),
    )


def _from_stored(
    store: Store, facts: coach.Facts, hidden: set[str], limit: int | None
) -> tuple[int, int, list[coach.Item]]:
    """Rank stored items (cheaply, from four columns) with the global ones; build the top."""
    ranks = {c.id: c.lamp_rank for c in facts.companies}
    worst = max((r or 0 for r in ranks.values()), default=1)
    weight = coach.weights(facts.settings)
    keyed = []
    late = 0
    for key, group, due, company_id in pending.visible(store, facts.today):
        if key in hidden:
            continue
        overdue = (facts.today - due).days
        late += overdue > 0
        rank = ranks.get(company_id) if company_id is not None else None
        score = coach.fast_points(group, overdue, rank, worst, weight)
        keyed.append((coach.order(score, group, overdue, rank, key), key))
    fresh = [
        i
        for i in coach.global_items(facts)
        if coach.visible(i, facts.today) and i.key not in hidden
    ]
    for item in coach.rank(fresh, facts):
        late += item.overdue_days > 0
        keyed.append(
            (
                coach.order(item.score, item.group, item.overdue_days, item.lamp_rank, item.key),
                item.key,
            )
        )
    keyed.sort()
    top = keyed if limit is None else keyed[:limit]
    stored = pending.items(store, [key for _, key in top if key not in {i.key for i in fresh}])
    by_key = {i.key: i for i in fresh} | stored
    shown = [by_key[key] for _, key in top]
    for item in shown:
        if item.key in stored:
            item.lamp_rank = ranks.get(item.company_id) if item.company_id else None
            coach.score(item, facts, worst)
    return len(keyed), late, shown


def default_limit(store: Store) -> int:
    return defs.numbers(settings_service.stored(store))["next_limit"]


def set_state(
    store: Store, *, number: int, state: str, today: date, until: date | None = None
) -> dict[str, Any]:
    """Mark item ``number`` done, dismissed or snoozed (until a date)."""
    if state == "snoozed" and (until is None or until <= today):
        raise InvalidInput(f"Snooze until a later day; accepted: {ACCEPTED}.")
    with store.transaction():
        row = store.row("SELECT id, key, state FROM next_item WHERE id = :id", {"id": number})
        if row is None:
            raise NotFound(f"No item #{number}; `netjob next` shows the current ones.")
        store.execute(
            "UPDATE next_item SET state = :s, until = :u, changed_on = :c WHERE id = :id",
            {"s": state, "u": until, "c": today, "id": number},
        )
    return {
        "id": number,
        "key": row["key"],
        "state": state,
        "until": until.isoformat() if until else None,
    }


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
            values = {"company_id": ref.id}
        else:
            contact = resolve.contact(store, target)
            company_id = store.value(
                "SELECT company_id FROM contact WHERE id = :id", {"id": contact.id}
            )
            values = {"contact_id": contact.id, "company_id": company_id}
        reminder_id = store.insert(
            "reminder", {**values, "text": cleaned, "due_on": due, "created_on": today}
        )
    return {"id": reminder_id, "text": cleaned, "due_on": due.isoformat(), **values}
