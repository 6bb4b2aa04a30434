"""A per-company summary for the funnel: the last day you networked into each employer
and its last interview stage.

``company_log`` keeps, for each company, the latest contact stage (contacted, replied,
chatted, referred) of anyone whose current company it is (``networked_on``) and the
company's own latest interview-or-later stage (``interview_on``), so `funnel`'s
"interviews at N of M employers you networked into" is two counts of an index range
instead of a probe a company. The rows are filled by the derived-data rebuild that
follows every upgrade, as 0012's columns are.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "company_log",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("networked_on", sa.Date(), nullable=True),
        sa.Column("interview_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("company_id"),
    )
    op.create_index("ix_company_log_networked", "company_log", ["networked_on"], unique=False)
    op.create_index(
        "ix_company_log_interview", "company_log", ["interview_on", "networked_on"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":  # undo's journal (see 0009)
        op.execute(
            "CREATE TRIGGER journal_company_log AFTER INSERT OR UPDATE OR DELETE ON "
            "company_log FOR EACH ROW EXECUTE FUNCTION netjob_journal('company_id')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS journal_company_log ON company_log")
    op.drop_index("ix_company_log_interview", table_name="company_log")
    op.drop_index("ix_company_log_networked", table_name="company_log")
    op.drop_table("company_log")
