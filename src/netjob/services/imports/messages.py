"""Logging what you already sent: LinkedIn messages, mail and calendar files.

Files are streamed (a 500 MB mbox is never held whole); parsing and the choice
of each entry's kind are in :mod:`netjob.engine.threads`, the unit of work in
:mod:`netjob.services.imports.batch`. Everything an import
writes goes in one transaction: the new log entries, one ``imported_message``
row per message (its identity, so a re-import adds only what is new), contacts
added with ``add_contacts``, and the refreshed summary of every touched contact,
worked out once at the end. A dry run does the same work and rolls back.
"""

from __future__ import annotations

import io
import mailbox
import re
from collections.abc import Callable, Iterator
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

from netjob.db.store import Store
from netjob.engine.parse import calendar, linkedin_messages, mail, records
from netjob.errors import InvalidInput
from netjob.services.coach import summaries
from netjob.services.imports.batch import (
    NOT_A_CONTACT,
    Import,
    ImportReport,
    Rollback,
    known_keys,
    log_entry,
    next_batch,
    remember,
    run,
)
from netjob.services.imports.people import People, me_settings

Progress = Callable[[int, int], None]
MAX_CALENDAR_BYTES = 100 * 1024 * 1024
CHUNK = 4 * 1024 * 1024


def _check_file(path: Path, what: str) -> int:
    try:
        if path.is_dir():
            raise InvalidInput(f"{path} is a folder; give the {what} file.")
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput(f"No file {path}.") from None
    except OSError as error:
        raise InvalidInput(f"Cannot read {path}: {error.strerror}.") from None
    if size == 0:
        raise InvalidInput(f"{path} is empty (0 bytes); download the {what} again.")
    return size


