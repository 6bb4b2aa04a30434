"""Opening the database for a command: :func:`netjob.connect.open_database`, with the
services' rebuild of derived data as the last step of a schema upgrade (inside its
transaction), so that the store and migration layers never import the services."""

from __future__ import annotations

from pathlib import Path

from netjob.connect import open_database
from netjob.store import Store


def rebuild_derived(store: Store) -> None:
    """Recompute every derived row for the code that now reads them (after an upgrade)."""
    from netjob.services import derived

    derived.rebuild_all(store)


def open_store(target: Path | str) -> Store:
    """Open (creating or upgrading as needed) the netjob database at ``target``: a file
    path, or a PostgreSQL URL."""
    return open_database(target, rebuild=rebuild_derived)
