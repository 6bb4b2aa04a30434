"""People at target companies: add, list, show, edit, remove."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netjob.choices import How
from netjob.db.store import Store
from netjob.engine import names, validate
from netjob.errors import Conflict, InvalidInput, NotFound
from netjob.services import companies, resolve, timeline
from netjob.services import tags as tag_store
from netjob.services.coach import summaries

EDITABLE = (
    "name",
    "title",
    "email",
    "linkedin",
    "phone",
    "how",
    "note",
    "cadence_days",
    "ask_referral",
)


class UnknownCompany(NotFound):
    """The contact's company is not on the list yet; the CLI may offer to add it."""

    def __init__(self, name: str, hint: str) -> None:
        super().__init__(
            f"'{name}' is not on your company list.{hint} "
            "Pass --create-company to add it, or add it first with `netjob add company`."
        )
        self.name = name
        self.hint = hint


@dataclass(slots=True)
class Contact:
    id: int
    name: str
    company_id: int | None
    company: str | None
    title: str | None
    email: str | None
    linkedin: str | None
    phone: str | None
    how: str | None
    referred_by_id: int | None
    referred_by: str | None
    cadence_days: int | None
    ask_referral: bool
    tags: list[str]
    note: str | None
    created_on: str
    updated_on: str
    referred: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    state: str | None = None  # where they stand (METHOD section 7), on the day shown
    next_step: str | None = None  # what `next` asks about them, from the same items

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            value = names.clean_name(value)
            if not value:
                raise InvalidInput("A contact name cannot be empty.")
            out["name_key"] = names.person_key(value)
        elif key == "email":
            value = validate.email(value)
        elif key == "linkedin":
            value = validate.linkedin(value)
        elif key == "how":
            value = None if value is None else How(value).value
        elif key in {"title", "phone", "note"}:
            value = validate.text(value)
        elif key == "cadence_days":
            value = validate.cadence(value)
        out[key] = value
    return out


def company_id_for(store: Store, name: str | None, *, create: bool, today: date) -> int | None:
    if name is None:
        return None
    found = resolve.find_company(store, name)
    if found is not None:
        return found.id
    if not create:
        raise UnknownCompany(name, resolve.company_hint(store, name))
    return companies.insert(store, values=companies.defaults(name), tags=[], today=today)


def _check_duplicate(
    store: Store, key: str, company_id: int | None, other_than: int | None
) -> None:
    row = store.row(
        "SELECT k.id, k.name FROM contact k WHERE k.name_key = :key "
        "AND (k.company_id = :company OR (k.company_id IS NULL AND :company IS NULL))",
        {"key": key, "company": company_id},
    )
    if row is not None and row["id"] != other_than:
        raise Conflict(
            f"{row['name']} is already a contact there (#{row['id']}); "
            f"edit them with `netjob edit contact '#{row['id']}'`."
        )


def add(
    store: Store,
    *,
    name: str,
    today: date,
    company: str | None = None,
    create_company: bool = False,
    title: str | None = None,
    email: str | None = None,
    linkedin: str | None = None,
    phone: str | None = None,
    how: How | None = None,
    referred_by: str | None = None,
    tags: list[str] | None = None,
    note: str | None = None,
) -> Contact:
    values = clean_fields(
        {
            "name": name,
            "title": title,
            "email": email,
            "linkedin": linkedin,
            "phone": phone,
            "how": how,
            "note": note,
        }
    )
    tag_list = validate.tags(tags)
    with store.transaction():
        referrer = resolve.contact(store, referred_by) if referred_by else None
        if referrer is not None and values["how"] is None:
            values["how"] = How.referral.value
        company_id = company_id_for(store, company, create=create_company, today=today)
        _check_duplicate(store, values["name_key"], company_id, None)
        contact_id = store.insert(
            "contact",
            {
                **values,
                "company_id": company_id,
                "referred_by_id": referrer.id if referrer else None,
                "created_on": today,
                "updated_on": today,
            },
        )
        tag_store.add(store, "contact", contact_id, tag_list)
        summaries.refresh(store, [contact_id])
    return _standing(store, get(store, contact_id), today)


_SELECT = """
SELECT k.id, k.name, k.company_id, c.name AS company, k.title, k.email, k.linkedin, k.phone,
       k.how, k.referred_by_id, r.name AS referred_by, k.note, k.created_on, k.updated_on,
       k.cadence_days, k.ask_referral
FROM contact k
LEFT JOIN company c ON c.id = k.company_id
LEFT JOIN contact r ON r.id = k.referred_by_id
"""


