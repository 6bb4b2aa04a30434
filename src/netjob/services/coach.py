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
from datetime import date, timedelta
from typing import Any

from netjob import clock
from netjob.engine import coach, facts, lamp, ranking, rules, states
from netjob.engine import settings as defs
from netjob.engine.dates import ACCEPTED
from netjob.errors import InvalidInput, NotFound
from netjob.services import pending
from netjob.services import settings as settings_service
from netjob.store import Store, as_date

STATES = ("done", "dismissed", "snoozed")


@dataclass(slots=True)
class DailyList:
    on: date
    items: list[dict[str, Any]]
    total: int
    suggestion: str | None = None
    hidden: int = 0
    overdue: int = 0


def _companies(store: Store, on: date, replay: bool) -> list[coach.CompanyFacts]:
    from netjob.services import companies as company_service  # not for the bounded list

    listed = company_service.list_companies(store)
    statuses = _statuses_on(store, on) if replay else {}
    applied = _applied_cold(store, on)
    # Live, contacts are not loaded for the global rules: who was heard from comes from the
    # stored summaries. A replay loads every contact's log, and the engine derives it.
    active = [c.id for c in listed if c.status == "active"]
    engaged = set() if replay else _engaged(store, active)
    found = []
    for c in listed:
        if replay and as_date(c.created_on) > on:
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
        r["company_id"]: as_date(r["first"])
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
        if r["occurred_on"] <= on:
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
        latest[r["contact_id"]] = (r["acted_on"], r["text"])
    return latest


def _log_entry(r: Any) -> facts.LogEntry:
    from netjob.services import derived  # replays only

    return derived.log_entry(r)


def _replayed_logs(store: Store, on: date, advice: dict[int, tuple[date, str]]) -> dict[int, Any]:
    entries: dict[int, list[facts.LogEntry]] = {}
    for r in store.rows(
        "SELECT id, contact_id, kind, occurred_on, status, at_time, logged_on, planned_on, "
        "settled_on FROM interaction WHERE contact_id IS NOT NULL AND logged_on <= :on",
        {"on": on},
    ):
        entries.setdefault(r["contact_id"], []).append(_log_entry(r))
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
        created = r["created_on"]
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
            r["id"], r["text"], r["due_on"], r["contact"], r["contact_id"], r["company_id"]
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
    """Each item's state as it stood on ``on``: its last change up to that day."""
    return {
        r["key"]: r
        for r in store.rows(
            "SELECT key, state, until, changed_on FROM item_state_change "
            "WHERE changed_on <= :on ORDER BY changed_on, id",
            {"on": on},
        )
    }


def _hidden(states: dict[str, Any], on: date) -> set[str]:
    hidden = set()
    for key, r in states.items():
        snoozed = r["state"] == "snoozed" and r["until"] is not None and r["until"] > on
        if r["state"] in {"done", "dismissed"} or snoozed:
            hidden.add(key)
    return hidden


def hidden_keys(store: Store, on: date) -> set[str]:
    """Keys of the items done, dismissed or snoozed past ``on``: every view leaves them out."""
    return _hidden(_states(store, on), on)


def snoozed_until(store: Store) -> dict[str, date]:
    """Items snoozed to a day (views of later days show them from then)."""
    return {
        r["key"]: r["until"]
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
        start = max(r["visible_from"], later.get(r["key"], date.min), today)
        found.append((start, r["due"], r["key"], r))
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
    """The list on ``on``: from stored items on today or later, replayed for a past day.

    With a limit, on today or later, the work is bounded (see :func:`_bounded`)."""
    if on >= today and limit is not None and pending.keys_stored(store):
        found, total, overdue, hidden_count, shown = _bounded(
            store, on=on, today=today, limit=limit
        )
        numbers = _numbers(store, [i.key for i in shown], today)
        return DailyList(
            on=on,
            items=[to_json(i, numbers.get(i.key)) for i in shown],
            total=total,
            suggestion=None if total else rules.best_next_move(found),
            hidden=hidden_count,
            overdue=overdue,
        )
    states = _states(store, on)
    hidden = _hidden(states, on)
    if on < today:
        gathered = gather(store, on=on, today=today)
        ranked = ranking.daily_list(gathered, hidden)
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
        suggestion=None if total else rules.best_next_move(gathered),
        hidden=len(hidden),
        overdue=overdue,
    )


