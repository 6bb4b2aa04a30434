"""Which entry each imported message becomes: one contact's messages, merged with what
their log already holds, as a thread of entries.

- their message -> ``reply``;
- yours, before you ever heard from them: the first -> ``outreach``, the next ones ->
  ``follow_up``;
- yours after they replied (or a chat) -> ``update``;
- several messages in a row the same way on the same day are one entry;
- a message on a day the log already has an entry in the same direction (you wrote /
  they wrote; typed by hand or imported before) is that entry, not a new one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

# ---------------------------------------------------------------- classification

OUT_KINDS = frozenset({"outreach", "follow_up", "update", "referral_ask", "thanks"})
HEARD_KINDS = frozenset({"reply", "referral"})


@dataclass(frozen=True, slots=True)
class Prior:
    """An entry already in the contact's log."""

    id: int
    kind: str
    on: date
    status: str | None = None
    typed: bool = True  # typed by hand (not created by an import)


@dataclass(frozen=True, slots=True)
class Incoming:
    key: str
    when: datetime
    on: date
    inbound: bool
    note: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Planned:
    """What one incoming message becomes: a new entry of ``kind`` (``new`` is its
    index among the new entries), or the existing entry ``existing``."""

    message: Incoming
    kind: str
    new: int | None = None
    existing: int | None = None
    by_hand: bool = False  # the existing entry was typed by hand


def _direction(prior: Prior) -> str | None:
    if prior.kind in OUT_KINDS:
        return "out"
    if prior.kind in HEARD_KINDS:
        return "in"
    return None


def classify(prior: Iterable[Prior], incoming: Iterable[Incoming]) -> list[Planned]:
    """Decide what each new message of one contact becomes (see the module doc).

    Within one contact's messages a thread is the whole conversation with them,
    whatever the channel's own threading: a second first-message to someone who
    never answered is a follow-up, not a new outreach."""
    events: list[tuple[date, int, datetime | None, Prior | Incoming]] = []
    for p in prior:
        events.append((p.on, 0, None, p))
    for m in incoming:
        events.append((m.on, 1, m.when, m))
    events.sort(key=lambda e: (e[0], e[1], e[2] or datetime.min.replace(tzinfo=UTC)))
    same_day: dict[tuple[date, str], Prior] = {}
    for p in sorted(prior, key=lambda p: (not p.typed, p.id)):
        direction = _direction(p)
        if direction is not None:
            same_day.setdefault((p.on, direction), p)
    wrote = heard = False
    last: tuple[date, str, int] | None = None  # (day, direction, new index) of the last new entry
    planned: list[Planned] = []
    new_count = 0
    for _, _, _, item in events:
        if isinstance(item, Prior):
            direction = _direction(item)
            if item.kind in OUT_KINDS:
                wrote = True
            if item.kind in HEARD_KINDS or (
                item.kind == "chat" and item.status in {"held", "scheduled"}
            ):
                heard = True
            if direction is not None or item.kind == "chat":
                last = None
            continue
        direction = "in" if item.inbound else "out"
        if (item.on, direction) in same_day:
            match = same_day[(item.on, direction)]
            planned.append(Planned(item, "", existing=match.id, by_hand=match.typed))
            last = None
        elif last is not None and last[0] == item.on and last[1] == direction:
            planned.append(Planned(item, "", new=last[2]))
        else:
            if item.inbound:
                kind = "reply"
            elif heard:
                kind = "update"
            elif wrote:
                kind = "follow_up"
            else:
                kind = "outreach"
            planned.append(Planned(item, kind, new=new_count))
            last = (item.on, direction, new_count)
            new_count += 1
        if item.inbound:
            heard = True
        else:
            wrote = True
    return planned
