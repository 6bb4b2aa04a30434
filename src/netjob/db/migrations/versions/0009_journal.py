"""The undo journal: what each write command changed, so `undo` can revert it exactly.

``journal`` holds one row per command (when, its command line, a one-line summary);
``journal_row`` one row per table row the command inserted, changed or deleted, in the
order it happened, with the primary key and the whole row as it was before (JSON).
They are filled by triggers: on SQLite TEMP triggers that each connection creates
(so nothing here), on PostgreSQL the PL/pgSQL trigger below, which records only when the
transaction names its journal (``netjob.journal``), so other clients are not journaled.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table at this revision, with its primary key (a later migration that adds a
# table adds its trigger too; a test checks each table has one on PostgreSQL).
JOURNALED = {
    "company": ("id",),
    "contact": ("id",),
    "company_tag": ("company_id", "tag"),
    "contact_tag": ("contact_id", "tag"),
    "interaction": ("id",),
    "tiara_note": ("id",),
    "stage_event": ("id",),
    "criterion": ("id",),
    "fit_score": ("id",),
    "red_flag": ("id",),
    "contact_log": ("contact_id",),
    "setting": ("key",),
    "next_item": ("id",),
    "reminder": ("id",),
    "pending_item": ("key",),
    "connection": ("id",),
    "imported_message": ("id",),
}

# AFTER ROW triggers fire after PostgreSQL's own foreign-key triggers (named RI_..., which
# sort first), so the rows a cascade deletes are recorded before the row that caused it:
# replayed backwards, parents come back before their children.
PG_FUNCTION = """
CREATE FUNCTION netjob_journal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    journal text := current_setting('netjob.journal', true);
    keyed jsonb;
    key jsonb := '[]'::jsonb;
    n integer;
BEGIN
    IF journal IS NULL OR journal = '' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        keyed := to_jsonb(OLD);
    ELSE
        keyed := to_jsonb(NEW);
    END IF;
    FOR n IN 0 .. TG_NARGS - 1 LOOP
        key := key || jsonb_build_array(keyed -> TG_ARGV[n]);
    END LOOP;
    INSERT INTO journal_row (journal_id, table_name, op, pk, image)
    VALUES (journal::integer, TG_TABLE_NAME, lower(left(TG_OP, 1)), key::text,
            CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD)::text END);
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("done_at", AutoString(length=16), nullable=False),
        sa.Column("label", AutoString(), nullable=True),
        sa.Column("summary", AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "journal_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("table_name", AutoString(length=32), nullable=False),
        sa.Column("op", AutoString(length=1), nullable=False),
        sa.Column("pk", AutoString(), nullable=False),
        sa.Column("image", AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["journal_id"], ["journal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journal_row", schema=None) as batch_op:
        batch_op.create_index("ix_journal_row_journal", ["journal_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for table, key in JOURNALED.items():
            arguments = ", ".join(f"'{column}'" for column in key)
            op.execute(
                f"CREATE TRIGGER journal_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION netjob_journal({arguments})"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in JOURNALED:
            op.execute(f"DROP TRIGGER IF EXISTS journal_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS netjob_journal()")
    with op.batch_alter_table("journal_row", schema=None) as batch_op:
        batch_op.drop_index("ix_journal_row_journal")
    op.drop_table("journal_row")
    op.drop_table("journal")
