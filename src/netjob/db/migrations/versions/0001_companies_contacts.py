"""Companies, contacts and their tags.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_text = AutoString


def upgrade() -> None:
    op.create_table(
        "company",
        sa.Column("name", _text(), nullable=False),
        sa.Column("website", _text(), nullable=True),
        sa.Column("industry", _text(), nullable=True),
        sa.Column("location", _text(), nullable=True),
        sa.Column("motivation", sa.Integer(), nullable=False),
        sa.Column("posting", sa.Integer(), nullable=True),
        sa.Column("advocacy", sa.Boolean(), nullable=False),
        sa.Column("status", _text(length=16), nullable=False),
        sa.Column("note", _text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_key", _text(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key"),
    )
    op.create_table(
        "contact",
        sa.Column("name", _text(), nullable=False),
        sa.Column("title", _text(), nullable=True),
        sa.Column("email", _text(), nullable=True),
        sa.Column("linkedin", _text(), nullable=True),
        sa.Column("phone", _text(), nullable=True),
        sa.Column("how", _text(length=16), nullable=True),
        sa.Column("note", _text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_key", _text(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["referred_by_id"], ["contact.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_contact_company_id", "contact", ["company_id"])
    op.create_index("ix_contact_name_key", "contact", ["name_key"])
    op.create_table(
        "company_tag",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("tag", _text(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("company_id", "tag"),
    )
    op.create_index("ix_company_tag_tag", "company_tag", ["tag"])
    op.create_table(
        "contact_tag",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("tag", _text(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("contact_id", "tag"),
    )
    op.create_index("ix_contact_tag_tag", "contact_tag", ["tag"])


def downgrade() -> None:
    op.drop_table("contact_tag")
    op.drop_table("company_tag")
    op.drop_table("contact")
    op.drop_table("company")
