"""Undo: revert the last command exactly, whatever it was.

Every write command's transaction records, through triggers (see :class:`netjob.db.store.Store`
and :mod:`netjob.db.journal`), each row it inserted, changed or deleted in every table (and the
rows a foreign-key cascade removed), with the row's image before the change. `undo` replays
that record backwards: inserted rows are deleted, changed or deleted rows get their image
back (each run of them as a whole, parents first, because SQLite and PostgreSQL record a
cascade's rows in different orders), so every table ends equal, value for value, to what it
held before the command. The contacts' log summaries are not recorded: undo works out again
those of the contacts whose entries it touched.

Commands that change only bookkeeping (numbers given to new `next` items, caches) are not
steps of their own: their rows are folded into the command before them, which undo then
reverts together with them, exactly. The journal keeps the newest
:data:`netjob.db.journal.KEEP` commands; `undo` itself is not recorded (no redo).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from netjob.db import journal
from netjob.db.store import Store
from netjob.engine.labels import short
from netjob.errors import Conflict, DatabaseProblem, NotFound
from netjob.services.coach import summaries

BATCH = 500
# The summary of a restore's record (other summaries start with added/changed/removed).
RESTORED = "restored "
KEPT_AT = "; the database it replaced is kept at "


def _record(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "at": row["done_at"],
        "command": row["label"],
        "summary": row["summary"],
    }


def recent(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The recorded commands, newest first."""
    return [
        _record(r)
        for r in store.rows(
            "SELECT id, done_at, label, summary FROM journal ORDER BY id DESC LIMIT :n",
            {"n": journal.KEEP if limit is None else limit},
        )
    ]


def latest(store: Store) -> dict[str, Any]:
    """The newest recorded command, which undo would revert; Conflict when it is a
    restore (see :func:`restored`)."""
    found = recent(store, limit=1)
    if not found:
        raise NotFound(
            "Nothing to undo: no command is recorded (undo keeps the last "
            f"{journal.KEEP} commands that changed something)."
        )
    newest = found[0]
    summary = newest["summary"] or ""
    if summary.startswith(RESTORED):
        command = f"netjob {newest['command']}" if newest["command"] else "netjob restore"
        aside = summary.partition(KEPT_AT)[2]
        way_back = (
            f"To go back, restore the one it replaced: netjob restore {aside}"
            if aside
            else "There was no database before it."
        )
        raise Conflict(
            f"Undo cannot revert `{command}`: it replaced the whole database. {way_back}"
        )
    return newest


def restored(store: Store, *, source: Path, aside: Path | None, now: datetime) -> None:
    """Record a restore (done ``now``) in the database it brought back, then close it.

    The restore replaced the file, journal included, so undo cannot revert it from
    inside; this record is the newest, and undo names the copy set aside instead."""
    summary = f"{RESTORED}{source}" + (f"{KEPT_AT}{aside}" if aside else "")
    try:
        with store.transaction(journal=False):
            stamp = f"{now:%Y-%m-%d %H:%M}"
            store.insert(
                "journal", {"done_at": stamp, "label": store.journal_label, "summary": summary}
            )
    finally:
        store.close()


def describe(record: dict[str, Any]) -> str:
    return f"`{short(record['command'])}` of {record['at']} ({record['summary']})"


def described_undone(record: dict[str, Any]) -> str:
    """What `undo` did, in words that do not read as if undo itself had added rows."""
    return f"Undid `{short(record['command'])}` of {record['at']}: it had {record['summary']}."


def undo(store: Store, *, journal_id: int) -> dict[str, Any]:
    """Revert the command recorded as ``journal_id``, which must still be the newest."""
    with store.transaction(journal=False):
        newest = latest(store)
        if newest["id"] != journal_id:
            raise Conflict(
                f"Another command was recorded meanwhile: {describe(newest)}. "
                "Run undo again to see what it would revert."
            )
        rows = store.rows(
            "SELECT table_name, op, pk, image FROM journal_row WHERE journal_id = :j "
            "ORDER BY id DESC",
            {"j": journal_id},
        )
        touched = _touched_contacts(store, rows)
        replay = _Replay(store)
        for r in rows:
            replay.step(r)
        replay.flush()
        summaries.refresh(store, touched)
        store.execute("DELETE FROM journal WHERE id = :j", {"j": journal_id})
    return {**newest, "rows": len(rows)}


def _touched_contacts(store: Store, rows: list[Any]) -> set[int]:
    """The contacts whose entries (or advice) a journal record changed, read before undo
    replays it: from the rows' images, and from the rows as they are now (an ``r`` row
    stands for every row above its id)."""
    found: set[int | None] = set()
    for r in rows:
        table, op = r["table_name"], r["op"]
        image = json.loads(r["image"]) if r["image"] else {}
        key = json.loads(r["pk"])[0]
        if table == "contact" and op != "r":
            found.add(int(key))
        elif table == "interaction":
            found.add(image.get("contact_id"))
            found.update(_contacts_of(store, "i.id", op, key))
        elif table == "tiara_note":
            found.update(_contacts_of(store, "i.id", "i", image.get("interaction_id")))
            found.update(_contacts_of(store, "t.id", op, key))
    return {c for c in found if c is not None}


def _contacts_of(store: Store, column: str, op: str, key: Any) -> list[int | None]:
    """The contacts of the entry (``i.id``) or TIARA note (``t.id``) ``key`` as it is now,
    or of every one above it for an ``r`` row."""
    if key is None:
        return []
    test = ">" if op == "r" else "="
    return [
        x["contact_id"]
        for x in store.rows(
            "SELECT DISTINCT i.contact_id FROM interaction i "
            f"LEFT JOIN tiara_note t ON t.interaction_id = i.id WHERE {column} {test} :k",
            {"k": key},
        )
    ]


