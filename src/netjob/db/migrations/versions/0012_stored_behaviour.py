"""Stored behaviour classes, and the indexes the funnel and the weekly review count from.

``contact_log`` keeps each contact's behaviour class (booster, obligate or unknown),
the day a silent, followed-up contact turns curmudgeon, and the basis (settings and
holidays) they were worked out on, so `funnel` and `list contacts --behaviour` count
classes from an index instead of classifying everyone. ``ix_contact_log_reply`` serves
the weekly review's days to a reply. The values are filled by the derived-data rebuild
that follows every upgrade (rows without them are classified as they are read).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("behaviour", AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column("curmudgeon_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("basis", AutoString(length=32), nullable=True))
        batch_op.create_index(
            "ix_contact_log_behaviour", ["basis", "behaviour", "curmudgeon_on"], unique=False
        )
        batch_op.create_index(
            "ix_contact_log_reply", ["first_reply_on", "first_out_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("contact_log", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_log_reply")
        batch_op.drop_index("ix_contact_log_behaviour")
        batch_op.drop_column("basis")
        batch_op.drop_column("curmudgeon_on")
        batch_op.drop_column("behaviour")
