"""Putting the log right: `netjob edit entry` and `netjob remove entry`, one entry at a
time (METHOD section 7: a wrong entry can be corrected or removed, and the coach follows
at once, since every view is worked out from the log).

Both run in one transaction, refresh the summary of the contact the entry is about, and
are undone by `netjob undo`. A removed entry that an import brought in leaves its
identity in ``removed_import``, so importing the same or a newer file again leaves it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from netjob.choices import AppStage, Channel
from netjob.db.store import Store
from netjob.engine import dates, validate
from netjob.engine.labels import label
from netjob.engine.words import article, count
from netjob.errors import InvalidInput, NotFound
from netjob.services.coach import summaries
from netjob.services.timeline import entry

# The kinds that are a message between you and a person (they have a channel).
MESSAGES = frozenset({"outreach", "follow_up", "update", "reply", "referral_ask", "thanks"})
# What each option may change, by kind (--on and --note change any entry).
_OWN_FIELDS = {
    "chat": {"at"},
    "application": {"role", "url"},
    "stage": {"stage"},
    **{kind: {"channel"} for kind in MESSAGES},
}


def _row(store: Store, entry_id: int) -> Any:
    row = store.row("SELECT * FROM interaction WHERE id = :id", {"id": entry_id})
    if row is None:
        raise NotFound(
            f"No log entry #{entry_id}; `netjob timeline NAME` shows the entries and their ids."
        )
    if row["kind"] == "status":
        raise InvalidInput(
            f"Entry #{entry_id} is a status change, part of the company's record; change the "
            "status with `netjob edit company NAME --status STATUS`."
        )
    return row


def edit(
    store: Store,
    *,
    entry_id: int,
    today: date,
    on: date | None = None,
    at: time | None = None,
    note: str | None = None,
    channel: Channel | None = None,
    role: str | None = None,
    url: str | None = None,
    stage: AppStage | None = None,
) -> dict[str, Any]:
    """Change what entry ``entry_id`` says; returns it as stored."""
    given = {
        name
        for name, value in (
            ("on", on),
            ("at", at),
            ("note", note),
            ("channel", channel),
            ("role", role),
            ("url", url),
            ("stage", stage),
        )
        if value is not None
    }
    if not given:
        raise InvalidInput(
            "Nothing to change: give --on, --note, or the entry's own fields (--at for a "
            "chat, --channel for a message, --role and --url for an application, --stage)."
        )
    with store.transaction():
        row = _row(store, entry_id)
        kind = row["kind"]
        wrong = sorted(given - {"on", "note"} - _OWN_FIELDS.get(kind, set()))
        if wrong:
            allowed = sorted({"on", "note"} | _OWN_FIELDS.get(kind, set()))
            raise InvalidInput(
                f"Entry #{entry_id} is {article(label(kind))}: it has no "
                f"{', '.join('--' + w for w in wrong)} (it takes "
                f"{', '.join('--' + a for a in allowed)})."
            )
        scheduled = kind == "chat" and row["status"] == "scheduled"
        if scheduled and (on is not None or at is not None):
            raise InvalidInput(
                f"Entry #{entry_id} is a chat ahead: move it with `netjob chat move NAME "
                "--at DATETIME`."
            )
        values: dict[str, Any] = {}
        if on is not None:
            values["occurred_on"] = dates.not_in_future(on, today=today, what="An entry")
        if at is not None:
            values["at_time"] = at.strftime("%H:%M")
        if note is not None:
            values["note"] = validate.text(note)  # "" clears it
        if channel is not None:
            values["channel"] = Channel(channel).value
        if role is not None:
            values["detail"] = validate.text(role)
        if url is not None:
            values["url"] = validate.url(url, field="posting URL") if url.strip() else None
        if stage is not None:
            values["detail"] = AppStage(stage).value
        store.update("interaction", entry_id, values)
        if row["contact_id"] is not None:
            summaries.refresh(store, [row["contact_id"]])
        return entry(store, entry_id)


@dataclass(slots=True)
class Removal:
    """An entry about to be removed (or removed), and what rests on it."""

    entry: dict[str, Any]
    notes: int = 0
    ratings: int = 0
    leads: list[str] = field(default_factory=list)
    imported: int = 0

    @property
    def dependents(self) -> str:
        """'3 TIARA notes, 1 rating and the lead Kim Park' ('' when nothing rests on it)."""
        parts = []
        if self.notes:
            parts.append(count(self.notes, "TIARA note"))
        if self.ratings:
            parts.append(count(self.ratings, "rating"))
        if self.leads:
            names = ", ".join(self.leads)
            parts.append(f"the lead{'s' if len(self.leads) > 1 else ''} {names}")
        if not parts:
            return ""
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def remove(
    store: Store, *, entry_id: int, today: date, cascade: bool = False, dry_run: bool = False
) -> Removal:
    """Remove entry ``entry_id``. What rests on it (TIARA notes, ratings and red flags made
    in a chat, leads) is refused unless ``cascade``: then the notes and ratings go, and the
    contacts made from leads stay, no longer linked to it."""
    with store.transaction():
        row = _row(store, entry_id)
        found = Removal(entry(store, entry_id))
        bind = {"id": entry_id}
        found.notes = int(
            store.value("SELECT COUNT(*) FROM tiara_note WHERE interaction_id = :id", bind)
        )
        found.ratings = int(
            store.value("SELECT COUNT(*) FROM fit_score WHERE interaction_id = :id", bind)
        ) + int(store.value("SELECT COUNT(*) FROM red_flag WHERE interaction_id = :id", bind))
        found.leads = [
            str(r["name"])
            for r in store.rows(
                "SELECT name FROM contact WHERE source_interaction_id = :id ORDER BY id", bind
            )
        ]
        found.imported = int(
            store.value("SELECT COUNT(*) FROM imported_message WHERE interaction_id = :id", bind)
        )
        if found.dependents and not cascade:
            raise InvalidInput(
                f"Entry #{entry_id} has {found.dependents} resting on it; to remove them with "
                f"it: netjob remove entry {entry_id} --cascade (contacts made from leads stay)."
            )
        if dry_run:
            return found
        store.execute(
            "INSERT INTO removed_import (source, source_key, removed_on) "
            "SELECT source, source_key, :today FROM imported_message WHERE interaction_id = :id "
            "AND NOT EXISTS (SELECT 1 FROM removed_import r WHERE r.source = "
            "imported_message.source AND r.source_key = imported_message.source_key)",
            {**bind, "today": today},
        )
        for table in ("tiara_note", "fit_score", "red_flag", "imported_message"):
            store.execute(f"DELETE FROM {table} WHERE interaction_id = :id", bind)
        store.execute(
            "UPDATE contact SET source_interaction_id = NULL WHERE source_interaction_id = :id",
            bind,
        )
        store.execute("DELETE FROM interaction WHERE id = :id", bind)
        if row["contact_id"] is not None:
            summaries.refresh(store, [row["contact_id"]])
        return found
