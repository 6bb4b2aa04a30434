"""The one stored copy of what the log says: each contact's log summarised, for speed
(:mod:`netjob.services.coach.summaries` writes, reads and versions it)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel


class ContactSummary(SQLModel, table=True):
    """A contact's log summary and stages, as JSON text, trusted only at its ``version``;
    outside undo's journal and the export."""

    __tablename__ = "contact_summary"

    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    version: str = Field(max_length=16)
    log: str = Field(description="engine.contact_log.ContactLog, see summaries.decode_log")
    stages: str = Field(description="engine.stages.contact_stages, see summaries.decode_stages")
