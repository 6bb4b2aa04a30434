"""Reading messages, mail and calendar files into plain records, and deciding what
each becomes in the log.

Pure: the services open the files and pass in lines, byte chunks or parsed
messages; nothing here touches the database. Three readers
(:mod:`netjob.engine.linkedin_messages`, :mod:`netjob.engine.mail`,
:mod:`netjob.engine.ics`) produce the records defined here, :class:`Message` /
:class:`Event` (or :class:`Skip` with a reason), with the text helpers below;
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

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

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