# ---------------------------------------------------------------- the bounded list
#
# Today's list with a limit reads a bounded number of rows whatever the size of the
# database. An item's score is round(G + O + L) of three rounded terms: G falls with
# its group, O rises with the days overdue (flat below 0 and from OVERDUE_SPAN - 2 on)
# and L falls with the company's LAMP rank; weights are never negative. So within one
# *class* (a group and one overdue day) the order is the LAMP order, which the stored
# ``lamp_key`` gives, and the first ``limit`` of the whole list are among the first
# ``limit`` of each class. The two open-ended classes (long overdue; not yet due) order
# equal L by days overdue, so their ties are fetched too. The candidates are then scored
# and sorted exactly as :func:`ranking.rank` would.

_HIDES = (
    "n.state IS NOT NULL AND (n.changed_on IS NULL OR n.changed_on <= :on) AND "
    "(n.state IN ('done', 'dismissed') OR (n.state = 'snoozed' AND n.until IS NOT NULL "
    "AND n.until > :on))"
)
_HIDDEN = "SELECT 1 FROM next_item n WHERE n.key = {key} AND " + _HIDES
_WINDOW = "p.visible_from <= :on AND (p.visible_until IS NULL OR p.visible_until >= :on)"
_VISIBLE = f"{_WINDOW} AND NOT EXISTS ({_HIDDEN.format(key='p.key')})"
_SHOWN = f"{_WINDOW} AND p.key NOT IN (SELECT key FROM hidden)"  # with the CTE below
_CANDIDATE = (
    "SELECT p.key, p.group_no, p.due, p.lamp_key, c.lamp_rank FROM pending_item p "
    "LEFT JOIN company c ON c.id = p.company_id"
)


def _candidates(store: Store, on: date, limit: int, points: _Lamp) -> list[Any]:
    """Stored items that may be among the first ``limit`` on ``on`` (see above)."""
    span = ranking.OVERDUE_SPAN - 2  # overdue days from which O stops growing
    params: dict[str, Any] = {"on": on, "k": limit, "cut": on - timedelta(days=span)}
    terms = []
    plus = "+" if store.is_sqlite else ""
    for group in coach.GROUPS:
        params[f"g{group}"] = group
        for late in range(span):
            params[f"d{late}"] = on - timedelta(days=late)
            terms.append(
                f"SELECT * FROM ({_CANDIDATE} WHERE p.group_no = :g{group} AND p.due = :d{late} "
                f"AND {_SHOWN} ORDER BY p.lamp_key, p.key LIMIT :k) AS t{group}_{late}"
            )
        terms.append(  # in LAMP order, stopping at the limit (SQLite: `+` keeps it so)
            f"SELECT * FROM ({_CANDIDATE} WHERE p.group_no = :g{group} AND {plus}p.due <= :cut "
            f"AND {_SHOWN} ORDER BY p.lamp_key, p.key LIMIT :k) AS t{group}_old"
        )
    # the hidden keys once (a short statement parses faster, and it is long already)
    hidden = f"WITH hidden (key) AS MATERIALIZED (SELECT n.key FROM next_item n WHERE {_HIDES}) "
    found = list(store.rows(hidden + " UNION ALL ".join(terms), params))
    early = ", ".join(str(g) for g in coach.EARLY_GROUPS)
    found.extend(
        store.rows(
            f"{_CANDIDATE} WHERE p.group_no IN ({early}) AND p.due > :on AND {_VISIBLE}",
            {"on": on},
        )
    )
    # Long overdue: among items of equal L the most overdue come first, so fetch the
    # first ``limit`` by days overdue among the companies whose L ties the last one's.
    for group in coach.GROUPS:
        old = [r for r in found if r["group_no"] == group and r["due"] <= params["cut"]]
        if len(old) < limit:
            continue
        last = max(old, key=lambda r: (r["lamp_key"], r["key"]))
        found.extend(_ties(store, on, group, params["cut"], last["lamp_rank"], limit, points))
    return found


