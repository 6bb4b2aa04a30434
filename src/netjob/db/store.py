"""The one place that talks to the database.

Commands read and write through a :class:`Store`: a DB-API connection with the
pragmas netjob needs, explicit transactions, the undo journal's recording and a
few query helpers. SQL here and in the services is plain, portable SQL (no
SQLite-only syntax) so that the same statements can run on PostgreSQL.

:mod:`netjob.db.open` opens (creates, upgrades) the database a Store works on.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from netjob.db import journal

Params = Sequence[Any] | dict[str, Any]


_DAYS: dict[bytes, date] = {}  # a log's days are a few hundred, read by the ten thousand


def _read_date(value: bytes) -> date | str:
    found = _DAYS.get(value)
    if found is not None:
        return found
    text = value.decode()
    try:
        found = _DAYS[value] = date.fromisoformat(text)
    except ValueError:
        return text  # not a day (typed into the file by hand): shown as stored, not a crash
    return found


# Columns declared DATE come back as ``date`` (PostgreSQL's driver does the same), and
# ``date`` parameters are written as ISO text. The converter applies only to connections
# opened with ``detect_types=DETECT_TYPES`` (netjob's own, see netjob.db.open and
# netjob.db.migrate); the registry is process-wide, but these two entries replace the
# stdlib's own "date" converter and date adapter (deprecated in Python 3.12) with the
# same ISO format, so no other connection reads or writes differently.
DETECT_TYPES = sqlite3.PARSE_DECLTYPES
sqlite3.register_converter("DATE", _read_date)
sqlite3.register_adapter(date, date.isoformat)


def is_read_only(error: Exception) -> bool:
    """Whether a write failed because the database cannot be written (a read-only file,
    or a server in read-only mode); reads on such a database still answer."""
    return "readonly" in str(error).replace("-", "").replace(" ", "").casefold()


def as_date(value: object) -> date:
    """A day computed in SQL (``MIN(occurred_on)``, a column of a UNION of subqueries):
    SQLite gives it as text, having no declared type for it; PostgreSQL as a ``date``."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# Tables the undo journal does not record: the schema revision, the journal itself, and
# the contacts' log summaries (worked out from the log: undo refreshes what it touched).
UNJOURNALED = frozenset({"alembic_version", "journal", "journal_row", "contact_summary"})


