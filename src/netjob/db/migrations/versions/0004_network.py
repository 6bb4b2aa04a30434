"""Your wider network: connections imported from LinkedIn or vCards.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "connection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", AutoString(), nullable=False),
        sa.Column("name_key", AutoString(), nullable=False),
        sa.Column("url", AutoString(), nullable=True),
        sa.Column("email", AutoString(), nullable=True),
        sa.Column("phone", AutoString(), nullable=True),
        sa.Column("company", AutoString(), nullable=True),
        sa.Column("company_key", AutoString(), nullable=True),
        sa.Column("position", AutoString(), nullable=True),
        sa.Column("connected_on", sa.Date(), nullable=True),
        sa.Column("source", AutoString(length=16), nullable=False),
        sa.Column("imported_on", sa.Date(), nullable=False),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    with op.batch_alter_table("connection", schema=None) as batch_op:
        batch_op.create_index("ix_connection_company_key", ["company_key"], unique=False)
        batch_op.create_index("ix_connection_name_key", ["name_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("connection", schema=None) as batch_op:
        batch_op.drop_index("ix_connection_name_key")
        batch_op.drop_index("ix_connection_company_key")

    op.drop_table("connection")
