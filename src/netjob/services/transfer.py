"""Taking your data out and back: everything as JSON, and a copy between databases.

The JSON export is versioned: ``{"format": "netjob-export", "version": 1,
"schema": "<revision>", "exported_on": ..., "tables": {table: [row, ...]}}``
with every row of every table, ids included, so ``import json`` restores an
empty database exactly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from netjob import schema
from netjob.errors import DatabaseProblem
from netjob.store import Store

FORMAT = "netjob-export"
VERSION = 1
# In an order that satisfies foreign keys; the two cycles (contact.referred_by_id,
# contact.source_interaction_id) are filled in after the rows exist.
# Every table but the journal's and the contacts' log summaries (worked out from the log).
TABLES = (
    "company", "contact", "interaction", "tiara_note", "criterion", "fit_score", "red_flag",
    "company_tag", "contact_tag", "setting", "next_item", "reminder", "connection",
    "imported_message", "item_state_change",
)  # fmt: skip
DEFERRED = {"contact": ("referred_by_id", "source_interaction_id")}
# Tables of exports before schema 0015, stored copies of the log: an older file's are
# left out of the import (the summaries are worked out again).
RETIRED = ("stage_event", "contact_log", "company_log", "pending_item")
USER_TABLES = ("company", "contact", "interaction", "connection", "reminder")
# Boolean columns: written as JSON true/false from either backend (SQLite keeps 0/1);
# read back from true/false or 0/1.
BOOLEANS = {
    "company": ("advocacy",),
    "contact": ("ask_referral",),
    "imported_message": ("created",),
}
ORDER_BY = {"company_tag": "company_id, tag", "contact_tag": "contact_id, tag", "setting": "key"}
REDACTED = "[redacted]"


def _redact(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """Names, emails and free text replaced by stable pseudonyms (Person 12, Company 3)."""
    from netjob.engine.names import company_key, person_key

    row = dict(row)
    if table == "company":
        row["name"] = f"Company {row['id']}"
        row["name_key"] = company_key(row["name"])
        row["website"] = None
    elif table in {"contact", "connection"}:
        row["name"] = f"Person {row['id']}" if table == "contact" else f"Connection {row['id']}"
        row["name_key"] = person_key(row["name"])
        row["email"] = f"person-{row['id']}@example.invalid" if row.get("email") else None
        for column in ("linkedin", "phone", "url"):
            if column in row:
                row[column] = None
        if table == "connection" and row.get("company"):
            row["company"] = f"Employer of {row['name']}"
            row["company_key"] = company_key(row["company"])
    for column in ("note", "message", "text", "position"):
        if row.get(column):
            row[column] = REDACTED
    if table == "interaction":
        row["url"] = None
    if table == "imported_message":  # Message-IDs and profile URLs name people
        row["source_key"] = f"{row['source']}-{row['id']}"
    return row


Progress = Callable[[int, int], None]
BATCH = 5000  # rows fetched, encoded or inserted at a time


def _encoder() -> Callable[[Any], str]:
    """JSON text of one flat row, by the standard library's C encoder made once (a
    ``json.dumps`` per row makes one per row), or its Python one where there is none."""
    from json import encoder

    plain = json.JSONEncoder(ensure_ascii=False, default=str).encode
    make = getattr(encoder, "c_make_encoder", None)
    if make is None:
        return plain
    made = make(None, str, encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda row: "".join(made(row, 0)) if isinstance(row, dict) else plain(row)


_ENCODE = _encoder()


def batches(store: Store, sql: str) -> Iterator[tuple[list[str], list[Any]]]:
    """The rows of ``sql`` a batch at a time, with the column names (one batch, maybe
    empty, at least); on either backend memory holds one batch (:meth:`Store.stream`)."""
    return store.stream(sql, BATCH)


def _as_stored(store: Store, table: str) -> str:
    """The columns of ``table`` to export: on SQLite, dates as the text they are stored
    as (read as dates and written back as text they cost a third of the export)."""
    if not store.is_sqlite:
        return "*"
    columns = []
    for r in store.rows(f'PRAGMA main.table_info("{table}")'):
        col = str(r["name"]).replace('"', '""')
        columns.append(f'CAST("{col}" AS TEXT) AS "{col}"' if r["type"] == "DATE" else f'"{col}"')
    return ", ".join(columns)


def write_json(
    store: Store,
    out: TextIO,
    *,
    today: date,
    redact: bool = False,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write every table to ``out`` as a JSON export, a table at a time and a row to a line
    (memory does not grow with the database); returns the rows written per table."""
    header = {
        "format": FORMAT,
        "version": VERSION,
        "schema": schema.HEAD,
        "exported_on": today.isoformat(),
        "redacted": redact,
    }
    out.write(_ENCODE(header)[:-1] + ', "tables": {')
    total = 0
    if progress is not None:
        total = sum(int(store.value(f"SELECT COUNT(*) FROM {table}")) for table in TABLES)
    counts: dict[str, int] = {}
    done = 0
    for n, table in enumerate(TABLES):
        out.write(("\n" if n == 0 else "],\n") + _ENCODE(table) + ": [")
        counts[table] = 0
        order = ORDER_BY.get(table, "id")
        sql = f"SELECT {_as_stored(store, table)} FROM {table} ORDER BY {order}"
        for columns, rows in batches(store, sql):
            found = [dict(zip(columns, row, strict=True)) for row in rows]
            for column in BOOLEANS.get(table, ()):
                for row in found:
                    if row[column] is not None:
                        row[column] = bool(row[column])
            if redact:
                found = [_redact(table, row) for row in found]
            if found:
                lead = "\n" if counts[table] == 0 else ",\n"
                out.write(lead + ",\n".join(map(_ENCODE, found)))
            counts[table] += len(found)
            done += len(rows)
            if progress is not None:
                progress(done, total)
    out.write("]\n}}\n")
    return counts


def copy(source: Store, target: Store, *, today: date) -> dict[str, dict[str, int]]:
    """Copy a whole database into an empty one (either backend), then compare row counts."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.json"
        with open(path, "w", encoding="utf-8") as out:
            write_json(source, out, today=today)
        from netjob.services.json_import import import_json

        import_json(target, path=path)
    counts = {
        table: {
            "source": int(source.value(f"SELECT COUNT(*) FROM {table}")),
            "target": int(target.value(f"SELECT COUNT(*) FROM {table}")),
        }
        for table in TABLES
    }
    differ = [t for t, c in counts.items() if c["source"] != c["target"]]
    if differ:
        raise DatabaseProblem(f"The copy differs in {', '.join(differ)}; check the target.")
    return counts