def _contacts(
    store: Store, where: str, params: dict[str, Any], limit: int | None = None
) -> list[Contact]:
    bounded = "" if limit is None else f" LIMIT {int(limit)}"
    rows = store.rows(f"{_SELECT} {where} ORDER BY k.name_key, k.id{bounded}", params)
    if not rows:
        return []
    few = limit is not None or len(rows) == 1  # a few rows: only their tags
    tags = tag_store.of(store, "contact", [r["id"] for r in rows] if few else None)
    return [
        Contact(
            id=r["id"],
            name=r["name"],
            company_id=r["company_id"],
            company=r["company"],
            title=r["title"],
            email=r["email"],
            linkedin=r["linkedin"],
            phone=r["phone"],
            how=r["how"],
            referred_by_id=r["referred_by_id"],
            referred_by=r["referred_by"],
            cadence_days=r["cadence_days"],
            ask_referral=bool(r["ask_referral"]),
            tags=tags.get(r["id"], []),
            note=r["note"],
            created_on=str(r["created_on"]),
            updated_on=str(r["updated_on"]),
        )
        for r in rows
    ]


def list_contacts(
    store: Store, *, company: str | None = None, tag: str | None = None, limit: int | None = None
) -> list[Contact]:
    """Contacts by name (the first ``limit`` of them when given)."""
    where, params = _filters(store, company, tag)
    return _contacts(store, where, params, limit)


def count_contacts(store: Store, *, company: str | None = None, tag: str | None = None) -> int:
    where, params = _filters(store, company, tag)
    return int(store.value(f"SELECT COUNT(*) FROM contact k {where}", params) or 0)


def _filters(store: Store, company: str | None, tag: str | None) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if company is not None:
        clauses.append("k.company_id = :company")
        params["company"] = resolve.company(store, company).id
    if tag is not None:
        clauses.append("k.id IN (SELECT contact_id FROM contact_tag WHERE tag = :tag)")
        params["tag"] = validate.tags([tag])[0]
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def get(store: Store, contact_id: int) -> Contact:
    found = _contacts(store, "WHERE k.id = :id", {"id": contact_id})
    if not found:
        raise NotFound(f"No contact with id #{contact_id}.")
    contact = found[0]
    contact.referred = [
        {"id": r["id"], "name": r["name"]}
        for r in store.rows(
            "SELECT id, name FROM contact WHERE referred_by_id = :id ORDER BY name_key, id",
            {"id": contact_id},
        )
    ]
    contact.history = timeline.contact_history(store, contact_id)
    return contact


def show(store: Store, *, query: str, today: date) -> Contact:
    return _standing(store, get(store, resolve.contact(store, query).id), today)


def _standing(store: Store, contact: Contact, today: date) -> Contact:
    """Add where the contact stands today and what `next` asks about them."""
    from netjob.services.coach import daily, standing

    contact.state = standing.person_state(store, contact_id=contact.id, today=today)
    item = daily.next_for(store, contact_id=contact.id, today=today)
    contact.next_step = None if item is None else str(item["action"])
    return contact


def edit(
    store: Store,
    *,
    query: str,
    today: date,
    changes: dict[str, Any],
    company: str | None = None,
    no_company: bool = False,
    create_company: bool = False,
    referred_by: str | None = None,
    add_tags: list[str] | None = None,
    remove_tags: list[str] | None = None,
) -> Contact:
    values = clean_fields({k: v for k, v in changes.items() if k in EDITABLE})
    adding, removing = validate.tags(add_tags), validate.tags(remove_tags)
    with store.transaction():
        ref = resolve.contact(store, query)
        current = store.row(
            "SELECT name_key, company_id FROM contact WHERE id = :id", {"id": ref.id}
        )
        assert current is not None
        if company is not None:
            values["company_id"] = company_id_for(
                store, company, create=create_company, today=today
            )
        elif no_company:
            values["company_id"] = None
        if referred_by is not None:
            referrer = resolve.contact(store, referred_by)
            if referrer.id == ref.id:
                raise InvalidInput("A contact cannot be referred by themselves.")
            values["referred_by_id"] = referrer.id
        if not values and not adding and not removing:
            raise InvalidInput("Nothing to change: give at least one option (see --help).")
        _check_duplicate(
            store,
            values.get("name_key", current["name_key"]),
            values.get("company_id", current["company_id"]),
            ref.id,
        )
        store.update("contact", ref.id, {**values, "updated_on": today})
        tag_store.add(store, "contact", ref.id, adding)
        tag_store.remove(store, "contact", ref.id, removing)
    return _standing(store, get(store, ref.id), today)


def remove(store: Store, *, query: str, dry_run: bool = False) -> resolve.Ref:
    with store.transaction():
        ref = resolve.contact(store, query)
        if not dry_run:
            store.execute("DELETE FROM contact WHERE id = :id", {"id": ref.id})
    return ref
