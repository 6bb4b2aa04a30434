"""Logging what you already sent: LinkedIn messages, mail and calendar files.

Files are streamed (a 500 MB mbox is never held whole); parsing and the choice
of each entry's kind are in :mod:`netjob.engine.inbox`. Everything an import
writes goes in one transaction: the new log entries, one ``imported_message``
row per message (its identity, so a re-import adds only what is new), contacts
added with ``add_contacts``, and the refreshed derived data of every touched
contact, computed once at the end. A dry run does the same work and rolls back.
"""

from __future__ import annotations

import io
import mailbox
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from netjob.engine import inbox, names
from netjob.errors import InvalidInput
from netjob.services import derived
from netjob.services.log import insert as _insert
from netjob.services.timeline import KIND_LABELS
from netjob.store import Store

Progress = Callable[[int, int], None]
MAX_CALENDAR_BYTES = 100 * 1024 * 1024
CHUNK = 4 * 1024 * 1024
SETTING_EMAILS = "me.emails"
SETTING_LINKEDIN = "me.linkedin"
CHANNELS = {"linkedin": "linkedin", "mail": "email", "calendar": None}
NOT_A_CONTACT = "not a contact"


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run."""


@dataclass(slots=True)
class ImportReport:
    """What an import logged (or, in a dry run, would log), and what it skipped and why."""

    source: str
    dry_run: bool
    logged: int = 0
    linked: int = 0  # messages matching an entry already typed by hand
    already: int = 0  # messages imported before
    contacts: dict[int, dict[str, Any]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    not_contacts: Counter[str] = field(default_factory=Counter)
    added_contacts: list[dict[str, Any]] = field(default_factory=list)
    owner: str | None = None
    owner_inferred: bool = False
    batch: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        """How many things the import writes (entries, links to typed ones, contacts)."""
        return self.logged + self.linked + len(self.added_contacts)

    def add_entry(self, contact: dict[str, Any], entry: dict[str, Any]) -> None:
        found = self.contacts.setdefault(
            contact["id"],
            {
                "contact_id": contact["id"],
                "contact": contact["name"],
                "company": contact["company"],
                "entries": [],
            },
        )
        found["entries"].append(entry)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "logged": self.logged,
            "already_logged_by_hand": self.linked,
            "already_imported": self.already,
            "contacts": sorted(
                self.contacts.values(), key=lambda c: names.person_key(c["contact"])
            ),
            "skipped": dict(sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0]))),
            "not_contacts": dict(sorted(self.not_contacts.items(), key=lambda kv: (-kv[1], kv[0]))),
            "added_contacts": self.added_contacts,
            "owner": self.owner,
            "owner_inferred": self.owner_inferred,
            "warnings": self.warnings,
        }


# ---------------------------------------------------------------- who is who


def me_settings(store: Store) -> tuple[set[str], str | None]:
    rows = {
        r["key"]: r["value"]
        for r in store.rows(
            "SELECT key, value FROM setting WHERE key IN (:a, :b)",
            {"a": SETTING_EMAILS, "b": SETTING_LINKEDIN},
        )
    }
    emails = {e.strip().casefold() for e in rows.get(SETTING_EMAILS, "").split(",") if e.strip()}
    return emails, inbox.profile_url(rows.get(SETTING_LINKEDIN))


class _People:
    """Contacts by profile URL, email and (when unique) exact name key; target employers
    by name key and web domain; LinkedIn connections by profile URL."""

    def __init__(self, store: Store, *, connections: bool) -> None:
        self.by_url: dict[str, dict[str, Any]] = {}
        self.by_email: dict[str, dict[str, Any]] = {}
        by_key: dict[str, list[dict[str, Any]]] = {}
        self.all: list[dict[str, Any]] = []
        for r in store.rows(
            "SELECT k.id, k.name, k.name_key, k.email, k.linkedin, k.company_id, "
            "c.name AS company FROM contact k LEFT JOIN company c ON c.id = k.company_id"
        ):
            row = {
                "id": r["id"],
                "name": r["name"],
                "company_id": r["company_id"],
                "company": r["company"],
            }
            self.all.append(row)
            url = inbox.profile_url(r["linkedin"])
            if url:
                self.by_url.setdefault(url, row)
            if r["email"]:
                self.by_email.setdefault(r["email"].strip().casefold(), row)
            by_key.setdefault(r["name_key"], []).append(row)
        self.by_key = {k: v[0] for k, v in by_key.items() if len(v) == 1}
        self.company_by_key: dict[str, tuple[int, str]] = {}
        self.company_by_domain: dict[str, tuple[int, str]] = {}
        for c in store.rows("SELECT id, name, name_key, website FROM company"):
            self.company_by_key[c["name_key"]] = (c["id"], c["name"])
            site = inbox.website_domain(c["website"])
            if site:
                self.company_by_domain[site] = (c["id"], c["name"])
        self.connections: dict[str, dict[str, Any]] = {}
        if connections:
            for c in store.rows(
                "SELECT id, url, company, company_key FROM connection WHERE url IS NOT NULL"
            ):
                url = inbox.profile_url(c["url"])
                if url:
                    self.connections[url] = {
                        "id": c["id"],
                        "company": c["company"],
                        "company_key": c["company_key"],
                    }
        self.emails = set(self.by_email)

    def match(self, party: inbox.Party) -> dict[str, Any] | None:
        if party.url and party.url in self.by_url:
            return self.by_url[party.url]
        if party.email and party.email in self.by_email:
            return self.by_email[party.email]
        key = names.person_key(party.name) if party.name else ""
        return self.by_key.get(key) if key else None

    def employer(self, party: inbox.Party) -> tuple[str, tuple[int, str] | None]:
        """(the company to count them under, the target employer if they work at one)."""
        if party.url and party.url in self.connections:
            found = self.connections[party.url]
            target = self.company_by_key.get(found["company_key"] or "")
            return (target[1] if target else found["company"] or "unknown company"), target
        if party.email:
            site = inbox.domain(party.email)
            parts = site.split(".")
            for n in range(len(parts) - 1):
                target = self.company_by_domain.get(".".join(parts[n:]))
                if target:
                    return target[1], target
            return site, None
        return "unknown company", None


# ---------------------------------------------------------------- the import itself


@dataclass(slots=True)
class _Import:
    store: Store
    report: ImportReport
    today: date
    since: date | None
    add_contacts: bool
    people: _People
    me: set[str]
    known: set[str]
    incoming: dict[int, list[inbox.Incoming]] = field(default_factory=dict)
    unresolved: Counter[frozenset[inbox.Party]] = field(default_factory=Counter)
    added: dict[str, dict[str, Any]] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.report.skipped[reason] += 1

    def consider(self, message: inbox.Message) -> None:
        day = message.day()
        if self.since is not None and day < self.since:
            self.skip("before --since")
            return
        if day > self.today:
            self.skip("dated after today")
            return
        if message.key in self.known:
            self.report.already += 1
            return
        parties = list({p.ident: p for p in (message.sender, *message.recipients)}.values())
        if self.me:
            others = [p for p in parties if p.ident not in self.me]
            group = len(others) > 1
        else:
            others = parties
            group = len(parties) > 2
        if group:
            self.skip("group conversation")
            return
        matches = [(p, found) for p in others if (found := self.people.match(p)) is not None]
        if len(matches) > 1:
            self.skip("between two contacts")
            return
        if not matches:
            added = self._maybe_add(others)
            if added is None:
                self._count_stranger(others, message)
                return
            matches = [added]
        party, contact = matches[0]
        inbound = message.sender.ident == party.ident
        if self.me and not inbound and message.sender.ident not in self.me:
            self.skip("sent by someone else")
            return
        self.known.add(message.key)
        message.finish()
        self.incoming.setdefault(contact["id"], []).append(
            inbox.Incoming(
                key=message.key,
                when=message.when,
                on=day,
                inbound=inbound,
                note=message.first_line,
                text=message.text,
            )
        )

    def _count_stranger(self, others: list[inbox.Party], message: inbox.Message) -> None:
        self.skip(NOT_A_CONTACT)
        if self.me or len(others) == 1:
            other = others[0] if len(others) == 1 else message.sender
            self.report.not_contacts[self.people.employer(other)[0]] += 1
        else:
            self.unresolved[frozenset(others)] += 1

    def _maybe_add(self, others: list[inbox.Party]) -> tuple[inbox.Party, dict[str, Any]] | None:
        if not self.add_contacts:
            return None
        for party in others:
            if party.ident in self.me or not party.name:
                continue
            if party.ident in self.added:
                return party, self.added[party.ident]
            _, target = self.people.employer(party)
            if target is None:
                continue
            contact = self._add_contact(party, target)
            self.added[party.ident] = contact
            return party, contact
        return None

    def _add_contact(self, party: inbox.Party, target: tuple[int, str]) -> dict[str, Any]:
        linkedin_url = f"https://www.{party.url}" if party.url else None
        contact_id = self.store.insert(
            "contact",
            {
                "name": party.name,
                "name_key": names.person_key(party.name),
                "company_id": target[0],
                "email": party.email,
                "linkedin": linkedin_url,
                "how": "linkedin" if party.url else "email",
                "created_on": self.today,
                "updated_on": self.today,
            },
        )
        connection = self.people.connections.get(party.url or "")
        if connection is not None:
            self.store.execute(
                "UPDATE connection SET contact_id = :k WHERE id = :id AND contact_id IS NULL",
                {"k": contact_id, "id": connection["id"]},
            )
        row = {"id": contact_id, "name": party.name, "company_id": target[0], "company": target[1]}
        self.report.added_contacts.append(
            {"id": contact_id, "name": party.name, "company": target[1]}
        )
        return row

    def resolve_owner(self, owner: str | None) -> None:
        """Count messages with strangers once the account owner is known."""
        for group, count in self.unresolved.items():
            others = [p for p in group if p.ident != owner] or list(group)
            self.report.not_contacts[self.people.employer(others[0])[0]] += count
        self.unresolved.clear()

    def finish(self, source: str, channel: str | None) -> None:
        """Classify and write each contact's new messages, then refresh derived data once."""
        batch = int(self.store.value("SELECT MAX(batch) FROM imported_message") or 0) + 1
        self.report.batch = batch
        contacts = {c["id"]: c for c in self.people.all}
        contacts.update({c["id"]: c for c in self.added.values()})
        for contact_id, messages in self.incoming.items():
            contact = contacts[contact_id]
            planned = inbox.classify(_prior(self.store, contact_id), messages)
            created: dict[int, int] = {}
            for plan in planned:
                if plan.existing is not None:
                    entry_id, made = plan.existing, False
                    self.report.linked += plan.by_hand
                    self.report.already += not plan.by_hand
                elif plan.new is not None and plan.new in created:
                    entry_id, made = created[plan.new], True
                else:
                    assert plan.new is not None
                    message = plan.message
                    entry_id = _insert(
                        self.store,
                        logged_on=self.today,
                        kind=plan.kind,
                        contact_id=contact_id,
                        company_id=contact["company_id"],
                        occurred_on=message.on,
                        channel=channel,
                        note=message.note,
                        message=message.text,
                    )
                    created[plan.new] = entry_id
                    made = True
                    self.report.logged += 1
                    self.report.add_entry(
                        contact,
                        {
                            "id": entry_id,
                            "kind": plan.kind,
                            "on": message.on.isoformat(),
                            "note": message.note,
                        },
                    )
                self.store.insert(
                    "imported_message",
                    {
                        "source": source,
                        "source_key": plan.message.key,
                        "interaction_id": entry_id,
                        "batch": batch,
                        "created": made,
                        "imported_on": self.today,
                    },
                )
        derived.refresh(self.store, contacts=list(self.incoming))


