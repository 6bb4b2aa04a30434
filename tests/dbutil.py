"""Reading the test database directly, whichever backend the suite runs on."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    """All rows of ``sql`` as tuples, from the SQLite file ``db`` or, when the suite runs
    on PostgreSQL, from the test's server database (NETJOB_DB). Days read as the SQLite
    file holds them (ISO text), whichever the backend."""
    target = os.environ.get("NETJOB_DB", "")
    if "://" in target and not db.exists():
        from netjob.db.open import open_store

        store = open_store(target)
        try:
            return [
                tuple(v.isoformat() if isinstance(v, date) else v for v in r.values())
                for r in store.rows(sql)
            ]
        finally:
            store.close()
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
