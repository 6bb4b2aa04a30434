"""Message drafts filled from what netjob knows, and the one-page prep brief.

Templates are plain text files with ``$placeholders`` (Python's string.Template):
the ones shipped in ``netjob/templates`` can be overridden by files of the same
name in the user's config folder (``netjob draft --templates`` says where).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from netjob.engine import message
from netjob.engine.coach import day as short_day
from netjob.engine.tiara import HEADINGS, KINDS
from netjob.errors import InvalidInput
from netjob.services import criteria, log, resolve
from netjob.store import Store

DRAFT_KINDS = ("outreach", "follow-up", "thanks", "report-back", "referral-ask", "update")
CHANNELS = ("email", "linkedin")
PLACEHOLDERS = (
    "first_name",
    "name",
    "company",
    "title",
    "connection",
    "referrer",
    "chat_day",
    "learned",
    "advice",
    "advice_line",
    "quoted",
)


def user_templates() -> Path:
    import platformdirs

    return platformdirs.user_config_path("netjob") / "templates"


def template_names() -> list[str]:
    shipped = resources.files("netjob").joinpath("templates")
    return sorted(p.name for p in shipped.iterdir() if p.name.endswith(".txt"))


def load_template(kind: str, channel: str) -> tuple[str, str]:
    """(text, where it came from) for a kind and channel, user files first."""
    names = [f"{kind}-{channel}.txt", f"{kind}.txt"] if channel != "email" else [f"{kind}.txt"]
    folder = user_templates()
    for name in names:
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8"), str(folder / name)
    shipped = resources.files("netjob").joinpath("templates")
    for name in names:
        if shipped.joinpath(name).is_file():
            return shipped.joinpath(name).read_text(encoding="utf-8"), f"netjob/templates/{name}"
    raise InvalidInput(f"No template for {kind} ({channel}).")  # pragma: no cover


def connection_line(how: str | None, referrer: str | None, company: str | None) -> str:
    """The opening sentence that states how you are connected."""
    if referrer:
        return f"{referrer} suggested I contact you."
    where = f" at {company}" if company else ""
    return {
        "alumni": "Fellow alum here: I found you through our alumni network.",
        "friend": "As a friend, you were the first person I thought of.",
        "colleague": "We worked together before, and I've followed your work since.",
    }.get(how or "", f"I came across your work on the team{where} and was impressed.")


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str
    channel: str
    contact: str
    text: str
    template: str
    checks: list[message.Verdict]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "channel": self.channel,
            "contact": self.contact,
            "text": self.text,
            "template": self.template,
            "checks": [
                {"check": v.check, "ok": v.ok, "detail": v.detail, "fix": v.fix}
                for v in self.checks
            ],
        }


def _context(store: Store, contact_id: int) -> dict[str, str]:
    row = store.row(
        "SELECT k.name, k.title, k.how, c.name AS company, r.name AS referrer FROM contact k "
        "LEFT JOIN company c ON c.id = k.company_id LEFT JOIN contact r ON r.id = k.referred_by_id "
        "WHERE k.id = :id",
        {"id": contact_id},
    )
    assert row is not None
    chat = store.row(
        "SELECT id, occurred_on FROM interaction WHERE contact_id = :id AND kind = 'chat' "
        "AND status = 'held' ORDER BY occurred_on DESC, id DESC LIMIT 1",
        {"id": contact_id},
    )
    notes = (
        store.rows(
            "SELECT kind, text, acted_on FROM tiara_note WHERE interaction_id = :id ORDER BY id",
            {"id": chat["id"]},
        )
        if chat
        else []
    )
    said = next((n["text"] for n in notes if n["kind"] in {"insight", "trend", "advice"}), None)
    acted = store.row(
        "SELECT t.text FROM tiara_note t JOIN interaction i ON i.id = t.interaction_id "
        "WHERE i.contact_id = :id AND t.kind = 'advice' ORDER BY t.acted_on IS NULL, "
        "t.acted_on DESC, t.id DESC LIMIT 1",
        {"id": contact_id},
    )
    sent = store.row(
        "SELECT message FROM interaction WHERE contact_id = :id AND kind IN "
        "('outreach', 'follow_up') AND message IS NOT NULL ORDER BY occurred_on DESC, id DESC "
        "LIMIT 1",
        {"id": contact_id},
    )
    company = row["company"] or "your company"
    chat_day = f"on {short_day(date.fromisoformat(chat['occurred_on']))}" if chat else "recently"
    advice = acted["text"] if acted else "[the advice you acted on]"
    return {
        "name": row["name"],
        "first_name": row["name"].split()[0],
        "company": company,
        "title": row["title"] or "your role",
        "referrer": row["referrer"] or "",
        "connection": connection_line(row["how"], row["referrer"], row["company"]),
        "chat_day": chat_day,
        "learned": (
            f'What you said about "{said}" has stayed with me.'
            if said
            else "[One thing they said that stayed with you.]"
        ),
        "advice": advice,
        "advice_line": f'Your advice ("{advice}") has been a real help.' if acted else "",
        "quoted": "\n".join(f"> {line}" for line in sent["message"].splitlines()) if sent else "",
    }


def draft(store: Store, *, contact: str, kind: str, channel: str) -> Draft:
    if kind not in DRAFT_KINDS:
        raise InvalidInput(f"'{kind}' is not a draft kind; use one of {', '.join(DRAFT_KINDS)}.")
    if channel not in CHANNELS:
        raise InvalidInput(f"'{channel}' is not a channel; use email or linkedin.")
    ref = resolve.contact(store, contact)
    template, source = load_template(kind, channel)
    try:
        text = string.Template(template).safe_substitute(_context(store, ref.id))
    except ValueError as error:
        raise InvalidInput(f"The template {source} is malformed: {error}.") from None
    text = "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"
    checks = (
        message.check(text, channel=channel, first_message=kind == "outreach")
        if kind in {"outreach", "follow-up"}
        else []
    )
    return Draft(kind, channel, ref.name, text, source, checks)


# ---------------------------------------------------------------- prep


def prep(store: Store, *, target: str, company: bool = False) -> dict[str, Any]:
    """A one-page brief before a chat: who, how connected, history, notes, open criteria."""
    if company:
        company_ref = resolve.company(store, target)
        person = None
        company_id: int | None = company_ref.id
    else:
        contact_ref = resolve.contact(store, target)
        company_id = store.value(
            "SELECT company_id FROM contact WHERE id = :id", {"id": contact_ref.id}
        )
        person = store.row(
            "SELECT k.id, k.name, k.title, k.how, k.email, k.linkedin, k.note, "
            "r.name AS referrer FROM contact k LEFT JOIN contact r ON r.id = k.referred_by_id "
            "WHERE k.id = :id",
            {"id": contact_ref.id},
        )
    company_row = (
        store.row(
            "SELECT id, name, industry, location, website, note FROM company WHERE id = :id",
            {"id": company_id},
        )
        if company_id is not None
        else None
    )
    # The company's whole story when there is one; else the person's own.
    if company_id is not None:
        timeline = log.timeline(store, target=f"#{company_id}", company=True)["entries"]
    else:
        assert person is not None
        timeline = log.timeline(store, target=f"#{person['id']}")["entries"]
    notes = [
        {"entry_id": e["id"], "with": e["contact"], "on": e["on"], **t}
        for e in timeline
        if e["kind"] == "chat"
        for t in e["tiara"]
    ]
    fit = criteria.fit(store, company_id) if company_id is not None else None
    return {
        "contact": None
        if person is None
        else {
            "id": person["id"],
            "name": person["name"],
            "title": person["title"],
            "how": person["how"],
            "connection": connection_line(
                person["how"], person["referrer"], company_row["name"] if company_row else None
            ),
            "email": person["email"],
            "linkedin": person["linkedin"],
            "note": person["note"],
        },
        "company": None if company_row is None else dict(company_row),
        "timeline": timeline[:15],
        "notes": notes,
        "advice": [n for n in notes if n["kind"] == "advice"],
        "unscored": fit["unscored"] if fit else [],
        "questions": [
            {"kind": k, "topic": HEADINGS[k][0], "question": HEADINGS[k][1]} for k in KINDS
        ],
        "close": ["Who else should I talk to?", "May I reach back out if I have more questions?"],
    }
