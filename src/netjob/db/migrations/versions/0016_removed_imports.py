"""Imported entries you removed stay removed: ``removed_import``.

`netjob remove entry` deletes a log entry; when an import had brought it in, the
message's identity in its file (its ``imported_message`` rows) moves here, so importing
the same or a newer file again leaves it out. User data: exported and journaled.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "removed_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", AutoString(length=16), nullable=False),
        sa.Column("source_key", AutoString(), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "source_key", name="uq_removed_import_key"),
    )
    if op.get_bind().dialect.name == "postgresql":  # undo's journal (see 0009)
        op.execute(
            "CREATE TRIGGER journal_removed_import AFTER INSERT OR UPDATE OR DELETE ON "
            "removed_import FOR EACH ROW EXECUTE FUNCTION netjob_journal('id')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS journal_removed_import ON removed_import")
    op.drop_table("removed_import")