class _Replay:
    """The journal rows of one command, newest first, turned back.

    Runs of inserted rows are deleted (newest first, a batch per table). A run of changed
    and deleted rows is put back as a whole: each row gets its image from before the run,
    deleted rows first, parents before children (the order of a JSON import, with the two
    contact columns that close a cycle filled in afterwards), then changed rows. So a
    cascade is reverted whichever order the database recorded it in (SQLite records the
    children first, PostgreSQL the parent).
    """

    def __init__(self, store: Store) -> None:
        from netjob.services.transfer import DEFERRED, TABLES

        self.store = store
        self.tables = set(store.tables())
        self.rank = {table: n for n, table in enumerate(TABLES)}
        self.deferred = DEFERRED
        self.shapes: dict[str, tuple[list[str], list[str]]] = {}
        self.inserted: list[Any] = []
        self.changed: dict[tuple[str, str], Any] = {}  # (table, pk) -> the oldest image
        self.above: dict[str, int] = {}  # table -> the id above which every row is new

    def shape(self, table: str) -> tuple[list[str], list[str]]:
        if table not in self.tables:
            raise DatabaseProblem(f"The undo journal names an unknown table '{table}'.")
        if table not in self.shapes:
            self.shapes[table] = self.store.table_columns(table)
        return self.shapes[table]

    def step(self, r: Any) -> None:
        self.shape(r["table_name"])
        if r["op"] == "r":  # every id above pk[0] is new: those rows go last
            high = json.loads(r["pk"])[0]
            self.above[r["table_name"]] = min(high, self.above.get(r["table_name"], high))
            return
        if r["op"] == "i":
            self._put_back()
            if self.inserted and (
                self.inserted[0]["table_name"] != r["table_name"] or len(self.inserted) == BATCH
            ):
                self._delete()
            self.inserted.append(r)
        else:
            self._delete()
            self.changed[(r["table_name"], r["pk"])] = r  # older rows come later: they win

    def flush(self) -> None:
        self._delete()
        self._put_back()
        # Rows the command added above a table's highest id: once every older row has its
        # image back nothing older refers to them; children go first.
        for table in sorted(self.above, key=lambda t: -self.rank.get(t, len(self.rank))):
            column = self.shape(table)[1][0]
            self.store.execute(
                f'DELETE FROM {table} WHERE "{column}" > :h', {"h": self.above[table]}
            )

    def _delete(self) -> None:
        """Delete rows the command inserted (all of one table)."""
        if not self.inserted:
            return
        table = self.inserted[0]["table_name"]
        key = self.shape(table)[1]
        keys = [json.loads(r["pk"]) for r in self.inserted]
        self.inserted = []
        if len(key) == 1:
            where, bind = self.store.in_list(f'"{key[0]}"', [values[0] for values in keys])
            self.store.execute(f"DELETE FROM {table} WHERE {where}", bind)
            return
        for values in keys:
            where, bind = _where(key, values)
            self.store.execute(f"DELETE FROM {table} WHERE {where}", bind)

    def _put_back(self) -> None:
        """Give each row of the run its image from before it: missing rows first, in
        foreign-key order, then the rest."""
        if not self.changed:
            return
        found = list(self.changed.values())
        self.changed = {}
        missing: list[tuple[str, list[Any], dict[str, Any]]] = []
        present: list[tuple[str, list[Any], dict[str, Any]]] = []
        for r in found:
            table = r["table_name"]
            pk = json.loads(r["pk"])
            image = json.loads(r["image"])
            known, key = self.shape(table)
            unknown = set(image) - set(known)
            if unknown:
                raise DatabaseProblem(
                    f"The undo journal names unknown columns of {table}: "
                    f"{', '.join(sorted(unknown))}."
                )
            where, keyed = _where(key, pk)
            exists = self.store.value(f"SELECT COUNT(*) FROM {table} WHERE {where}", keyed)
            (present if exists else missing).append((table, pk, image))
        missing.sort(key=lambda m: self.rank.get(m[0], len(self.rank)))
        later = []
        for table, _pk, image in missing:
            held = {c: image[c] for c in self.deferred.get(table, ()) if image.get(c) is not None}
            values = {c: (None if c in held else v) for c, v in image.items()}
            names = [c for c in self.shape(table)[0] if c in values]
            columns = ", ".join(f'"{c}"' for c in names)
            marks = ", ".join(f":v{n}" for n in range(len(names)))
            self.store.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                {f"v{n}": values[c] for n, c in enumerate(names)},
            )
            if held:
                later.append((table, _key_of(self.shape(table)[1], image), held))
        for table, pk, image in [*later, *present]:
            self._update(table, pk, image)

    def _update(self, table: str, pk: list[Any], values: dict[str, Any]) -> None:
        names = [c for c in self.shape(table)[0] if c in values]
        sets = ", ".join(f'"{c}" = :v{n}' for n, c in enumerate(names))
        where, keyed = _where(self.shape(table)[1], pk)
        self.store.execute(
            f"UPDATE {table} SET {sets} WHERE {where}",
            {**{f"v{n}": values[c] for n, c in enumerate(names)}, **keyed},
        )


def _key_of(key: list[str], image: dict[str, Any]) -> list[Any]:
    return [image[c] for c in key]


def _where(key: list[str], values: list[Any], prefix: str = "k") -> tuple[str, dict[str, Any]]:
    where = " AND ".join(f'"{column}" = :{prefix}{n}' for n, column in enumerate(key))
    return where, {f"{prefix}{n}": value for n, value in enumerate(values)}
