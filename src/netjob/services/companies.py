"""Target employers: add, list in LAMP order, show, edit, remove."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netjob.choices import CompanySort, CompanyStatus
from netjob.db.store import Store
from netjob.engine import lamp, names, validate
from netjob.errors import Conflict, InvalidInput
from netjob.services import resolve
from netjob.services import tags as tag_store
from netjob.services.coach import summaries

# Only these columns may be changed through ``edit``; values are validated first.
EDITABLE = (
    "name",
    "website",
    "industry",
    "location",
    "motivation",
    "posting",
    "advocacy",
    "status",
    "note",
)


@dataclass(slots=True)
class Company:
    id: int
    name: str
    status: str
    motivation: int
    posting: int | None
    advocacy: bool
    advocacy_derived: bool
    lamp_rank: int | None
    contacts: int
    website: str | None
    industry: str | None
    location: str | None
    tags: list[str]
    note: str | None
    created_on: str
    updated_on: str

    def scores(self) -> lamp.LampScores:
        return lamp.LampScores(
            self.name, self.motivation, self.posting, self.advocacy, self.contacts
        )

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class CompanyDetail:
    company: Company
    people: list[dict[str, Any]] = field(default_factory=list)
    fit: dict[str, Any] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.company.to_json(),
            "people": self.people,
            "fit": self.fit,
            "history": self.history,
        }


def clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Validate the subset of company fields present in ``values``."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            value = names.clean_name(value)
            if not names.company_key(value):
                raise InvalidInput("A company name needs at least one letter or digit.")
            out["name_key"] = names.company_key(value)
        elif key == "website":
            value = validate.url(value, field="website")
        elif key == "motivation":
            value = validate.score(value, field="Motivation", low=0, high=3)
        elif key == "posting":
            value = validate.score(value, field="Posting", low=1, high=3)
        elif key == "status":
            value = CompanyStatus(value).value
        elif key in {"industry", "location", "note"}:
            value = validate.text(value)
        out[key] = value
    return out


def _existing_with_key(store: Store, key: str, *, other_than: int | None = None) -> str | None:
    row = store.row("SELECT id, name FROM company WHERE name_key = :key", {"key": key})
    if row is None or row["id"] == other_than:
        return None
    return f"#{row['id']} {row['name']}"


def add(
    store: Store,
    *,
    name: str,
    today: date,
    website: str | None = None,
    industry: str | None = None,
    location: str | None = None,
    motivation: int | None = None,
    posting: int | None = None,
    advocacy: bool = False,
    status: CompanyStatus = CompanyStatus.backlog,
    tags: list[str] | None = None,
    note: str | None = None,
) -> Company:
    values = clean_fields(
        {
            "name": name,
            "website": website,
            "industry": industry,
            "location": location,
            "motivation": motivation if motivation is not None else 0,
            "posting": posting,
            "advocacy": advocacy,
            "status": status,
            "note": note,
        }
    )
    tag_list = validate.tags(tags)
    with store.transaction():
        company_id = insert(store, values=values, tags=tag_list, today=today)
    return get(store, company_id).company


def defaults(name: str) -> dict[str, Any]:
    """Cleaned fields of a company known by name only."""
    return clean_fields(
        {"name": name, "motivation": 0, "advocacy": False, "status": CompanyStatus.backlog}
    )


def insert(store: Store, *, values: dict[str, Any], tags: list[str], today: date) -> int:
    """Insert cleaned ``values`` inside the caller's transaction; refuse duplicates."""
    existing = _existing_with_key(store, values["name_key"])
    if existing:
        raise Conflict(
            f"'{values['name']}' is already on your list as {existing} "
            "(names are compared ignoring case, accents, punctuation and Inc./Ltd./...)."
        )
    status = values.get("status", CompanyStatus.backlog.value)
    company_id = store.insert(
        "company",
        {**values, "status": CompanyStatus.backlog.value, "created_on": today, "updated_on": today},
    )
    tag_store.add(store, "company", company_id, tags)
    _set_status(store, company_id, status, today)
    record_scores(store, company_id, today)
    return company_id


SCORES = ("motivation", "posting", "advocacy")


def record_scores(store: Store, company_id: int, on: date) -> None:
    """Date the company's LAMP scores as they now are (inside the caller's transaction),
    so a replayed day ranks with the scores it had (``next --on``)."""
    store.execute(
        "INSERT INTO score_change (company_id, changed_on, motivation, posting, advocacy) "
        "SELECT id, :on, motivation, posting, advocacy FROM company WHERE id = :id",
        {"id": company_id, "on": on},
    )


def _set_status(store: Store, company_id: int, new: str, on: date) -> None:
    """Change a company's status, recording the change in the log."""
    from netjob.services import log

    old = store.value("SELECT status FROM company WHERE id = :id", {"id": company_id})
    if old != new:
        store.execute("UPDATE company SET status = :s WHERE id = :id", {"s": new, "id": company_id})
        log.status_change(store, company_id=company_id, old=str(old), new=new, on=on)


_LIST_SQL = """
SELECT c.id, c.name, c.status, c.motivation, c.posting, c.advocacy, c.website, c.industry,
       c.location, c.note, c.created_on, c.updated_on, COALESCE(k.n, 0) AS contacts
FROM company c
LEFT JOIN (SELECT company_id, COUNT(*) AS n FROM contact
           WHERE company_id IS NOT NULL GROUP BY company_id) k ON k.company_id = c.id
"""


