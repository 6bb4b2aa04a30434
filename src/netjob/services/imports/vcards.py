"""vCards in (into your network) and out (your contacts), via the vobject library."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from netjob.db.store import Store
from netjob.engine import names
from netjob.engine.parse.connections import decode
from netjob.errors import InvalidInput
from netjob.services.imports.connections import ImportSummary, _Rollback, read_file


@dataclass(frozen=True, slots=True)
class Card:
    number: int
    name: str
    email: str | None
    phone: str | None
    company: str | None
    title: str | None
    url: str | None


def _value(card: Any, name: str) -> str | None:
    entries = card.contents.get(name) or []
    for entry in entries:
        value = entry.value
        if isinstance(value, list):  # ORG is a list of units
            value = value[0] if value else ""
        text = " ".join(str(value).split())
        if text:
            return text
    return None


def parse_vcards(text: str) -> list[Card]:
    """Every card of a .vcf file (vCard 3.0 or 4.0); InvalidInput names the bad card."""
    import vobject

    if "BEGIN:VCARD" not in text.upper():
        raise InvalidInput("No vCard found (a .vcf file starts with BEGIN:VCARD).")
    cards: list[Card] = []
    number = 0
    try:
        for component in vobject.readComponents(text, validate=False):
            number += 1
            if component.name.upper() != "VCARD":
                raise InvalidInput(f"Card {number}: a {component.name} is not a vCard.")
            name = _value(component, "fn")
            if not name and "n" in component.contents:
                n = component.n.value
                name = " ".join(p for p in (n.given, n.additional, n.family) if p).strip()
            url = _value(component, "url")
            cards.append(
                Card(
                    number=number,
                    name=" ".join((name or "").split()),
                    email=_value(component, "email"),
                    phone=_value(component, "tel"),
                    company=_value(component, "org"),
                    title=_value(component, "title"),
                    url=url if url and "linkedin.com" in url else None,
                )
            )
    except InvalidInput:
        raise
    except Exception as error:  # vobject raises its own ParseError and friends
        raise InvalidInput(f"Card {number + 1}: cannot be read ({error}).") from None
    return cards


def import_vcards(store: Store, *, path: Path, today: date, dry_run: bool = False) -> ImportSummary:
    """Import cards into the network; a card matching by LinkedIn URL, email, or name at
    the same company updates that connection. One transaction."""
    cards = parse_vcards(decode(read_file(path)))
    summary = ImportSummary(dry_run=dry_run)
    with contextlib.suppress(_Rollback):
        _import_cards(store, cards, summary, today)
    return summary


def _import_cards(store: Store, cards: list[Card], summary: ImportSummary, today: date) -> None:
    with store.transaction():
        for card in cards:
            if not card.name:
                summary.skipped.append({"line": card.number, "reason": "a card with no name"})
                continue
            company_key = names.company_key(card.company) if card.company else None
            values = {
                "name": card.name,
                "name_key": names.person_key(card.name),
                "email": card.email,
                "phone": card.phone,
                "company": card.company,
                "company_key": company_key,
                "position": card.title,
            }
            existing = _match(store, card, values)
            if existing is None:
                store.insert(
                    "connection",
                    {
                        **values,
                        "url": card.url,
                        "source": "vcard",
                        "imported_on": today,
                        "updated_on": today,
                    },
                )
                summary.added += 1
            else:
                changes = {k: v for k, v in values.items() if v is not None and existing[k] != v}
                if changes:
                    store.update("connection", existing["id"], {**changes, "updated_on": today})
                    summary.updated += 1
                else:
                    summary.unchanged += 1
        if summary.dry_run:
            raise _Rollback


def _match(store: Store, card: Card, values: dict[str, Any]) -> Any:
    if card.url:
        found = store.row("SELECT * FROM connection WHERE url = :u", {"u": card.url})
        if found is not None:
            return found
    if card.email:
        found = store.row("SELECT * FROM connection WHERE email = :e", {"e": card.email})
        if found is not None:
            return found
    return store.row(
        "SELECT * FROM connection WHERE name_key = :n AND "
        "(company_key = :c OR (company_key IS NULL AND :c IS NULL))",
        {"n": values["name_key"], "c": values["company_key"]},
    )


def export_vcards(store: Store) -> str:
    """Your contacts as vCard 3.0."""
    import vobject

    out = []
    for r in store.rows(
        "SELECT k.id, k.name, k.title, k.email, k.phone, k.linkedin, k.note, c.name AS company "
        "FROM contact k LEFT JOIN company c ON c.id = k.company_id ORDER BY k.id"
    ):
        card = vobject.vCard()
        card.add("fn").value = r["name"]
        parts = r["name"].split()
        card.add("n").value = vobject.vcard.Name(
            family=parts[-1] if len(parts) > 1 else "", given=" ".join(parts[:-1]) or parts[0]
        )
        for field, value in (
            ("email", r["email"]),
            ("tel", r["phone"]),
            ("title", r["title"]),
            ("url", r["linkedin"]),
            ("note", r["note"]),
        ):
            if value:
                card.add(field).value = value
        if r["company"]:
            card.add("org").value = [r["company"]]
        card.add("uid").value = f"netjob-contact-{r['id']}"
        out.append(card.serialize())
    return "".join(out)
