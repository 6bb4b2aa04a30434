"""What the daily list needs: settings, item states, reminders, per-contact log summary.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

contact_log and pending_item are derived data: netjob.migrate fills them from the
log after upgrading.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "next_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", AutoString(), nullable=False),
        sa.Column("state", AutoString(length=16), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("first_seen", sa.Date(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "setting",
        sa.Column("key", AutoString(), nullable=False),
        sa.Column("value", AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "contact_log",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("first_out_on", sa.Date(), nullable=True),
        sa.Column("first_out_id", sa.Integer(), nullable=True),
        sa.Column("last_out_on", sa.Date(), nullable=True),
        sa.Column("last_out_id", sa.Integer(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("follow_up_id", sa.Integer(), nullable=True),
        sa.Column("first_reply_on", sa.Date(), nullable=True),
        sa.Column("first_reply_id", sa.Integer(), nullable=True),
        sa.Column("last_reply_on", sa.Date(), nullable=True),
        sa.Column("last_reply_id", sa.Integer(), nullable=True),
        sa.Column("last_held_chat_on", sa.Date(), nullable=True),
        sa.Column("last_held_chat_id", sa.Integer(), nullable=True),
        sa.Column("next_chat_on", sa.Date(), nullable=True),
        sa.Column("next_chat_id", sa.Integer(), nullable=True),
        sa.Column("next_chat_time", AutoString(length=5), nullable=True),
        sa.Column("last_thanks_on", sa.Date(), nullable=True),
        sa.Column("last_thanks_id", sa.Integer(), nullable=True),
        sa.Column("last_touch_on", sa.Date(), nullable=True),
        sa.Column("last_touch_id", sa.Integer(), nullable=True),
        sa.Column("last_referral_on", sa.Date(), nullable=True),
        sa.Column("last_referral_id", sa.Integer(), nullable=True),
        sa.Column("asks", sa.Integer(), nullable=False),
        sa.Column("last_ask_on", sa.Date(), nullable=True),
        sa.Column("last_ask_id", sa.Integer(), nullable=True),
        sa.Column("advice_acted_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("contact_id"),
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("text", AutoString(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index("ix_reminder_due", ["due_on"], unique=False)

    op.create_table(
        "pending_item",
        sa.Column("key", AutoString(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("owner_contact_id", sa.Integer(), nullable=True),
        sa.Column("group_no", sa.Integer(), nullable=False),
        sa.Column("rule", AutoString(length=32), nullable=False),
        sa.Column("subject", AutoString(), nullable=False),
        sa.Column("subject_kind", AutoString(length=16), nullable=False),
        sa.Column("action", AutoString(), nullable=False),
        sa.Column("reason", AutoString(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("visible_from", sa.Date(), nullable=False),
        sa.Column("visible_until", sa.Date(), nullable=True),
        sa.Column("command", AutoString(), nullable=False),
        sa.Column("details", AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_pending_item_visible", "pending_item", ["visible_from"])
    op.create_index("ix_pending_item_company", "pending_item", ["company_id"])
    op.create_index("ix_pending_item_contact", "pending_item", ["contact_id"])
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cadence_days", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("ask_referral", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("ask_referral")
        batch_op.drop_column("cadence_days")

    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_due")

    op.drop_table("pending_item")
    op.drop_table("reminder")
    op.drop_table("contact_log")
    op.drop_table("setting")
    op.drop_table("next_item")
