"""Where the database lives: ``--db`` beats ``NETJOB_DB`` beats the default."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "NETJOB_DB"


def data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("netjob")


def default_db() -> Path:
    return data_dir() / "netjob.db"


def demo_db() -> Path:
    return data_dir() / "demo.db"


def resolve_db(flag: str | None) -> Path | str:
    """A file path, or a server URL (postgresql://...) kept as text."""
    raw = flag or os.environ.get(ENV_DB) or None
    if raw is None:
        return default_db()
    if "://" in raw:
        return raw
    return Path(raw).expanduser().absolute()


def shown(target: Path | str) -> str:
    """How to print a database location: a path, or a URL with its password masked."""
    if isinstance(target, Path):
        return str(target)
    from netjob.pgstore import masked

    return masked(target)
