"""Reading the facts `next`'s rules work on from the store: companies, contacts,
reminders, as they stand on a day.

Live (today or later), a contact's log comes from the per-contact summary kept current
on every write, one small row per contact whatever the size of the log. Replaying a
past day summarises the entries dated up to that day with the same function, so
`next --on` shows the list as it stood.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from netjob.engine import coach, facts
from netjob.store import Store, as_date


def in_clause(column: str, ids: Collection[int], prefix: str) -> tuple[str, dict[str, int]]:
    """``column IN (:p0, :p1, ...)`` and its parameters."""
    marks = ", ".join(f":{prefix}{n}" for n in range(len(ids)))
    return f"{column} IN ({marks})", {f"{prefix}{n}": i for n, i in enumerate(ids)}


def companies_on(store: Store, on: date, replay: bool) -> list[coach.CompanyFacts]:
    from netjob.services import companies as company_service  # not for the bounded list

    listed = company_service.list_companies(store)
    statuses = _statuses_on(store, on) if replay else {}
    applied = applied_cold(store, on)
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


def applied_cold(
    store: Store, on: date, companies: Collection[int] | None = None
) -> dict[int, date]:
    """The first application without --via at each company, as known on ``on``."""
    where = ""
    params: dict[str, Any] = {"on": on}
    if companies is not None:
        clause, bind = in_clause("company_id", list(companies) or [0], "a")
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
        clause, bind = in_clause("k.company_id", companies[start : start + 500], "e")
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


def contacts_on(
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


def reminders_on(store: Store, on: date, *, also: str = "") -> list[coach.ReminderFacts]:
    """The reminders made by ``on`` (``also``: a further condition written in the code)."""
    return [
        coach.ReminderFacts(
            r["id"], r["text"], r["due_on"], r["contact"], r["contact_id"], r["company_id"]
        )
        for r in store.rows(
            "SELECT m.id, m.text, m.due_on, m.contact_id, m.company_id, k.name AS contact "
            "FROM reminder m LEFT JOIN contact k ON k.id = m.contact_id "
            f"WHERE m.created_on <= :on{also}",
            {"on": on},
        )
    ]
