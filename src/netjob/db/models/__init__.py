"""The schema, as SQLModel tables.

The tables live in :mod:`.records` (what the user records), :mod:`.marks` (the user's
marks on the items of `next`), :mod:`.bookkeeping` (imports, the undo journal) and
:mod:`.summary` (the one stored copy of what the log says, for speed); importing this
package registers all of them on ``SQLModel.metadata``. These classes are the source of
truth for Alembic migrations (and the test that the migrated schema has no diff against
them). Commands do not import this module: reading and writing go through
:mod:`netjob.db.store` with portable SQL, because importing SQLModel costs ~350 ms of
start-up on every command.

Dates are stored as ``date`` (ISO ``YYYY-MM-DD`` text in SQLite): what matters
in a job search is the user's local calendar day, never an instant in UTC.
"""

from netjob.db.models import bookkeeping, marks, records, summary

__all__ = ["bookkeeping", "marks", "records", "summary"]