def _from_row(row: sqlite3.Row, tags: list[str]) -> Company:
    return Company(
        id=row["id"],
        name=row["name"],
        status=row["status"],
        motivation=row["motivation"],
        posting=row["posting"],
        advocacy=bool(row["advocacy"]),
        advocacy_derived=row["contacts"] > 0,
        lamp_rank=None,
        contacts=row["contacts"],
        website=row["website"],
        industry=row["industry"],
        location=row["location"],
        tags=tags,
        note=row["note"],
        created_on=str(row["created_on"]),
        updated_on=str(row["updated_on"]),
    )


def ranked(companies: list[Company]) -> list[Company]:
    """LAMP order; sets ``lamp_rank`` (1 = first) on every company not closed."""
    ordered = lamp.ranked(companies, Company.scores, lambda c: c.status == CompanyStatus.closed)
    for company, rank in ordered:
        company.lamp_rank = rank
    return [company for company, _ in ordered]


def list_companies(
    store: Store,
    *,
    status: CompanyStatus | None = None,
    tag: str | None = None,
    sort: CompanySort = CompanySort.lamp,
) -> list[Company]:
    tags = tag_store.of(store, "company")
    everyone = ranked([_from_row(r, tags.get(r["id"], [])) for r in store.rows(_LIST_SQL)])
    wanted_tag = validate.tags([tag])[0] if tag else None
    shown = [
        c
        for c in everyone
        if (status is None or c.status == status) and (wanted_tag is None or wanted_tag in c.tags)
    ]
    if sort == CompanySort.name:
        shown.sort(key=lambda c: (c.name.casefold(), c.id))
    elif sort == CompanySort.created:
        shown.sort(key=lambda c: (c.created_on, c.id))
    return shown


def first_companies(
    store: Store,
    *,
    limit: int,
    status: CompanyStatus | None = None,
    tag: str | None = None,
    sort: CompanySort = CompanySort.lamp,
) -> tuple[list[Company], int]:
    """The first ``limit`` companies of :func:`list_companies` and how many there are."""
    found = list_companies(store, status=status, tag=tag, sort=sort)
    return found[:limit], len(found)


def _one(store: Store, company_id: int) -> Company:
    """One company, with its LAMP rank among them all."""
    return next(c for c in list_companies(store) if c.id == company_id)


def get(store: Store, company_id: int) -> CompanyDetail:
    company = _one(store, company_id)
    people = [
        {"id": r["id"], "name": r["name"], "title": r["title"], "how": r["how"]}
        for r in store.rows(
            "SELECT id, name, title, how FROM contact WHERE company_id = :id ORDER BY name_key, id",
            {"id": company_id},
        )
    ]
    from netjob.services import criteria, timeline

    return CompanyDetail(
        company=company,
        people=people,
        fit=criteria.fit(store, company_id),
        history=timeline.company_history(store, company_id),
    )


def show(store: Store, *, query: str) -> CompanyDetail:
    return get(store, resolve.company(store, query).id)


def edit(
    store: Store,
    *,
    query: str,
    today: date,
    changes: dict[str, Any],
    add_tags: list[str] | None = None,
    remove_tags: list[str] | None = None,
) -> Company:
    values = clean_fields({k: v for k, v in changes.items() if k in EDITABLE})
    adding, removing = validate.tags(add_tags), validate.tags(remove_tags)
    with store.transaction():
        ref = resolve.company(store, query)
        if "name_key" in values:
            existing = _existing_with_key(store, values["name_key"], other_than=ref.id)
            if existing:
                raise Conflict(f"Cannot rename to '{values['name']}': {existing} has that name.")
        if not values and not adding and not removing:
            raise InvalidInput("Nothing to change: give at least one option (see --help).")
        new_status = values.pop("status", None)
        store.update("company", ref.id, {**values, "updated_on": today})
        if any(name in values for name in SCORES):
            record_scores(store, ref.id, today)
        if new_status is not None:
            _set_status(store, ref.id, new_status, today)
        tag_store.add(store, "company", ref.id, adding)
        tag_store.remove(store, "company", ref.id, removing)
    return get(store, ref.id).company


@dataclass(frozen=True, slots=True)
class Removal:
    company: resolve.Ref
    contacts: int
    entries: int
    removed: bool


def remove(store: Store, *, query: str, cascade: bool, dry_run: bool = False) -> Removal:
    """Remove a company; with ``cascade`` its contacts go too.

    ``dry_run`` only reports what would go, so the CLI can ask first.
    """
    with store.transaction():
        ref = resolve.company(store, query)
        contacts = store.value(
            "SELECT COUNT(*) FROM contact WHERE company_id = :id", {"id": ref.id}
        )
        if contacts and not cascade:
            raise Conflict(
                f"{ref.name} has {contacts} contact{'s' if contacts != 1 else ''}; "
                "pass --cascade to remove them too, or move them with "
                "`netjob edit contact NAME --company OTHER` first."
            )
        entries = store.value(
            "SELECT COUNT(*) FROM interaction WHERE company_id = :id OR contact_id IN "
            "(SELECT id FROM contact WHERE company_id = :id)",
            {"id": ref.id},
        )
        if dry_run:
            return Removal(ref, contacts, entries, removed=False)
        # its entries go with it, those of people who have moved on since too
        moved_on = [
            r["contact_id"]
            for r in store.rows(
                "SELECT DISTINCT contact_id FROM interaction WHERE company_id = :id",
                {"id": ref.id},
            )
        ]
        store.execute("DELETE FROM contact WHERE company_id = :id", {"id": ref.id})
        store.execute("DELETE FROM company WHERE id = :id", {"id": ref.id})
        summaries.refresh(store, moved_on)
    return Removal(ref, contacts, entries, removed=True)
