"""Derived data, kept current: stage history, the per-contact log summary (with the
contact's behaviour class, :mod:`netjob.services.behaviour`) and the per-company days the
funnel counts employers by (``company_log``).

All are recomputed for each contact or company a write touches (instead of being
appended to), which keeps them right after back-dated entries, edits and ``undo``: the
history and summary from the log, the company days from that history, for the
companies passed and the current companies of the contacts passed (so a write that moves
or removes a contact passes its old company). A subject has few entries, so this costs
little; :func:`rebuild_all` recomputes everything (after a schema upgrade).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from netjob.clock import today
from netjob.engine import facts, stages
from netjob.services import behaviour
from netjob.store import Store

# Stage names (SQL literals): a contact's steps of networking, and a company's interview or
# later. An employer is networked into from the contact stages of anyone working there now.
NETWORKED_STAGES = "('contacted', 'replied', 'chatted', 'referred')"
INTERVIEW_STAGES = "('interviewing', 'offer', 'accepted')"
# Each company's last networked and interview days, from the stored stage history. The
# stage is tested inside MAX, so the only filters are the company's: SQLite then reaches
# its contacts and events through their company and contact indexes (a stage in WHERE
# made it walk every event of that stage for each company, 8 ms a company at 2k).
_LAST_DAYS = (
    f"SELECT c.id AS company_id, (SELECT MAX(CASE WHEN s.stage IN {NETWORKED_STAGES} "
    "THEN s.occurred_on END) FROM contact k JOIN stage_event s ON s.contact_id = k.id "
    "WHERE k.company_id = c.id) AS networked_on, (SELECT MAX(CASE WHEN s.stage IN "
    f"{INTERVIEW_STAGES} THEN s.occurred_on END) FROM stage_event s "
    "WHERE s.company_id = c.id) AS interview_on FROM company c"
)


def _entries(store: Store, column: str, subject_id: int) -> list[stages.Entry]:
    return [
        stages.Entry(r["id"], r["kind"], r["occurred_on"], r["status"], r["detail"])
        for r in store.rows(
            f"SELECT id, kind, occurred_on, status, detail FROM interaction WHERE {column} = :id",
            {"id": subject_id},
        )
    ]


def _write_stages(store: Store, column: str, subject_id: int, found: list[stages.Stage]) -> None:
    store.execute(f"DELETE FROM stage_event WHERE {column} = :id", {"id": subject_id})
    for stage in found:
        store.insert(
            "stage_event",
            {
                column: subject_id,
                "stage": stage.stage,
                "occurred_on": stage.on,
                "interaction_id": stage.entry_id,
                "cause": stage.cause,
            },
        )


def log_entry(r: Any) -> facts.LogEntry:
    """A log entry for the engine from an ``interaction`` row."""
    return facts.LogEntry(
        r["id"],
        r["kind"],
        r["occurred_on"],
        r["status"],
        r["at_time"],
        r["logged_on"],
        r["planned_on"],
        r["settled_on"],
    )


def contact_log_entries(store: Store, contact_id: int) -> list[facts.LogEntry]:
    return [
        log_entry(r)
        for r in store.rows(
            "SELECT id, kind, occurred_on, status, at_time, logged_on, planned_on, settled_on "
            "FROM interaction WHERE contact_id = :id",
            {"id": contact_id},
        )
    ]


def advice_acted(store: Store, contact_id: int) -> list[date]:
    return [
        r["acted_on"]
        for r in store.rows(
            "SELECT t.acted_on FROM tiara_note t JOIN interaction i ON i.id = t.interaction_id "
            "WHERE i.contact_id = :id AND t.kind = 'advice' AND t.acted_on IS NOT NULL",
            {"id": contact_id},
        )
    ]


def _write_contact_log(store: Store, contact_id: int, rules: behaviour.Rules) -> None:
    summary = facts.summarize(
        contact_log_entries(store, contact_id), advice_acted(store, contact_id)
    )
    store.execute("DELETE FROM contact_log WHERE contact_id = :id", {"id": contact_id})
    store.insert(
        "contact_log",
        {
            "contact_id": contact_id,
            **facts.as_columns(summary),
            **behaviour.columns(summary, rules),
        },
    )


def refresh(
    store: Store, *, contacts: Iterable[int | None] = (), companies: Iterable[int | None] = ()
) -> None:
    """Recompute the derived data of the given contacts and companies."""
    from netjob.services import pending

    contact_ids = {c for c in contacts if c is not None}
    company_ids = {c for c in companies if c is not None}
    store.lock("contact", sorted(contact_ids))
    loose = set()
    if contact_ids:
        for contact_id in contact_ids:
            owner = store.row("SELECT company_id FROM contact WHERE id = :id", {"id": contact_id})
            if owner is None:
                continue
            if owner["company_id"] is None:
                loose.add(contact_id)
            else:
                company_ids.add(owner["company_id"])
    store.lock("company", sorted(company_ids))
    _refresh_history(store, contact_ids, {c for c in companies if c is not None})
    for company_id in sorted(company_ids):
        write_company_log(store, company_id)
    pending.refresh(store, companies=company_ids, loose=loose, contacts=contact_ids)


def write_company_log(store: Store, company_id: int | None) -> None:
    """Recompute one company's ``company_log`` row (every company's with None): a row
    only for a company with either day."""
    where, bind = "", {}
    if company_id is None:
        store.execute("DELETE FROM company_log")
    else:
        where, bind = "WHERE c.id = :id", {"id": company_id}
        store.execute("DELETE FROM company_log WHERE company_id = :id", bind)
    store.execute(
        "INSERT INTO company_log (company_id, networked_on, interview_on) SELECT * FROM "
        f"({_LAST_DAYS} {where}) found WHERE networked_on IS NOT NULL OR interview_on IS NOT NULL",
        bind,
    )


def _refresh_history(store: Store, contacts: set[int], companies: set[int]) -> None:
    rules = behaviour.rules(store, today()) if contacts else None
    for contact_id in contacts:
        added = store.value("SELECT created_on FROM contact WHERE id = :id", {"id": contact_id})
        if added is None:
            continue
        found = stages.contact_stages(added, _entries(store, "contact_id", contact_id))
        _write_stages(store, "contact_id", contact_id, found)
        assert rules is not None
        _write_contact_log(store, contact_id, rules)
    for company_id in companies:
        row = store.row(
            "SELECT created_on, updated_on, status FROM company WHERE id = :id", {"id": company_id}
        )
        if row is None:
            continue
        found = stages.company_stages(
            row["created_on"],
            _entries(store, "company_id", company_id),
            status=row["status"],
            status_since=row["updated_on"],
        )
        _write_stages(store, "company_id", company_id, found)


def rebuild_all(store: Store) -> None:
    """Recompute every derived row from the log, in one transaction."""
    with store.transaction():
        from netjob.services import pending

        contacts = {r["id"] for r in store.rows("SELECT id FROM contact")}
        companies = {r["id"] for r in store.rows("SELECT id FROM company")}
        _refresh_history(store, contacts, companies)
        write_company_log(store, None)
        pending.rebuild_all(store)


def history_of(store: Store, column: str, subject_id: int) -> list[dict[str, object]]:
    """The stored history of one contact (stage order) or company (date order)."""
    return [
        {
            "stage": r["stage"],
            "on": r["occurred_on"],
            "cause": r["cause"],
            "entry_id": r["interaction_id"],
        }
        for r in store.rows(
            f"SELECT stage, occurred_on, cause, interaction_id FROM stage_event "
            f"WHERE {column} = :id ORDER BY id",
            {"id": subject_id},
        )
    ]
