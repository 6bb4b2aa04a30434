"""Reading messages, mail and calendar files into plain records, and deciding what
each becomes in the log.

Pure: the services open the files and pass in lines, byte chunks or parsed
messages; nothing here touches the database. Three readers produce
:class:`Message` / :class:`Event` records (or :class:`Skip` with a reason), and
:func:`classify` turns one contact's messages, merged with what their log
already holds, into entries:

- their message -> ``reply``;
- yours, before you ever heard from them: the first -> ``outreach``, the next
  ones -> ``follow_up``;
- yours after they replied (or a chat) -> ``update``;
- several messages in a row the same way on the same day are one entry;
- a message on a day the log already has an entry in the same direction (you
  wrote / they wrote; typed by hand or imported before) is that entry, not a new
  one.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from netjob.errors import InvalidInput

# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    email: str | None = None
    url: str | None = None

    @property
    def ident(self) -> str:
        return self.url or self.email or f"name:{self.name.casefold()}"


@dataclass(slots=True)
class Message:
    """One message, as read from a file."""

    source: str  # "linkedin" or "mail"
    key: str  # its identity, for idempotent re-imports
    when: datetime  # aware
    sender: Party
    recipients: tuple[Party, ...]
    subject: str = ""
    first_line: str | None = None
    text: str | None = None
    line: int = 0
    content: str | None = None  # raw text (maybe HTML), read by :meth:`finish` when needed
    keep_text: bool = False

    def finish(self) -> Message:
        """Read the first line (and, with keep_text, the text) out of the raw content:
        done only for messages that will be logged."""
        if self.content is not None:
            body = plain(self.content)
            self.first_line = first_line(body) or first_line(self.subject)
            self.text = body.strip() or None if self.keep_text else None
            self.content = None
        return self

    def day(self, tz: tzinfo | None = None) -> date:
        """The day in the user's time zone (the system's, unless ``tz`` is given)."""
        return self.when.astimezone(tz).date()


@dataclass(frozen=True, slots=True)
class Skip:
    reason: str
    line: int = 0


@dataclass(slots=True)
class Event:
    uid: str
    start: datetime | date
    summary: str
    attendees: tuple[str, ...]
    recurring: bool = False
    cancelled: bool = False
    instance: bool = False  # a changed occurrence of a recurring event (RECURRENCE-ID)


# ---------------------------------------------------------------- text helpers

_MOJIBAKE = re.compile(
    "[ÃÂÅÄÆÐÑâ]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122]"
)
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/h\d|p|div)\b[^>]*>", re.IGNORECASE)
_NO_REPLY = re.compile(
    r"^(no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?|notifications?)"
    r"([+._-].*)?$",
    re.IGNORECASE,
)
FIRST_LINE_MAX = 200


@functools.lru_cache(maxsize=65536)
def repair(text: str) -> str:
    """Undo UTF-8 read as Windows-1252/Latin-1 ('JosÃ©' -> 'José'); other text unchanged."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def plain(text: str) -> str:
    """Message text without HTML markup."""
    if "<" in text and ">" in text:
        text = re.sub(r"\n\s*\n+", "\n", _TAG.sub("", _BREAK.sub("\n", text)))
    return html.unescape(text)


_GREETING = re.compile(
    r"^(hi|hello|hey|dear|hallo|bonjour|hola|good (morning|afternoon|evening))\b[^.?]{0,40}[,!:]?$",
    re.IGNORECASE,
)


def first_line(text: str | None) -> str | None:
    """The first line that says something: a greeting alone ('Hi Jane,') is passed over
    when more follows."""
    if not text:
        return None
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 1 and _GREETING.match(lines[0]):
        lines = lines[1:]
    if not lines:
        return None
    line = lines[0]
    return line if len(line) <= FIRST_LINE_MAX else line[: FIRST_LINE_MAX - 1] + "…"


@functools.lru_cache(maxsize=65536)
def profile_url(raw: str | None) -> str | None:
    """A LinkedIn profile URL's identity: 'https://www.linkedin.com/in/jane-doe/?x' ->
    'linkedin.com/in/jane-doe'."""
    if not raw or not raw.strip():
        return None
    url = raw.strip().casefold()
    url = re.sub(r"^[a-z]+://", "", url)
    url = re.sub(r"^(www\.|[a-z]{2}\.)(?=linkedin\.com)", "", url)
    url = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return url or None


def is_no_reply(address: str) -> bool:
    return bool(_NO_REPLY.match(address.partition("@")[0]))


def domain(address: str) -> str:
    return address.rpartition("@")[2].casefold()


def website_domain(website: str | None) -> str | None:
    if not website:
        return None
    host = re.sub(r"^[a-z]+://", "", website.strip().casefold()).split("/", 1)[0]
    host = host.removeprefix("www.")
    return host or None


# ---------------------------------------------------------------- LinkedIn messages.csv

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
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise InvalidInput(
                        f"Line {line}: {len(row)} fields where the header has {len(header)} "
                        "(a quote or comma out of place?)."
                    )
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