class Store:
    """An open netjob database."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @property
    def label(self) -> str:
        """How the database is named to the user (a path, or a URL without password)."""
        return str(self.path)

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @contextlib.contextmanager
    def transaction(self, *, journal: bool = True) -> Iterator[Store]:
        """All statements inside commit together or not at all.

        Re-entrant: inside an open transaction it joins it, so a service can
        compose others into one unit of work. The outermost one also records
        what it changes in the undo journal (unless ``journal`` is false, as for
        ``undo`` itself); a rolled-back transaction records nothing.
        """
        if self.conn.in_transaction:
            yield self
            return
        recording = journal and self._journal_ready()
        self.conn.execute("BEGIN IMMEDIATE")
        created = False
        try:
            if recording:
                created = self._journal_open()
                self._journal_live = self._journal_id
            yield self
            if recording:
                self._journal_close()
        except BaseException:
            self.conn.rollback()
            if created:
                self._journal_id = None
            raise
        finally:
            self._journal_live = None
        self.conn.commit()

    @contextlib.contextmanager
    def loading(self, tables: Sequence[str]) -> Iterator[None]:
        """A bulk load into empty tables, inside a transaction: the rows inserted into
        ``tables`` are recorded for undo when it ends, with one statement a table, instead
        of by a trigger a row (the record is the same, less the changes of rows the load
        added, which undo deletes whatever they became).

        Taken over only when every one of ``tables`` is empty as the load begins (so every
        row each holds at the end is one the load added); otherwise the triggers record as
        usual. Inside, nothing but those tables' new rows may change."""
        journal_id = self._journal_live
        if journal_id is None or any(
            self.value(f'SELECT 1 FROM "{table}" LIMIT 1') is not None for table in tables
        ):
            yield
            return
        self._journal_pause(list(tables), True)
        yield
        self._journal_pause(list(tables), False)
        for table in tables:
            self._journal_loaded(journal_id, table)

    # ------------------------------------------------------------ the undo journal
    #
    # Every row a command inserts, changes or deletes, in any table but UNJOURNALED (and
    # the rows a foreign-key cascade removes too), is recorded by a trigger
    # in ``journal_row`` with its key and its image before the change, inside the
    # command's own transaction. The transactions of one command (one Store) share
    # one ``journal`` record; :mod:`netjob.db.journal` summarises and prunes it, and
    # :mod:`netjob.services.undo` replays it backwards.

    journal_label: str | None = None  # the command line, set by the CLI
    _journal_id: int | None = None
    _journal_live: int | None = None  # the record of the transaction under way, if any
    _journal_on: bool | None = None
    _journal_marks = ""  # SELECT of each integer-id table's highest id (SQLite)

    def _journal_ready(self) -> bool:
        """Whether this database has the journal; creates this connection's triggers."""
        if self._journal_on is None:
            self._journal_on = self._journal_install()
        return self._journal_on

    def _journal_install(self) -> bool:
        """This connection's TEMP triggers, generated from the catalog.

        A table with an integer id does not record the rows inserted above the highest id it
        had when the transaction began (``journal_mark``): the transaction ends by recording
        one ``r`` row for it ("every id above N is new"), so a bulk import costs one journal
        row per table instead of one per row. Other inserts (an id given explicitly, or
        reused), and every update and delete, record a row each.
        """
        conn = self.conn
        found = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        tables = [r[0] for r in found]
        if "journal_row" not in tables:
            return False
        self._journal_keys: dict[str, str] = {}
        self._journal_pks: dict[str, list[str]] = {}
        self._journal_triggers: dict[str, list[tuple[str, str]]] = {}
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS journal_now (id INTEGER)")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS journal_mark "
            "(table_name TEXT PRIMARY KEY, high INTEGER NOT NULL)"
        )
        record = "INSERT INTO journal_row (journal_id, table_name, op, pk, image) SELECT id, "
        marks = []
        for table in tables:
            if table in UNJOURNALED or table.startswith("sqlite_"):
                continue
            info = conn.execute(f'PRAGMA main.table_info("{table}")').fetchall()
            columns = [r["name"] for r in info]
            key = [r["name"] for r in sorted((r for r in info if r["pk"]), key=lambda r: r["pk"])]
            image = ", ".join(f"'{c}', OLD.\"{c}\"" for c in columns)
            counted = len(key) == 1 and any(
                r["name"] == key[0] and r["type"].upper() == "INTEGER" for r in info
            )
            when = ""
            self._journal_pks[table] = key
            if counted:
                self._journal_keys[table] = key[0]
                marks.append(f'SELECT \'{table}\', COALESCE(MAX("{key[0]}"), 0) FROM "{table}"')
                when = (
                    f'WHEN NEW."{key[0]}" <= '
                    f"(SELECT high FROM journal_mark WHERE table_name = '{table}') "
                )
            for event, op, keyed, before, condition in (
                ("INSERT", "i", "NEW", "NULL", when),
                ("UPDATE", "u", "NEW", f"json_object({image})", ""),
                ("DELETE", "d", "OLD", f"json_object({image})", ""),
            ):
                pk = ", ".join(f'{keyed}."{c}"' for c in key)
                sql = (
                    f'CREATE TEMP TRIGGER IF NOT EXISTS "journal_{table}_{op}" '
                    f'AFTER {event} ON main."{table}" {condition}BEGIN '
                    f"{record}'{table}', '{op}', json_array({pk}), {before} FROM journal_now; "
                    "END"
                )
                conn.execute(sql)
                self._journal_triggers.setdefault(table, []).append((f"journal_{table}_{op}", sql))
        self._journal_marks = " UNION ALL ".join(marks)
        return True

    def _journal_open(self) -> bool:
        """Start (or, for a command's next transaction, continue) its journal record;
        True when a new record was made."""
        created = False
        newest = self.value("SELECT MAX(id) FROM journal")
        if self._journal_id is None or newest != self._journal_id:
            from netjob.clock import now

            stamp = f"{now():%Y-%m-%d %H:%M}"
            self._journal_id = self.insert(
                "journal", {"done_at": stamp, "label": self.journal_label}
            )
            created = True
        self._journal_arm(self._journal_id)
        return created

    def _journal_arm(self, journal_id: int | None) -> None:
        self.conn.execute("DELETE FROM journal_now")
        self.conn.execute("DELETE FROM journal_mark")
        if journal_id is not None:
            self.conn.execute("INSERT INTO journal_now (id) VALUES (?)", (journal_id,))
            if self._journal_marks:
                self.conn.execute(f"INSERT INTO journal_mark {self._journal_marks}")

    def _journal_close(self) -> None:
        assert self._journal_id is not None
        self._journal_marked(self._journal_id)
        self._journal_arm(None)
        if not journal.close(self, self._journal_id):
            self._journal_id = None

    def _journal_marked(self, journal_id: int) -> None:
        """Record an ``r`` row for each table that has rows above its mark, or had some
        (changed or deleted rows above it are recorded too, and undo puts them back first)."""
        for mark in self.conn.execute("SELECT table_name, high FROM journal_mark").fetchall():
            table, high = mark[0], mark[1]
            key = self._journal_keys[table]
            top = self.value(f'SELECT MAX("{key}") FROM "{table}"')
            if (top is None or top <= high) and not self.value(
                "SELECT COUNT(*) FROM journal_row WHERE journal_id = :j AND table_name = :t "
                "AND op <> 'i' AND CAST(json_extract(pk, '$[0]') AS INTEGER) > :h",
                {"j": journal_id, "t": table, "h": high},
            ):
                continue
            self.conn.execute(
                "INSERT INTO journal_row (journal_id, table_name, op, pk, image) "
                "VALUES (:j, :t, 'r', json_array(:h), NULL)",
                {"j": journal_id, "t": table, "h": high},
            )

    def _journal_pause(self, tables: list[str], paused: bool) -> None:
        """Drop (or make again) the triggers of ``tables``, inside the transaction: a
        rollback brings them back as they were."""
        for table in tables:
            for name, sql in self._journal_triggers.get(table, []):
                self.conn.execute(f'DROP TRIGGER temp."{name}"' if paused else sql)

    def _journal_loaded(self, journal_id: int, table: str) -> None:
        """Record the rows a load added to ``table`` as the triggers would have: each a
        row ``i``, but for the ids above the table's mark (the ``r`` row covers them)."""
        key = self._journal_pks[table]
        pk = ", ".join(f'"{c}"' for c in key)
        where = ""
        if table in self._journal_keys:
            where = f"WHERE {pk} <= (SELECT high FROM journal_mark WHERE table_name = :t) "
        self.conn.execute(
            "INSERT INTO journal_row (journal_id, table_name, op, pk, image) "
            f"SELECT :j, :t, 'i', json_array({pk}), NULL FROM main.\"{table}\" {where}"
            f"ORDER BY {pk}",
            {"j": journal_id, "t": table},
        )

    def tables(self) -> list[str]:
        """The tables the journal records, from the catalog."""
        found = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        return [r[0] for r in found if r[0] not in UNJOURNALED and not r[0].startswith("sqlite_")]

    def table_columns(self, table: str) -> tuple[list[str], list[str]]:
        """A table's columns and its primary key columns, from the catalog."""
        info = self.conn.execute(f'PRAGMA main.table_info("{table}")').fetchall()
        key = sorted((r for r in info if r["pk"]), key=lambda r: r["pk"])
        return [r["name"] for r in info], [r["name"] for r in key]

    def rows(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def tuples(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """The rows as plain tuples, in the order of the SELECT: for the few readers of
        every contact, where reading a column by name costs more than the rest."""
        cursor = self.conn.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, params).fetchall()

    def row(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def value(self, sql: str, params: Params = ()) -> Any:
        found = self.conn.execute(sql, params).fetchone()
        return None if found is None else found[0]

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    @staticmethod
    def in_list(
        column: str, values: Sequence[Any], prefix: str = "in"
    ) -> tuple[str, dict[str, Any]]:
        """``column IN (:in0, :in1, ...)`` and its parameters, for a few hundred values at
        most (``column`` is written in the code; two lists in one statement take two
        prefixes). No values match nothing."""
        if not values:
            return "1 = 0", {}
        marks = ", ".join(f":{prefix}{n}" for n in range(len(values)))
        return f"{column} IN ({marks})", {f"{prefix}{n}": v for n, v in enumerate(values)}

    def stream(self, sql: str, size: int) -> Iterator[tuple[list[str], list[Any]]]:
        """The column names and rows of ``sql``, ``size`` rows at a time (a first batch,
        maybe empty, at least): memory holds one batch, whatever the result's size."""
        return fetched(self.conn.execute(sql), size)

    def execute_many(self, sql: str, rows: Sequence[Params]) -> None:
        """One statement for many rows of parameters (one parse, not one per row)."""
        if rows:
            self.conn.executemany(sql, rows)

    def load(self, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows of values for the columns ``names`` (the catalog's own) in one
        statement: SQLite's executemany (PostgreSQL: COPY)."""
        if rows:
            marks = ", ".join("?" for _ in names)
            self.conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows
            )

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert one row and return its id."""
        columns = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        cursor = self.conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        if not values:
            return
        sets = ", ".join(f"{name} = :{name}" for name in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = :_id", {**values, "_id": row_id})

    def lock(self, table: str, ids: list[int]) -> None:
        """Hold these rows until the transaction ends (a no-op on SQLite, where
        BEGIN IMMEDIATE already serializes writers)."""

    def close(self) -> None:
        self.conn.close()


def fetched(cursor: Any, size: int) -> Iterator[tuple[list[str], list[Any]]]:
    """A DB-API cursor's column names and rows, ``size`` rows at a time (a first batch,
    maybe empty, at least)."""
    columns = [d[0] for d in cursor.description or ()]
    rows = cursor.fetchmany(size)
    yield columns, rows
    while rows:
        rows = cursor.fetchmany(size)
        if rows:
            yield columns, rows


def quick_check(store: Store) -> list[str] | None:
    """What ``PRAGMA quick_check`` finds wrong (an empty list when the file is sound);
    None on a server, which checks its own pages."""
    if not store.is_sqlite:
        return None
    try:
        found = [str(row[0]) for row in store.conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    if found == ["ok"]:
        return []
    lines = (line.strip() for text in found for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("*** in database")]
