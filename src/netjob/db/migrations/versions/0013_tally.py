"""Tallies by day kept by triggers, and indexes for `next`.

`next` says how many items are visible on its day and how many of those are overdue;
`week` counts eight weeks of the log by day and kind, and days to a first reply. Both
read every entry of an index range, which grows with the database. ``tally`` holds,
a day, counts that add up to those answers as sums over days, not rows:

- ``open``/``shut``: `next`'s stored items whose visible span starts that day, or
  ended the day before (so the items visible on a day are the opened less the shut up
  to it); ``late_open``/``late_shut`` the same for the span in which they are overdue.
- ``log:<kind>``: log entries of that kind on the day; ``log:held`` the chats held.
- ``span:<n>``: contacts whose first reply came that day, n days after the first
  message.

Triggers on ``pending_item``, ``interaction`` and ``contact_log`` keep it, so every
writer (the refresh, the rebuild, imports, `undo`) does. It is not in undo's journal:
`undo` restores those rows, and their triggers follow.

The indexes: the stored items' (group, due) index also holds the visible span, so the
early items' search reads no rows; companies by status, and the unscored (partial).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNSCORED = "lamp_rank IS NOT NULL AND (motivation = 0 OR posting IS NULL)"
_LATE = "MAX({r}.visible_from, date({r}.due, '+1 day'))"  # the first day overdue
_AFTER = "date({r}.visible_until, '+1 day')"
_UNTIL = "{r}.visible_until"
_REPLIED = "{r}.first_reply_on IS NOT NULL AND {r}.first_out_on IS NOT NULL"
# What each row of a table counts for, as (what, day, when) over a row {r}, in SQLite's
# words (PostgreSQL's are made from them by _dialect), and the columns they rest on.
TALLIES = {
    "pending_item": (
        ("visible_from", "visible_until", "due"),
        (
            ("'open'", "{r}.visible_from", f"{_UNTIL} IS NULL OR {_UNTIL} >= {{r}}.visible_from"),
            ("'shut'", _AFTER, f"{_UNTIL} >= {{r}}.visible_from"),
            ("'late_open'", _LATE, f"{_UNTIL} IS NULL OR {_UNTIL} >= {_LATE}"),
            ("'late_shut'", _AFTER, f"{_UNTIL} >= {_LATE}"),
        ),
    ),
    "interaction": (
        ("occurred_on", "kind", "status"),
        (
            ("'log:' || {r}.kind", "{r}.occurred_on", "{r}.kind IS NOT NULL"),
            ("'log:held'", "{r}.occurred_on", "{r}.kind = 'chat' AND {r}.status = 'held'"),
        ),
    ),
    "contact_log": (
        ("first_out_on", "first_reply_on"),
        (
            (
                "'span:' || CAST(julianday({r}.first_reply_on) - julianday({r}.first_out_on) "
                "AS INTEGER)",
                "{r}.first_reply_on",
                _REPLIED,
            ),
        ),
    ),
}


def _postgresql() -> bool:
    return bool(op.get_bind().dialect.name == "postgresql")


def _dialect(sql: str) -> str:
    """SQLite's date arithmetic and MAX() in PostgreSQL's words, on a server."""
    if not _postgresql():
        return sql
    sql = re.sub(
        r"CAST\(julianday\(([\w.]+)\) - julianday\(([\w.]+)\) AS INTEGER\)", r"(\1 - \2)", sql
    )
    sql = re.sub(r"date\(([\w.]+), '\+1 day'\)", r"(\1 + 1)", sql)
    return sql.replace("MAX(", "GREATEST(")


def _moves(table: str, row: str, n: int) -> str:
    """The statements that add ``n`` for ``row`` (NEW or OLD, or a PL/pgSQL variable)."""
    upsert = "ON CONFLICT (what, day) DO UPDATE SET n = tally.n + ({n});"
    if _postgresql():
        return " ".join(
            f"IF {_dialect(when.format(r=row))} THEN INSERT INTO tally (what, day, n) VALUES "
            f"({_dialect(what.format(r=row))}, {_dialect(day.format(r=row))}, {n}) "
            f"{upsert.format(n=n)} END IF;"
            for what, day, when in TALLIES[table][1]
        )
    return " ".join(
        f"INSERT INTO tally (what, day, n) SELECT {what.format(r=row)}, {day.format(r=row)}, "
        f"{n} WHERE {when.format(r=row)} {upsert.format(n=n)}"
        for what, day, when in TALLIES[table][1]
    )


def _triggers(table: str) -> None:
    columns = ", ".join(TALLIES[table][0])
    if _postgresql():
        op.execute(
            f"CREATE FUNCTION netjob_tally_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN "
            f"{_moves(table, 'OLD', -1)} END IF; IF TG_OP IN ('UPDATE', 'INSERT') THEN "
            f"{_moves(table, 'NEW', 1)} END IF; RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER tally_{table} AFTER INSERT OR DELETE OR UPDATE OF {columns} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION netjob_tally_{table}()"
        )
        return
    for event, moves in (
        ("INSERT", _moves(table, "NEW", 1)),
        ("DELETE", _moves(table, "OLD", -1)),
        (f"UPDATE OF {columns}", f"{_moves(table, 'OLD', -1)} {_moves(table, 'NEW', 1)}"),
    ):
        op.execute(
            f"CREATE TRIGGER tally_{table}_{event.split()[0].lower()} AFTER {event} "
            f"ON {table} BEGIN {moves} END"
        )


def upgrade() -> None:
    op.create_table(
        "tally",
        sa.Column("what", AutoString(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("what", "day"),
    )
    op.create_index("ix_tally_day", "tally", ["day", "what"], unique=False)
    with op.batch_alter_table("pending_item", schema=None) as batch_op:
        batch_op.drop_index("ix_pending_item_group_due")
        batch_op.create_index(
            "ix_pending_item_group_due",
            ["group_no", "due", "lamp_key", "key", "visible_from", "visible_until"],
            unique=False,
        )
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.create_index("ix_company_status", ["status", "lamp_rank"], unique=False)
        batch_op.create_index(
            "ix_company_unscored",
            ["lamp_rank"],
            unique=False,
            sqlite_where=sa.text(_UNSCORED),
            postgresql_where=sa.text(_UNSCORED),
        )
    for table in TALLIES:
        _triggers(table)
        for what, day, when in TALLIES[table][1]:  # the rows there are now, summed by day
            what_sql, day_sql = _dialect(what.format(r="r")), _dialect(day.format(r="r"))
            op.execute(
                f"INSERT INTO tally (what, day, n) SELECT {what_sql}, {day_sql}, COUNT(*) "
                f"FROM {table} r WHERE {_dialect(when.format(r='r'))} GROUP BY 1, 2"
            )


def downgrade() -> None:
    for table in TALLIES:
        if _postgresql():
            op.execute(f"DROP TRIGGER IF EXISTS tally_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS netjob_tally_{table}()")
        else:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS tally_{table}_{event}")
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index("ix_company_unscored")
        batch_op.drop_index("ix_company_status")
    with op.batch_alter_table("pending_item", schema=None) as batch_op:
        batch_op.drop_index("ix_pending_item_group_due")
        batch_op.create_index(
            "ix_pending_item_group_due", ["group_no", "due", "lamp_key", "key"], unique=False
        )
    op.drop_index("ix_tally_day", table_name="tally")
    op.drop_table("tally")
