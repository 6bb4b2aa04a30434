"""An index on the log by day, for the weekly review's per-day counts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_interaction_day", "interaction", ["occurred_on", "kind"])


def downgrade() -> None:
    op.drop_index("ix_interaction_day", table_name="interaction")
