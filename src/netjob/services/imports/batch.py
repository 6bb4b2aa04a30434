"""One import as a unit of work: the report, matching each message to a contact,
classifying a contact's messages against their log and writing the entries, all
in one transaction (a dry run rolls it back).

Parsing and the choice of each entry's kind are in :mod:`netjob.engine.threads`;
the files are read by :mod:`netjob.services.imports.messages`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netjob.db.store import Store
from netjob.engine import names, threads
from netjob.engine.parse import records
from netjob.services.coach import summaries
from netjob.services.imports.people import People, me_settings
from netjob.services.log import insert as _insert

CHANNELS = {"linkedin": "linkedin", "mail": "email", "calendar": None}
NOT_A_CONTACT = "not a contact"


class Rollback(Exception):
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


@dataclass(slots=True)
class Import:
    store: Store
    report: ImportReport
    today: date
    since: date | None
    add_contacts: bool
    people: People
    me: set[str]
    known: set[str]
    incoming: dict[int, list[threads.Incoming]] = field(default_factory=dict)
    unresolved: Counter[frozenset[records.Party]] = field(default_factory=Counter)
    added: dict[str, dict[str, Any]] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.report.skipped[reason] += 1

    def consider(self, message: records.Message) -> None:
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
            threads.Incoming(
                key=message.key,
                when=message.when,
                on=day,
                inbound=inbound,
                note=message.first_line,
                text=message.text,
            )
        )

    def _count_stranger(self, others: list[records.Party], message: records.Message) -> None:
        self.skip(NOT_A_CONTACT)
        if self.me or len(others) == 1:
            other = others[0] if len(others) == 1 else message.sender
            self.report.not_contacts[self.people.employer(other)[0]] += 1
        else:
            self.unresolved[frozenset(others)] += 1

    def _maybe_add(
        self, others: list[records.Party]
    ) -> tuple[records.Party, dict[str, Any]] | None:
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

    def _add_contact(self, party: records.Party, target: tuple[int, str]) -> dict[str, Any]:
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
        """Classify and write each contact's new messages, then refresh their summaries."""
        batch = next_batch(self.store)
        self.report.batch = batch
        contacts = {c["id"]: c for c in self.people.all}
        contacts.update({c["id"]: c for c in self.added.values()})
        for contact_id, messages in self.incoming.items():
            contact = contacts[contact_id]
            planned = threads.classify(prior_entries(self.store, contact_id), messages)
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
                    shown = {"on": message.on.isoformat(), "note": message.note}
                    entry_id = log_entry(
                        self.store,
                        self.report,
                        contact,
                        shown,
                        logged_on=self.today,
                        kind=plan.kind,
                        occurred_on=message.on,
                        channel=channel,
                        note=message.note,
                        message=message.text,
                    )
                    created[plan.new] = entry_id
                    made = True
                remember(self.store, source, batch, self.today, plan.message.key, entry_id, made)
        summaries.refresh(self.store, self.incoming)


def prior_entries(store: Store, contact_id: int) -> list[threads.Prior]:
    return [
        threads.Prior(
            r["id"],
            r["kind"],
            r["occurred_on"],
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


def known_keys(store: Store, source: str) -> set[str]:
    """The messages of ``source`` imported before, or imported and then removed (`netjob
    remove entry`): importing them again adds nothing."""
    return {
        r["source_key"]
        for r in store.rows(
            "SELECT source_key FROM imported_message WHERE source = :s "
            "UNION SELECT source_key FROM removed_import WHERE source = :s",
            {"s": source},
        )
    }


def run(
    store: Store,
    *,
    source: str,
    today: date,
    since: date | None,
    dry_run: bool,
    add_contacts: bool,
    feed: Callable[[Import], None],
    owner_from: Callable[[], str | None] | None = None,
) -> ImportReport:
    report = ImportReport(source=source, dry_run=dry_run)
    try:
        with store.transaction():
            emails, linkedin_me = me_settings(store)
            me = emails | ({linkedin_me} if linkedin_me and source == "linkedin" else set())
            work = Import(
                store=store,
                report=report,
                today=today,
                since=since,
                add_contacts=add_contacts,
                people=People(store, connections=source == "linkedin"),
                me=me,
                known=known_keys(store, source),
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
                raise Rollback
    except Rollback:
        report.batch = None
    return report


def next_batch(store: Store) -> int:
    """The number of the import being written (``undo`` of an import goes by it)."""
    return int(store.value("SELECT MAX(batch) FROM imported_message") or 0) + 1


def log_entry(
    store: Store,
    report: ImportReport,
    contact: dict[str, Any],
    shown: dict[str, Any],
    **values: Any,
) -> int:
    """Write one new log entry for ``contact`` and report it (``shown`` after id and kind)."""
    entry_id = _insert(store, contact_id=contact["id"], company_id=contact["company_id"], **values)
    report.logged += 1
    report.add_entry(contact, {"id": entry_id, "kind": values["kind"], **shown})
    return entry_id


def remember(
    store: Store, source: str, batch: int, today: date, key: str, entry_id: int, made: bool
) -> None:
    """Remember a message's identity, so that importing it again adds nothing."""
    store.insert(
        "imported_message",
        {
            "source": source,
            "source_key": key,
            "interaction_id": entry_id,
            "batch": batch,
            "created": made,
            "imported_on": today,
        },
    )