@dataclass(frozen=True, slots=True)
class _Lamp:
    """L, the LAMP term's points for a rank (None: no company or a closed one)."""

    weight: float
    worst: int

    def __call__(self, rank: int | None) -> float:
        value = 0.0 if rank is None else 1 - (rank - 1) / max(self.worst, 1)
        return round(self.weight * value, 2)

    def first_at_most(self, points: float) -> int | None:
        """The best rank whose L is at most ``points`` (None if every rank scores more)."""
        if self.worst < 1 or self(self.worst) > points:
            return None
        lo, hi = 1, self.worst
        while lo < hi:
            mid = (lo + hi) // 2
            lo, hi = (mid + 1, hi) if self(mid) > points else (lo, mid)
        return lo


def _ties(
    store: Store, on: date, group: int, cut: date, rank: int | None, limit: int, points: _Lamp
) -> list[Any]:
    """The first ``limit`` long-overdue items of ``group`` (most overdue first) whose L
    equals that of LAMP rank ``rank``: a range of ranks, and the unranked when L is 0."""
    tied = points(rank)
    low = points.first_at_most(tied)
    below = points.first_at_most(tied - 0.005)  # the first rank scoring less
    key_low = lamp.NO_RANK_KEY
    if low is not None:
        key_low = store.value("SELECT lamp_key FROM company WHERE lamp_rank = :r", {"r": low})
    if tied == points(None):
        key_high = lamp.NO_RANK_KEY
    elif below is None:
        key_high = store.value(
            "SELECT lamp_key FROM company WHERE lamp_rank = :r", {"r": points.worst}
        )
    else:
        key_high = store.value(
            "SELECT lamp_key FROM company WHERE lamp_rank = :r", {"r": below - 1}
        )
    if key_low is None or key_high is None:
        return []
    return list(
        store.rows(
            f"{_CANDIDATE} WHERE p.group_no = :g AND p.due <= :cut AND p.lamp_key >= :lo "
            f"AND p.lamp_key <= :hi AND {_VISIBLE} ORDER BY p.due, p.lamp_key, p.key LIMIT :k",
            {"g": group, "cut": cut, "lo": key_low, "hi": key_high, "on": on, "k": limit},
        )
    )


def _company_facts(store: Store, on: date, ids: Collection[int]) -> list[coach.CompanyFacts]:
    """Facts of a few companies, with their stored LAMP ranks."""
    if not ids:
        return []
    clause, bind = _in("c.id", sorted(ids), "c")
    rows = store.rows(
        "SELECT c.id, c.name, c.status, c.lamp_rank, c.motivation, c.posting, c.advocacy, "
        "(SELECT COUNT(*) FROM contact k WHERE k.company_id = c.id) AS contacts, "
        "EXISTS (SELECT 1 FROM contact k JOIN contact_log l ON l.contact_id = k.id "
        "WHERE k.company_id = c.id AND l.last_heard_on IS NOT NULL) AS engaged "
        f"FROM company c WHERE {clause} ORDER BY c.lamp_rank, c.id",
        bind,
    )
    applied = _applied_cold(store, on, list(ids))
    return [
        coach.CompanyFacts(
            r["id"],
            r["name"],
            r["status"],
            r["lamp_rank"],
            r["motivation"],
            r["posting"],
            r["contacts"],
            advocacy=bool(r["advocacy"]),
            engaged=bool(r["engaged"]),
            applied_cold_on=applied.get(r["id"]),
        )
        for r in rows
    ]


