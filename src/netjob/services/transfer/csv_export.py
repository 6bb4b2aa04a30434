"""Companies, contacts or the log as CSV for a spreadsheet, written as the rows are read."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any, TextIO

from netjob.db.store import Store
from netjob.errors import InvalidInput
from netjob.services.transfer.json_export import batches


def export_csv(
    store: Store,
    out: TextIO,
    *,
    what: str,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write companies, contacts or the log to ``out`` as CSV (a header row), a batch of
    rows at a time; returns how many rows were written."""
    queries = {
        "companies": (
            "SELECT id, name, status, motivation, posting, advocacy, website, industry, "
            "location, note, created_on, updated_on FROM company ORDER BY id"
        ),
        "contacts": (
            "SELECT k.id, k.name, c.name AS company, k.title, k.email, k.linkedin, k.phone, "
            "k.how, r.name AS referred_by, k.note, k.created_on FROM contact k "
            "LEFT JOIN company c ON c.id = k.company_id "
            "LEFT JOIN contact r ON r.id = k.referred_by_id ORDER BY k.id"
        ),
        "log": (
            "SELECT i.id, i.occurred_on, i.kind, i.status, k.name AS contact, "
            "c.name AS company, i.channel, i.detail, i.url, i.note FROM interaction i "
            "LEFT JOIN contact k ON k.id = i.contact_id "
            "LEFT JOIN company c ON c.id = i.company_id ORDER BY i.occurred_on, i.id"
        ),
    }
    if what not in queries:
        raise InvalidInput(f"'{what}' cannot be exported as CSV; use companies, contacts or log.")
    table = TABLE[what]
    total = int(store.value(f"SELECT COUNT(*) FROM {table}")) if progress else 0
    writer = csv.writer(out, lineterminator="\n")
    written = 0
    for n, (columns, rows) in enumerate(batches(store, queries[what])):
        if n == 0:
            writer.writerow(columns)
        writer.writerows([csv_cell(value) for value in row] for row in rows)
        written += len(rows)
        if progress is not None:
            progress(written, total)
    return written


TABLE = {"companies": "company", "contacts": "contact", "log": "interaction"}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a spreadsheet may read it: booleans as 1/0 whichever the database;
    text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed
    with a single quote (OWASP's rule against CSV injection); line breaks as LF, which
    the csv module quotes (a bare CR it would leave unquoted, splitting the row)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        if value.startswith(FORMULA_STARTS):
            value = "'" + value
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value
