"""Backups and restores of the SQLite file: a consistent copy out, a safe swap back in."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from netjob.db import schema
from netjob.db.open import peek_revision
from netjob.db.store import Store
from netjob.errors import DatabaseProblem, InvalidInput


def default_backup(path: Path, today: date) -> Path:
    target = path.with_name(f"{path.stem}-backup-{today.isoformat()}.db")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.stem}-backup-{today.isoformat()}-{n}.db")
        n += 1
    return target


def backup(
    store: Store, *, target: Path | None, today: date, force: bool = False
) -> tuple[Path, list[str]]:
    """A consistent copy of the live database (SQLite's online backup), mode 0600, written
    to a temporary file that is synced and renamed into place.

    The live file is checked first (``PRAGMA quick_check``): a damaged one is refused
    unless ``force``, so a bad copy cannot push out a good one. Returns where the copy
    went and what quick_check found (empty when the file is sound)."""
    from netjob.db.migrate import backup as online_backup
    from netjob.db.store import quick_check

    if not store.is_sqlite:
        raise DatabaseProblem(
            "netjob backup copies a SQLite file; on PostgreSQL use pg_dump (or netjob export "
            "json, which works on both)."
        )
    destination = target or default_backup(store.path, today)
    if destination.resolve() == store.path.resolve():
        raise InvalidInput("The backup cannot be the database itself.")
    problems = quick_check(store) or []
    if problems and not force:
        raise DatabaseProblem(
            f"{store.path} fails SQLite's quick_check ({describe_problems(problems)}); a backup "
            "would copy the damage. Keep your older backups; pass --force to copy it anyway."
        )
    try:
        online_backup(store.path, destination)
    except sqlite3.Error as error:
        raise DatabaseProblem(f"Cannot write the backup to {destination}: {error}.") from None
    return destination, problems


def describe_problems(problems: list[str]) -> str:
    """The first thing quick_check found, and how many more."""
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    return f"{problems[0]}{more}"


def check_restorable(source: Path) -> str:
    """The schema revision of a backup, or a clear error if it is not a netjob database."""
    if not source.is_file():
        raise InvalidInput(f"No file {source}.")
    revision = peek_revision(source)
    if revision is None:
        raise DatabaseProblem(f"{source} is empty, not a netjob backup.")
    if revision not in schema.REVISIONS:
        raise DatabaseProblem(
            f"{source} was written by a newer netjob (schema {revision}); upgrade netjob first."
        )
    return revision


def restore(live: Path, *, source: Path, now: datetime) -> Path | None:
    """Replace the database at ``live`` with ``source``; the old one is kept aside, named
    after ``now`` (its path is returned). ``live`` must not be open.

    The copy of ``source`` is written beside ``live``, synced, and renamed over it, so a
    crash leaves either the old database or the restored one, never an empty file."""
    from netjob.db.files import refuse_link, replacing
    from netjob.db.migrate import backup as online_backup
    from netjob.db.migrate import copy_database

    check_restorable(source)
    if source.resolve() == live.resolve():
        raise InvalidInput("That is the database in use; restore from a backup file.")
    refuse_link(live)
    aside = None
    if live.exists():
        _retire_wal(live)  # refuses before anything is written if another netjob has it open
        stamp = now.strftime("%Y%m%d-%H%M%S")
        aside = live.with_name(f"{live.name}.before-restore-{stamp}")
        n = 2
        while aside.exists() or aside.is_symlink():
            aside = live.with_name(f"{live.name}.before-restore-{stamp}-{n}")
            n += 1
        online_backup(live, aside)
    elif not live.parent.exists():
        live.parent.mkdir(parents=True, mode=0o700)
    with replacing(live) as temp:
        copy_database(source, temp)
        if live.exists():
            _retire_wal(live)  # again: a command may have run since
    return aside


def _retire_wal(live: Path) -> None:
    """Fold the live file's write-ahead log into it and remove ``-wal``/``-shm``, so no
    stale log can meet the file renamed into its place."""
    import gc

    gc.collect()  # connections this process no longer uses (a library caller's, a test's)
    conn = sqlite3.connect(live, timeout=2)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "busy"  # another connection holds the log
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise DatabaseProblem(
            f"{live} is in use by another netjob; close it and restore again (nothing changed)."
        )
    for suffix in ("-wal", "-shm"):
        extra = live.with_name(live.name + suffix)
        if extra.exists():
            extra.unlink()
