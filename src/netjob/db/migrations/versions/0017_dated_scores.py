"""A company's LAMP scores are dated: ``score_change``.

`next --on` a past day ranks companies with the scores they had that day (their
statuses are dated already, as status changes in the log). Every existing company is
seeded with its current scores, dated on the day it was added: the earlier values were
never recorded.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "score_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("motivation", sa.Integer(), nullable=False),
        sa.Column("posting", sa.Integer(), nullable=True),
        sa.Column("advocacy", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_score_change_company", "score_change", ["company_id", "changed_on"], unique=False
    )
    op.execute(
        "INSERT INTO score_change (company_id, changed_on, motivation, posting, advocacy) "
        "SELECT id, created_on, motivation, posting, advocacy FROM company ORDER BY id"
    )
    if op.get_bind().dialect.name == "postgresql":  # undo's journal (see 0009)
        op.execute(
            "CREATE TRIGGER journal_score_change AFTER INSERT OR UPDATE OR DELETE ON "
            "score_change FOR EACH ROW EXECUTE FUNCTION netjob_journal('id')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS journal_score_change ON score_change")
    op.drop_index("ix_score_change_company", table_name="score_change")
    op.drop_table("score_change")
