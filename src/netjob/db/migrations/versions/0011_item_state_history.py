"""Each change of a `next` item's state (done, dismissed, snoozed), dated.

``next_item`` keeps the current state; replaying a past day (``next --on``)
needs the state the item had then, so every change is also kept here. Existing
states are copied in.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "item_state_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", AutoString(), nullable=False),
        sa.Column("state", AutoString(length=16), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_item_state_change_key", "item_state_change", ["key"], unique=False)
    op.execute(
        "INSERT INTO item_state_change (key, state, until, changed_on) "
        "SELECT key, state, until, COALESCE(changed_on, first_seen) FROM next_item "
        "WHERE state IS NOT NULL ORDER BY id"
    )
    if op.get_bind().dialect.name == "postgresql":  # undo's journal (see 0009)
        op.execute(
            "CREATE TRIGGER journal_item_state_change AFTER INSERT OR UPDATE OR DELETE ON "
            "item_state_change FOR EACH ROW EXECUTE FUNCTION netjob_journal('id')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS journal_item_state_change ON item_state_change")
    op.drop_index("ix_item_state_change_key", table_name="item_state_change")
    op.drop_table("item_state_change")
