"""Keeps ``stage_event`` current: recomputed from the log for each subject touched.

Recomputing (instead of appending) keeps history right after back-dated
entries, edits and ``undo``; a subject has few entries, so it costs little.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from netjob.engine import stages
from netjob.store import Store


def _entries(store: Store, column: str, subject_id: int) -> list[stages.Entry]:
    return [
        stages.Entry(
            r["id"], r["kind"], date.fromisoformat(r["occurred_on"]), r["status"], r["detail"]
        )
        for r in store.rows(
            f"SELECT id, kind, occurred_on, status, detail FROM interaction WHERE {column} = :id",
            {"id": subject_id},
        )
    ]


def _write(store: Store, column: str, subject_id: int, found: list[stages.Stage]) -> None:
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


def refresh(
    store: Store, *, contacts: Iterable[int | None] = (), companies: Iterable[int | None] = ()
) -> None:
    """Recompute the stage history of the given contacts and companies."""
    for contact_id in {c for c in contacts if c is not None}:
        added = store.value("SELECT created_on FROM contact WHERE id = :id", {"id": contact_id})
        if added is None:
            continue
        found = stages.contact_stages(
            date.fromisoformat(added), _entries(store, "contact_id", contact_id)
        )
        _write(store, "contact_id", contact_id, found)
    for company_id in {c for c in companies if c is not None}:
        added = store.value("SELECT created_on FROM company WHERE id = :id", {"id": company_id})
        if added is None:
            continue
        found = stages.company_stages(
            date.fromisoformat(added), _entries(store, "company_id", company_id)
        )
        _write(store, "company_id", company_id, found)


def of(store: Store, column: str, subject_id: int) -> list[dict[str, object]]:
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
