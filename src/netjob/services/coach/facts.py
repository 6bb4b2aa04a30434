"""The facts `next`'s rules work on, read as they stood on a day: companies (with their
status and LAMP rank of that day), contacts with their log summaries, reminders,
settings and holidays.

On today or a later day each contact's log is their stored summary
(:mod:`netjob.services.coach.summaries`); a past day summarises the entries logged by
then with the same function, so `next --on` shows the list as it stood, and a replayed
day equals the live one by construction.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from netjob.db.store import Store, as_date
from netjob.engine import contact_log, lamp, model
from netjob.engine import settings as defs
from netjob.services import settings as settings_service
from netjob.services.coach import summaries

_COMPANIES_SQL = (
    "SELECT id, name, status, motivation, posting, advocacy, created_on FROM company ORDER BY id"
)
_CONTACTS_SQL = """
SELECT k.id, k.name, k.company_id, k.how, r.name AS referred_by, k.source_interaction_id,
       k.cadence_days, k.ask_referral, k.created_on, s.version, s.log
FROM contact k
LEFT JOIN contact r ON r.id = k.referred_by_id
LEFT JOIN contact_summary s ON s.contact_id = k.id
"""
# Read as plain tuples (20,000 of them for a large search): the columns by position.
_COMPANY, _CREATED = 2, 8


def gather(store: Store, *, on: date, today: date, contact: int | None = None) -> model.Facts:
    """The facts as they stand on ``on`` (a past day replays the log up to it). With
    ``contact``, only the people the rules about that person look at: everyone at their
    company (or just them, with none); companies are always all of them, for their ranks."""
    replay = on < today
    values = settings_service.stored(store)
    rows = [r for r in _people(store, contact) if not replay or r[_CREATED] <= on]
    everyone = (
        [(r[_COMPANY], r[_CREATED]) for r in rows]
        if contact is None
        else store.tuples("SELECT company_id, created_on FROM contact")
    )
    return model.Facts(
        today=on,
        companies=_companies(store, on, replay, everyone),
        contacts=_contacts(store, on, replay, rows),
        reminders=reminders_on(store, on) if contact is None else [],
        settings=defs.numbers(values),
        holidays=settings_service.holidays_for(store, values, today),
    )


def _companies(
    store: Store, on: date, replay: bool, contacts: list[Any]
) -> list[model.CompanyFacts]:
    """Every company known on ``on``, with its status then and its LAMP rank then (the
    people known that day, of ``contacts``, count as advocates; the scores are as they
    are now)."""
    statuses = _statuses_on(store, on) if replay else {}
    scores = _scores_on(store, on) if replay else {}
    applied = applied_cold(store, on)
    people = Counter(
        company_id
        for company_id, created_on in contacts
        if company_id is not None and (not replay or created_on <= on)
    )
    found = []
    for r in store.rows(_COMPANIES_SQL):
        if replay and as_date(r["created_on"]) > on:
            continue
        motivation, posting, advocacy = scores.get(
            r["id"], (r["motivation"], r["posting"], r["advocacy"])
        )
        found.append(
            model.CompanyFacts(
                r["id"],
                r["name"],
                statuses.get(r["id"], r["status"]),
                None,
                motivation,
                posting,
                people.get(r["id"], 0),
                advocacy=bool(advocacy),
                applied_cold_on=applied.get(r["id"]),
            )
        )
    ordered = lamp.ranked(
        found,
        lambda c: lamp.LampScores(c.name, c.motivation, c.posting, c.advocacy, c.contacts),
        lambda c: c.status == "closed",
    )
    for company, rank in ordered:
        company.lamp_rank = rank  # made here, not yet shared
    return [company for company, _ in ordered]


def applied_cold(store: Store, on: date) -> dict[int, date]:
    """The first application without --via at each company, as known on ``on``."""
    return {
        r["company_id"]: as_date(r["first"])
        for r in store.rows(
            "SELECT company_id, MIN(occurred_on) AS first FROM interaction "
            "WHERE kind = 'application' AND via_contact_id IS NULL AND occurred_on <= :on "
            "AND logged_on <= :on GROUP BY company_id",
            {"on": on},
        )
    }


def _scores_on(store: Store, on: date) -> dict[int, tuple[int, int | None, bool]]:
    """Each company's LAMP scores on a past day: the last set by then (a company with
    none dated by then keeps its current ones)."""
    found: dict[int, tuple[int, int | None, bool]] = {}
    for r in store.rows(
        "SELECT company_id, motivation, posting, advocacy FROM score_change "
        "WHERE changed_on <= :on ORDER BY changed_on, id",
        {"on": on},
    ):
        found[r["company_id"]] = (r["motivation"], r["posting"], bool(r["advocacy"]))
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


def _people(store: Store, contact: int | None) -> list[tuple[Any, ...]]:
    """The contact rows to read: everyone, or the people at one contact's company."""
    if contact is None:
        return store.tuples(_CONTACTS_SQL)
    return store.tuples(
        f"{_CONTACTS_SQL} WHERE k.id = :id OR k.company_id = "
        "(SELECT company_id FROM contact WHERE id = :id)",
        {"id": contact},
    )


def _contacts(
    store: Store, on: date, replay: bool, rows: list[tuple[Any, ...]]
) -> list[model.ContactFacts]:
    stored = [(r[0], r[9], r[10]) for r in rows]
    logs = summaries.replayed(store, on, stored) if replay else summaries.logs(store, stored)
    advice = _advice_texts(store, on)
    empty = contact_log.ContactLog()  # read, never changed, by the rules
    return [
        model.ContactFacts(
            contact_id,
            name,
            company_id,
            how,
            referred_by,
            source is not None or (how == "referral" and referred_by is not None),
            cadence_days,
            bool(ask_referral),
            created_on,
            logs.get(contact_id, empty),
            advice[contact_id][1] if contact_id in advice else None,
        )
        for (contact_id, name, company_id, how, referred_by, source, cadence_days, ask_referral,
             created_on, _, _) in rows
    ]  # fmt: skip


def reminders_on(store: Store, on: date) -> list[model.ReminderFacts]:
    """The reminders made by ``on``."""
    return [
        model.ReminderFacts(
            r["id"], r["text"], r["due_on"], r["contact"], r["contact_id"], r["company_id"]
        )
        for r in store.rows(
            "SELECT m.id, m.text, m.due_on, m.contact_id, m.company_id, k.name AS contact "
            "FROM reminder m LEFT JOIN contact k ON k.id = m.contact_id "
            "WHERE m.created_on <= :on ORDER BY m.id",
            {"on": on},
        )
    ]
