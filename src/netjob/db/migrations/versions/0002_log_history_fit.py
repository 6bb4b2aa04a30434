"""The log, stage history, the user's criteria and company fit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Also seeds the default criteria (METHOD section 3), weight 3 each.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_CRITERIA = ("mission", "culture", "work-life balance", "growth", "team")


def upgrade() -> None:
    op.create_table(
        "criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", AutoString(), nullable=False),
        sa.Column("name_key", AutoString(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key"),
    )
    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("at_time", AutoString(length=5), nullable=True),
        sa.Column("status", AutoString(length=16), nullable=True),
        sa.Column("channel", AutoString(length=16), nullable=True),
        sa.Column("detail", AutoString(), nullable=True),
        sa.Column("url", AutoString(), nullable=True),
        sa.Column("via_contact_id", sa.Integer(), nullable=True),
        sa.Column("note", AutoString(), nullable=True),
        sa.Column("message", AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["via_contact_id"], ["contact.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index("ix_interaction_company", ["company_id", "occurred_on"], unique=False)
        batch_op.create_index("ix_interaction_contact", ["contact_id", "occurred_on"], unique=False)
        batch_op.create_index("ix_interaction_kind", ["kind", "occurred_on"], unique=False)

    op.create_table(
        "fit_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("scored_on", sa.Date(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["criterion_id"], ["criterion.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fit_score", schema=None) as batch_op:
        batch_op.create_index("ix_fit_score_company", ["company_id", "criterion_id"], unique=False)

    op.create_table(
        "red_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("text", AutoString(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("red_flag", schema=None) as batch_op:
        batch_op.create_index("ix_red_flag_company", ["company_id"], unique=False)

    op.create_table(
        "stage_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("stage", AutoString(length=16), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("cause", AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("stage_event", schema=None) as batch_op:
        batch_op.create_index("ix_stage_event_company", ["company_id"], unique=False)
        batch_op.create_index("ix_stage_event_contact", ["contact_id"], unique=False)
        batch_op.create_index("ix_stage_event_stage", ["stage", "occurred_on"], unique=False)

    op.create_table(
        "tiara_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("text", AutoString(), nullable=False),
        sa.Column("acted_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("tiara_note", schema=None) as batch_op:
        batch_op.create_index("ix_tiara_note_interaction", ["interaction_id"], unique=False)

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_interaction_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_contact_source_interaction",
            "interaction",
            ["source_interaction_id"],
            ["id"],
            ondelete="SET NULL",
        )
    criterion = sa.table(
        "criterion",
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
        sa.column("weight", sa.Integer),
    )
    # History starts now for what was already there: added, and the current status.
    op.execute(
        "INSERT INTO stage_event (contact_id, stage, occurred_on, cause) "
        "SELECT id, 'identified', created_on, 'added' FROM contact"
    )
    op.execute(
        "INSERT INTO stage_event (company_id, stage, occurred_on, cause) "
        "SELECT id, 'backlog', created_on, 'added' FROM company"
    )
    op.execute(
        "INSERT INTO stage_event (company_id, stage, occurred_on, cause) "
        "SELECT id, status, updated_on, 'status before history was kept' FROM company "
        "WHERE status <> 'backlog'"
    )
    op.bulk_insert(
        criterion,
        [{"name": name, "name_key": name, "weight": 3} for name in DEFAULT_CRITERIA],
    )


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_constraint("fk_contact_source_interaction", type_="foreignkey")
        batch_op.drop_column("source_interaction_id")

    with op.batch_alter_table("tiara_note", schema=None) as batch_op:
        batch_op.drop_index("ix_tiara_note_interaction")

    op.drop_table("tiara_note")
    with op.batch_alter_table("stage_event", schema=None) as batch_op:
        batch_op.drop_index("ix_stage_event_stage")
        batch_op.drop_index("ix_stage_event_contact")
        batch_op.drop_index("ix_stage_event_company")

    op.drop_table("stage_event")
    with op.batch_alter_table("red_flag", schema=None) as batch_op:
        batch_op.drop_index("ix_red_flag_company")

    op.drop_table("red_flag")
    with op.batch_alter_table("fit_score", schema=None) as batch_op:
        batch_op.drop_index("ix_fit_score_company")

    op.drop_table("fit_score")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_kind")
        batch_op.drop_index("ix_interaction_contact")
        batch_op.drop_index("ix_interaction_company")

    op.drop_table("interaction")
    op.drop_table("criterion")
