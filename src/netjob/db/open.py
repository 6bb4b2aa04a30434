"""Opening a netjob database: an SQLite file, or a PostgreSQL URL (:mod:`netjob.db.pg`).

A file is created private (0600), opened with the pragmas netjob needs, and its
stored schema revision checked with plain ``sqlite3``; only when the file is new
or older than this netjob is the schema created (from ``schema.sql``) or
upgraded by :mod:`netjob.db.migrate` (and with it Alembic and SQLAlchemy, imported
then). Nothing is recomputed after an upgrade: the log is the only stored truth.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from netjob.db import schema
from netjob.db.store import DETECT_TYPES, Store
from netjob.errors import DatabaseProblem

BUSY_TIMEOUT_MS = 10_000


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (and its folder, 0700).

    Another netjob creating the same file at the same moment is fine: the file exists."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, detect_types=DETECT_TYPES
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _private_sidecars(path: Path) -> None:
    """SQLite creates ``-wal`` and ``-shm`` with the database file's mode at that moment:
    a read-only (0400) database would leave them read-only, so writes would still fail
    after ``chmod 600``. They are kept at 0600 whatever the database's mode."""
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        try:
            if extra.stat().st_mode & 0o777 != 0o600:
                os.chmod(extra, 0o600)
        except OSError:
            pass  # absent, or not ours to change


def _ready(conn: sqlite3.Connection, path: Path) -> Store:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("SELECT version_num FROM alembic_version").fetchall()  # opens -wal, -shm
    _private_sidecars(path)
    return Store(conn, path)


def stored_revision(conn: sqlite3.Connection, path: Path, *, strict: bool = False) -> str | None:
    """The schema revision of an open file; None for a new, empty database.

    Raises DatabaseProblem for a file that is not a netjob database, and (``strict``, when
    no other netjob can be creating it) for netjob tables with no recorded revision.
    """
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(
            f"{path} is not a netjob database ({error}). "
            "Point --db or NETJOB_DB at your netjob.db, or move this file away."
        ) from None
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise DatabaseProblem(
            f"{path} is an SQLite file but not a netjob database; netjob will not touch it. "
            "Point --db or NETJOB_DB at your netjob.db."
        )
    found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if found is None and strict and tables - {"alembic_version"}:
        raise DatabaseProblem(schema.empty_revision(str(path)))
    return None if found is None else str(found[0])


def open_store(target: Path | str) -> Store:
    """Open (creating or upgrading as needed) the netjob database at ``target``:
    a file path, or a PostgreSQL URL (see :mod:`netjob.db.pg`)."""
    if isinstance(target, str):
        if "://" in target:
            from netjob.db.pg import open_pg

            return open_pg(target)
        target = Path(target)
    path = target
    if path.is_dir():
        raise DatabaseProblem(f"{path} is a folder; --db and NETJOB_DB take a file path.")
    if not path.exists():
        try:
            create_private_file(path)
        except OSError as error:
            raise DatabaseProblem(
                f"Cannot create the database at {path}: {error.strerror}."
            ) from None
    _private_sidecars(path)
    try:
        conn = _connect(path)
    except sqlite3.Error as error:
        raise DatabaseProblem(f"Cannot open the database at {path}: {error}.") from None
    revision = stored_revision(conn, path)
    if revision == schema.HEAD:
        return _ready(conn, path)
    if revision is not None and revision not in schema.REVISIONS:
        conn.close()
        raise DatabaseProblem(
            f"{path} was written by a newer netjob (schema {revision}); "
            "upgrade netjob (pip install -U netjob) to open it."
        )
    conn.close()
    _upgrade_once(path)
    return _ready(_connect(path), path)


def _upgrade_once(path: Path) -> None:
    """Create or upgrade the schema, one process at a time.

    Two terminals opening a new (or older) database at once must not both run
    the migrations: the second waits on a lock file (``filelock``: flock on Unix,
    LockFileEx on Windows), then finds the work done.
    """
    from filelock import FileLock

    with FileLock(path.with_name(path.name + ".lock"), mode=0o600):
        conn = _connect(path)
        try:
            current = stored_revision(conn, path, strict=True)
            created = current is None
            if created:
                create_schema(conn)
                current = stored_revision(conn, path, strict=True)
        finally:
            conn.close()
        if current != schema.HEAD:
            from netjob.db import migrate

            # After creation only when schema.sql lags a new migration (a test catches it).
            migrate.upgrade(path, current, keep_copy=not created)


def create_schema(conn: sqlite3.Connection) -> None:
    """Make an empty file a netjob database at the head revision, in one transaction.

    ``schema.sql`` is what the migrations produce (tables, indexes, seeded rows, the
    revision), so a new database costs milliseconds instead of importing Alembic; a test
    shows the two are equal. A crash part-way leaves the file empty (SQLite rolls the
    transaction back), and the next command creates it again."""
    script = schema.SCHEMA_SQL.read_text(encoding="utf-8")
    try:
        conn.executescript(script)
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def open_unchanged(path: Path) -> Store:
    """An existing netjob file as it is, neither created nor upgraded (to restore an older
    export into a database of its own schema before upgrading it)."""
    return Store(_connect(path), path)


def peek_revision(path: Path) -> str | None:
    """The stored revision without creating or changing anything."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return stored_revision(conn, path)
    finally:
        conn.close()