def _prior(store: Store, contact_id: int) -> list[inbox.Prior]:
    return [
        inbox.Prior(
            r["id"],
            r["kind"],
            date.fromisoformat(str(r["occurred_on"])),
            r["status"],
            typed=not r["imported"],
        )
        for r in store.rows(
            "SELECT i.id, i.kind, i.occurred_on, i.status, "
            "(SELECT COUNT(*) FROM imported_message m WHERE m.interaction_id = i.id) AS imported "
            "FROM interaction i WHERE i.contact_id = :id",
            {"id": contact_id},
        )
    ]


def _known(store: Store, source: str) -> set[str]:
    return {
        r["source_key"]
        for r in store.rows(
            "SELECT source_key FROM imported_message WHERE source = :s", {"s": source}
        )
    }


def _run(
    store: Store,
    *,
    source: str,
    today: date,
    since: date | None,
    dry_run: bool,
    add_contacts: bool,
    feed: Callable[[_Import], None],
    owner_from: Callable[[], str | None] | None = None,
) -> ImportReport:
    report = ImportReport(source=source, dry_run=dry_run)
    try:
        with store.transaction():
            emails, linkedin_me = me_settings(store)
            me = emails | ({linkedin_me} if linkedin_me and source == "linkedin" else set())
            work = _Import(
                store=store,
                report=report,
                today=today,
                since=since,
                add_contacts=add_contacts,
                people=_People(store, connections=source == "linkedin"),
                me=me,
                known=_known(store, source),
            )
            feed(work)
            if owner_from is not None:
                if linkedin_me:
                    report.owner = linkedin_me
                    inferred = owner_from()
                    if inferred is not None and inferred != linkedin_me:
                        report.warnings.append(
                            f"me.linkedin is {linkedin_me}, but {inferred} is the one person "
                            "in every conversation; if that is you, set it with "
                            f"`netjob settings set me.linkedin https://www.{inferred}`."
                        )
                else:
                    report.owner, report.owner_inferred = owner_from(), True
                work.resolve_owner(report.owner)
            work.finish(source, CHANNELS[source])
            if dry_run:
                raise _Rollback
    except _Rollback:
        report.batch = None
    return report


