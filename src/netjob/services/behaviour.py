"""Behaviour classes (booster, obligate, curmudgeon, unknown), stored per contact.

Each contact's class is worked out when their log changes (by
:mod:`netjob.services.derived`) and stored in ``contact_log`` with the day a silent,
followed-up contact turns curmudgeon and the ``basis`` it was worked out on (the
settings and holidays the rule reads). Counting the classes on a day is then two
index-only counts, whatever the size of the network; rows stored under another basis
(after a settings change, before the next rebuild) are classified again as they are read.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from netjob.engine import facts
from netjob.engine import reports as engine
from netjob.engine import settings as defs
from netjob.services import settings as settings_service
from netjob.store import Store

STORED = ("booster", "obligate", "unknown")  # classes stored; curmudgeon comes with the day


@dataclass(frozen=True, slots=True)
class Rules:
    """What the rule reads from the settings, and a short name for it all."""

    booster_days: int
    unresponsive_days: int
    holidays: frozenset[date]
    basis: str


def rules(store: Store, today: date) -> Rules:
    values = settings_service.stored(store)
    numbers = defs.numbers(values)
    holidays = settings_service.holidays_for(store, values, today)
    days = ",".join(sorted(d.isoformat() for d in holidays)).encode()
    digest = hashlib.blake2b(days, digest_size=5).hexdigest()
    booster, quiet = numbers["second_contact_days"], numbers["unresponsive_days"]
    return Rules(booster, quiet, holidays, f"{booster}.{quiet}.{digest}")


def classify(log: facts.ContactLog, found: Rules) -> engine.Behaviour:
    return engine.classify(
        log,
        booster_days=found.booster_days,
        unresponsive_days=found.unresponsive_days,
        holidays=found.holidays,
    )


def columns(log: facts.ContactLog, found: Rules) -> dict[str, Any]:
    """The stored form of a contact's class (columns of ``contact_log``)."""
    behaviour = classify(log, found)
    return {
        "behaviour": behaviour.name,
        "curmudgeon_on": behaviour.curmudgeon_on,
        "basis": found.basis,
    }


def restamp(store: Store, today: date) -> int:
    """Work the classes stored under other settings out again (after `settings set` or
    `reset`), so that counting them stays a few index reads. Returns how many changed."""
    found = rules(store, today)
    stale = store.rows(
        "SELECT * FROM contact_log WHERE basis IS NULL OR basis <> :b", {"b": found.basis}
    )
    store.execute_many(
        "UPDATE contact_log SET behaviour = :behaviour, curmudgeon_on = :curmudgeon_on, "
        "basis = :basis WHERE contact_id = :id",
        [{**columns(facts.from_columns(r), found), "id": r["contact_id"]} for r in stale],
    )
    return len(stale)


def _on(row: Any, found: Rules, today: date) -> str:
    """A contact_log row's class on ``today``: stored, or worked out again if stored
    under another basis."""
    if row["basis"] == found.basis:
        turns = row["curmudgeon_on"]  # a date, or its ISO text: compared as text
        if turns is not None and str(turns) <= today.isoformat():
            return "curmudgeon"
        return str(row["behaviour"])
    return engine.behaviour_on(classify(facts.from_columns(row), found), today)


def _ids(ids: list[int] | None) -> tuple[str, dict[str, int]]:
    if ids is None:
        return "", {}
    marks = ", ".join(f":i{n}" for n in range(len(ids))) or "NULL"
    return f"AND contact_id IN ({marks})", {f"i{n}": i for n, i in enumerate(ids)}


def behaviours(store: Store, *, today: date, ids: list[int] | None = None) -> dict[int, str]:
    """Each contact's class on ``today``; of the contacts ``ids`` only, when given."""
    found = rules(store, today)
    classes: dict[int, str] = {}
    if ids is None:
        classes = {r["id"]: "unknown" for r in store.rows("SELECT id FROM contact")}
    else:
        classes = dict.fromkeys(ids, "unknown")
    for start in range(0, len(ids) if ids is not None else 1, 500):
        only, bind = _ids(None if ids is None else ids[start : start + 500])
        for r in store.rows(f"SELECT * FROM contact_log WHERE 1 = 1 {only}", bind):
            if r["contact_id"] in classes:
                classes[r["contact_id"]] = _on(r, found, today)
    return classes


def tally(store: Store, *, today: date) -> dict[str, int]:
    """How many contacts are in each class on ``today`` (the same as counting
    :func:`behaviours`): a count by stored class, less those turned curmudgeon by now."""
    found = rules(store, today)
    counts: Counter[str] = Counter()
    for name in STORED:  # a count a class: each a range of the index, no grouping
        counts[name] = int(
            store.value(
                "SELECT COUNT(*) FROM contact_log WHERE basis = :b AND behaviour = :c",
                {"b": found.basis, "c": name},
            )
            or 0
        )
    turned = int(
        store.value(
            "SELECT COUNT(*) FROM contact_log WHERE basis = :b AND behaviour = 'unknown' "
            "AND curmudgeon_on <= :on",
            {"b": found.basis, "on": today},
        )
        or 0
    )
    counts["unknown"] -= turned
    counts["curmudgeon"] += turned
    stored = int(store.value("SELECT COUNT(*) FROM contact_log") or 0)
    if stored > sum(counts.values()):  # written under other settings: classify them again
        for r in store.rows(
            "SELECT * FROM contact_log WHERE basis IS NULL OR basis <> :b", {"b": found.basis}
        ):
            counts[_on(r, found, today)] += 1
    everyone = int(store.value("SELECT COUNT(*) FROM contact") or 0)
    counts["unknown"] += everyone - sum(counts.values())  # no log summary yet
    return {name: counts.get(name, 0) for name in engine.BEHAVIOURS}


def counted(found: dict[int, str]) -> dict[str, int]:
    counts = Counter(found.values())
    return {name: counts.get(name, 0) for name in engine.BEHAVIOURS}
