"""Undo: revert the last command exactly, whatever it was.

Every write command's transaction records, through triggers (see :class:`netjob.store.Store`),
each row it inserted, changed or deleted in every table, derived ones included, with the
row's image before the change. `undo` replays that record backwards: an inserted row is
deleted, a changed or deleted row is put back as it was. Because rows are recorded in the
order they changed (the rows a foreign-key cascade removes before the row that caused it),
the backward replay never breaks a foreign key, and every table ends byte-equal to what it
was before the command.

Commands that change only bookkeeping (numbers given to new `next` items, caches, derived
rows recomputed by a read) are not kept as steps of their own. The journal keeps the newest
:data:`KEEP` commands; `undo` itself is not recorded (there is no redo).
"""

from __future__ import annotations

import json
from typing import Any

from netjob.errors import Conflict, DatabaseProblem, NotFound
from netjob.store import Store

KEEP = 50
DERIVED = frozenset({"stage_event", "contact_log", "pending_item"})
# How the summary names each table's rows (singular, plural), in the order it lists them.
NAMES = {
    "company": ("company", "companies"),
    "contact": ("contact", "contacts"),
    "interaction": ("log entry", "log entries"),
    "tiara_note": ("TIARA note", "TIARA notes"),
    "fit_score": ("fit score", "fit scores"),
    "red_flag": ("red flag", "red flags"),
    "criterion": ("criterion", "criteria"),
    "company_tag": ("company tag", "company tags"),
    "contact_tag": ("contact tag", "contact tags"),
    "reminder": ("reminder", "reminders"),
    "next_item": ("next item", "next items"),
    "setting": ("setting", "settings"),
    "connection": ("connection", "connections"),
}
BATCH = 500


def _bookkeeping(table: str, op: str, key: list[Any]) -> bool:
    if table in DERIVED:
        return True
    if table == "next_item" and op == "i":  # a new item's stable number
        return True
    return table == "setting" and bool(key) and str(key[0]).startswith("_")  # a cache


def summarize(rows: list[Any]) -> str:
    """'added 1 log entry, 2 TIARA notes; changed 1 contact' from journal rows in order
    (each row counted once, by what it became: added, changed or removed)."""
    first: dict[tuple[str, str], str] = {}
    last: dict[tuple[str, str], str] = {}
    for r in rows:
        key = (r["table_name"], r["pk"])
        first.setdefault(key, r["op"])
        last[key] = r["op"]
    counts: dict[str, dict[str, int]] = {"added": {}, "changed": {}, "removed": {}}
    for key, op in first.items():
        if op == "i":
            verb = None if last[key] == "d" else "added"
        else:
            verb = "removed" if last[key] == "d" else "changed"
        if verb is not None:
            counts[verb][key[0]] = counts[verb].get(key[0], 0) + 1
    parts = []
    order = list(NAMES)
    for verb, found in counts.items():
        if not found:
            continue
        named = []
        for table in sorted(found, key=lambda t: order.index(t) if t in order else len(order)):
            singular, plural = NAMES.get(table, (table, table))
            named.append(f"{found[table]} {singular if found[table] == 1 else plural}")
        parts.append(f"{verb} {', '.join(named)}")
    return "; ".join(parts)


def close(store: Store, journal_id: int) -> bool:
    """At the end of a command's transaction: summarise its record, or drop it when the
    command changed only bookkeeping; keep the newest KEEP records. True when kept."""
    rows = [
        r
        for r in store.rows(
            "SELECT table_name, op, pk FROM journal_row WHERE journal_id = :j ORDER BY id",
            {"j": journal_id},
        )
        if not _bookkeeping(r["table_name"], r["op"], json.loads(r["pk"]))
    ]
    if not rows:
        store.execute("DELETE FROM journal WHERE id = :j", {"j": journal_id})
        return False
    store.execute(
        "UPDATE journal SET summary = :s WHERE id = :j", {"s": summarize(rows), "j": journal_id}
    )
    oldest = store.value(
        "SELECT id FROM journal ORDER BY id DESC LIMIT 1 OFFSET :n", {"n": KEEP - 1}
    )
    if oldest is not None:
        store.execute("DELETE FROM journal WHERE id < :id", {"id": oldest})
    return True


def _record(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "at": row["done_at"],
        "command": row["label"],
        "summary": row["summary"],
    }


