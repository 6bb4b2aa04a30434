"""Opening the database for a command (:func:`netjob.connect.open_database`)."""

from __future__ import annotations

from pathlib import Path

from netjob.connect import open_database
from netjob.store import Store


def open_store(target: Path | str) -> Store:
    """Open (creating or upgrading as needed) the netjob database at ``target``: a file
    path, or a PostgreSQL URL."""
    return open_database(target)
