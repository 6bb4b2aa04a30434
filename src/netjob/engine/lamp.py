"""LAMP ordering of target employers (METHOD section 1).

Motivation (high first), then Posting (high first), then Advocacy (yes first),
then name. An unscored posting sorts below "none" (1); a company with at least
one contact counts as having an advocate candidate even if not stated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True, slots=True)
class LampScores:
    name: str
    motivation: int
    posting: int | None
    advocacy: bool
    contacts: int = 0

    @property
    def has_advocate(self) -> bool:
        return self.advocacy or self.contacts > 0


def lamp_key(scores: LampScores) -> tuple[int, int, int, str]:
    """Sort key: ascending order of this key is LAMP order."""
    return (
        -scores.motivation,
        -(scores.posting or 0),
        0 if scores.has_advocate else 1,
        scores.name.casefold(),
    )


T = TypeVar("T")


def lamp_sorted(items: Sequence[T], scores: Callable[[T], LampScores]) -> list[T]:
    """``items`` in LAMP order, using ``scores`` to read each one's scores."""
    return sorted(items, key=lambda item: lamp_key(scores(item)))


NO_RANK_KEY = "z"  # sorts after every stored key: no company, or a closed one


def stored_key(scores: LampScores, company_id: int) -> str:
    """A plain-ASCII string whose order is LAMP order (for ``ORDER BY`` in either database).

    Each character of the folded name is written as ``1`` and six hex digits, and the
    name ends with ``0``, so a name sorts before any longer name it begins; the id
    breaks ties the way the stable sort by id does.
    """
    head = f"{3 - scores.motivation}{3 - (scores.posting or 0)}{0 if scores.has_advocate else 1}"
    name = "".join(f"1{ord(ch):06x}" for ch in scores.name.casefold())
    return f"{head}{name}0{company_id:012d}"


def ranked(
    items: Sequence[T], scores: Callable[[T], LampScores], closed: Callable[[T], bool]
) -> list[tuple[T, int | None]]:
    """``items`` in LAMP order, each with its rank: 1 for the first one not ``closed``,
    then 2, ...; a closed one keeps its place in the order but has no rank (None)."""
    found: list[tuple[T, int | None]] = []
    rank = 0
    for item in lamp_sorted(items, scores):
        if closed(item):
            found.append((item, None))
        else:
            rank += 1
            found.append((item, rank))
    return found
