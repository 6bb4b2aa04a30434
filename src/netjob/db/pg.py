"""netjob on PostgreSQL: the same Store, over psycopg.

The services' SQL is portable; what differs is small and lives here: named
parameters (``:name`` becomes ``%(name)s``), new ids come back through
``RETURNING id``, dates are read as ISO text (as SQLite returns them), there
are no pragmas, and the schema check reads ``alembic_version`` with psycopg.
Migrations run through Alembic under a PostgreSQL advisory lock.

Install with ``pip install 'netjob[postgres]'`` and point ``NETJOB_DB`` (or
``--db``) at ``postgresql://user@host/dbname``; a password can come from the
URL, ``PGPASSWORD`` or ``~/.pgpass`` and is never printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import count
from typing import Any

from netjob.db import schema
from netjob.db.store import UNJOURNALED, Params, Store, fetched
from netjob.errors import DatabaseProblem

_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
# Tables whose primary key is not an integer id (nothing to return on insert).
NO_ID = frozenset({"company_tag", "contact_tag", "contact_summary", "setting"})
_STREAMS = count(1)  # names of server-side cursors
MIGRATION_LOCK = 7_240_211  # pg_advisory_lock key: one migrating process at a time


_HOST = r"(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])?(?::[0-9]*)?"
_AUTHORITY = re.compile(rf"{_HOST}(?:,{_HOST})*")
_PLAIN = re.compile(r"[A-Za-z0-9._~+-]+")  # a user name or query value shown as it is
_SETTING = re.compile(r"[A-Za-z0-9._~+/,:-]+")  # a shown query value: a host list, a socket dir
SHOWN_QUERY_KEYS = frozenset(
    {"host", "port", "user", "dbname", "sslmode", "connect_timeout", "application_name",
     "target_session_attrs"}
)  # fmt: skip


def _parts(url: str) -> tuple[str, str | None, str]:
    """scheme, userinfo (None without '@'), the rest. The userinfo runs to the *last* '@'
    before the path, so a password holding '@' or '/' stays inside it."""
    scheme, _, rest = url.partition("://")
    at = rest.rfind("@")
    if at < 0:
        return scheme, None, rest
    return scheme, rest[:at], rest[at + 1 :]


def masked(url: str) -> str:
    """How a server URL is shown: any password, and every query value but a few harmless
    ones, as ***. Whatever does not parse cleanly (a userinfo that is not user[:password],
    a malformed host, a query that is not key=value pairs) is masked whole."""
    if "://" not in url:
        return url
    scheme, userinfo, rest = _parts(url)
    shown = f"{scheme}://"
    if userinfo is not None:
        user, colon, _ = userinfo.partition(":")
        shown += f"{user}{':***' if colon else ''}@" if _PLAIN.fullmatch(user) else "***@"
    rest, hashed, _ = rest.partition("#")
    base, asked, query = rest.partition("?")
    authority, slash, path = base.partition("/")
    shown += authority if _AUTHORITY.fullmatch(authority) else "***"
    shown += slash + (path if not path or _PLAIN.fullmatch(path) else "***")
    if asked:
        shown += "?" + _masked_query(query)
    return shown + ("#***" if hashed else "")


def _masked_query(query: str) -> str:
    pairs = []
    for pair in query.split("&"):
        key, equals, value = pair.partition("=")
        if not equals or not re.fullmatch(r"[A-Za-z_]+", key):
            return "***"
        keep = key in SHOWN_QUERY_KEYS and _SETTING.fullmatch(value)
        pairs.append(f"{key}={value if keep else '***'}")
    return "&".join(pairs)


def secrets(url: str) -> list[str]:
    """What in ``url`` could be (part of) a password, as typed and percent-decoded, longest
    first: the userinfo after the user name, its pieces between '@', '/' and ':', and every
    query value."""
    from urllib.parse import unquote

    found: set[str] = set()
    _, userinfo, rest = _parts(url)
    if userinfo is not None and ":" in userinfo:
        password = userinfo.partition(":")[2]
        found.add(password)
        found.update(re.split(r"[@/:?#]", password))
    for pair in rest.partition("?")[2].partition("#")[0].split("&"):
        key, _, value = pair.partition("=")
        if key not in SHOWN_QUERY_KEYS or not _SETTING.fullmatch(value):
            found.add(value)
    found |= {unquote(s) for s in found}
    return sorted((s for s in found if s), key=len, reverse=True)


def scrubbed(message: str, url: str) -> str:
    """A driver's message about ``url`` with the password and every URL in it masked;
    a message still holding a short piece of a secret is withheld whole."""
    for secret in secrets(url):
        if len(secret) >= 3:
            message = message.replace(secret, "***")
        elif secret in message:
            return "(the driver's message is withheld: it may quote the password)"
    return re.sub(r"\b[a-z][a-z0-9+.-]*://[^\s\"'<>]+", lambda m: masked(m.group()), message)


def sqlalchemy_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)


def psycopg_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)


class Row(dict[str, Any]):
    """A row readable by column name, like sqlite3.Row, and by position."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return list(self.values())[key]
        return super().__getitem__(key)


