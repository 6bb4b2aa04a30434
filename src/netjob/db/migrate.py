"""Schema upgrades with Alembic, run programmatically, and copies of a database file.

Imported only when a database is older than this netjob (a new one is created
from ``schema.sql`` by :mod:`netjob.db.open`, without Alembic), because Alembic
and SQLAlchemy together cost ~400 ms of start-up.

An upgrade is one unit: every migration and the new revision commit in one SQLite
transaction (transactional DDL, with Python's implicit transaction handling turned
off), or not at all.
A copy of the untouched file is taken first and never overwritten.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

from netjob.db.schema import SCHEMA_SQL
from netjob.db.store import DETECT_TYPES

MIGRATIONS = Path(__file__).parent / "migrations"


def backup_path(path: Path, revision: str) -> Path:
    """The copy taken before upgrading from ``revision``: ``<name>.bak-<rev>``."""
    return path.with_name(f"{path.name}.bak-{revision}")


def free_backup_path(path: Path, revision: str) -> Path:
    """:func:`backup_path`, or ``<name>.bak-<rev>-2``, ``-3``... when that name is taken:
    an earlier copy (say, from an attempt that crashed) is never overwritten."""
    target = backup_path(path, revision)
    n = 2
    while target.exists() or target.is_symlink():
        target = path.with_name(f"{path.name}.bak-{revision}-{n}")
        n += 1
    return target


def backup(path: Path, target: Path, *, overwrite: bool = False) -> None:
    """A consistent copy of the database (SQLite online backup), mode 0600, written to a
    temporary file beside ``target``, synced, then renamed into place."""
    from netjob.db.files import replacing

    with replacing(target, overwrite=overwrite) as temp:
        copy_database(path, temp)


def copy_database(source: Path, into: Path) -> None:
    """SQLite's online backup of ``source`` into the file ``into`` (a consistent copy,
    even while another process writes)."""
    reading = sqlite3.connect(source)
    try:
        writing = sqlite3.connect(into)
        try:
            reading.backup(writing)
        finally:
            writing.close()
    finally:
        reading.close()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _migrate(connection: Connection, target: str) -> None:
    """Run the Alembic migrations up to ``target`` on ``connection`` (in its transaction)."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def _engine(path: Path) -> Engine:
    """An engine whose transactions really enclose DDL (SQLAlchemy's recipe for pysqlite):
    the driver's own transaction handling is off and BEGIN IMMEDIATE is emitted explicitly.
    Foreign keys are off while tables are rebuilt (batch mode) and checked at the end."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    # Migrations that read rows read dates as the store does (``date``, see netjob.db.store);
    # native_datetime tells SQLAlchemy's own DATE columns the driver converts them.
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=NullPool,
        connect_args={"detect_types": DETECT_TYPES},
        native_datetime=True,
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")
        dbapi_connection.execute("PRAGMA busy_timeout = 10000")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade(
    path: Path,
    current: str | None,
    target: str = "head",
    *,
    keep_copy: bool = True,
) -> Path | None:
    """Upgrade the file at ``path`` from ``current`` to ``target``, as one transaction.

    An existing database (``current`` not None) is first copied to
    ``<name>.bak-<current>`` beside it (that path is returned) unless not ``keep_copy``.
    """
    from sqlalchemy import text

    copy = None
    if current is not None and keep_copy:
        _remove_stale_copies(path)
        copy = free_backup_path(path, current)
        backup(path, copy)
    engine = _engine(path)
    try:
        with engine.begin() as connection:
            _migrate(connection, target)
            problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed after upgrade: {problems[:5]}")
    finally:
        engine.dispose()
    return copy


def _remove_stale_copies(path: Path) -> None:
    """Temporary files of a copy that a crash interrupted (the caller holds the upgrade
    lock, so no other netjob is writing one)."""
    import glob

    pattern = glob.escape(str(path.parent / f".{path.name}.bak-")) + "*.tmp*"
    for stale in glob.glob(pattern):
        Path(stale).unlink(missing_ok=True)


def schema_script(path: Path) -> str:
    """The SQL that recreates the database at ``path`` (a freshly migrated one): every
    table, index and seeded row, and the revision, in one transaction. ``schema.sql`` is
    this text for a database migrated to the head; a test keeps the two equal."""
    conn = sqlite3.connect(path)
    try:
        lines = [
            "-- Generated by netjob.db.migrate.schema_script from a database migrated to the",
            "-- head revision; a test checks it still matches. Do not edit by hand.",
            "BEGIN IMMEDIATE;",
        ]
        entries = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 "
            "WHEN 'index' THEN 1 ELSE 2 END, name"
        ).fetchall()
        lines += [f"{sorted_foreign_keys(sql)};" for _, _, sql in entries]
        for kind, name, _ in entries:
            if kind != "table":
                continue
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                values = ", ".join(_literal(conn, v) for v in row)
                lines.append(f'INSERT INTO "{name}" VALUES ({values});')
        lines.append("COMMIT;")
        return "\n".join(lines) + "\n"
    finally:
        conn.close()


def sorted_foreign_keys(sql: str) -> str:
    """A CREATE TABLE with its FOREIGN KEY clauses in sorted order: Alembic's batch mode
    writes them in a random one, and ``schema.sql`` should not change from run to run."""
    import re

    def ordered(found: re.Match[str]) -> str:
        lines = [line for line in found.group(0).split("\n") if line]
        more = ", " if lines[-1].endswith(", ") else ""  # another clause follows
        return ", \n".join(sorted(line.rstrip(", ") for line in lines)) + more + "\n"

    return re.sub(r"(\tFOREIGN KEY[^\n]*\n)+", ordered, sql)


def _literal(conn: sqlite3.Connection, value: object) -> str:
    return str(conn.execute("SELECT quote(?)", (value,)).fetchone()[0])


def write_schema_sql() -> None:
    """Regenerate ``schema.sql`` after adding a migration: ``python -m netjob.db.migrate``."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "netjob.db"
        path.touch()
        upgrade(path, None)
        SCHEMA_SQL.write_text(schema_script(path), encoding="utf-8")


def upgrade_url(url: str, target: str = "head") -> None:
    """Upgrade a server database (PostgreSQL) to ``target``, as one transaction.

    No copy is taken here: back up a server database with its own tools (pg_dump).
    """
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            _migrate(connection, target)
    finally:
        engine.dispose()


if __name__ == "__main__":
    write_schema_sql()
