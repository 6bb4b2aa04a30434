"""Reading mail (mbox files, one message at a time) into
:class:`~netjob.engine.parse.records.Message` records."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import UTC
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

from netjob.engine.parse.records import Message, Party, Skip, first_line, is_no_reply, plain, repair
from netjob.errors import InvalidInput


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


# A match starts only where a run of address characters starts: otherwise every position
# inside a long run (a 1 MB subject) rescans the rest of it, quadratic in its length.
_ADDRESS = re.compile(rb"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


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


# Subjects an automatic reply starts with, in the languages mail clients write them in.
_AUTO_SUBJECTS = (
    "automatic reply",
    "auto-reply",
    "autoreply",
    "auto reply",
    "out of office",
    "out of the office",
    "abwesenheitsnotiz",
    "réponse automatique",
    "respuesta automática",
    "risposta automatica",
    "automatisch antwoord",
)


def is_auto_reply(message: EmailMessage, subject: str) -> bool:
    """An out-of-office or other message a program sent (RFC 3834 and the common habits):
    not hearing from a person (METHOD section 7)."""
    submitted = str(message.get("Auto-Submitted", "") or "").split(";")[0].strip().casefold()
    precedence = str(message.get("Precedence", "") or "").strip().casefold()
    if (submitted and submitted != "no") or precedence == "auto_reply":
        return True
    if message.get("X-Autoreply") is not None or message.get("X-Autorespond") is not None:
        return True
    return subject.casefold().startswith(_AUTO_SUBJECTS)


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
    if is_auto_reply(message, subject):
        return Skip("automatic reply")
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