# An active company `next` asks to find more people at (rule_activate_and_find): fewer
# contacts than wanted, nobody heard from, no cold application, the item not hidden.
_WANTING = (
    "c.status = 'active' AND (SELECT COUNT(*) FROM contact k WHERE k.company_id = c.id) "
    "< :per AND NOT EXISTS (SELECT 1 FROM contact k JOIN contact_log l ON l.contact_id = k.id "
    "WHERE k.company_id = c.id AND l.last_heard_on IS NOT NULL) AND NOT EXISTS (SELECT 1 "
    "FROM interaction a WHERE a.company_id = c.id AND a.kind = 'application' AND "
    "a.via_contact_id IS NULL AND a.occurred_on <= :on AND a.logged_on <= :on) AND NOT EXISTS "
    "(SELECT 1 FROM next_item n WHERE n.key = 'find:' || c.id || ':' || (SELECT COUNT(*) "
    f"FROM contact k WHERE k.company_id = c.id) AND {_HIDES})"
)


def _few_facts(store: Store, *, on: date, today: date, limit: int) -> tuple[coach.Facts, int, int]:
    """What the global rules need, bounded: the first ``limit`` active companies wanting
    contacts, the first backlog ones in LAMP order, the first unscored ones, counts;
    visible reminders. Also the worst rank and how many companies want contacts in all."""
    values = settings_service.stored(store)
    numbers = defs.numbers(values)
    wanting = {"on": on, "per": numbers["contacts_per_company"]}
    all_wanting = int(store.value(f"SELECT COUNT(*) FROM company c WHERE {_WANTING}", wanting) or 0)
    ids: set[int] = set()
    if all_wanting:  # `+ 0`: filter the active ones first, then sort the few left
        ids.update(
            r["id"]
            for r in store.rows(
                f"SELECT c.id FROM company c WHERE {_WANTING} ORDER BY c.lamp_rank + 0 "
                f"LIMIT {int(limit)}",
                wanting,
            )
        )
    active = int(store.value("SELECT COUNT(*) FROM company WHERE status = 'active'") or 0)
    for sql in (
        "SELECT id FROM company WHERE status = 'backlog' AND lamp_rank IS NOT NULL "
        "ORDER BY lamp_rank LIMIT :n",
        "SELECT id FROM company WHERE lamp_rank IS NOT NULL AND (motivation = 0 OR posting "
        "IS NULL) ORDER BY lamp_rank LIMIT 3",
        "SELECT id FROM company WHERE lamp_rank = 1",
    ):
        ids.update(r["id"] for r in store.rows(sql, {"n": max(0, numbers["active_companies"])}))
    reminders = [
        coach.ReminderFacts(
            r["id"], r["text"], r["due_on"], r["contact"], r["contact_id"], r["company_id"]
        )
        for r in store.rows(
            "SELECT m.id, m.text, m.due_on, m.contact_id, m.company_id, k.name AS contact "
            "FROM reminder m LEFT JOIN contact k ON k.id = m.contact_id "
            "WHERE m.created_on <= :on AND m.due_on <= :on AND NOT EXISTS ("
            + _HIDDEN.format(key="'remind:' || m.id")
            + ")",
            {"on": on},
        )
    ]
    ids.update(r.company_id for r in reminders if r.company_id is not None)
    counts = store.row(
        "SELECT MAX(lamp_rank) AS worst, SUM(CASE WHEN lamp_rank IS NOT NULL AND "
        "(motivation = 0 OR posting IS NULL) THEN 1 ELSE 0 END) AS unscored FROM company"
    )
    worst = int(counts["worst"] or 0) if counts else 0
    found = coach.Facts(
        today=on,
        companies=_company_facts(store, on, ids),
        contacts=[],
        reminders=reminders,
        settings=numbers,
        holidays=settings_service.holidays_for(store, values, today),
        company_counts=(worst, int(counts["unscored"] or 0) if counts else 0, active),
    )
    return found, worst or 1, all_wanting


