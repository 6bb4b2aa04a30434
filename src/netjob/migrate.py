"""Schema upgrades with Alembic, run programmatically.

Imported only when a database is new or older than this netjob, because
Alembic and SQLAlchemy together cost ~400 ms of start-up.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def backup_path(path: Path, revision: str) -> Path:
    return path.with_name(f"{path.name}.bak-{revision}")


def backup(path: Path, target: Path) -> None:
    """A consistent copy of the database (SQLite online backup), mode 0600."""
    if target.exists():
        target.unlink()
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    source = sqlite3.connect(path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(path: Path, current: str | None, target: str = "head") -> None:
    """Upgrade the file at ``path`` from ``current`` to ``target``.

    An existing database (``current`` not None) is first copied to
    ``<name>.bak-<current>`` beside it. Foreign keys are off while tables are
    rebuilt (batch mode) and checked afterwards.
    """
    from alembic import command
    from sqlalchemy import create_engine, text

    if current is not None:
        backup(path, backup_path(path, current))
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            connection.execute(text("PRAGMA foreign_keys = OFF"))
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed after upgrade: {problems[:5]}")
    finally:
        engine.dispose()
    if current is not None and target == "head":
        _rebuild_derived(path)


def _rebuild_derived(path: Path) -> None:
    """Derived tables follow the current code: recompute them after an upgrade."""
    from netjob.services import derived
    from netjob.store import open_store

    store = open_store(path)
    try:
        derived.rebuild_all(store)
    finally:
        store.close()


def upgrade_url(url: str, target: str = "head") -> None:
    """Upgrade a server database (PostgreSQL) to ``target``.

    No copy is taken here: back up a server database with its own tools (pg_dump).
    """
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    finally:
        engine.dispose()
