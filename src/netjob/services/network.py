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


def _connection_keys(store: Store) -> dict[str, int]:
    """Each company key in your network, with how many connections are filed under it."""
    return {
        r["company_key"]: r["n"]
        for r in store.rows(
            "SELECT company_key, COUNT(*) AS n FROM connection WHERE company_key IS NOT NULL "
            "GROUP BY company_key"
        )
    }


def _people_at(
    store: Store, key: str, company_id: int | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Your contacts at the company (filed there, or under the same name) and the
    connections whose company is the same employer (:func:`names.same_company`)."""
    found_contacts = [
        {"id": r["id"], "name": r["name"], "title": r["title"], "how": r["how"]}
        for r in store.rows(
            "SELECT k.id, k.name, k.title, k.how FROM contact k JOIN company c "
            "ON c.id = k.company_id WHERE c.id = :id OR c.name_key = :key ORDER BY k.name_key",
            {"key": key, "id": company_id},
        )
    ]
    keys = sorted(k for k in _connection_keys(store) if names.same_company(key, k))
    found_connections = []
    for start in range(0, len(keys), 500):
        where, bind = store.in_list("company_key", keys[start : start + 500])
        found_connections += [
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
                "SELECT id, name, name_key, position, company, url, connected_on, contact_id "
                f"FROM connection WHERE {where}",
                bind,
            )
        ]
    found_connections.sort(key=lambda c: (names.person_key(c["name"]), c["id"]))
    return {"contacts": found_contacts, "connections": found_connections}


def who(store: Store, *, company: str) -> dict[str, Any]:
    """Who in your contacts and network works at a company (fuzzy fallback shown)."""
    target = resolve.find_company(store, company) if names.company_key(company) else None
    label = target.name if target else company
    key = names.company_key(label)
    if not key:
        raise InvalidInput("A company name needs at least one letter or digit.")
    found = _people_at(store, key, target.id if target else None)
    matched = None
    network = int(store.value("SELECT COUNT(*) FROM connection"))
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
    return {
        "company": label,
        "on_list": target is not None,
        "matched": matched,
        "network": network,
        **found,
    }


def who_targets(store: Store, *, today: date, set_advocacy: bool = False) -> list[dict[str, Any]]:
    """For every target company, how many you know there. Only reads, unless
    ``set_advocacy``: then advocacy is recorded where someone is known (``advocacy_set``)."""
    counts = _connection_keys(store)
    rows: list[dict[str, Any]] = []
    for c in companies.list_companies(store):
        if c.status == "closed":
            continue
        key = names.company_key(c.name)
        known = sum(n for k, n in counts.items() if names.same_company(key, k))
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
                companies.record_scores(store, company_id, today)
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
    store: Store,
    *,
    connection: str,
    today: date,
    create_company: bool = False,
    company: str | None = None,
) -> contacts.Contact:
    """Turn a connection into a contact at their company (or at ``company``, a target)."""
    with store.transaction():
        return _promote(store, connection, today, create_company, company)


def _employer(store: Store, row: Any, company: str | None) -> str | None:
    """Where a promoted connection is filed: ``company`` when given, else the one target
    that is the same employer as the connection's company, else that company's name."""
    if company is not None:
        return f"#{resolve.company(store, company).id}"
    if not row["company"]:
        return None
    key = names.company_key(row["company"])
    same = [
        r
        for r in store.rows("SELECT id, name, name_key FROM company ORDER BY name_key, id")
        if names.same_company(key, r["name_key"])
    ]
    exact = [r for r in same if r["name_key"] == key]
    if len(exact) == 1 or len(same) == 1:
        return f"#{(exact or same)[0]['id']}"
    if same:
        listed = ", ".join(f"#{r['id']} {r['name']}" for r in same)
        raise InvalidInput(
            f"{row['name']}'s company '{row['company']}' could be {listed}; say which with "
            f'--company: netjob promote "{row["name"]}" --company "#{same[0]["id"]}".'
        )
    return str(row["company"])


def _promote(
    store: Store, connection: str, today: date, create_company: bool, company: str | None
) -> contacts.Contact:
    row = resolve_connection(store, connection)
    if row["contact_id"] is not None:
        raise InvalidInput(f"{row['name']} is already contact #{row['contact_id']}.")
    linkedin_url = row["url"] if row["url"] and "linkedin.com" in row["url"] else None
    added = contacts.add(
        store,
        name=row["name"],
        today=today,
        company=_employer(store, row, company),
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