def _bounded(
    store: Store, *, on: date, today: date, limit: int
) -> tuple[coach.Facts, int, int, int, list[coach.Item]]:
    """Today's first ``limit`` items, reading a bounded number of rows (see above).

    Returns the facts, the total, the overdue count, the hidden count and the items."""
    found, worst, all_wanting = _few_facts(store, on=on, today=today, limit=limit)
    weight = ranking.weights(found.settings)
    points = _Lamp(weight["lamp"], worst)
    keyed: dict[str, tuple[tuple[float, int, int, int, str], int | None]] = {}
    for r in _candidates(store, on, limit, points):
        overdue = (on - r["due"]).days
        rank = r["lamp_rank"] if r["lamp_key"] != lamp.NO_RANK_KEY else None
        score = ranking.fast_points(r["group_no"], overdue, rank, worst, weight)
        keyed[r["key"]] = (ranking.order(score, r["group_no"], overdue, rank, r["key"]), rank)
    fresh = [i for i in rules.global_items(found) if ranking.visible(i, on)]
    hidden_fresh = _hidden_among(store, on, [i.key for i in fresh])
    fresh = [i for i in fresh if i.key not in hidden_fresh]
    for item in fresh:
        ranking.score(item, found, worst)
    # Visible items (counted on an index alone), less the hidden ones among them (found
    # from the few hidden keys).
    total = late = 0
    for sign, sql in (
        (
            1,
            "SELECT COUNT(*) AS total, SUM(CASE WHEN p.due < :on THEN 1 ELSE 0 END) AS late "
            f"FROM pending_item p WHERE {_WINDOW}",
        ),
        (
            -1,
            "SELECT COUNT(*) AS total, SUM(CASE WHEN p.due < :on THEN 1 ELSE 0 END) AS late "
            f"FROM next_item n JOIN pending_item p ON p.key = n.key WHERE {_HIDES} AND {_WINDOW}",
        ),
    ):
        counts = store.row(sql, {"on": on})
        if counts is not None:
            total += sign * int(counts["total"] or 0)
            late += sign * int(counts["late"] or 0)
    hidden = store.value(f"SELECT COUNT(*) FROM next_item n WHERE {_HIDES}", {"on": on})
    ordered = sorted(
        [(order, key) for key, (order, _) in keyed.items()]
        + [
            (ranking.order(i.score, i.group, i.overdue_days, i.lamp_rank, i.key), i.key)
            for i in fresh
        ]
    )[:limit]
    stored = pending.items(store, [key for _, key in ordered if key in keyed])
    by_key = {i.key: i for i in fresh} | stored
    shown = [by_key[key] for _, key in ordered]
    for item in shown:
        if item.key in stored:
            item.lamp_rank = keyed[item.key][1]
            ranking.score(item, found, worst)
    # the "find contacts" items of the companies left out rank below those kept, and are
    # due today (not late): they only count
    total += len(fresh) + all_wanting - sum(1 for i in fresh if i.rule == "find-contacts")
    late += sum(1 for i in fresh if i.overdue_days > 0)
    return found, total, late, int(hidden or 0), shown


def _hidden_among(store: Store, on: date, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    marks = ", ".join(f":k{n}" for n in range(len(keys)))
    return {
        r["key"]
        for r in store.rows(
            f"SELECT n.key FROM next_item n WHERE n.key IN ({marks}) AND {_HIDES}",
            {"on": on, **{f"k{n}": k for n, k in enumerate(keys)}},
        )
    }


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
    weight = ranking.weights(facts.settings)
    keyed = []
    late = 0
    for key, group, due, company_id in pending.visible(store, facts.today):
        if key in hidden:
            continue
        overdue = (facts.today - due).days
        late += overdue > 0
        rank = ranks.get(company_id) if company_id is not None else None
        score = ranking.fast_points(group, overdue, rank, worst, weight)
        keyed.append((ranking.order(score, group, overdue, rank, key), key))
    fresh = [
        i
        for i in rules.global_items(facts)
        if ranking.visible(i, facts.today) and i.key not in hidden
    ]
    for item in ranking.rank(fresh, facts):
        late += item.overdue_days > 0
        keyed.append(
            (
                ranking.order(item.score, item.group, item.overdue_days, item.lamp_rank, item.key),
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
            ranking.score(item, facts, worst)
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
        store.insert(
            "item_state_change",
            {"key": row["key"], "state": state, "until": until, "changed_on": today},
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