class _Cursor:
    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall()) if self._cursor.description else []

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    lastrowid = None


def _rows(cursor: Any) -> Any:
    names = [c.name for c in cursor.description] if cursor.description else []
    return lambda values: Row(zip(names, values, strict=True))


def _text(sql: str) -> str:
    """netjob's ``:name`` parameters as psycopg's ``%(name)s``."""
    return _NAMED.sub(lambda m: f"%({m.group(1)})s", sql.replace("%", "%%"))


class Connection:
    """The subset of sqlite3.Connection that :class:`Store` uses, over psycopg."""

    def __init__(self, url: str) -> None:
        import psycopg

        try:
            raw = psycopg.connect(psycopg_url(url), autocommit=True, row_factory=_rows)
        except psycopg.Error as error:
            text = str(error).strip()
            reason = scrubbed(text.splitlines()[0], url) if text else type(error).__name__
            raise DatabaseProblem(
                f"Cannot connect to {masked(url)}: {reason}. Check the URL, that the server "
                "runs, and the password (URL, PGPASSWORD or ~/.pgpass)."
            ) from None
        self._use(raw)
        self.in_transaction = False

    def _use(self, raw: Any) -> None:
        self.raw = raw  # DATE columns load as ``date``, as from netjob's SQLite connections

    def execute(self, sql: str, params: Params = ()) -> _Cursor:
        if sql.startswith("PRAGMA"):
            return _Cursor(self.raw.execute("SELECT 1 WHERE false"))
        if sql == "BEGIN IMMEDIATE":
            sql = "BEGIN"
        if sql == "BEGIN":
            self.in_transaction = True
        return _Cursor(self.raw.execute(_text(sql), params or None))

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(_text(sql), rows)

    def commit(self) -> None:
        self.raw.execute("COMMIT")
        self.in_transaction = False

    def rollback(self) -> None:
        self.raw.execute("ROLLBACK")
        self.in_transaction = False

    def close(self) -> None:
        self.raw.close()


