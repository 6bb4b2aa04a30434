"""`netjob merge`: one person or employer that arrived twice (from LinkedIn, a vCard and
a mailbox under slightly different names) made one again, and the likely pairs.

A merge moves everything of the other record to the one kept (log entries, notes,
leads, network links, reminders, tags; emails, URLs and other fields the kept one lacks)
and removes the other, in one transaction: one `netjob undo` reverts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from netjob.db.store import Store
from netjob.engine import names
from netjob.errors import InvalidInput
from netjob.services import resolve
from netjob.services.coach import summaries

# Fields the kept record takes from the other when it has none.
_CONTACT_FIELDS = ("title", "email", "linkedin", "phone", "how", "note", "company_id",
                   "referred_by_id", "source_interaction_id", "cadence_days")  # fmt: skip
_COMPANY_FIELDS = ("website", "industry", "location", "note")
SIMILAR = 90  # rapidfuzz token-set ratio at which two names are likely one person ("Jane M. Doe")


@dataclass(frozen=True, slots=True)
class Merged:
    kept: resolve.Ref
    other: resolve.Ref
    entries: int  # log entries moved

    def to_json(self) -> dict[str, Any]:
        return {
            "kept": {"id": self.kept.id, "name": self.kept.name},
            "removed": {"id": self.other.id, "name": self.other.name},
            "entries_moved": self.entries,
        }


def _filled(store: Store, table: str, keep: int, other: int, fields: tuple[str, ...]) -> None:
    kept = store.row(f"SELECT * FROM {table} WHERE id = :id", {"id": keep})
    gone = store.row(f"SELECT * FROM {table} WHERE id = :id", {"id": other})
    assert kept is not None and gone is not None
    values = {f: gone[f] for f in fields if kept[f] in (None, "") and gone[f] not in (None, "")}
    if values.get("referred_by_id") == keep:
        del values["referred_by_id"]  # not referred by themselves
    store.update(table, keep, values)


def contacts(store: Store, *, keep: str, other: str, today: date) -> Merged:
    """Merge contact ``other`` into ``keep``."""
    with store.transaction():
        kept, gone = resolve.contact(store, keep), resolve.contact(store, other)
        if kept.id == gone.id:
            raise InvalidInput(f"Both name the same contact, {kept.label} (#{kept.id}).")
        bind = {"keep": kept.id, "other": gone.id}
        _filled(store, "contact", kept.id, gone.id, _CONTACT_FIELDS)
        if store.value("SELECT ask_referral FROM contact WHERE id = :other", bind):
            store.execute(
                "UPDATE contact SET ask_referral = :t WHERE id = :keep", {**bind, "t": True}
            )
        moved = int(store.value("SELECT COUNT(*) FROM interaction WHERE contact_id = :other", bind))
        for sql in (
            "UPDATE interaction SET contact_id = :keep WHERE contact_id = :other",
            "UPDATE interaction SET via_contact_id = :keep WHERE via_contact_id = :other",
            "UPDATE contact SET referred_by_id = :keep WHERE referred_by_id = :other "
            "AND id <> :keep",
            "UPDATE connection SET contact_id = :keep WHERE contact_id = :other",
            "UPDATE reminder SET contact_id = :keep WHERE contact_id = :other",
            "INSERT INTO contact_tag (contact_id, tag) SELECT :keep, tag FROM contact_tag t "
            "WHERE t.contact_id = :other AND tag NOT IN "
            "(SELECT tag FROM contact_tag WHERE contact_id = :keep)",
            "DELETE FROM contact WHERE id = :other",
        ):
            store.execute(sql, bind)
        store.execute("UPDATE contact SET updated_on = :d WHERE id = :keep", {**bind, "d": today})
        summaries.refresh(store, [kept.id])
        return Merged(kept, gone, moved)


def companies(store: Store, *, keep: str, other: str, today: date) -> Merged:
    """Merge company ``other`` into ``keep`` (its scores and status stay the kept one's)."""
    with store.transaction():
        kept, gone = resolve.company(store, keep), resolve.company(store, other)
        if kept.id == gone.id:
            raise InvalidInput(f"Both name the same company, {kept.name} (#{kept.id}).")
        bind = {"keep": kept.id, "other": gone.id}
        _filled(store, "company", kept.id, gone.id, _COMPANY_FIELDS)
        people = [
            int(r["id"])
            for r in store.rows("SELECT id FROM contact WHERE company_id = :other", bind)
        ]
        moved = int(store.value("SELECT COUNT(*) FROM interaction WHERE company_id = :other", bind))
        for table in ("contact", "interaction", "fit_score", "red_flag", "reminder"):
            store.execute(f"UPDATE {table} SET company_id = :keep WHERE company_id = :other", bind)
        store.execute(
            "INSERT INTO company_tag (company_id, tag) SELECT :keep, tag FROM company_tag t "
            "WHERE t.company_id = :other AND tag NOT IN "
            "(SELECT tag FROM company_tag WHERE company_id = :keep)",
            bind,
        )
        store.execute("DELETE FROM company WHERE id = :other", bind)
        store.execute("UPDATE company SET updated_on = :d WHERE id = :keep", {**bind, "d": today})
        summaries.refresh(store, people)
        return Merged(kept, gone, moved)


def duplicate_contacts(store: Store) -> list[dict[str, Any]]:
    """Pairs of contacts that are likely one person: the same email or LinkedIn profile
    anywhere, or names alike (case, accents and word order aside) at the same company."""
    from rapidfuzz import fuzz

    rows = store.rows(
        "SELECT k.id, k.name, k.name_key, k.email, k.linkedin, k.company_id, c.name AS company "
        "FROM contact k LEFT JOIN company c ON c.id = k.company_id ORDER BY k.id"
    )
    found: dict[tuple[int, int], str] = {}
    for what, column in (("same email", "email"), ("same LinkedIn profile", "linkedin")):
        first: dict[str, Any] = {}
        for r in rows:
            key = str(r[column] or "").casefold().rstrip("/")
            if key and key in first:
                found.setdefault((first[key]["id"], r["id"]), what)
            elif key:
                first[key] = r
    at: dict[int | None, list[Any]] = {}
    for r in rows:
        at.setdefault(r["company_id"], []).append(r)
    for group in at.values():  # the people at one employer (or at none) are few
        for n, a in enumerate(group):
            for b in group[n + 1 :]:
                if fuzz.token_set_ratio(a["name_key"], b["name_key"]) >= SIMILAR:
                    found.setdefault((a["id"], b["id"]), "names alike")
    by_id = {r["id"]: r for r in rows}
    return [
        {"keep": _side(by_id[a]), "other": _side(by_id[b]), "why": why}
        for (a, b), why in sorted(found.items())
    ]


def duplicate_companies(store: Store) -> list[dict[str, Any]]:
    """Pairs of companies that are likely one employer: one name the other's first whole
    words ("Acme" and "Acme Robotics Europe"), the matcher `who` and `promote` use."""
    rows = store.rows("SELECT id, name, name_key FROM company ORDER BY id")
    return [
        {"keep": {"id": a["id"], "name": a["name"]}, "other": {"id": b["id"], "name": b["name"]},
         "why": "one name starts the other"}
        for n, a in enumerate(rows)
        for b in rows[n + 1 :]
        if names.same_company(a["name_key"], b["name_key"])
    ]  # fmt: skip


def _side(row: Any) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "company": row["company"]}