# ---------------------------------------------------------------- mail


class Truncated(Exception):
    """The mbox ends in the middle of a message."""


def split_mbox(chunks: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """(offset, message bytes) for each message of an mbox stream, without its 'From '
    line; holds one message and one chunk in memory at a time.

    Raises InvalidInput when the stream does not start like an mbox, and
    :class:`Truncated` when it stops inside a message's headers."""
    buffer = b""
    offset = 0  # file offset of buffer[0]
    started = False
    start = 0  # start of the current message in buffer (after its From_ line)
    for chunk in chunks:
        if not chunk:
            continue
        buffer += chunk
        if not started:
            if len(buffer) < 5:
                continue
            if not buffer.startswith(b"From "):
                raise InvalidInput("not an mbox file (it does not start with a 'From ' line)")
            end = buffer.find(b"\n")
            if end < 0:
                continue
            start, started = end + 1, True
        search = start
        while True:
            found = buffer.find(b"\nFrom ", search)
            if found < 0:
                break
            line_end = buffer.find(b"\n", found + 1)
            if line_end < 0:
                break
            yield offset + start, buffer[start : found + 1]
            start = line_end + 1
            search = start
        # keep the unfinished message (and a possible partial separator)
        offset += start
        buffer = buffer[start:]
        start = 0
    if not started:
        if buffer.startswith(b"From "):
            raise Truncated(offset)
        if buffer.strip():
            raise InvalidInput("not an mbox file (it does not start with a 'From ' line)")
        return
    if buffer.strip():
        if not buffer.endswith(b"\n") or not re.search(rb"\r?\n\r?\n", buffer):
            raise Truncated(offset)
        yield offset, buffer


_ADDRESS = re.compile(rb"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def header_block(raw: bytes) -> bytes:
    """The headers of a raw message (up to the first blank line)."""
    match = re.search(rb"\r?\n\r?\n", raw)
    return raw if match is None else raw[: match.start()]


def addresses_in(headers: bytes) -> set[str]:
    """Every address-like string in raw headers, lower-cased (a quick pre-filter)."""
    return {m.decode("ascii", "replace").casefold() for m in _ADDRESS.findall(headers)}


def is_bulk(message: EmailMessage) -> bool:
    precedence = str(message.get("Precedence", "")).strip().casefold()
    return bool(
        message.get("List-Unsubscribe") or message.get("List-Id") or precedence in {"bulk", "list"}
    )


def _parties(message: EmailMessage, *names: str) -> list[Party]:
    found = []
    for raw in getaddresses([str(v) for n in names for v in message.get_all(n, [])]):
        name, address = raw
        if address and "@" in address:
            found.append(Party(repair(" ".join(name.split())), email=address.casefold()))
    return found


def mail_message(message: EmailMessage, *, keep_text: bool, fallback_key: str) -> Message | Skip:
    """One parsed mail (email.policy.default) as a Message, or why it is skipped."""
    try:
        senders = _parties(message, "From")
        recipients = _parties(message, "To", "Cc")
        subject = " ".join(str(message.get("Subject", "") or "").split())
        raw_date = message.get("Date")
    except (ValueError, TypeError, IndexError, AttributeError):
        return Skip("unreadable headers")
    if not senders:
        return Skip("no sender")
    if is_bulk(message):
        return Skip("newsletter or mailing list")
    if is_no_reply(senders[0].email or ""):
        return Skip("no-reply sender")
    try:
        when = parsedate_to_datetime(str(raw_date)) if raw_date else None
    except (TypeError, ValueError, IndexError):
        when = None
    if when is None:
        return Skip("no date")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    ident = str(message.get("Message-ID", "") or "").strip()
    key = ident or fallback_key
    body = None
    if keep_text:
        body = _body(message)
    return Message(
        source="mail",
        key=key,
        when=when,
        sender=senders[0],
        recipients=tuple(recipients),
        subject=subject,
        first_line=first_line(subject) or first_line(_body(message)),
        text=body,
    )


def _body(message: EmailMessage) -> str | None:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return None
        content = part.get_content()
    except (KeyError, LookupError, ValueError, AttributeError, TypeError):
        return None
    if not isinstance(content, str):
        return None
    return plain(content).strip() or None


def fallback_key(headers: bytes) -> str:
    """A key for mail without a Message-ID: a digest of its headers."""
    return "sha1:" + hashlib.sha1(headers, usedforsecurity=False).hexdigest()


# ---------------------------------------------------------------- calendar


def read_calendar(data: bytes) -> list[Event]:
    """The VEVENTs of an .ics file (icalendar); InvalidInput if it is not a calendar."""
    from icalendar import Calendar

    if not data.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR"):
        raise InvalidInput("not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        raise InvalidInput(f"not a readable iCalendar file ({error})") from None
    events = []
    for n, component in enumerate(calendar.walk("VEVENT")):
        try:
            event = _event(component, n)
        except Exception as error:  # icalendar raises many kinds on a malformed value
            uid = str(component.get("UID") or f"number {n + 1}")
            raise InvalidInput(f"event {uid} is not readable ({error})") from None
        if event is not None:
            events.append(event)
    return events


def _event(component: Any, n: int) -> Event | None:
    start = component.get("DTSTART")
    if start is None:
        return None
    attendees = component.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    emails = tuple(
        str(a).removeprefix("mailto:").removeprefix("MAILTO:").strip().casefold()
        for a in attendees
        if str(a).strip()
    )
    uid = str(component.get("UID") or f"no-uid-{n}")
    return Event(
        uid=uid,
        start=start.dt,
        summary=repair(" ".join(str(component.get("SUMMARY") or "").split())),
        attendees=emails,
        recurring=component.get("RRULE") is not None,
        cancelled=str(component.get("STATUS") or "").upper() == "CANCELLED",
        instance=component.get("RECURRENCE-ID") is not None,
    )


def event_day_time(start: datetime | date, tz: tzinfo | None = None) -> tuple[date, str | None]:
    """An event's local day and HH:MM (None for all-day events; floating times as is)."""
    if isinstance(start, datetime):
        local = start.astimezone(tz) if start.tzinfo is not None else start
        return local.date(), local.strftime("%H:%M")
    return start, None


def names_in(summary: str, people: Iterable[tuple[Any, str]]) -> list[Any]:
    """Which of ``people`` ((id, full name) pairs) are named, whole, in ``summary``."""
    folded = " ".join(summary.casefold().split())
    found = []
    for ident, name in people:
        key = " ".join(name.casefold().split())
        if key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            found.append(ident)
    return found


# ---------------------------------------------------------------- classification

OUT_KINDS = frozenset({"outreach", "follow_up", "update", "referral_ask", "thanks"})
HEARD_KINDS = frozenset({"reply", "referral"})


@dataclass(frozen=True, slots=True)
class Prior:
    """An entry already in the contact's log."""

    id: int
    kind: str
    on: date
    status: str | None = None
    typed: bool = True  # typed by hand (not created by an import)


@dataclass(frozen=True, slots=True)
class Incoming:
    key: str
    when: datetime
    on: date
    inbound: bool
    note: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Planned:
    """What one incoming message becomes: a new entry of ``kind`` (``new`` is its
    index among the new entries), or the existing entry ``existing``."""

    message: Incoming
    kind: str
    new: int | None = None
    existing: int | None = None
    by_hand: bool = False  # the existing entry was typed by hand


def _direction(prior: Prior) -> str | None:
    if prior.kind in OUT_KINDS:
        return "out"
    if prior.kind in HEARD_KINDS:
        return "in"
    return None


def classify(prior: Iterable[Prior], incoming: Iterable[Incoming]) -> list[Planned]:
    """Decide what each new message of one contact becomes (see the module doc).

    Within one contact's messages a thread is the whole conversation with them,
    whatever the channel's own threading: a second first-message to someone who
    never answered is a follow-up, not a new outreach."""
    events: list[tuple[date, int, datetime | None, Prior | Incoming]] = []
    for p in prior:
        events.append((p.on, 0, None, p))
    for m in incoming:
        events.append((m.on, 1, m.when, m))
    events.sort(key=lambda e: (e[0], e[1], e[2] or datetime.min.replace(tzinfo=UTC)))
    same_day: dict[tuple[date, str], Prior] = {}
    for p in sorted(prior, key=lambda p: (not p.typed, p.id)):
        direction = _direction(p)
        if direction is not None:
            same_day.setdefault((p.on, direction), p)
    wrote = heard = False
    last: tuple[date, str, int] | None = None  # (day, direction, new index) of the last new entry
    planned: list[Planned] = []
    new_count = 0
    for _, _, _, item in events:
        if isinstance(item, Prior):
            direction = _direction(item)
            if item.kind in OUT_KINDS:
                wrote = True
            if item.kind in HEARD_KINDS or (
                item.kind == "chat" and item.status in {"held", "scheduled"}
            ):
                heard = True
            if direction is not None or item.kind == "chat":
                last = None
            continue
        direction = "in" if item.inbound else "out"
        if (item.on, direction) in same_day:
            match = same_day[(item.on, direction)]
            planned.append(Planned(item, "", existing=match.id, by_hand=match.typed))
            last = None
        elif last is not None and last[0] == item.on and last[1] == direction:
            planned.append(Planned(item, "", new=last[2]))
        else:
            if item.inbound:
                kind = "reply"
            elif heard:
                kind = "update"
            elif wrote:
                kind = "follow_up"
            else:
                kind = "outreach"
            planned.append(Planned(item, kind, new=new_count))
            last = (item.on, direction, new_count)
            new_count += 1
        if item.inbound:
            heard = True
        else:
            wrote = True
    return planned
