"""Each contact's log summarised: the one stored copy of what the log says.

`next`, the pipeline, the funnel and the week read every contact's summary
(:func:`netjob.engine.contact_log.summarize`, with the stages of
:func:`netjob.engine.stages.contact_stages`). Worked out from the entries on every
run that costs about 100 ms at a power user's 20,000 entries (reading them is half of
it); read back from ``contact_summary`` it costs about 10 ms (docs/performance.md). So
each contact's summary is kept there, and only there:

- written by :func:`refresh` alone, which the write services call inside their own
  transaction for the contacts whose entries they changed (no triggers);
- outside undo's journal (``Store.UNJOURNALED``; undo refreshes the contacts it
  touched) and outside the export (an import leaves it to be worked out);
- trusted only when its ``version`` is :data:`VERSION`: a missing or stale row is
  worked out again as it is read, and stored when the database can be written. So a
  change to what a summary holds bumps VERSION and needs no migration
  (``tests/test_summaries.py`` fails when the shape changes and VERSION does not).

A replayed day (``next --on`` a past day) never reads it: it summarises the entries
as they stood on that day (:func:`replayed`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, TypeVar

from netjob.db.store import Store, as_date, is_read_only
from netjob.engine import contact_log, stages

VERSION = "3"
_LOG_FIELDS = tuple(f.name for f in fields(contact_log.ContactLog))
_MARKS = frozenset(contact_log.MARK_FIELDS)
_ENTRY_COLUMNS = (
    "id, contact_id, kind, occurred_on, status, at_time, logged_on, planned_on, settled_on"
)


@dataclass(frozen=True, slots=True)
class Summary:
    log: contact_log.ContactLog
    stages: list[stages.Stage]


# ---------------------------------------------------------------- the stored form


_EMPTY = contact_log.ContactLog()
# How each field of ContactLog is stored: a Mark as [day ordinal, entry id], a day as its
# ordinal, the rest as they are.
_MARK, _DAY, _PLAIN = 0, 1, 2
_SHAPES = tuple(
    _MARK if name in _MARKS else _DAY if name == "advice_acted_on" else _PLAIN
    for name in _LOG_FIELDS
)
_tuple = tuple.__new__  # a Mark made without NamedTuple's Python-level __new__


def _encode_log(log: contact_log.ContactLog) -> str:
    """A list in field order (see _SHAPES); "" for a log with nothing in it."""
    if log == _EMPTY:
        return ""
    values: list[Any] = []
    for name in _LOG_FIELDS:
        value = getattr(log, name)
        if name in _MARKS:
            value = None if value is None else [value.on.toordinal(), value.id]
        elif isinstance(value, date):
            value = value.toordinal()
        values.append(value)
    return json.dumps(values, separators=(",", ":"))


# json.loads less its Python-level wrapping (JSONDecoder sets scan_once in __init__)
_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_days: dict[int, date] = {}  # ordinal -> day: a search's entries share a few hundred days


def _day(ordinal: int) -> date:
    found = _days.get(ordinal)
    if found is None:
        found = _days[ordinal] = date.fromordinal(ordinal)
    return found


def _decoder() -> Callable[[list[Any]], contact_log.ContactLog]:
    """A function that makes a ContactLog of the stored list, written out field by field
    for :data:`_SHAPES` (a loop over the fields took a third longer, at 20,000 logs)."""
    made = []
    for n, shape in enumerate(_SHAPES):
        if shape == _MARK:
            made.append(f"None if v[{n}] is None else new(Mark, (day(v[{n}][0]), v[{n}][1]))")
        elif shape == _DAY:
            made.append(f"None if v[{n}] is None else day(v[{n}])")
        else:
            made.append(f"v[{n}]")
    names: dict[str, Any] = {
        "new": _tuple,
        "Mark": contact_log.Mark,
        "day": _day,
        "Log": contact_log.ContactLog,
    }
    exec(f"def made(v):\n    return Log({', '.join(made)})", names)  # our own text, made once
    return names["made"]  # type: ignore[no-any-return]


_made = _decoder()


def decode_log(text: str) -> contact_log.ContactLog:
    """The stored form read back (20,000 of them for a large search: kept lean)."""
    if not text:
        return contact_log.ContactLog()
    values = _scan(text, 0)[0]
    if len(values) != len(_SHAPES):
        raise ValueError("a stored log of another shape")
    return _made(values)


def _encode_stages(found: list[stages.Stage]) -> str:
    return json.dumps(
        [[s.stage, s.on.toordinal(), s.entry_id, s.cause] for s in found], separators=(",", ":")
    )


def decode_stages(text: str) -> list[stages.Stage]:
    return [
        stages.Stage(stage, date.fromordinal(on), entry_id, cause)
        for stage, on, entry_id, cause in json.loads(text)
    ]


# ---------------------------------------------------------------- working them out


MANY = 500  # more contacts than this are read whole (an IN list holds a few hundred)


def log_entry(r: Any) -> contact_log.LogEntry:
    """A log entry for the engine from a row of ``interaction``'s columns."""
    return contact_log.LogEntry(
        r["id"],
        r["kind"],
        r["occurred_on"],
        r["status"],
        r["at_time"],
        r["logged_on"],
        r["planned_on"],
        r["settled_on"],
    )


