"""`export json`: every table, a table at a time and a row to a line, so memory does not
grow with the database (the format: :mod:`netjob.services.transfer`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TextIO

from netjob.db import schema
from netjob.db.store import Store
from netjob.services.transfer import (
    BATCH,
    BOOLEANS,
    FORMAT,
    ORDER_BY,
    REDACTED,
    TABLES,
    VERSION,
    Progress,
)


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
