"""Shell completion that knows your data: names and ids from the database.

`netjob log outreach Ja<TAB>` lists the contacts whose name starts with "Ja"
(ignoring case and accents, like every name lookup). Each completion opens the
database read-only and runs one small query on an indexed key column; it imports
neither SQLAlchemy, SQLModel nor Rich, never creates a database and never
prints an error: when anything goes wrong it offers nothing.

Install with `netjob --install-completion` (bash, zsh, fish, PowerShell).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

LIMIT = 40
# Sorts after every other character: key >= prefix AND key < prefix + HIGH is a
# prefix match that SQLite answers from the index on the key column.
HIGH = "\U0010ffff"


def _target(ctx: typer.Context) -> Path | str:
    """The database this command line names (its --db, else NETJOB_DB, else the default)."""
    from netjob.paths import resolve_db

    flag = ctx.find_root().params.get("db")
    return resolve_db(flag if isinstance(flag, str) else None)


def _connect(ctx: typer.Context) -> Any:
    """A read-only connection to that database, or None when there is none yet."""
    target = _target(ctx)
    if isinstance(target, str):
        import psycopg

        return psycopg.connect(target, connect_timeout=3)
    if not target.is_file():
        return None
    import sqlite3

    return sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True, timeout=0.5)


def _query(ctx: typer.Context, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
    """Rows of one query (``?`` placeholders), or [] when there is no database to ask."""
    try:
        conn = _connect(ctx)
        if conn is None:
            return []
        try:
            if type(conn).__module__.startswith("psycopg"):
                sql = sql.replace("?", "%s")
            return [tuple(row) for row in conn.execute(sql, tuple(params)).fetchall()]
        finally:
            conn.close()
    except Exception:  # a completion offers nothing rather than an error
        return []


def _prefix_where(column: str, key: str, ctx: typer.Context) -> tuple[str, list[object]]:
    """A prefix match on a stored key, written so the index answers it."""
    if isinstance(_target(ctx), str):  # PostgreSQL: LIKE is portable there
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{column} LIKE ?", [escaped + "%"]
    return f"{column} >= ? AND {column} < ?", [key, key + HIGH]


class Match(str):
    """A name that matches what was typed once case and accents are folded.

    Typer keeps only completions that start with the typed text as it is ("ju"
    would drop "Jürgen Groß"); the query already matched on the folded key, so a
    Match answers yes to that check.
    """

    __slots__ = ()

    def startswith(self, *_: Any, **__: Any) -> bool:
        return True


def _shell_words(values: list[str]) -> list[str]:
    """Values as the shell must receive them: bash inserts them as typed, so a name
    with spaces comes back with its spaces escaped."""
    unique = list(dict.fromkeys(values))
    if os.environ.get("_NETJOB_COMPLETE", "").endswith("bash"):
        unique = [_escape(value) for value in unique]
    return [Match(value) for value in unique]


def _escape(value: str) -> str:
    return "".join(f"\\{c}" if not (c.isalnum() or c in "-_.,@#+=:/%") else c for c in value)


def _person_key(incomplete: str) -> str:
    from netjob.engine.names import person_key

    return person_key(incomplete)


def _names(ctx: typer.Context, table: str, key: str) -> list[str]:
    """Names in ``table`` (a constant of this module) whose name_key starts with ``key``."""
    where, params = _prefix_where("name_key", key, ctx)
    sql = f"SELECT name FROM {table} WHERE {where} ORDER BY name_key LIMIT {LIMIT}"
    return _shell_words([str(row[0]) for row in _query(ctx, sql, params)])


def contacts(ctx: typer.Context, incomplete: str) -> list[str]:
    """Contact names starting with what was typed."""
    return _names(ctx, "contact", _person_key(incomplete))


def companies(ctx: typer.Context, incomplete: str) -> list[str]:
    """Company names starting with what was typed (legal suffixes and case ignored)."""
    from netjob.engine.names import company_key

    return _names(ctx, "company", company_key(incomplete) if incomplete.strip() else "")


def connections(ctx: typer.Context, incomplete: str) -> list[str]:
    """Names in your imported network (LinkedIn, vCards) starting with what was typed."""
    return _names(ctx, "connection", _person_key(incomplete))


def criteria(ctx: typer.Context, incomplete: str) -> list[str]:
    """Your criteria starting with what was typed."""
    return _names(ctx, "criterion", _person_key(incomplete))


def targets(ctx: typer.Context, incomplete: str) -> list[str]:
    """Companies when --company is already on the line, else contacts."""
    if ctx.params.get("company") is True:
        return companies(ctx, incomplete)
    return contacts(ctx, incomplete)


def _store(ctx: typer.Context) -> Any:
    """That database as a Store that reads it as it is (read-only, never upgraded), or None
    when there is none yet."""
    target = _target(ctx)
    if isinstance(target, str):
        from netjob.db.pg import Connection, PgStore

        return PgStore(Connection(target), target)
    if not target.is_file():
        return None
    import sqlite3

    from netjob.db.store import DETECT_TYPES, Store

    conn = sqlite3.connect(
        f"{target.as_uri()}?mode=ro", uri=True, timeout=0.5, detect_types=DETECT_TYPES
    )
    conn.row_factory = sqlite3.Row
    return Store(conn, target)


def items(incomplete: str, ctx: typer.Context) -> list[tuple[str, str]]:
    """Today's items of `next` that have a number, with what they ask (the same items as
    `next`, worked out from the log; nothing is written)."""
    try:
        store = _store(ctx)
        if store is None:
            return []
        try:
            from netjob.clock import today
            from netjob.services.coach import daily

            found = daily.numbered(store, today=today())
        finally:
            store.close()
    except Exception:  # a completion offers nothing rather than an error
        return []
    digits = _digits(incomplete)
    return [(str(n), action) for n, action in found if str(n).startswith(digits)][:LIMIT]


def advice(incomplete: str, ctx: typer.Context) -> list[tuple[str, str]]:
    """Advice from chats not yet acted on, with its text."""
    rows = _query(
        ctx,
        "SELECT id, text FROM tiara_note WHERE kind = 'advice' AND acted_on IS NULL "
        f"AND CAST(id AS TEXT) LIKE ? ORDER BY id LIMIT {LIMIT}",
        [_digits(incomplete) + "%"],
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def _digits(incomplete: str) -> str:
    """What was typed of an id, digits only (so it is safe inside LIKE)."""
    return "".join(c for c in incomplete.lstrip("#") if c.isdigit())
