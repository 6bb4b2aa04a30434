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

from netjob.db.store import Store
from netjob.engine import message_check
from netjob.engine.model import day as short_day
from netjob.engine.tiara import HEADINGS, KINDS
from netjob.errors import InvalidInput
from netjob.services import criteria, resolve, timeline

DRAFT_KINDS = (
    "outreach", "follow-up", "reply", "thanks", "report-back", "referral-ask", "update",
)  # fmt: skip
# The draft each kind of `next` item asks for (the default kind of `netjob draft`).
KIND_OF_RULE = {
    "write": "outreach",
    "3b-second-contact": "outreach",
    "lead": "outreach",
    "7b-follow-up": "follow-up",
    "settle-time": "reply",
    "thanks": "thanks",
    "report-back": "report-back",
    "referral-ask": "referral-ask",
    "keep-in-touch": "update",
}
CHANNELS = ("email", "linkedin")
PLACEHOLDERS = (
    "first_name",
    "name",
    "company",
    "at_company",
    "there",
    "search",
    "connection_inline",
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
        "linkedin": "We're connected on LinkedIn, and I've followed your work since.",
    }.get(how or "", f"I came across your work on the team{where} and was impressed.")


def inline(sentence: str, referrer: str | None) -> str:
    """The sentence continuing a line ('Hi Ann, we worked...'): lower-case its first word,
    unless it is a name or 'I'."""
    if referrer or sentence.startswith(("I ", "I'")):
        return sentence
    return sentence[:1].lower() + sentence[1:]


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str
    channel: str
    contact: str
    text: str
    template: str
    checks: list[message_check.Verdict]

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__} | {
            "checks": [
                {"check": v.check, "ok": v.ok, "detail": v.detail, "fix": v.fix}
                for v in self.checks
            ]
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
    acted = store.row(  # only advice you acted on is "a real help"
        "SELECT t.text FROM tiara_note t JOIN interaction i ON i.id = t.interaction_id "
        "WHERE i.contact_id = :id AND t.kind = 'advice' AND t.acted_on IS NOT NULL "
        "ORDER BY t.acted_on DESC, t.id DESC LIMIT 1",
        {"id": contact_id},
    )
    sent = store.row(
        "SELECT message FROM interaction WHERE contact_id = :id AND kind IN "
        "('outreach', 'follow_up') AND message IS NOT NULL ORDER BY occurred_on DESC, id DESC "
        "LIMIT 1",
        {"id": contact_id},
    )
    company = row["company"] or "your company"
    at_company = f" at {row['company']}" if row["company"] else ""
    chat_day = f"on {short_day(chat['occurred_on'])}" if chat else "recently"
    advice = acted["text"] if acted else "[the advice you acted on]"
    return {
        "name": row["name"],
        "first_name": row["name"].split()[0],
        "company": company,
        "at_company": at_company,
        "there": " there" if row["company"] else "",
        "search": f"my search at {row['company']}" if row["company"] else "my search",
        "title": row["title"] or "your role",
        "referrer": row["referrer"] or "",
        "connection": connection_line(row["how"], row["referrer"], row["company"]),
        "connection_inline": inline(
            connection_line(row["how"], row["referrer"], row["company"]), row["referrer"]
        ),
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


def draft(store: Store, *, contact: str, kind: str | None, channel: str, today: date) -> Draft:
    """A draft for a contact; without ``kind``, the one their next item asks for."""
    if kind is not None and kind not in DRAFT_KINDS:
        raise InvalidInput(f"'{kind}' is not a draft kind; use one of {', '.join(DRAFT_KINDS)}.")
    if channel not in CHANNELS:
        raise InvalidInput(f"'{channel}' is not a channel; use email or linkedin.")
    ref = resolve.contact(store, contact)
    kind = kind or default_kind(store, contact_id=ref.id, name=ref.name, today=today)
    template, source = load_template(kind, channel)
    try:
        text = string.Template(template).safe_substitute(_context(store, ref.id))
    except ValueError as error:
        raise InvalidInput(f"The template {source} is malformed: {error}.") from None
    text = "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"
    checks = message_check.check(text, channel=channel, first_message=kind == "outreach")
    return Draft(kind, channel, ref.name, text, source, checks)


def default_kind(store: Store, *, contact_id: int, name: str, today: date) -> str:
    """The kind of message the person's next item asks for, else what their state allows."""
    from netjob.engine import standing as states
    from netjob.services.coach import daily
    from netjob.services.coach.facts import gather

    item = daily.next_for(store, contact_id=contact_id, today=today)
    if item is not None and item["from"] > today:
        item = None  # nothing asked of them today
    if item is not None and item["rule"] == "reply":
        return "update" if item["talked"] else "reply"
    if item is not None and item["rule"] in KIND_OF_RULE:
        return KIND_OF_RULE[item["rule"]]
    facts = gather(store, on=today, today=today, contact=contact_id)
    me = next(k for k in facts.contacts if k.id == contact_id)
    state = states.state_on(facts.standing(me), today)  # from the facts next reads
    employer = facts.employer(me.company_id).state
    at = facts.company(me.company_id)
    if state == states.NOT_WRITTEN and not me.is_lead and at is not None:
        if employer == states.ENGAGED:
            raise InvalidInput(
                f"Nothing to write to {name} now: someone at {at.name} already talks to you, "
                "so `next` asks for no new first message there (the names they give you are "
                "the way in). Pass --kind outreach to draft one anyway."
            )
        if employer == states.APPLIED_COLD:
            raise InvalidInput(
                f"Nothing to write to {name} now: you applied cold to {at.name}, so `next` "
                "asks for no new networking there. Pass --kind outreach to draft one anyway."
            )
    if state == states.NOT_WRITTEN:
        return "outreach"
    if state == states.TALKED:
        return "update"
    quoted = f'"{name}"'
    waiting = "you wrote and their one follow-up is not due yet"
    first_heard, first_out = facts.first_heard_at(me.company_id), me.log.first_out
    if first_heard is not None and first_out is not None and first_heard > first_out:
        waiting = (
            f"someone at {at.name if at else 'their company'} answered after you wrote, so "
            "their follow-up was cancelled (the people who talk to you are the way in now)"
        )
    elif employer == states.APPLIED_COLD:
        waiting = "you applied cold there, so `next` asks for no follow-up"
    reasons = {
        states.WAITING: waiting,
        states.FOLLOWED_UP: "you followed up once already; wait for an answer",
        states.UNRESPONSIVE: "they did not answer your follow-up; netjob does not chase further",
        states.CHAT_AHEAD: f"a chat is ahead: prepare with `netjob prep {quoted}`",
        states.CHAT_NOT_RECORDED: f"say how the chat went first: `netjob chat done {quoted}`",
        states.SCHEDULING: "you answered their reply; a nudge comes due if no time is set",
    }
    raise InvalidInput(
        f"Nothing to write to {name} now: {reasons.get(state, state)}. "
        "Pass --kind to draft one anyway."
    )


# ---------------------------------------------------------------- prep


def prep(store: Store, *, target: str, company: bool = False) -> dict[str, Any]:
    """A one-page brief before a chat: who, how connected, history, notes, open criteria."""
    if company:
        company_ref = resolve.company(store, target)
        person = None
        company_id: int | None = company_ref.id
    else:
        contact_ref, company_id = resolve.contact_with_company(store, target)
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
        entries = timeline.timeline(store, target=f"#{company_id}", company=True)["entries"]
    else:
        assert person is not None
        entries = timeline.timeline(store, target=f"#{person['id']}")["entries"]
    notes = [
        {"entry_id": e["id"], "with": e["contact"], "on": e["on"], **t}
        for e in entries
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
        "timeline": entries[:15],
        "notes": notes,
        "advice": [n for n in notes if n["kind"] == "advice"],
        "unscored": fit["unscored"] if fit else [],
        "questions": [
            {"kind": k, "topic": HEADINGS[k][0], "question": HEADINGS[k][1]} for k in KINDS
        ],
        "close": ["Who else should I talk to?", "May I reach back out if I have more questions?"],
    }