def import_messages(
    store: Store,
    *,
    path: Path,
    today: date,
    since: date | None = None,
    dry_run: bool = False,
    add_contacts: bool = False,
    keep_text: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """LinkedIn's messages.csv, streamed row by row."""
    size = _check_file(path, "messages.csv")
    reader = linkedin_messages.LinkedInReader(keep_text=keep_text)

    def feed(work: Import) -> None:
        try:
            with path.open("rb") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", errors="strict")
                for n, found in enumerate(reader.read(text), 1):
                    if isinstance(found, records.Skip):
                        work.skip(found.reason)
                    else:
                        work.consider(found)
                    if progress is not None and n % 1000 == 0:
                        progress(raw.tell(), size)
                if progress is not None:
                    progress(size, size)
        except UnicodeDecodeError:
            raise InvalidInput(
                f"{path} is not UTF-8 text; export your data again from LinkedIn "
                "(Settings > Data privacy > Get a copy of your data)."
            ) from None
        except InvalidInput as error:
            raise InvalidInput(f"{path}: {error}") from None

    return run(
        store,
        source="linkedin",
        today=today,
        since=since,
        dry_run=dry_run,
        add_contacts=add_contacts,
        feed=feed,
        owner_from=reader.owner,
    )


_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
_FROM_LINE = re.compile(rb"^from:(.*)$", re.IGNORECASE | re.MULTILINE)
_TO_LINE = re.compile(rb"^to:(.*)$", re.IGNORECASE | re.MULTILINE)
_BULK = re.compile(rb"^(list-unsubscribe|list-id):|^precedence:\s*(bulk|list)", re.I | re.M)


def _mail_sources(paths: list[Path]) -> Iterator[tuple[str, Path]]:
    """('mbox' | 'maildir' | 'eml', path) for each path, checked before anything is read."""
    for path in paths:
        if path.is_dir():
            if not any((path / sub).is_dir() for sub in ("cur", "new")):
                raise InvalidInput(
                    f"{path} is a folder but not a Maildir (no cur/ or new/ inside)."
                )
            yield "maildir", path
            continue
        _check_file(path, "mail")
        with path.open("rb") as f:
            head = f.read(4096)
        if head.startswith(b"From "):
            yield "mbox", path
        elif _HEADER_LINE.match(head.lstrip(b"\xef\xbb\xbf")):
            yield "eml", path
        else:
            raise InvalidInput(
                f"{path} is not mail: neither an mbox (starting with 'From ') nor an .eml "
                "message (starting with headers)."
            )


def _chunks(path: Path, progress: Progress | None, done: list[int], total: int) -> Iterator[bytes]:
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            done[0] += len(chunk)
            if progress is not None:
                progress(done[0], total)
            yield chunk


def import_mail(
    store: Store,
    *,
    paths: list[Path],
    today: date,
    since: date | None = None,
    dry_run: bool = False,
    add_contacts: bool = False,
    keep_text: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """An mbox, a Maildir or .eml files. Only mail whose headers name a contact (or, with
    ``add_contacts``, someone at a target employer) is parsed in full."""
    sources = list(_mail_sources(paths))
    total = sum(p.stat().st_size for kind, p in sources if kind != "maildir") or 1
    parser = BytesParser(policy=policy.default)

    def one(work: Import, raw: bytes) -> None:
        headers = mail.header_block(raw)
        found = mail.addresses_in(headers)
        wanted = bool(found & work.people.emails)
        if not wanted and add_contacts:
            wanted = any(
                work.people.employer(records.Party("", email=a))[1] is not None
                for a in found
                if a not in work.me
            )
        if not wanted:
            _count_unwanted(work, headers)
            return
        message = parser.parsebytes(raw, headersonly=not keep_text)
        if not keep_text and not str(message.get("Subject", "") or "").strip():
            message = parser.parsebytes(raw)  # the note comes from the body
        read = mail.mail_message(
            message, keep_text=keep_text, fallback_key=mail.fallback_key(headers)
        )
        if isinstance(read, records.Skip):
            work.skip(read.reason)
        else:
            work.consider(read)

    def feed(work: Import) -> None:
        done = [0]
        for kind, path in sources:
            if kind == "mbox":
                try:
                    for _, raw in mail.split_mbox(_chunks(path, progress, done, total)):
                        one(work, raw)
                except mail.Truncated:
                    raise InvalidInput(
                        f"{path} ends in the middle of a message (a cut-off download?); "
                        "nothing was imported."
                    ) from None
                except InvalidInput as error:
                    raise InvalidInput(f"{path}: {error}.") from None
            elif kind == "maildir":
                box = mailbox.Maildir(path, factory=None, create=False)
                for key in box.iterkeys():
                    one(work, box.get_bytes(key))
            else:
                one(work, path.read_bytes())
                done[0] += path.stat().st_size
                if progress is not None:
                    progress(done[0], total)
        if progress is not None:
            progress(total, total)

    return run(
        store,
        source="mail",
        today=today,
        since=since,
        dry_run=dry_run,
        add_contacts=add_contacts,
        feed=feed,
    )


def _count_unwanted(work: Import, headers: bytes) -> None:
    if _BULK.search(headers):
        work.skip("newsletter or mailing list")
        return
    sender = _FROM_LINE.search(headers)
    sender_addresses = mail.addresses_in(sender.group(1)) if sender else set()
    if any(records.is_no_reply(a) for a in sender_addresses):
        work.skip("no-reply sender")
        return
    work.skip(NOT_A_CONTACT)
    other = sender_addresses
    if other & work.me or not other:
        to = _TO_LINE.search(headers)
        other = mail.addresses_in(to.group(1)) if to else set()
    for address in sorted(other - work.me)[:1]:
        work.report.not_contacts[work.people.employer(records.Party("", email=address))[0]] += 1


def import_calendar(
    store: Store,
    *,
    path: Path,
    today: date,
    since: date | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Events with a contact become chats: scheduled for their day, past or future (a past
    one then shows in `next` as a chat to say what happened about). A recurring event
    counts once, on its first occurrence."""
    size = _check_file(path, "calendar (.ics)")
    if size > MAX_CALENDAR_BYTES:
        raise InvalidInput(
            f"{path} is {size // (1024 * 1024)} MB; calendars up to "
            f"{MAX_CALENDAR_BYTES // (1024 * 1024)} MB are imported. Is this the right file?"
        )
    try:
        events = calendar.read_calendar(path.read_bytes())
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}.") from None
    report = ImportReport(source="calendar", dry_run=dry_run)
    try:
        with store.transaction():
            emails, _ = me_settings(store)
            people = People(store, connections=False)
            known = known_keys(store, "calendar")
            batch = next_batch(store)
            report.batch = batch
            touched: set[int] = set()
            for event in events:
                _calendar_event(
                    store, event, people, emails, known, report, today, since, batch, touched
                )
            summaries.refresh(store, touched)
            if dry_run:
                raise Rollback
    except Rollback:
        report.batch = None
    return report


def _calendar_event(
    store: Store,
    event: records.Event,
    people: People,
    me: set[str],
    known: set[str],
    report: ImportReport,
    today: date,
    since: date | None,
    batch: int,
    touched: set[int],
) -> None:
    if event.instance:
        report.skipped["changed occurrence of a recurring event"] += 1
        return
    if event.cancelled:
        report.skipped["cancelled event"] += 1
        return
    day, at = calendar.event_day_time(event.start)
    if since is not None and day < since:
        report.skipped["before --since"] += 1
        return
    if event.uid in known:
        report.already += 1
        return
    found = {c["id"]: c for a in event.attendees if a not in me and (c := people.by_email.get(a))}
    if not found:
        by_id = {c["id"]: c for c in people.all}
        found = {
            i: by_id[i]
            for i in calendar.names_in(event.summary, ((c["id"], c["name"]) for c in people.all))
        }
    if not found:
        report.skipped["no contact"] += 1
        return
    if len(found) > 1:
        report.skipped["more than one contact"] += 1
        return
    contact = next(iter(found.values()))
    known.add(event.uid)
    existing = store.value(
        "SELECT id FROM interaction WHERE contact_id = :c AND kind = 'chat' AND occurred_on = :d "
        "ORDER BY id LIMIT 1",
        {"c": contact["id"], "d": day},
    )
    made = existing is None
    if existing is None:
        note = records.first_line(event.summary)
        shown = {"status": "scheduled", "on": day.isoformat(), "time": at, "note": note}
        entry_id = log_entry(
            store,
            report,
            contact,
            {**shown, "recurring": event.recurring},
            logged_on=today,
            kind="chat",
            occurred_on=day,
            at_time=at,
            status="scheduled",
            planned_on=day,
            note=note,
        )
        touched.add(contact["id"])
    else:
        entry_id = int(existing)
        imported_before = store.value(
            "SELECT COUNT(*) FROM imported_message WHERE interaction_id = :id AND created = :t",
            {"id": entry_id, "t": True},
        )
        if imported_before:
            report.already += 1
        else:
            report.linked += 1
    remember(store, "calendar", batch, today, event.uid, entry_id, made)