# ---------------------------------------------------------------- files


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
    reader = inbox.LinkedInReader(keep_text=keep_text)

    def feed(work: _Import) -> None:
        try:
            with path.open("rb") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", errors="strict")
                for n, found in enumerate(reader.read(text), 1):
                    if isinstance(found, inbox.Skip):
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

    return _run(
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

    def one(work: _Import, raw: bytes) -> None:
        headers = inbox.header_block(raw)
        found = inbox.addresses_in(headers)
        wanted = bool(found & work.people.emails)
        if not wanted and add_contacts:
            wanted = any(
                work.people.employer(inbox.Party("", email=a))[1] is not None
                for a in found
                if a not in work.me
            )
        if not wanted:
            _count_unwanted(work, headers)
            return
        message = parser.parsebytes(raw, headersonly=not keep_text)
        if not keep_text and not str(message.get("Subject", "") or "").strip():
            message = parser.parsebytes(raw)  # the note comes from the body
        read = inbox.mail_message(
            message, keep_text=keep_text, fallback_key=inbox.fallback_key(headers)
        )
        if isinstance(read, inbox.Skip):
            work.skip(read.reason)
        else:
            work.consider(read)

    def feed(work: _Import) -> None:
        done = [0]
        for kind, path in sources:
            if kind == "mbox":
                try:
                    for _, raw in inbox.split_mbox(_chunks(path, progress, done, total)):
                        one(work, raw)
                except inbox.Truncated:
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

    return _run(
        store,
        source="mail",
        today=today,
        since=since,
        dry_run=dry_run,
        add_contacts=add_contacts,
        feed=feed,
    )


def _count_unwanted(work: _Import, headers: bytes) -> None:
    if _BULK.search(headers):
        work.skip("newsletter or mailing list")
        return
    sender = _FROM_LINE.search(headers)
    sender_addresses = inbox.addresses_in(sender.group(1)) if sender else set()
    if any(inbox.is_no_reply(a) for a in sender_addresses):
        work.skip("no-reply sender")
        return
    work.skip(NOT_A_CONTACT)
    other = sender_addresses
    if other & work.me or not other:
        to = _TO_LINE.search(headers)
        other = inbox.addresses_in(to.group(1)) if to else set()
    for address in sorted(other - work.me)[:1]:
        work.report.not_contacts[work.people.employer(inbox.Party("", email=address))[0]] += 1


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
        events = inbox.read_calendar(path.read_bytes())
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}.") from None
    report = ImportReport(source="calendar", dry_run=dry_run)
    try:
        with store.transaction():
            emails, _ = me_settings(store)
            people = _People(store, connections=False)
            known = _known(store, "calendar")
            batch = int(store.value("SELECT MAX(batch) FROM imported_message") or 0) + 1
            report.batch = batch
            touched: set[int] = set()
            for event in events:
                _calendar_event(
                    store, event, people, emails, known, report, today, since, batch, touched
                )
            derived.refresh(store, contacts=sorted(touched))
            if dry_run:
                raise _Rollback
    except _Rollback:
        report.batch = None
    return report


def _calendar_event(
    store: Store,
    event: inbox.Event,
    people: _People,
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
    day, at = inbox.event_day_time(event.start)
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
            for i in inbox.names_in(event.summary, ((c["id"], c["name"]) for c in people.all))
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
        note = inbox.first_line(event.summary)
        entry_id = _insert(
            store,
            logged_on=today,
            kind="chat",
            contact_id=contact["id"],
            company_id=contact["company_id"],
            occurred_on=day,
            at_time=at,
            status="scheduled",
            planned_on=day,
            note=note,
        )
        report.logged += 1
        report.add_entry(
            contact,
            {
                "id": entry_id,
                "kind": "chat",
                "status": "scheduled",
                "on": day.isoformat(),
                "time": at,
                "note": note,
                "recurring": event.recurring,
            },
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
    store.insert(
        "imported_message",
        {
            "source": "calendar",
            "source_key": event.uid,
            "interaction_id": entry_id,
            "batch": batch,
            "created": made,
            "imported_on": today,
        },
    )


def label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
