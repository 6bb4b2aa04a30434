"""Stored LAMP order: each company's sort key and rank, and the key on its `next` items.

`netjob next` ranks its stored items in SQL (``ORDER BY ... LIMIT``) instead of
reading every visible item: ``company.lamp_key`` sorts like the LAMP order,
``company.lamp_rank`` is the rank it gives, and ``pending_item.lamp_key`` copies the
key of the item's company (``"z"`` for no company or a closed one) so an index
serves the list; ``next_item.state`` is indexed so the hidden items are found from
the few that are hidden. The values are filled by the derived-data rebuild that follows
every upgrade.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_next_item_state", "next_item", ["state"], unique=False)
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lamp_key", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("lamp_rank", sa.Integer(), nullable=True))
        batch_op.create_index("ix_company_lamp_key", ["lamp_key"], unique=False)
        batch_op.create_index("ix_company_lamp_rank", ["lamp_rank"], unique=False)
    with op.batch_alter_table("pending_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lamp_key", sa.String(), nullable=True))
        batch_op.create_index(
            "ix_pending_item_group_due", ["group_no", "due", "lamp_key", "key"], unique=False
        )
        batch_op.create_index(
            "ix_pending_item_group_lamp", ["group_no", "lamp_key", "due"], unique=False
        )
        batch_op.create_index(
            "ix_pending_item_window", ["visible_from", "visible_until", "due"], unique=False
        )


def downgrade() -> None:
    op.drop_index("ix_next_item_state", table_name="next_item")
    with op.batch_alter_table("pending_item", schema=None) as batch_op:
        batch_op.drop_index("ix_pending_item_window")
        batch_op.drop_index("ix_pending_item_group_lamp")
        batch_op.drop_index("ix_pending_item_group_due")
        batch_op.drop_column("lamp_key")
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index("ix_company_lamp_rank")
        batch_op.drop_index("ix_company_lamp_key")
        batch_op.drop_column("lamp_rank")
        batch_op.drop_column("lamp_key")
