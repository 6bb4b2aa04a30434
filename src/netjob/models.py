"""The schema, as SQLModel tables.

These classes are the source of truth for Alembic migrations (and the test
that the migrated schema has no diff against them). Commands do not import
this module: reading and writing go through :mod:`netjob.store` with portable
SQL, because importing SQLModel costs ~350 ms of start-up on every command.

Dates are stored as ``date`` (ISO ``YYYY-MM-DD`` text in SQLite): what matters
in a job search is the user's local calendar day, never an instant in UTC.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


class CompanyBase(SQLModel):
    name: str
    website: str | None = None
    industry: str | None = None
    location: str | None = None
    motivation: int = Field(default=0, description="0-3; 0 = don't know enough yet")
    posting: int | None = Field(default=None, description="1-3; None = not checked yet")
    advocacy: bool = False
    status: str = Field(default="backlog", max_length=16)
    note: str | None = None


class Company(CompanyBase, table=True):
    __tablename__ = "company"

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(unique=True, description="company_key(name): case, punctuation, suffix")
    created_on: date
    updated_on: date
    lamp_key: str | None = Field(default=None, index=True, description="sorts in LAMP order")
    lamp_rank: int | None = Field(default=None, index=True, description="1 = first; closed: None")


class ContactBase(SQLModel):
    name: str
    title: str | None = None
    email: str | None = None
    linkedin: str | None = None
    phone: str | None = None
    how: str | None = Field(default=None, max_length=16)
    note: str | None = None


class Contact(ContactBase, table=True):
    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_company_id", "company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(index=True)
    company_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("company.id", ondelete="RESTRICT"), nullable=True),
    )
    referred_by_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="SET NULL"), nullable=True),
    )
    source_interaction_id: int | None = Field(
        default=None,
        description="the chat in which this person's name was given (a lead)",
        sa_column=Column(
            Integer,
            ForeignKey(
                "interaction.id",
                ondelete="SET NULL",
                use_alter=True,
                name="fk_contact_source_interaction",
            ),
            nullable=True,
        ),
    )
    cadence_days: int | None = Field(
        default=None, description="keep-in-touch days for this person; 0 = never"
    )
    ask_referral: bool = Field(
        default=False,
        description="ask for a referral after a chat",
        sa_column_kwargs={"server_default": "0"},
    )
    created_on: date
    updated_on: date


class CompanyTag(SQLModel, table=True):
    __tablename__ = "company_tag"
    __table_args__ = (Index("ix_company_tag_tag", "tag"),)

    company_id: int = Field(
        sa_column=Column(Integer, ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    )
    tag: str = Field(primary_key=True)


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"
    __table_args__ = (Index("ix_contact_tag_tag", "tag"),)

    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    tag: str = Field(primary_key=True)


def _fk(target: str, ondelete: str, *, nullable: bool = True) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable)


class Interaction(SQLModel, table=True):
    """One entry of the log: a message, a reply, a chat, an application, a note...

    ``company_id`` is the company the entry concerns at the time it was logged
    (the contact's company then), so history survives a contact changing jobs.
    """

    __tablename__ = "interaction"
    __table_args__ = (
        Index("ix_interaction_contact", "contact_id", "occurred_on"),
        Index("ix_interaction_company", "company_id", "occurred_on"),
        Index("ix_interaction_kind", "kind", "occurred_on"),
        Index("ix_interaction_day", "occurred_on", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", "CASCADE"))
    company_id: int | None = Field(default=None, sa_column=_fk("company.id", "CASCADE"))
    occurred_on: date
    at_time: str | None = Field(default=None, max_length=5, description="HH:MM, for chats")
    status: str | None = Field(default=None, max_length=16, description="chats: scheduled...")
    channel: str | None = Field(default=None, max_length=16)
    detail: str | None = Field(default=None, description="role, stage or status change")
    url: str | None = None
    via_contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", "SET NULL"))
    note: str | None = None
    message: str | None = None
    logged_on: date = Field(description="the day the entry was recorded (replays count from it)")
    planned_on: date | None = Field(
        default=None, description="chats logged as scheduled: the day they were planned for"
    )
    settled_on: date | None = Field(
        default=None, description="scheduled chats: the day they were marked held/moved/cancelled"
    )


class TiaraNote(SQLModel, table=True):
    """What a chat taught: trends, insights, advice, resources, assignments."""

    __tablename__ = "tiara_note"
    __table_args__ = (Index("ix_tiara_note_interaction", "interaction_id"),)

    id: int | None = Field(default=None, primary_key=True)
    interaction_id: int = Field(sa_column=_fk("interaction.id", "CASCADE", nullable=False))
    kind: str = Field(max_length=16)
    text: str
    acted_on: date | None = Field(default=None, description="advice acted on (report back)")


class StageEvent(SQLModel, table=True):
    """A dated step of a contact or company, derived from the log and kept current."""

    __tablename__ = "stage_event"
    __table_args__ = (
        Index("ix_stage_event_contact", "contact_id"),
        Index("ix_stage_event_company", "company_id"),
        Index("ix_stage_event_stage", "stage", "occurred_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", "CASCADE"))
    company_id: int | None = Field(default=None, sa_column=_fk("company.id", "CASCADE"))
    stage: str = Field(max_length=16)
    occurred_on: date
    interaction_id: int | None = Field(default=None, sa_column=_fk("interaction.id", "CASCADE"))
    cause: str


class Criterion(SQLModel, table=True):
    """One of the user's own criteria for judging a company, weighted 1-5."""

    __tablename__ = "criterion"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)
    weight: int


