"""The tables of what the user records: employers, people, the log and its notes, fit
criteria and scores, settings, reminders and LinkedIn connections."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, ForeignKey, Index, Integer
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


def fk(target: str, ondelete: str, *, nullable: bool = True) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable)


class ScoreChange(SQLModel, table=True):
    """A company's LAMP scores as they were set on a day (its status changes are in the
    log): a replayed day (`next --on`) ranks with the scores of that day."""

    __tablename__ = "score_change"
    __table_args__ = (Index("ix_score_change_company", "company_id", "changed_on"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(sa_column=fk("company.id", "CASCADE", nullable=False))
    changed_on: date
    motivation: int
    posting: int | None = None
    advocacy: bool


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
    contact_id: int | None = Field(default=None, sa_column=fk("contact.id", "CASCADE"))
    company_id: int | None = Field(default=None, sa_column=fk("company.id", "CASCADE"))
    occurred_on: date
    at_time: str | None = Field(default=None, max_length=5, description="HH:MM, for chats")
    status: str | None = Field(default=None, max_length=16, description="chats: scheduled...")
    channel: str | None = Field(default=None, max_length=16)
    detail: str | None = Field(default=None, description="role, stage or status change")
    url: str | None = None
    via_contact_id: int | None = Field(default=None, sa_column=fk("contact.id", "SET NULL"))
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
    interaction_id: int = Field(sa_column=fk("interaction.id", "CASCADE", nullable=False))
    kind: str = Field(max_length=16)
    text: str
    acted_on: date | None = Field(default=None, description="advice acted on (report back)")


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
    company_id: int = Field(sa_column=fk("company.id", "CASCADE", nullable=False))
    criterion_id: int = Field(sa_column=fk("criterion.id", "CASCADE", nullable=False))
    score: int
    scored_on: date
    interaction_id: int | None = Field(default=None, sa_column=fk("interaction.id", "CASCADE"))


class RedFlag(SQLModel, table=True):
    __tablename__ = "red_flag"
    __table_args__ = (Index("ix_red_flag_company", "company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(sa_column=fk("company.id", "CASCADE", nullable=False))
    text: str
    noted_on: date
    interaction_id: int | None = Field(default=None, sa_column=fk("interaction.id", "CASCADE"))


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class Reminder(SQLModel, table=True):
    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_due", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=fk("contact.id", "CASCADE"))
    company_id: int | None = Field(default=None, sa_column=fk("company.id", "CASCADE"))
    text: str
    due_on: date
    created_on: date


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
    contact_id: int | None = Field(default=None, sa_column=fk("contact.id", "SET NULL"))
