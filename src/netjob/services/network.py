"""Your wider network: "who do I know there", and promoting a connection to a contact
(importing it: :mod:`netjob.services.imports`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from netjob.choices import How
from netjob.db.store import Store
from netjob.engine import names
from netjob.errors import InvalidInput, NotFound
from netjob.services import companies, contacts, resolve

FUZZY_CUTOFF = 88


def _people_at(store: Store, key: str) -> dict[str, list[dict[str, Any]]]:
    found_contacts = [
        {"id": r["id"], "name": r["name"], "title": r["title"], "how": r["how"]}
        for r in store.rows(
            "SELECT k.id, k.name, k.title, k.how FROM contact k JOIN company c "
            "ON c.id = k.company_id WHERE c.name_key = :key ORDER BY k.name_key",
            {"key": key},
        )
    ]
    found_connections = [
        {
            "id": r["id"],
            "name": r["name"],
            "position": r["position"],
            "company": r["company"],
            "url": r["url"],
            "connected_on": r["connected_on"],
            "contact_id": r["contact_id"],
        }
        for r in store.rows(
            "SELECT id, name, position, company, url, connected_on, contact_id FROM connection "
            "WHERE company_key = :key ORDER BY name_key",
            {"key": key},
        )
    ]
    return {"contacts": found_contacts, "connections": found_connections}


def who(store: Store, *, company: str) -> dict[str, Any]:
    """Who in your contacts and network works at a company (fuzzy fallback shown)."""
    target = resolve.find_company(store, company) if names.company_key(company) else None
    label = target.name if target else company
    key = names.company_key(label)
    if not key:
        raise InvalidInput("A company name needs at least one letter or digit.")
    found = _people_at(store, key)
    matched = None
    if not found["contacts"] and not found["connections"]:
        from rapidfuzz import fuzz, process

        pool = {
            r["company_key"]: r["company"]
            for r in store.rows(
                "SELECT DISTINCT company_key, company FROM connection WHERE company_key IS NOT NULL"
            )
        }
        best = process.extractOne(key, list(pool), scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            matched = pool[best[0]]
            found = _people_at(store, best[0])
    return {"company": label, "on_list": target is not None, "matched": matched, **found}


def who_targets(store: Store, *, today: date, set_advocacy: bool = False) -> list[dict[str, Any]]:
    """For every target company, how many you know there. Only reads, unless
    ``set_advocacy``: then advocacy is recorded where someone is known (``advocacy_set``)."""
    counts = {
        r["company_key"]: r["n"]
        for r in store.rows(
            "SELECT company_key, COUNT(*) AS n FROM connection WHERE company_key IS NOT NULL "
            "GROUP BY company_key"
        )
    }
    rows = []
    for c in companies.list_companies(store):
        if c.status == "closed":
            continue
        known = counts.get(names.company_key(c.name), 0)
        found = bool((known or c.contacts) and not c.advocacy)
        rows.append(
            {
                "id": c.id,
                "name": c.name,
                "lamp_rank": c.lamp_rank,
                "contacts": c.contacts,
                "connections": known,
                "advocacy": bool(c.advocacy or (found and set_advocacy)),
                "advocate_found": found,
                "advocacy_set": found and set_advocacy,
            }
        )
    changed = [r["id"] for r in rows if r["advocacy_set"]]
    if changed:
        with store.transaction():
            for company_id in changed:
                store.update("company", company_id, {"advocacy": True, "updated_on": today})
    return rows


# ---------------------------------------------------------------- promote


def resolve_connection(store: Store, query: str) -> Any:
    row_id = resolve.parse_id(query)
    if row_id is not None:
        row = store.row("SELECT * FROM connection WHERE id = :id", {"id": row_id})
        if row is None:
            raise NotFound(f"No connection with id #{row_id}.")
        return row
    key = names.person_key(query)
    rows = store.rows("SELECT * FROM connection WHERE name_key = :k ORDER BY id", {"k": key})
    if not rows:
        rows = store.rows(
            "SELECT * FROM connection WHERE name_key LIKE :p ORDER BY name_key, id",
            {"p": key.replace("%", "").replace("_", "") + "%"},
        )
    if len(rows) == 1:
        return rows[0]
    if rows:
        listed = ", ".join(f"#{r['id']} {r['name']} ({r['company'] or '?'})" for r in rows[:8])
        raise InvalidInput(f"'{query}' matches {len(rows)} connections: {listed}. Use the #id.")
    pool = [r["name"] for r in store.rows("SELECT name FROM connection")]
    raise NotFound(
        f"No connection named '{query}'.{names.did_you_mean(names.suggestions(query, pool))}"
    )


def promote(
    store: Store, *, connection: str, today: date, create_company: bool = False
) -> contacts.Contact:
    """Turn a connection into a contact at their company."""
    with store.transaction():
        return _promote(store, connection, today, create_company)


def _promote(store: Store, connection: str, today: date, create_company: bool) -> contacts.Contact:
    row = resolve_connection(store, connection)
    if row["contact_id"] is not None:
        raise InvalidInput(f"{row['name']} is already contact #{row['contact_id']}.")
    linkedin_url = row["url"] if row["url"] and "linkedin.com" in row["url"] else None
    added = contacts.add(
        store,
        name=row["name"],
        today=today,
        company=row["company"],
        create_company=create_company,
        title=row["position"],
        email=row["email"],
        linkedin=linkedin_url,
        phone=row["phone"],
        how=How.linkedin if row["source"] == "linkedin" else None,
        note=f"From your {row['source']} network"
        + (f" (connected {row['connected_on']})" if row["connected_on"] else ""),
    )
    store.update("connection", row["id"], {"contact_id": added.id, "updated_on": today})
    return added
