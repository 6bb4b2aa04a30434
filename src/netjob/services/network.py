"""Your wider network: importing LinkedIn connections, "who do I know there", promoting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netjob.choices import How
from netjob.engine import linkedin, names
from netjob.errors import InvalidInput, NotFound
from netjob.services import companies, contacts, resolve
from netjob.store import Store

FUZZY_CUTOFF = 88
MAX_IMPORT_BYTES = 100 * 1024 * 1024  # LinkedIn's export of 30,000 connections is ~3 MB


@dataclass(slots=True)
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run."""


def read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise InvalidInput(
                f"{path} is {size // (1024 * 1024)} MB; netjob imports files up to "
                f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB. Is this the right file?"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"No file {path}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder; give the Connections.csv file.") from None
    except OSError as error:
        raise InvalidInput(f"Cannot read {path}: {error.strerror}.") from None


def import_linkedin(
    store: Store,
    *,
    path: Path,
    today: date,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import (or, with a newer export, update in place) LinkedIn connections.

    One transaction: a malformed file imports nothing.
    """
    parsed = linkedin.parse(linkedin.decode(read_file(path)))
    summary = ImportSummary(dry_run=dry_run)
    summary.skipped = [{"line": line, "reason": reason} for line, reason in parsed.skipped]
    columns = ("name", "email", "company", "position", "connected_on")
    try:
        with store.transaction():
            rows = store.rows(
                "SELECT id, url, name, name_key, email, company, company_key, position, "
                "connected_on FROM connection WHERE url IS NOT NULL OR source = 'linkedin'"
            )
            # A row is keyed by its profile URL; one without (real exports have them) by
            # name and company, among the connections imported without a URL.
            existing = {_key(r["url"], r["name_key"], r["company_key"]): r for r in rows}
            seen: set[tuple[str, ...]] = set()
            total = len(parsed.records)
            for n, record in enumerate(parsed.records, 1):
                if progress is not None and (n % 250 == 0 or n == total):
                    progress(n, total)
                name_key = names.person_key(record.name)
                company_key = names.company_key(record.company) if record.company else None
                key = _key(record.url, name_key, company_key)
                if key in seen:
                    twice = "same URL" if record.url else "same name and company, no URL,"
                    summary.skipped.append(
                        {"line": record.line, "reason": f"{record.name}: {twice} twice"}
                    )
                    continue
                seen.add(key)
                values = {
                    "name": record.name,
                    "name_key": name_key,
                    "email": record.email,
                    "company": record.company,
                    "company_key": company_key,
                    "position": record.position,
                    "connected_on": record.connected_on,
                }
                old = existing.get(key)
                if old is None:
                    store.insert(
                        "connection",
                        {
                            **values,
                            "url": record.url,
                            "source": "linkedin",
                            "imported_on": today,
                            "updated_on": today,
                        },
                    )
                    summary.added += 1
                    continue
                before = [str(old[c]) if old[c] is not None else None for c in columns]
                after = [str(values[c]) if values[c] is not None else None for c in columns]
                if before == after:
                    summary.unchanged += 1
                else:
                    store.update("connection", old["id"], {**values, "updated_on": today})
                    summary.updated += 1
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return summary


def _key(url: str | None, name_key: str, company_key: str | None) -> tuple[str, ...]:
    """How a LinkedIn row is found again on re-import: its URL, else name and company."""
    return ("url", url) if url else ("name", name_key, company_key or "")


# ---------------------------------------------------------------- who


def _people_at(store: Store, key: str) -> dict[str, list[dict[str, Any]]]:
    found_contacts = [
        {"id": r["id"], "name": r["name"], "title": r["title"], "how": r["how"]}
        for r in store.rows(
            "SELECT k.id, k.name, k.title, k.how FROM contact k JOIN company c "
            "ON c.id = k.company_id WHERE c.name_key = :key ORDER BY k.name_key",
            {"key": key},
        )
    ]
    found_connections = [
        {
            "id": r["id"],
            "name": r["name"],
            "position": r["position"],
            "company": r["company"],
            "url": r["url"],
            "connected_on": r["connected_on"],
            "contact_id": r["contact_id"],
        }
        for r in store.rows(
            "SELECT id, name, position, company, url, connected_on, contact_id FROM connection "
            "WHERE company_key = :key ORDER BY name_key",
            {"key": key},
        )
    ]
    return {"contacts": found_contacts, "connections": found_connections}


def who(store: Store, *, company: str) -> dict[str, Any]:
    """Who in your contacts and network works at a company (fuzzy fallback shown)."""
    target = resolve.find_company(store, company) if names.company_key(company) else None
    label = target.name if target else company
    key = names.company_key(label)
    if not key:
        raise InvalidInput("A company name needs at least one letter or digit.")
    found = _people_at(store, key)
    matched = None
    if not found["contacts"] and not found["connections"]:
        from rapidfuzz import fuzz, process

        pool = {
            r["company_key"]: r["company"]
            for r in store.rows(
                "SELECT DISTINCT company_key, company FROM connection WHERE company_key IS NOT NULL"
            )
        }
        best = process.extractOne(key, list(pool), scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            matched = pool[best[0]]
            found = _people_at(store, best[0])
    return {"company": label, "on_list": target is not None, "matched": matched, **found}


def who_targets(store: Store, *, today: date, set_advocacy: bool = False) -> list[dict[str, Any]]:
    """For every target company, how many you know there. Only reads, unless
    ``set_advocacy``: then advocacy is recorded where someone is known (``advocacy_set``)."""
    counts = {
        r["company_key"]: r["n"]
        for r in store.rows(
            "SELECT company_key, COUNT(*) AS n FROM connection WHERE company_key IS NOT NULL "
            "GROUP BY company_key"
        )
    }
    rows = []
    for c in companies.list_companies(store):
        if c.status == "closed":
            continue
        known = counts.get(names.company_key(c.name), 0)
        found = bool((known or c.contacts) and not c.advocacy)
        rows.append(
            {
                "id": c.id,
                "name": c.name,
                "lamp_rank": c.lamp_rank,
                "contacts": c.contacts,
                "connections": known,
                "advocacy": bool(c.advocacy or (found and set_advocacy)),
                "advocate_found": found,
                "advocacy_set": found and set_advocacy,
            }
        )
    changed = [r["id"] for r in rows if r["advocacy_set"]]
    if changed:
        with store.transaction():
            for company_id in changed:
                store.update("company", company_id, {"advocacy": True, "updated_on": today})
    return rows


# ---------------------------------------------------------------- promote


def resolve_connection(store: Store, query: str) -> Any:
    row_id = resolve.parse_id(query)
    if row_id is not None:
        row = store.row("SELECT * FROM connection WHERE id = :id", {"id": row_id})
        if row is None:
            raise NotFound(f"No connection with id #{row_id}.")
        return row
    key = names.person_key(query)
    rows = store.rows("SELECT * FROM connection WHERE name_key = :k ORDER BY id", {"k": key})
    if not rows:
        rows = store.rows(
            "SELECT * FROM connection WHERE name_key LIKE :p ORDER BY name_key, id",
            {"p": key.replace("%", "").replace("_", "") + "%"},
        )
    if len(rows) == 1:
        return rows[0]
    if rows:
        listed = ", ".join(f"#{r['id']} {r['name']} ({r['company'] or '?'})" for r in rows[:8])
        raise InvalidInput(f"'{query}' matches {len(rows)} connections: {listed}. Use the #id.")
    pool = [r["name"] for r in store.rows("SELECT name FROM connection")]
    raise NotFound(
        f"No connection named '{query}'.{names.did_you_mean(names.suggestions(query, pool))}"
    )


def promote(
    store: Store, *, connection: str, today: date, create_company: bool = False
) -> contacts.Contact:
    """Turn a connection into a contact at their company."""
    with store.transaction():
        return _promote(store, connection, today, create_company)


def _promote(store: Store, connection: str, today: date, create_company: bool) -> contacts.Contact:
    row = resolve_connection(store, connection)
    if row["contact_id"] is not None:
        raise InvalidInput(f"{row['name']} is already contact #{row['contact_id']}.")
    linkedin_url = row["url"] if row["url"] and "linkedin.com" in row["url"] else None
    added = contacts.add(
        store,
        name=row["name"],
        today=today,
        company=row["company"],
        create_company=create_company,
        title=row["position"],
        email=row["email"],
        linkedin=linkedin_url,
        phone=row["phone"],
        how=How.linkedin if row["source"] == "linkedin" else None,
        note=f"From your {row['source']} network"
        + (f" (connected {row['connected_on']})" if row["connected_on"] else ""),
    )
    store.update("connection", row["id"], {"contact_id": added.id, "updated_on": today})
    return added
