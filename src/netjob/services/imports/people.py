"""Who is who in an import: the account owner's addresses, contacts by profile URL,
email and name, target employers by name and web domain, LinkedIn connections."""

from __future__ import annotations

from typing import Any

from netjob.db.store import Store
from netjob.engine import names
from netjob.engine.parse import records

SETTING_EMAILS = "me.emails"
SETTING_LINKEDIN = "me.linkedin"


def me_settings(store: Store) -> tuple[set[str], str | None]:
    rows = {
        r["key"]: r["value"]
        for r in store.rows(
            "SELECT key, value FROM setting WHERE key IN (:a, :b)",
            {"a": SETTING_EMAILS, "b": SETTING_LINKEDIN},
        )
    }
    emails = {e.strip().casefold() for e in rows.get(SETTING_EMAILS, "").split(",") if e.strip()}
    return emails, records.profile_url(rows.get(SETTING_LINKEDIN))


class People:
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
            url = records.profile_url(r["linkedin"])
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
            site = records.website_domain(c["website"])
            if site:
                self.company_by_domain[site] = (c["id"], c["name"])
        self.connections: dict[str, dict[str, Any]] = {}
        if connections:
            for c in store.rows(
                "SELECT id, url, company, company_key FROM connection WHERE url IS NOT NULL"
            ):
                url = records.profile_url(c["url"])
                if url:
                    self.connections[url] = {
                        "id": c["id"],
                        "company": c["company"],
                        "company_key": c["company_key"],
                    }
        self.emails = set(self.by_email)

    def match(self, party: records.Party) -> dict[str, Any] | None:
        if party.url and party.url in self.by_url:
            return self.by_url[party.url]
        if party.email and party.email in self.by_email:
            return self.by_email[party.email]
        key = names.person_key(party.name) if party.name else ""
        return self.by_key.get(key) if key else None

    def employer(self, party: records.Party) -> tuple[str, tuple[int, str] | None]:
        """(the company to count them under, the target employer if they work at one)."""
        if party.url and party.url in self.connections:
            found = self.connections[party.url]
            target = self.company_by_key.get(found["company_key"] or "")
            return (target[1] if target else found["company"] or "unknown company"), target
        if party.email:
            site = records.domain(party.email)
            parts = site.split(".")
            for n in range(len(parts) - 1):
                target = self.company_by_domain.get(".".join(parts[n:]))
                if target:
                    return target[1], target
            return site, None
        return "unknown company", None
