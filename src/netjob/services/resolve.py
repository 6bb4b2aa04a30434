"""Turning what the user typed into a company or contact.

Accepted everywhere: ``#ID``, the name (ignoring case and accents; for companies
also punctuation and legal suffixes), or a unique prefix of it. No match
gives up to three "did you mean" suggestions; several give the list with ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from netjob.db.store import Store
from netjob.engine import names
from netjob.errors import Ambiguous, InvalidInput, NotFound

MAX_LISTED = 8


@dataclass(frozen=True, slots=True)
class Ref:
    id: int
    name: str
    company: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def parse_id(query: str) -> int | None:
    """The number in '#12', or None when the query is not an id."""
    text = query.strip()
    if not text.startswith("#"):
        return None
    digits = text[1:].strip()
    # ASCII digits ("²" crashed int()), and no more than a database id can hold
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
        raise InvalidInput(f"'{query}' is not an id; ids look like #12.")
    return int(digits)


_COMPANY_SQL = "SELECT id, name, NULL AS company FROM company"
_CONTACT_SQL = (
    "SELECT k.id, k.name, c.name AS company FROM contact k "
    "LEFT JOIN company c ON c.id = k.company_id"
)


@dataclass(frozen=True, slots=True)
class _Kind:
    """How to look up one kind of record: by id, by whole name key, by a prefix of it."""

    singular: str
    plural: str
    key: Callable[[str], str]
    no_key: str  # the message for a name with nothing left once folded
    by_id: str
    by_key: str
    by_prefix: str


_COMPANIES = _Kind(
    "company",
    "companies",
    names.company_key,
    "A company name needs at least one letter or digit.",
    f"{_COMPANY_SQL} WHERE id = :id",
    f"{_COMPANY_SQL} WHERE name_key = :key",
    f"{_COMPANY_SQL} WHERE name_key LIKE :p ESCAPE '\\' ORDER BY name_key",
)
_CONTACTS = _Kind(
    "contact",
    "contacts",
    names.person_key,
    "A contact name cannot be empty.",
    f"{_CONTACT_SQL} WHERE k.id = :id",
    f"{_CONTACT_SQL} WHERE k.name_key = :key ORDER BY k.id",
    f"{_CONTACT_SQL} WHERE k.name_key LIKE :p ESCAPE '\\' ORDER BY k.name_key, k.id",
)


def _refs(store: Store, sql: str, params: dict[str, object]) -> list[Ref]:
    return [Ref(r["id"], r["name"], r["company"]) for r in store.rows(sql, params)]


def _pick(plural: str, query: str, found: list[Ref]) -> Ref:
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f"#{ref.id} {ref.label}" for ref in found[:MAX_LISTED])
    more = f" and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
    raise Ambiguous(
        f"'{query}' matches {len(found)} {plural}: {listed}{more}. Use the full name or the #id."
    )


def _find(store: Store, query: str, kind: _Kind) -> Ref | None:
    """The record ``query`` names: by #id (NotFound if there is none), else by its whole
    name, else by a prefix of it (Ambiguous if several match); None if nothing does."""
    row_id = parse_id(query)
    if row_id is not None:
        found = _refs(store, kind.by_id, {"id": row_id})
        if not found:
            raise NotFound(f"No {kind.singular} with id #{row_id}.")
        return found[0]
    key = kind.key(query)
    if not key:
        raise InvalidInput(kind.no_key)
    found = _refs(store, kind.by_key, {"key": key}) or _refs(
        store, kind.by_prefix, {"p": _escape_like(key) + "%"}
    )
    return _pick(kind.plural, query, found) if found else None


def company(store: Store, query: str) -> Ref:
    found = find_company(store, query)
    if found is None:
        raise NotFound(f"No company named '{query}'.{company_hint(store, query)}")
    return found


def find_company(store: Store, query: str) -> Ref | None:
    """The company ``query`` names, None if none does; Ambiguous if several."""
    return _find(store, query, _COMPANIES)


def company_hint(store: Store, query: str) -> str:
    pool = [r["name"] for r in store.rows("SELECT name FROM company")]
    return names.did_you_mean(names.suggestions(query, pool))


def contact(store: Store, query: str) -> Ref:
    found = _find(store, query, _CONTACTS)
    if found is not None:
        return found
    employer = _one_company(store, query)
    if employer is not None:
        raise NotFound(f"No contact named '{query}'; {employer.name} is a company: add --company.")
    pool = {r["name"]: r for r in store.rows(_CONTACT_SQL)}
    labels = names.suggestions(query, list(pool))
    hint = names.did_you_mean(
        [f"{n} ({pool[n]['company']})" if pool[n]["company"] else n for n in labels]
    )
    raise NotFound(f"No contact named '{query}'.{hint}")


def contact_with_company(store: Store, query: str | Ref) -> tuple[Ref, int | None]:
    """The contact ``query`` names (unless it is resolved already) and their company's id."""
    ref = query if isinstance(query, Ref) else contact(store, query)
    company_id = store.value("SELECT company_id FROM contact WHERE id = :id", {"id": ref.id})
    return ref, company_id


def _one_company(store: Store, query: str, *, exact: bool = False) -> Ref | None:
    """The single company a name (not an #id) matches (by its whole name if
    ``exact``, else also by a unique prefix), else None."""
    key = names.company_key(query) if parse_id(query) is None else ""
    if not key:
        return None
    try:
        found = find_company(store, query)
    except Ambiguous:
        return None
    if found is None or (exact and names.company_key(found.name) != key):
        return None
    return found


def target(store: Store, query: str, *, as_company: bool) -> tuple[Ref, bool]:
    """A contact, or a company when ``as_company`` is set or when no contact matches
    and the query is a company's whole name ("Acme" for "Acme Inc.", not "ac").

    Returns the reference and whether it is a company.
    """
    if as_company:
        return company(store, query), True
    try:
        return contact(store, query), False
    except NotFound:
        found = _one_company(store, query, exact=True)
        if found is None:
            raise
        return found, True