def _where(store: Store, column: str, ids: list[int] | None) -> tuple[str, dict[str, Any]]:
    return (f"{column} IS NOT NULL", {}) if ids is None else store.in_list(column, ids)


def compute(store: Store, contacts: Collection[int] | None = None) -> dict[int, Summary]:
    """The summaries of these contacts (of every contact when None), from their entries."""
    wanted = None if contacts is None else set(contacts)
    ids = None if wanted is None or len(wanted) > MANY else sorted(wanted)
    where, bind = _where(store, "contact_id", ids)
    entries: dict[int, list[contact_log.LogEntry]] = {}
    for r in store.rows(f"SELECT {_ENTRY_COLUMNS} FROM interaction WHERE {where}", bind):
        entries.setdefault(r["contact_id"], []).append(log_entry(r))
    acted: dict[int, list[date]] = {}
    where, bind = _where(store, "i.contact_id", ids)
    for r in store.rows(
        "SELECT i.contact_id, t.acted_on FROM tiara_note t JOIN interaction i "
        "ON i.id = t.interaction_id WHERE t.kind = 'advice' AND t.acted_on IS NOT NULL "
        f"AND {where}",
        bind,
    ):
        acted.setdefault(r["contact_id"], []).append(r["acted_on"])
    where, bind = _where(store, "id", ids)
    found = {}
    for r in store.rows(f"SELECT id, created_on FROM contact WHERE {where}", bind):
        if wanted is not None and r["id"] not in wanted:
            continue
        own = entries.get(r["id"], [])
        found[r["id"]] = Summary(
            contact_log.summarize(own, acted.get(r["id"], ())),
            stages.contact_stages(
                r["created_on"], [stages.Entry(e.id, e.kind, e.on, e.status) for e in own]
            ),
        )
    return found


def _store(store: Store, found: dict[int, Summary]) -> None:
    store.execute_many(
        "INSERT INTO contact_summary (contact_id, version, log, stages) VALUES "
        "(:id, :v, :log, :stages) ON CONFLICT (contact_id) DO UPDATE SET version = :v, "
        "log = :log, stages = :stages",
        [
            {"id": k, "v": VERSION, "log": _encode_log(s.log), "stages": _encode_stages(s.stages)}
            for k, s in found.items()
        ],
    )


def refresh(store: Store, contacts: Iterable[int | None]) -> None:
    """Work out and store again the summaries of these contacts (inside the caller's
    transaction): every write service calls it for the contacts whose entries it changed.
    A contact that is gone has no summary (the row went with it)."""
    ids = sorted({c for c in contacts if c is not None})
    if ids:
        store.lock("contact", ids)  # a second writer works from what the first committed
        _store(store, compute(store, ids))


def fill(store: Store, found: dict[int, Summary]) -> None:
    """Keep summaries worked out while reading (missing or stale rows), when the database
    can be written; a read-only one works them out again next time."""
    if not found:
        return
    try:
        with store.transaction(journal=False):
            _store(store, found)
    except Exception as error:
        if not is_read_only(error):
            raise


# ---------------------------------------------------------------- reading them

T = TypeVar("T")


def _readable(decode: Callable[[str], T], text: str) -> T | None:
    """``text`` decoded, or None when it is not what this code stores (a row written by
    hand or damaged: worked out again, never believed)."""
    try:
        return decode(text)
    except (ValueError, TypeError, IndexError, KeyError, StopIteration):
        return None


def logs(store: Store, rows: Iterable[Any]) -> dict[int, contact_log.ContactLog]:
    """Each contact's log summary from ``rows`` of (contact id, stored version, stored
    log): the stored one when its version is this code's, else worked out (and kept)."""
    found: dict[int, contact_log.ContactLog] = {}
    stale = []
    for contact_id, version, text in rows:
        log = _readable(decode_log, text) if version == VERSION else None
        if log is None:
            stale.append(contact_id)
        else:
            found[contact_id] = log
    if stale:
        computed = compute(store, stale)
        fill(store, computed)
        found.update((k, s.log) for k, s in computed.items())
    return found


