"""Imported messages: which LinkedIn message, mail or calendar event each imported log
entry came from, so importing the same (or a newer) file again adds only what is new.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "imported_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", AutoString(length=16), nullable=False),
        sa.Column("source_key", AutoString(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("created", sa.Boolean(), nullable=False),
        sa.Column("imported_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "source_key", name="uq_imported_message_key"),
    )
    with op.batch_alter_table("imported_message", schema=None) as batch_op:
        batch_op.create_index("ix_imported_message_batch", ["batch"], unique=False)
        batch_op.create_index("ix_imported_message_interaction", ["interaction_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("imported_message", schema=None) as batch_op:
        batch_op.drop_index("ix_imported_message_interaction")
        batch_op.drop_index("ix_imported_message_batch")
    op.drop_table("imported_message")
