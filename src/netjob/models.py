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
