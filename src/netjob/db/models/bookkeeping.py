"""Bookkeeping tables: what an import brought in (so it is not imported twice) and the
undo journal."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from netjob.db.models.records import fk


class ImportedMessage(SQLModel, table=True):
    """A message, mail or calendar event an import logged: its identity in the file it
    came from (so re-imports add only what is new) and the log entry it became.

    ``created`` says whether the import made that entry (False: the message matched an
    entry typed by hand); ``batch`` numbers imports, so one ``undo`` reverts a whole one.
    """

    __tablename__ = "imported_message"
    __table_args__ = (
        UniqueConstraint("source", "source_key", name="uq_imported_message_key"),
        Index("ix_imported_message_interaction", "interaction_id"),
        Index("ix_imported_message_batch", "batch"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=16, description="linkedin, mail or calendar")
    source_key: str = Field(description="conversation id|date|sender, Message-ID, or event UID")
    interaction_id: int = Field(sa_column=fk("interaction.id", "CASCADE", nullable=False))
    batch: int
    created: bool
    imported_on: date


class RemovedImport(SQLModel, table=True):
    """An imported message whose log entry you removed (`netjob remove entry`): importing
    the same or a newer file again leaves it out."""

    __tablename__ = "removed_import"
    __table_args__ = (UniqueConstraint("source", "source_key", name="uq_removed_import_key"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=16, description="linkedin, mail or calendar")
    source_key: str = Field(description="as in imported_message")
    removed_on: date


class Journal(SQLModel, table=True):
    """One command that changed something: what `undo` reverts (the newest 50 are kept)."""

    __tablename__ = "journal"

    id: int | None = Field(default=None, primary_key=True)
    done_at: str = Field(max_length=16, description="YYYY-MM-DD HH:MM, the user's clock")
    label: str | None = Field(default=None, description="the command line")
    summary: str | None = Field(default=None, description="what changed, in one line")


class JournalRow(SQLModel, table=True):
    """One row a journaled command inserted, changed or deleted, in the order it happened.

    Written by triggers (TEMP triggers on SQLite, created per connection; PL/pgSQL triggers
    on PostgreSQL, active only when the transaction names its journal): ``pk`` is the row's
    primary key as a JSON array and ``image`` the whole row before the change (JSON; none for
    an insert), so `undo` can put every table back exactly.
    """

    __tablename__ = "journal_row"
    __table_args__ = (Index("ix_journal_row_journal", "journal_id"),)

    id: int | None = Field(default=None, primary_key=True)
    journal_id: int = Field(sa_column=fk("journal.id", "CASCADE", nullable=False))
    table_name: str = Field(max_length=32)
    op: str = Field(
        max_length=1, description="i insert, u update, d delete, r every id above pk[0] is new"
    )
    pk: str
    image: str | None = None
