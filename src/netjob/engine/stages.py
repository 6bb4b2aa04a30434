"""Stage history, derived from the log (METHOD section 5).

A contact moves identified -> contacted -> replied -> chatted -> referred; a
company moves through its statuses (backlog, active, closed) and, once you
apply, applied -> interviewing -> offer -> accepted, or ends rejected or
withdrawn. Each stage is dated by the first entry that reached it, so a later
"rejected" never erases the interview you reached: the funnel counts the
furthest stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

CONTACT_STAGES = ("identified", "contacted", "replied", "chatted", "referred")
APPLICATION_STAGES = ("applied", "interviewing", "offer", "accepted")
OUTCOMES = ("rejected", "withdrawn")
COMPANY_STATUSES = ("backlog", "active", "closed")

# What each log kind tells about a contact's stage.
_CONTACT_STAGE_OF_KIND = {
    "outreach": "contacted",
    "follow_up": "contacted",
    "reply": "replied",
    "chat": "replied",  # a chat being arranged means they answered
    "referral": "referred",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """The part of a log entry that stage history needs."""

    id: int
    kind: str
    on: date
    status: str | None = None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Stage:
    stage: str
    on: date
    entry_id: int | None
    cause: str


def _ordered(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.on, e.id))


def contact_stages(added_on: date, entries: Iterable[Entry]) -> list[Stage]:
    """The dated stages a contact reached, in stage order."""
    ordered = _ordered(entries)
    # Back-dated entries can predate the day the contact was typed in.
    known_on = min([added_on, *(e.on for e in ordered[:1])])
    first: dict[str, Stage] = {"identified": Stage("identified", known_on, None, "added")}
    for entry in ordered:
        reached = [_CONTACT_STAGE_OF_KIND.get(entry.kind)]
        if entry.kind == "chat" and entry.status == "held":
            reached.append("chatted")
        for stage in reached:
            if stage and stage not in first:
                first[stage] = Stage(stage, entry.on, entry.id, f"{entry.kind} #{entry.id}")
    # A stage reached implies the ones before it (a reply implies you were in touch).
    for index, stage in enumerate(CONTACT_STAGES):
        if stage in first:
            continue
        later = [first[s] for s in CONTACT_STAGES[index + 1 :] if s in first]
        if later:
            implied = min(later, key=lambda s: s.on)
            first[stage] = Stage(stage, implied.on, implied.entry_id, f"implied by {implied.stage}")
    return [first[s] for s in CONTACT_STAGES if s in first]


def company_stages(
    added_on: date,
    entries: Iterable[Entry],
    status: str | None = None,
    status_since: date | None = None,
) -> list[Stage]:
    """Status changes and application stages of a company, in date order.

    ``status`` is the company's current status: if the log does not explain it
    (it was set before history was kept), it is added as of ``status_since``.
    """
    ordered = _ordered(entries)
    known_on = min([added_on, *(e.on for e in ordered[:1])])
    found: list[Stage] = [Stage("backlog", known_on, None, "added")]
    seen_application: set[str] = set()
    for entry in ordered:
        if entry.kind == "status" and entry.detail:
            new = entry.detail.split(">")[-1]
            found.append(Stage(new, entry.on, entry.id, f"status #{entry.id}"))
        elif entry.kind == "application" and "applied" not in seen_application:
            seen_application.add("applied")
            found.append(Stage("applied", entry.on, entry.id, f"application #{entry.id}"))
        elif entry.kind == "stage" and entry.detail and entry.detail not in seen_application:
            seen_application.add(entry.detail)
            found.append(Stage(entry.detail, entry.on, entry.id, f"stage #{entry.id}"))
    statuses = [s.stage for s in found if s.stage in COMPANY_STATUSES]
    if status is not None and statuses[-1] != status:
        since = status_since or known_on
        found.append(Stage(status, since, None, "status before history was kept"))
        found.sort(key=lambda s: s.on)
    return found


def furthest(stages: Iterable[Stage], order: tuple[str, ...]) -> str | None:
    """The furthest stage in ``order`` reached (outcomes and statuses do not count)."""
    reached = {s.stage for s in stages}
    best = None
    for stage in order:
        if stage in reached:
            best = stage
    return best
