"""The schema, as SQLModel tables.

The tables live in :mod:`.records` (what the user records), :mod:`.derived`
(recomputed from the log) and :mod:`.bookkeeping` (imports, the undo journal);
importing this package registers all of them on ``SQLModel.metadata``. These
classes are the source of truth for Alembic migrations (and the test
that the migrated schema has no diff against them). Commands do not import
this module: reading and writing go through :mod:`netjob.store` with portable
SQL, because importing SQLModel costs ~350 ms of start-up on every command.

Dates are stored as ``date`` (ISO ``YYYY-MM-DD`` text in SQLite): what matters
in a job search is the user's local calendar day, never an instant in UTC.
"""

from netjob.models import bookkeeping, derived, records

__all__ = ["bookkeeping", "derived", "records"]