def recent(store: Store, *, limit: int = KEEP) -> list[dict[str, Any]]:
    """The recorded commands, newest first."""
    return [
        _record(r)
        for r in store.rows(
            "SELECT id, done_at, label, summary FROM journal ORDER BY id DESC LIMIT :n",
            {"n": limit},
        )
    ]


def latest(store: Store) -> dict[str, Any]:
    found = recent(store, limit=1)
    if not found:
        raise NotFound(
            "Nothing to undo: no command is recorded (undo keeps the last "
            f"{KEEP} commands that changed something)."
        )
    return found[0]


def describe(record: dict[str, Any]) -> str:
    command = f"`netjob {record['command']}`" if record["command"] else "a command"
    return f"{command} of {record['at']} ({record['summary']})"


def undo(store: Store, *, journal_id: int) -> dict[str, Any]:
    """Revert the command recorded as ``journal_id``, which must still be the newest."""
    with store.transaction(journal=False):
        newest = latest(store)
        if newest["id"] != journal_id:
            raise Conflict(
                f"Another command was recorded meanwhile: {describe(newest)}. "
                "Run undo again to see what it would revert."
            )
        tables = set(store.tables())
        shapes: dict[str, tuple[list[str], list[str]]] = {}
        rows = store.rows(
            "SELECT table_name, op, pk, image FROM journal_row WHERE journal_id = :j "
            "ORDER BY id DESC",
            {"j": journal_id},
        )
        inserted: list[Any] = []  # consecutive inserts of one table, deleted together
        for r in rows:
            table = r["table_name"]
            if table not in tables:
                raise DatabaseProblem(f"The undo journal names an unknown table '{table}'.")
            if table not in shapes:
                shapes[table] = store.table_columns(table)
            if r["op"] == "i":
                if inserted and inserted[0]["table_name"] != table:
                    _delete(store, shapes, inserted)
                    inserted = []
                inserted.append(r)
                if len(inserted) == BATCH:
                    _delete(store, shapes, inserted)
                    inserted = []
                continue
            if inserted:
                _delete(store, shapes, inserted)
                inserted = []
            _put_back(store, table, shapes[table], json.loads(r["pk"]), json.loads(r["image"]))
        if inserted:
            _delete(store, shapes, inserted)
        store.execute("DELETE FROM journal WHERE id = :j", {"j": journal_id})
    return {**newest, "rows": len(rows)}


def _where(key: list[str], values: list[Any], prefix: str = "k") -> tuple[str, dict[str, Any]]:
    where = " AND ".join(f'"{column}" = :{prefix}{n}' for n, column in enumerate(key))
    return where, {f"{prefix}{n}": value for n, value in enumerate(values)}


def _delete(
    store: Store, shapes: dict[str, tuple[list[str], list[str]]], inserted: list[Any]
) -> None:
    """Delete rows an undone command inserted (all of one table)."""
    table = inserted[0]["table_name"]
    key = shapes[table][1]
    keys = [json.loads(r["pk"]) for r in inserted]
    if len(key) == 1:
        marks = ", ".join(f":k{n}" for n in range(len(keys)))
        store.execute(
            f'DELETE FROM {table} WHERE "{key[0]}" IN ({marks})',
            {f"k{n}": values[0] for n, values in enumerate(keys)},
        )
        return
    for values in keys:
        where, bind = _where(key, values)
        store.execute(f"DELETE FROM {table} WHERE {where}", bind)


def _put_back(
    store: Store,
    table: str,
    shape: tuple[list[str], list[str]],
    pk: list[Any],
    image: dict[str, Any],
) -> None:
    """Give the row at ``pk`` (changed, or deleted) its image from before the command."""
    columns, key = shape
    unknown = set(image) - set(columns)
    if unknown:
        raise DatabaseProblem(
            f"The undo journal names unknown columns of {table}: {', '.join(sorted(unknown))}."
        )
    names = [c for c in columns if c in image]
    bind = {f"v{n}": image[c] for n, c in enumerate(names)}
    where, keyed = _where(key, pk)
    if store.value(f"SELECT COUNT(*) FROM {table} WHERE {where}", keyed):
        sets = ", ".join(f'"{c}" = :v{n}' for n, c in enumerate(names))
        store.execute(f"UPDATE {table} SET {sets} WHERE {where}", {**bind, **keyed})
    else:
        quoted = ", ".join(f'"{c}"' for c in names)
        marks = ", ".join(f":v{n}" for n in range(len(names)))
        store.execute(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", bind)