def stored_logs(
    store: Store, ids: Collection[int] | None = None
) -> dict[int, contact_log.ContactLog]:
    """The log summaries of these contacts (of everyone when None), as :func:`logs` reads."""
    sql = (
        "SELECT k.id, s.version, s.log FROM contact k "
        "LEFT JOIN contact_summary s ON s.contact_id = k.id"
    )
    if ids is None:
        rows = store.rows(sql)
    else:
        wanted, rows = sorted(ids), []
        for start in range(0, len(wanted), MANY):
            where, bind = store.in_list("k.id", wanted[start : start + MANY])
            rows.extend(store.rows(f"{sql} WHERE {where}", bind))
    return logs(store, [(r["id"], r["version"], r["log"]) for r in rows])


def every_stage(store: Store) -> dict[int, list[stages.Stage]]:
    """Each contact's stages, stored or worked out (and kept)."""
    found: dict[int, list[stages.Stage]] = {}
    stale = []
    for r in store.rows(
        "SELECT k.id, s.version, s.stages FROM contact k "
        "LEFT JOIN contact_summary s ON s.contact_id = k.id"
    ):
        reached = _readable(decode_stages, r["stages"]) if r["version"] == VERSION else None
        if reached is None:
            stale.append(r["id"])
        else:
            found[r["id"]] = reached
    if stale:
        computed = compute(store, stale)
        fill(store, computed)
        found.update((k, s.stages) for k, s in computed.items())
    return found


def of(store: Store, contact_id: int) -> Summary:
    """One contact's summary, stored or worked out."""
    row = store.row(
        "SELECT version, log, stages FROM contact_summary WHERE contact_id = :id",
        {"id": contact_id},
    )
    if row is not None and row["version"] == VERSION:
        log, reached = _readable(decode_log, row["log"]), _readable(decode_stages, row["stages"])
        if log is not None and reached is not None:
            return Summary(log, reached)
    return compute(store, [contact_id]).get(contact_id, Summary(contact_log.ContactLog(), []))


# The contacts whose log a past day saw otherwise than it is now (see engine.contact_log.as_of):
# an entry logged after the day; a planned chat settled after it, or planned and not as
# booked; another entry dated after it (but a chat still ahead); advice acted on after it.
_CHANGED_SINCE = (
    "SELECT DISTINCT contact_id FROM interaction WHERE contact_id IS NOT NULL AND ("
    "logged_on > :on OR (kind = 'chat' AND planned_on IS NOT NULL AND (settled_on > :on OR "
    "(settled_on IS NULL AND (occurred_on <> planned_on OR status <> 'scheduled')))) OR "
    "((kind <> 'chat' OR planned_on IS NULL) AND occurred_on > :on AND NOT "
    "(kind = 'chat' AND status = 'scheduled'))) "
    "UNION SELECT i.contact_id FROM tiara_note t JOIN interaction i ON i.id = t.interaction_id "
    "WHERE t.kind = 'advice' AND t.acted_on > :on"
)


def replayed(
    store: Store, on: date, rows: Iterable[tuple[int, str | None, str | None]]
) -> dict[int, contact_log.ContactLog]:
    """Each contact's log as it stood on a past day: the entries logged by then, chats as
    planned then (:func:`netjob.engine.contact_log.as_of`), advice acted on by then. ``rows``:
    (contact id, stored version, stored log) of the contacts wanted.

    Someone whose log that day already held all of it as it is now (nothing of theirs
    logged, dated, settled or acted on since) has their summary as stored, which is the
    same function of the same entries; the others are summarised again."""
    changed = {r["contact_id"] for r in store.rows(_CHANGED_SINCE, {"on": on})}
    wanted = list(rows)
    found = logs(store, [r for r in wanted if r[0] not in changed])
    again = sorted(changed & {r[0] for r in wanted})
    if not again:
        return found
    entries: dict[int, list[contact_log.LogEntry]] = {}
    for r in store.rows(  # theirs only, however many: the same query picks them
        f"SELECT {_ENTRY_COLUMNS} FROM interaction WHERE logged_on <= :on "
        f"AND contact_id IN ({_CHANGED_SINCE})",
        {"on": on},
    ):
        entries.setdefault(r["contact_id"], []).append(log_entry(r))
    acted: dict[int, date] = {}
    for r in store.rows(
        "SELECT i.contact_id, MAX(t.acted_on) AS acted FROM tiara_note t JOIN interaction i "
        "ON i.id = t.interaction_id WHERE t.kind = 'advice' AND t.acted_on <= :on "
        f"AND i.contact_id IN ({_CHANGED_SINCE}) GROUP BY i.contact_id",
        {"on": on},
    ):
        acted[r["contact_id"]] = as_date(r["acted"])
    for contact_id in again:
        own = entries.get(contact_id, [])
        found[contact_id] = contact_log.summarize(
            contact_log.as_of(own, on), [acted[contact_id]] if contact_id in acted else []
        )
    return found
