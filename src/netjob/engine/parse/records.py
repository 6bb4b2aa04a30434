"""What messages, mail and calendar files are read into: plain records, with the text
helpers the readers share.

Pure: the services open the files and pass in lines, byte chunks or parsed messages;
nothing here touches the database. The readers (:mod:`.linkedin_messages`, :mod:`.mail`,
:mod:`.calendar`) produce :class:`Message` and :class:`Event` (or :class:`Skip` with a
reason); :mod:`netjob.engine.threads` decides what each message becomes in the log.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

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
