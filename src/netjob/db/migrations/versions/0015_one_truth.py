"""The log is the only stored truth: the stored copies of what it says go.

Dropped, with their indexes and triggers: ``pending_item`` (the stored items of
`next`), ``tally`` (counts by day kept by triggers, with those triggers on
``interaction``), ``company_log``, ``contact_log`` (the per-contact summary with its
behaviour class) and ``stage_event`` (stage history), and the LAMP key and rank stamped
on ``company``. Every view now works them out on read. Not one row the user recorded
is touched; ``next_item`` and ``item_state_change`` (the user's marks on items) stay.

Added: ``contact_summary``, each contact's log summarised, the one copy kept for speed:
outside undo's journal (no PostgreSQL journal trigger) and the export, and worked out
again as it is read whenever its ``version`` is not the code's, so it starts empty and
fills itself (``netjob.services.coach.summaries``).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CACHES = ("pending_item", "tally", "company_log", "contact_log", "stage_event")
COMPANY_INDEXES = (
    "ix_company_lamp_key", "ix_company_lamp_rank", "ix_company_status", "ix_company_unscored"
)  # fmt: skip


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    # 0013's tallies: the triggers on interaction (those on the dropped tables go with them)
    if postgresql:
        op.execute("DROP TRIGGER IF EXISTS tally_interaction ON interaction")
        for table in ("pending_item", "interaction", "contact_log"):
            op.execute(f"DROP FUNCTION IF EXISTS netjob_tally_{table}() CASCADE")
    else:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS tally_interaction_{event}")
    for table in CACHES:
        op.drop_table(table)
    with op.batch_alter_table("company", schema=None) as batch_op:
        for index in COMPANY_INDEXES:
            batch_op.drop_index(index)
        batch_op.drop_column("lamp_rank")
        batch_op.drop_column("lamp_key")
    op.create_table(
        "contact_summary",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("version", AutoString(length=16), nullable=False),
        sa.Column("log", AutoString(), nullable=False),
        sa.Column("stages", AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("contact_id"),
    )


def downgrade() -> None:
    raise NotImplementedError(
        "0015 dropped caches that only the netjob of 0014 could fill again; to go back, "
        "restore the copy the upgrade kept beside the database (netjob.db.bak-0014)."
    )
