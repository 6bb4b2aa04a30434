"""Where the database lives: ``--db`` beats ``NETJOB_DB`` beats the default."""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV_DB = "NETJOB_DB"
# A libpq keyword connection string ("host=... user=... password=..."): not a file name.
_KEYWORD_DSN = re.compile(
    r"(?:^|\s)(?:host|hostaddr|port|dbname|user|password|passfile|service|sslmode)\s*=",
    re.IGNORECASE,
)


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
    if _KEYWORD_DSN.search(raw):
        from netjob.errors import InvalidInput

        raise InvalidInput(  # never echoed: it may hold a password
            "That looks like a PostgreSQL keyword connection string, not a file. Give the "
            "server as a URL: postgresql://USER@HOST:PORT/DBNAME (put the password in "
            "PGPASSWORD or ~/.pgpass)."
        )
    return Path(raw).expanduser().absolute()


def checked_db(flag: str | None) -> Path | str:
    """:func:`resolve_db`, refusing a ``--db`` file whose folder does not exist.

    A mistyped ``--db`` must not create folders and an empty database; a new file in
    an existing folder is fine, and the default location makes its own folder.
    """
    target = resolve_db(flag)
    if flag and isinstance(target, Path) and not target.parent.is_dir():
        from netjob.errors import InvalidInput

        raise InvalidInput(
            f"No folder {target.parent} for --db {flag}: check the path, "
            "or create the folder first."
        )
    return target


def shown(target: Path | str) -> str:
    """How to print a database location: a path, or a URL with its password masked."""
    if isinstance(target, Path):
        return str(target)
    from netjob.db.pg import masked

    return masked(target)
