"""When each entry was logged, and where each person stands (METHOD section 7).

``interaction.logged_on`` is the day an entry was recorded, so replaying a past
day (``next --on``) counts only what was known then. Scheduled chats keep the
day they were planned for (``planned_on``) and the day they were settled
(``settled_on``: held, moved or cancelled). Entries from before this revision
count from their own date. The new ``contact_log`` columns are derived data,
recomputed after the upgrade.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LOG_MARKS = ("last_heard", "last_booked", "wrote_back", "nudged")


def upgrade() -> None:
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.add_column(sa.Column("logged_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("planned_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("settled_on", sa.Date(), nullable=True))
    op.execute("UPDATE interaction SET logged_on = occurred_on")
    op.execute(
        "UPDATE interaction SET planned_on = occurred_on "
        "WHERE kind = 'chat' AND status = 'scheduled'"
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.alter_column("logged_on", existing_type=sa.Date(), nullable=False)
    with op.batch_alter_table("contact_log", schema=None) as batch_op:
        for name in _LOG_MARKS:
            batch_op.add_column(sa.Column(f"{name}_on", sa.Date(), nullable=True))
            batch_op.add_column(sa.Column(f"{name}_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contact_log", schema=None) as batch_op:
        for name in _LOG_MARKS:
            batch_op.drop_column(f"{name}_id")
            batch_op.drop_column(f"{name}_on")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_column("settled_on")
        batch_op.drop_column("planned_on")
        batch_op.drop_column("logged_on")
