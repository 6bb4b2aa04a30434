"""The undo journal's recording side: what a command's record says, and how many are kept.

:class:`netjob.db.store.Store` records every changed row in ``journal_row`` through
triggers; at the end of a command's transaction :func:`close` summarises its record
(or folds a bookkeeping-only one into the record before) and prunes the oldest.
:mod:`netjob.services.undo` reads and replays the records.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netjob.db.store import Store

KEEP = 50
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
    "next_item": ("item of next", "items of next"),
    "setting": ("setting", "settings"),
    "connection": ("connection", "connections"),
    "imported_message": ("imported message", "imported messages"),
    "removed_import": ("removed import", "removed imports"),
    "score_change": ("dated score", "dated scores"),
}


def bookkeeping(table: str, op: str, key: list[Any]) -> bool:
    if table == "item_state_change":  # the items' own history
        return True
    if table == "next_item" and op in {"i", "r"}:  # a new item's stable number
        return True
    return table == "setting" and bool(key) and str(key[0]).startswith("_")  # a cache


def summarize(rows: list[Any], added: dict[str, int] | None = None) -> str:
    """'added 1 log entry, 2 TIARA notes; changed 1 contact' from journal rows in order
    (each row counted once, by what it became: added, changed or removed), plus ``added``:
    the rows of a table above its ``r`` mark (counted by the caller)."""
    above = {r["table_name"]: json.loads(r["pk"])[0] for r in rows if r["op"] == "r"}
    first: dict[tuple[str, str], str] = {}
    last: dict[tuple[str, str], str] = {}
    for r in rows:
        if r["op"] == "r":
            continue
        if r["table_name"] in above:
            value = json.loads(r["pk"])[0]
            if isinstance(value, int) and value > above[r["table_name"]]:
                continue  # a row this command added, counted in ``added``
        key = (r["table_name"], r["pk"])
        first.setdefault(key, r["op"])
        last[key] = r["op"]
    counts: dict[str, dict[str, int]] = {"added": dict(added or {}), "changed": {}, "removed": {}}
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
        found = {table: n for table, n in found.items() if n}
        if not found:
            continue
        named = []
        for table in sorted(found, key=lambda t: order.index(t) if t in order else len(order)):
            singular, plural = NAMES.get(table, (table, table))
            named.append(f"{found[table]} {singular if found[table] == 1 else plural}")
        parts.append(f"{verb} {', '.join(named)}")
    return "; ".join(parts)


def close(store: Store, journal_id: int) -> bool:
    """At the end of a command's transaction: summarise its record, or, when the command
    changed only bookkeeping, fold its rows into the record before; keep the newest KEEP
    records. True when kept as a step of its own."""
    rows = [
        r
        for r in store.rows(
            "SELECT table_name, op, pk FROM journal_row WHERE journal_id = :j ORDER BY id",
            {"j": journal_id},
        )
        if not bookkeeping(r["table_name"], r["op"], json.loads(r["pk"]))
    ]
    if not rows:
        # Not a step of its own, but its rows stay recorded, folded into the command
        # before it: undoing that one must see every change made since, to be exact.
        before = store.value("SELECT MAX(id) FROM journal WHERE id < :j", {"j": journal_id})
        if before is not None:
            store.execute(
                "UPDATE journal_row SET journal_id = :b WHERE journal_id = :j",
                {"b": before, "j": journal_id},
            )
        store.execute("DELETE FROM journal WHERE id = :j", {"j": journal_id})
        return False
    added: dict[str, tuple[int, int]] = {}
    tables = set(store.tables())
    for r in rows:
        table = r["table_name"]
        if r["op"] == "r" and table in tables:
            column = store.table_columns(table)[1][0]
            high = min(json.loads(r["pk"])[0], added.get(table, (0, 1 << 62))[1])
            count = store.value(f'SELECT COUNT(*) FROM {table} WHERE "{column}" > :h', {"h": high})
            added[table] = (int(count), high)
    store.execute(
        "UPDATE journal SET summary = :s WHERE id = :j",
        {"s": summarize(rows, {t: n for t, (n, _) in added.items()}), "j": journal_id},
    )
    oldest = store.value(
        "SELECT id FROM journal ORDER BY id DESC LIMIT 1 OFFSET :n", {"n": KEEP - 1}
    )
    if oldest is not None:
        store.execute("DELETE FROM journal WHERE id < :id", {"id": oldest})
    return True