class PgStore(Store):
    def __init__(self, conn: Connection, url: str) -> None:
        super().__init__(conn, None)  # type: ignore[arg-type]
        self.pg = conn  # as its own type: the psycopg connection under it streams
        self.url = url

    @property
    def label(self) -> str:
        return masked(self.url)

    def lock(self, table: str, ids: list[int]) -> None:
        """SELECT ... FOR NO KEY UPDATE: two writers refreshing one contact's summary take
        turns, and the second reads what the first committed. (Not FOR UPDATE: that would
        conflict with the key-share locks of foreign-key checks and deadlock.)"""
        if ids:
            where, bind = self.in_list("id", sorted(ids))
            self.conn.execute(
                f"SELECT id FROM {table} WHERE {where} ORDER BY id FOR NO KEY UPDATE", bind
            ).fetchall()

    def _journal_install(self) -> bool:
        """The triggers are part of the schema here (migration 0007); they record only
        in a transaction that names its journal (see :meth:`_journal_arm`)."""
        return self.value("SELECT to_regclass('journal_row') IS NOT NULL") is True

    def _journal_arm(self, journal_id: int | None) -> None:
        self.conn.execute(
            "SELECT set_config('netjob.journal', :id, true)",
            {"id": "" if journal_id is None else str(journal_id)},
        ).fetchall()

    def _journal_marked(self, journal_id: int) -> None:
        """Every insert is recorded row by row here: nothing to add."""

    def _journal_pause(self, tables: list[str], paused: bool) -> None:
        """The triggers record nothing while the transaction names no journal."""
        self._journal_arm(None if paused else self._journal_live)

    def _journal_loaded(self, journal_id: int, table: str) -> None:
        """The rows a load added to ``table``, as SQLite records them: a table keyed by an
        integer id gets one ``r`` row ("every id above N is new", N the highest id of a
        row this command removed from it, 0 if none) and an ``i`` row for each added id
        at or below N; any other table an ``i`` row for each of its rows. So the journal,
        and the memory closing it takes, do not grow with the rows loaded."""
        key = self.table_columns(table)[1]
        pk = ", ".join(f'"{c}"' for c in key)
        record = "INSERT INTO journal_row (journal_id, table_name, op, pk, image) "
        bind: dict[str, Any] = {"j": journal_id, "t": table}
        where = ""
        if len(key) == 1 and self.value(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = :t AND column_name = :c",
            {"t": table, "c": key[0]},
        ) in {"integer", "bigint", "smallint"}:
            bind["h"] = self.value(
                "SELECT COALESCE(MAX(CAST(CAST(pk AS jsonb) ->> 0 AS bigint)), 0) "
                "FROM journal_row WHERE journal_id = :j AND table_name = :t AND op = 'd'",
                bind,
            )
            where = f"WHERE {pk} <= :h "
            if self.value(f'SELECT 1 FROM "{table}" WHERE {pk} > :h LIMIT 1', bind):
                self.execute(
                    record + "VALUES (:j, :t, 'r', CAST(jsonb_build_array(:h) AS text), NULL)",
                    bind,
                )
        self.execute(
            record + f"SELECT :j, :t, 'i', jsonb_build_array({pk})::text, NULL "
            f'FROM "{table}" {where}ORDER BY {pk}',
            bind,
        )

    def tuples(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        from psycopg.rows import tuple_row

        with self.pg.raw.cursor(row_factory=tuple_row) as cursor:
            cursor.execute(_text(sql), params or None)
            return list(cursor.fetchall())

    def tables(self) -> list[str]:
        found = self.rows(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
            "ORDER BY table_name"
        )
        return [r[0] for r in found if r[0] not in UNJOURNALED]

    def table_columns(self, table: str) -> tuple[list[str], list[str]]:
        columns = self.rows(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position",
            {"t": table},
        )
        key = self.rows(
            "SELECT k.column_name FROM information_schema.table_constraints c "
            "JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name "
            "AND k.table_schema = c.table_schema AND k.table_name = c.table_name "
            "WHERE c.table_schema = current_schema() AND c.table_name = :t "
            "AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position",
            {"t": table},
        )
        return [r[0] for r in columns], [r[0] for r in key]

    def stream(self, sql: str, size: int) -> Iterator[tuple[list[str], list[Any]]]:
        """As on SQLite, through a server-side cursor (DECLARE, then FETCH ``size`` at a
        time): psycopg's client-side cursor would hold the whole result. Outside a
        transaction the cursor gets one of its own, ended with it."""
        from psycopg.rows import tuple_row

        raw = self.pg.raw
        own = not self.pg.in_transaction
        if own:
            raw.execute("BEGIN READ ONLY")
            self.pg.in_transaction = True  # a transaction() meanwhile joins this one
        try:
            name = f"netjob_stream_{next(_STREAMS)}"
            with raw.cursor(name=name, row_factory=tuple_row) as cursor:
                cursor.execute(_text(sql))
                yield from fetched(cursor, size)
        finally:
            if own:
                self.pg.commit()

    def load(self, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """COPY ... FROM STDIN: the server parses the rows as text, as it reads a dump
        (a statement of many rows of named parameters costs more to build than to run)."""
        if rows:
            sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
            with self.pg.raw.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)

    def insert(self, table: str, values: dict[str, Any]) -> int:
        columns = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        returning = "" if table in NO_ID else " RETURNING id"
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks}){returning}", values
        )
        return 0 if table in NO_ID else int(cursor.fetchone()[0])


def _revision(conn: Connection, *, strict: bool = False) -> str | None:
    tables = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchall()
    names = {t[0] for t in tables}
    if not names:
        return None
    if "alembic_version" not in names:
        raise DatabaseProblem(
            "That PostgreSQL database holds other tables but no netjob schema; netjob will not "
            "touch it. Point --db or NETJOB_DB at an empty database or a netjob one."
        )
    found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if found is None and strict and names - {"alembic_version"}:
        raise DatabaseProblem(schema.empty_revision("That PostgreSQL database"))
    return None if found is None else str(found[0])


def open_pg(url: str) -> PgStore:
    """Open a netjob database on a server, creating or upgrading its schema (one netjob at a
    time: an advisory lock)."""
    conn = Connection(url)
    revision = _revision(conn)
    if revision is not None and revision not in schema.REVISIONS:
        conn.close()
        raise DatabaseProblem(
            f"{masked(url)} was written by a newer netjob (schema {revision}); upgrade netjob."
        )
    if revision != schema.HEAD:
        conn.execute(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
        try:
            current = _revision(conn, strict=True)
            if current != schema.HEAD:
                from netjob.db import migrate

                migrate.upgrade_url(sqlalchemy_url(url))
        finally:
            conn.execute(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
    return PgStore(conn, url)
