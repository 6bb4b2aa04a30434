"""Reading LinkedIn's messages.csv into :class:`~netjob.engine.parse.records.Message` records."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from netjob.engine.parse.connections import rows_of
from netjob.engine.parse.records import Message, Party, Skip, profile_url, repair
from netjob.errors import InvalidInput

MESSAGE_COLUMNS = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
)
_SPLIT = re.compile(r"\s*,\s*")
FIELD_LIMIT = 16 * 1024 * 1024


def _linkedin_date(raw: str, line: int) -> datetime:
    text = raw.strip().removesuffix("UTC").strip()
    if len(text) == 19 and text[10] in " T":
        try:
            return datetime.fromisoformat(text).replace(tzinfo=UTC)
        except ValueError:
            pass
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise InvalidInput(f"Line {line}: DATE is '{raw}', not a date like 2024-03-12 14:03:21 UTC.")


@dataclass(slots=True)
class LinkedInReader:
    """Reads messages.csv row by row; remembers who took part in each conversation so
    that the account owner can be inferred afterwards."""

    keep_text: bool = False
    conversations: dict[str, set[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def read(self, lines: Iterable[str]) -> Iterator[Message | Skip]:
        # a long HTML message can pass csv's default 128 KB field limit
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
        reader = csv.reader(lines, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise InvalidInput("The file is empty.")
            header = [h.strip().lstrip("\ufeff").upper() for h in header]
            if header and (header[0].startswith("NOTES:") or "FIRST NAME" in header):
                raise InvalidInput(
                    "This is LinkedIn's Connections.csv, not messages.csv; "
                    "import it with `netjob import linkedin`."
                )
            missing = [c for c in MESSAGE_COLUMNS if c not in header]
            if missing:
                raise InvalidInput(
                    f"Not a LinkedIn messages.csv: the header lacks {', '.join(missing)} "
                    f"(expected {', '.join(MESSAGE_COLUMNS)})."
                )
            index = {name: header.index(name) for name in MESSAGE_COLUMNS}
            for line, row in rows_of(reader, header):
                yield self._message(row, index, line)
        except csv.Error as error:
            raise InvalidInput(f"Line {reader.line_num}: {error}.") from None

    def _message(self, row: list[str], index: dict[str, int], line: int) -> Message | Skip:
        def cell(name: str) -> str:
            return row[index[name]].strip()

        conversation = cell("CONVERSATION ID")
        folder = cell("FOLDER").upper()
        title = cell("CONVERSATION TITLE")
        when = _linkedin_date(cell("DATE"), line)
        sender = Party(
            repair(" ".join(cell("FROM").split())), url=profile_url(cell("SENDER PROFILE URL"))
        )
        urls = [profile_url(u) for u in _SPLIT.split(cell("RECIPIENT PROFILE URLS")) if u.strip()]
        to_names = [repair(" ".join(n.split())) for n in _SPLIT.split(cell("TO")) if n.strip()]
        if len(to_names) != len(urls):
            to_names = [repair(" ".join(cell("TO").split()))] if len(urls) == 1 else []
        recipients = tuple(
            Party(to_names[n] if n < len(to_names) else "", url=u) for n, u in enumerate(urls)
        )
        if not recipients and to_names:
            recipients = tuple(Party(n) for n in to_names)
        people = {sender.ident, *(r.ident for r in recipients)}
        self.conversations.setdefault(conversation, set()).update(people)
        for party in (sender, *recipients):
            if party.name:
                self.names.setdefault(party.ident, party.name)
        if folder == "SPAM":
            return Skip("spam folder", line)
        if "SPONSORED" in folder or title.casefold().startswith("sponsored"):
            return Skip("sponsored message", line)
        if not sender.url and sender.name.casefold() in {"linkedin", "linkedin member", ""}:
            return Skip("sent by LinkedIn itself", line)
        return Message(
            source="linkedin",
            key=f"{conversation}|{cell('DATE')}|{sender.url or sender.name}",
            when=when,
            sender=sender,
            recipients=recipients,
            subject=cell("SUBJECT"),
            line=line,
            content=row[index["CONTENT"]],
            keep_text=self.keep_text,
        )

    def owner(self) -> str | None:
        """The one participant present in every conversation (the account owner)."""
        common: set[str] | None = None
        for people in self.conversations.values():
            common = set(people) if common is None else common & people
            if not common:
                return None
        if not common or len(common) != 1 or len(self.conversations) < 2:
            return None
        return next(iter(common))