class FitScore(SQLModel, table=True):
    __tablename__ = "fit_score"
    __table_args__ = (Index("ix_fit_score_company", "company_id", "criterion_id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(sa_column=_fk("company.id", "CASCADE", nullable=False))
    criterion_id: int = Field(sa_column=_fk("criterion.id", "CASCADE", nullable=False))
    score: int
    scored_on: date
    interaction_id: int | None = Field(default=None, sa_column=_fk("interaction.id", "CASCADE"))


class RedFlag(SQLModel, table=True):
    __tablename__ = "red_flag"
    __table_args__ = (Index("ix_red_flag_company", "company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(sa_column=_fk("company.id", "CASCADE", nullable=False))
    text: str
    noted_on: date
    interaction_id: int | None = Field(default=None, sa_column=_fk("interaction.id", "CASCADE"))


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


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


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


class Reminder(SQLModel, table=True):
    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_due", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", "CASCADE"))
    company_id: int | None = Field(default=None, sa_column=_fk("company.id", "CASCADE"))
    text: str
    due_on: date
    created_on: date


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
        Index("ix_pending_item_group_due", "group_no", "due", "lamp_key", "key"),
        Index("ix_pending_item_group_lamp", "group_no", "lamp_key", "due"),
        Index("ix_pending_item_window", "visible_from", "visible_until", "due"),
    )

    key: str = Field(primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", "CASCADE"))
    company_id: int | None = Field(default=None, sa_column=_fk("company.id", "CASCADE"))
    owner_contact_id: int | None = Field(
        default=None,
        description="for contacts with no company: whose log produced it",
        sa_column=_fk("contact.id", "CASCADE"),
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


class Connection(SQLModel, table=True):
    """Someone in your wider network (LinkedIn connections, phone contacts): searchable,
    but not a contact until promoted (2,000 connections must not become 2,000 contacts)."""

    __tablename__ = "connection"
    __table_args__ = (
        Index("ix_connection_company_key", "company_key"),
        Index("ix_connection_name_key", "name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str
    url: str | None = Field(default=None, unique=True, description="LinkedIn profile URL")
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    company_key: str | None = None
    position: str | None = None
    connected_on: date | None = None
    source: str = Field(max_length=16, description="linkedin or vcard")
    imported_on: date
    updated_on: date
    contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", "SET NULL"))


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
    interaction_id: int = Field(sa_column=_fk("interaction.id", "CASCADE", nullable=False))
    batch: int
    created: bool
    imported_on: date


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
    journal_id: int = Field(sa_column=_fk("journal.id", "CASCADE", nullable=False))
    table_name: str = Field(max_length=32)
    op: str = Field(
        max_length=1, description="i insert, u update, d delete, r every id above pk[0] is new"
    )
    pk: str
    image: str | None = None
