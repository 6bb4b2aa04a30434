"""The derived tables (recomputed from the log on every write) and the daily list's
numbering and item states."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from netjob.models.records import fk


class StageEvent(SQLModel, table=True):
    """A dated step of a contact or company, derived from the log and kept current."""

    __tablename__ = "stage_event"
    __table_args__ = (
        Index("ix_stage_event_contact", "contact_id"),
        Index("ix_stage_event_company", "company_id"),
        Index("ix_stage_event_stage", "stage", "occurred_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=fk("contact.id", "CASCADE"))
    company_id: int | None = Field(default=None, sa_column=fk("company.id", "CASCADE"))
    stage: str = Field(max_length=16)
    occurred_on: date
    interaction_id: int | None = Field(default=None, sa_column=fk("interaction.id", "CASCADE"))
    cause: str


class ContactLogRow(SQLModel, table=True):
    """Summary of one contact's log (:mod:`netjob.engine.facts`), kept current on writes."""

    __tablename__ = "contact_log"
    __table_args__ = (
        Index("ix_contact_log_behaviour", "basis", "behaviour", "curmudgeon_on"),
        Index("ix_contact_log_reply", "first_reply_on", "first_out_on"),
    )

    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    first_out_on: date | None = None
    first_out_id: int | None = None
    last_out_on: date | None = None
    last_out_id: int | None = None
    follow_up_on: date | None = None
    follow_up_id: int | None = None
    first_reply_on: date | None = None
    first_reply_id: int | None = None
    last_reply_on: date | None = None
    last_reply_id: int | None = None
    last_held_chat_on: date | None = None
    last_held_chat_id: int | None = None
    next_chat_on: date | None = None
    next_chat_id: int | None = None
    next_chat_time: str | None = Field(default=None, max_length=5)
    last_thanks_on: date | None = None
    last_thanks_id: int | None = None
    last_touch_on: date | None = None
    last_touch_id: int | None = None
    last_referral_on: date | None = None
    last_referral_id: int | None = None
    asks: int = 0
    last_ask_on: date | None = None
    last_ask_id: int | None = None
    last_heard_on: date | None = None
    last_heard_id: int | None = None
    last_booked_on: date | None = None
    last_booked_id: int | None = None
    wrote_back_on: date | None = None
    wrote_back_id: int | None = None
    nudged_on: date | None = None
    nudged_id: int | None = None
    advice_acted_on: date | None = None
    behaviour: str | None = Field(default=None, max_length=16)  # services/behaviour.py
    curmudgeon_on: date | None = None
    basis: str | None = Field(default=None, max_length=32)


class CompanyLog(SQLModel, table=True):
    """What the funnel's like-for-like sentence needs of one employer, kept current on
    writes (:func:`netjob.services.derived.refresh`): the last day someone whose current
    company it is reached a contact stage (contacted..referred), and the company's last
    interview-or-later stage. A row only for a company with either."""

    __tablename__ = "company_log"
    __table_args__ = (
        Index("ix_company_log_networked", "networked_on"),
        Index("ix_company_log_interview", "interview_on", "networked_on"),
    )

    company_id: int = Field(
        sa_column=Column(Integer, ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    )
    networked_on: date | None = None
    interview_on: date | None = None


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


class PendingItem(SQLModel, table=True):
    """A `next` item resting on contacts' logs, kept current for its company on writes.

    Derived data (see :mod:`netjob.services.pending`): `next` reads the visible
    ones instead of re-running every rule over every contact.
    """

    __tablename__ = "pending_item"
    __table_args__ = (
        Index("ix_pending_item_visible", "visible_from"),
        Index("ix_pending_item_company", "company_id"),
        Index("ix_pending_item_contact", "contact_id"),
        Index(
            "ix_pending_item_group_due",
            *("group_no", "due", "lamp_key", "key", "visible_from", "visible_until"),
        ),
        Index("ix_pending_item_group_lamp", "group_no", "lamp_key", "due"),
        Index("ix_pending_item_window", "visible_from", "visible_until", "due"),
    )

    key: str = Field(primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=fk("contact.id", "CASCADE"))
    company_id: int | None = Field(default=None, sa_column=fk("company.id", "CASCADE"))
    owner_contact_id: int | None = Field(
        default=None,
        description="for contacts with no company: whose log produced it",
        sa_column=fk("contact.id", "CASCADE"),
    )
    group_no: int
    rule: str = Field(max_length=32)
    subject: str
    subject_kind: str = Field(max_length=16)
    action: str
    reason: str
    due: date
    visible_from: date
    visible_until: date | None = None
    command: str
    details: str | None = Field(default=None, description="JSON list of prompts")
    lamp_key: str | None = Field(default=None, description="the company's lamp_key; z: none")


class Tally(SQLModel, table=True):
    """Counts by day that add up to `next`'s and `week`'s totals as sums over days, kept
    by triggers on ``pending_item``, ``interaction`` and ``contact_log`` (migration 0013),
    outside undo's journal. ``what``: ``open``/``shut`` (stored items whose visible span
    starts, or ended the day before), ``late_open``/``late_shut`` (the same for their
    overdue span), ``log:<kind>`` and ``log:held`` (chats held), ``span:<n>`` (first
    replies n days after the first message)."""

    __tablename__ = "tally"
    __table_args__ = (Index("ix_tally_day", "day", "what"),)

    what: str = Field(primary_key=True, max_length=32)
    day: date = Field(primary_key=True)
    n: int
