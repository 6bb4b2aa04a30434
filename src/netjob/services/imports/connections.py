"""`import linkedin`: LinkedIn's Connections.csv into your wider network (connections
you can search with `who` and promote to contacts, not contacts themselves)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netjob.db.store import Store
from netjob.engine import names
from netjob.engine.parse import connections
from netjob.errors import InvalidInput

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
    parsed = connections.parse(connections.decode(read_file(path)))
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
