"""What `netjob db status` reports: where, which schema, how big, how many rows, and
whether SQLite's quick_check finds the file sound."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netjob.db import schema
from netjob.db.store import Store, quick_check

TABLES = (
    "company",
    "contact",
    "interaction",
    "tiara_note",
    "criterion",
    "fit_score",
    "red_flag",
    "connection",
    "reminder",
    "company_tag",
    "contact_tag",
)


@dataclass(frozen=True, slots=True)
class DbStatus:
    path: str
    schema_version: str
    latest_schema: str
    size_bytes: int
    rows: dict[str, int]
    quick_check: str | None  # "ok", what SQLite found wrong, or None on a server

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def status(store: Store) -> DbStatus:
    version = store.value("SELECT version_num FROM alembic_version")
    if store.is_sqlite:
        size = sum(
            p.stat().st_size
            for p in (store.path, store.path.with_name(store.path.name + "-wal"))
            if p.exists()
        )
    else:
        size = int(store.value("SELECT pg_database_size(current_database())"))
    rows = {table: int(store.value(f"SELECT COUNT(*) FROM {table}")) for table in TABLES}
    problems = quick_check(store)
    if problems is None:
        check = None
    else:
        from netjob.services.backup import describe_problems

        check = describe_problems(problems) if problems else "ok"
    return DbStatus(store.label, str(version), schema.HEAD, size, rows, check)
