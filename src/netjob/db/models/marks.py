"""The user's own marks on the items of `next`: the stable number each item keeps, and
every change of its state (done, dismissed, snoozed), dated."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class NextItem(SQLModel, table=True):
    """A `next` item seen once: its stable number, and done/snoozed/dismissed state."""

    __tablename__ = "next_item"
    __table_args__ = (Index("ix_next_item_state", "state"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    state: str | None = Field(default=None, max_length=16)
    until: date | None = None
    first_seen: date
    changed_on: date | None = Field(default=None, description="when the state was set")


class ItemStateChange(SQLModel, table=True):
    """Each change of a `next` item's state, dated: a replayed day shows the state of then."""

    __tablename__ = "item_state_change"
    __table_args__ = (Index("ix_item_state_change_key", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str
    state: str = Field(max_length=16)
    until: date | None = None
    changed_on: date
