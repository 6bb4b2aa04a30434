"""Reading LinkedIn's "Connections.csv" data export, as LinkedIn writes it.

The file opens with a few "Notes:" lines, then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``;
dates look like ``12 Mar 2024``; most emails are empty; fields may hold commas
and quotes; a byte-order mark may lead. A malformed file raises InvalidInput
naming the line. Only rows with no name at all are skipped (with a reason);
a row without a profile URL (real exports have them) is kept, and re-imports
match it on name and company instead of the URL.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from netjob.errors import InvalidInput

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
PREAMBLE_LINES = 20


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    name: str
    url: str | None
    email: str | None
    company: str | None
    position: str | None
    connected_on: date | None


@dataclass(slots=True)
class Parsed:
    records: list[Record] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidInput(
            f"Line {line} is not UTF-8 text; export the connections again from LinkedIn "
            "(Settings > Data privacy > Get a copy of your data)."
        ) from None


def _date(raw: str, line: int) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    for pattern in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise InvalidInput(f"Line {line}: 'Connected On' is '{raw}', not a date like 12 Mar 2024.")


def rows_of(reader: Any, header: list[str], *, start: int = 0) -> Iterator[tuple[int, list[str]]]:
    """A CSV reader's rows with their line numbers (``start`` lines before the header),
    blank rows skipped; a row with other than the header's number of fields is an error."""
    for row in reader:
        line = start + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InvalidInput(
                f"Line {line}: {len(row)} fields where the header has {len(header)} "
                "(a quote or comma out of place?)."
            )
        yield line, row


def parse(text: str) -> Parsed:
    lines = text.splitlines(keepends=True)
    start = next(
        (n for n, line in enumerate(lines[:PREAMBLE_LINES]) if line.startswith("First Name,")),
        None,
    )
    if start is None:
        raise InvalidInput(
            "No LinkedIn header found: expected a line "
            f"'{','.join(HEADER)}' near the top of the file."
        )
    reader = csv.reader(io.StringIO("".join(lines[start:])), strict=True)
    parsed = Parsed()
    try:
        header = next(reader)
        missing = [h for h in HEADER if h not in header]
        if missing:
            raise InvalidInput(f"Line {start + 1}: the header lacks {', '.join(missing)}.")
        index = {name: header.index(name) for name in HEADER}
        for line, row in rows_of(reader, header, start=start):

            def cell(name: str, row: list[str] = row) -> str:
                return " ".join(row[index[name]].split())

            name = " ".join(f"{cell('First Name')} {cell('Last Name')}".split())
            url = cell("URL")
            if not name:
                parsed.skipped.append((line, "no name"))
                continue
            parsed.records.append(
                Record(
                    line=line,
                    name=name,
                    url=url or None,
                    email=cell("Email Address") or None,
                    company=cell("Company") or None,
                    position=cell("Position") or None,
                    connected_on=_date(row[index["Connected On"]], line),
                )
            )
    except csv.Error as error:
        raise InvalidInput(f"Line {start + reader.line_num}: {error}.") from None
    return parsed
