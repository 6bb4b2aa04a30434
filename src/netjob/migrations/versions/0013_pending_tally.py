"""A tally of `next`'s stored items by day, kept by triggers, and indexes for `next`.

`next` says how many items are visible on its day ("8603 things to do") and how many
of those are overdue. Counting them read every visible item's index entry (10 ms at
100,000 items). Each item is visible from ``visible_from`` to ``visible_until`` (or on),
and overdue from the day after ``due``; ``pending_tally`` counts, a day, the items whose
visible span (``open``) or overdue span (``late_open``) starts then, and those whose
span ends the day before (``shut``, ``late_shut``). The items visible on a day are the
opened less the shut up to it: a sum over days, not items. Triggers on ``pending_item``
keep it, so every writer (the refresh, the rebuild, `import json`, `undo`) does; the
table is not in undo's journal, as `undo` restores the items and their triggers follow.

The indexes: the stored items' (group, due) index also holds the visible span, so the
early items' search reads no rows; companies by status and the unscored ones (partial).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The four spans an item adds to (n = 1) or takes from (n = -1), as (what, day, when)
# over a row R in SQLite's dialect; PostgreSQL's function below says the same.
_LATE = "MAX({r}.visible_from, date({r}.due, '+1 day'))"  # the first day overdue
_AFTER = "date({r}.visible_until, '+1 day')"
_UNTIL = "{r}.visible_until"
_SPANS = (
    ("open", "{r}.visible_from", f"{_UNTIL} IS NULL OR {_UNTIL} >= {{r}}.visible_from"),
    ("shut", _AFTER, f"{_UNTIL} >= {{r}}.visible_from"),
    ("late_open", _LATE, f"{_UNTIL} IS NULL OR {_UNTIL} >= {_LATE}"),
    ("late_shut", _AFTER, f"{_UNTIL} >= {_LATE}"),
)


def _sqlite_moves(row: str, n: int) -> str:
    return " ".join(
        f"INSERT INTO pending_tally (what, day, n) SELECT '{what}', {day.format(r=row)}, {n} "
        f"WHERE {when.format(r=row)} ON CONFLICT (what, day) DO UPDATE SET n = n + ({n});"
        for what, day, when in _SPANS
    )


_PG_FUNCTION = """
CREATE FUNCTION netjob_pending_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r pending_item;
    delta integer;
    late date;
BEGIN
    FOR step IN 1..2 LOOP
        IF step = 1 AND TG_OP IN ('UPDATE', 'DELETE') THEN r := OLD; delta := -1;
        ELSIF step = 2 AND TG_OP IN ('UPDATE', 'INSERT') THEN r := NEW; delta := 1;
        ELSE CONTINUE;
        END IF;
        late := GREATEST(r.visible_from, r.due + 1);
        IF r.visible_until IS NULL OR r.visible_until >= r.visible_from THEN
            INSERT INTO pending_tally (what, day, n) VALUES ('open', r.visible_from, delta)
            ON CONFLICT (what, day) DO UPDATE SET n = pending_tally.n + delta;
        END IF;
        IF r.visible_until >= r.visible_from THEN
            INSERT INTO pending_tally (what, day, n) VALUES ('shut', r.visible_until + 1, delta)
            ON CONFLICT (what, day) DO UPDATE SET n = pending_tally.n + delta;
        END IF;
        IF r.visible_until IS NULL OR r.visible_until >= late THEN
            INSERT INTO pending_tally (what, day, n) VALUES ('late_open', late, delta)
            ON CONFLICT (what, day) DO UPDATE SET n = pending_tally.n + delta;
        END IF;
        IF r.visible_until >= late THEN
            INSERT INTO pending_tally (what, day, n)
            VALUES ('late_shut', r.visible_until + 1, delta)
            ON CONFLICT (what, day) DO UPDATE SET n = pending_tally.n + delta;
        END IF;
    END LOOP;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.create_table(
        "pending_tally",
        sa.Column("what", AutoString(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("what", "day"),
    )
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
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(
            "CREATE TRIGGER pending_tally AFTER INSERT OR DELETE OR UPDATE OF visible_from, "
            "visible_until, due ON pending_item FOR EACH ROW EXECUTE FUNCTION "
            "netjob_pending_tally()"
        )
    else:
        for event, moves in (
            ("INSERT", _sqlite_moves("NEW", 1)),
            ("DELETE", _sqlite_moves("OLD", -1)),
            (
                "UPDATE OF visible_from, visible_until, due",
                _sqlite_moves("OLD", -1) + " " + _sqlite_moves("NEW", 1),
            ),
        ):
            name = event.split()[0].lower()
            op.execute(
                f"CREATE TRIGGER pending_tally_{name} AFTER {event} ON pending_item "
                f"BEGIN {moves} END"
            )
    # the items there are now: each row's spans, summed by day
    for what, day, when in _SPANS:
        day_sql, when_sql = _dialect(day.format(r="p")), _dialect(when.format(r="p"))
        op.execute(
            f"INSERT INTO pending_tally (what, day, n) SELECT '{what}', {day_sql}, COUNT(*) "
            f"FROM pending_item p WHERE {when_sql} GROUP BY {day_sql}"
        )


_UNSCORED = "lamp_rank IS NOT NULL AND (motivation = 0 OR posting IS NULL)"


def _dialect(sql: str) -> str:
    """SQLite's date arithmetic and MAX() in PostgreSQL's words, on a server."""
    if op.get_bind().dialect.name != "postgresql":
        return sql
    import re

    sql = re.sub(r"date\(([\w.]+), '\+1 day'\)", r"(\1 + 1)", sql)
    return sql.replace("MAX(", "GREATEST(")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS pending_tally ON pending_item")
        op.execute("DROP FUNCTION IF EXISTS netjob_pending_tally()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS pending_tally_{name}")
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index("ix_company_unscored")
        batch_op.drop_index("ix_company_status")
    with op.batch_alter_table("pending_item", schema=None) as batch_op:
        batch_op.drop_index("ix_pending_item_group_due")
        batch_op.create_index(
            "ix_pending_item_group_due", ["group_no", "due", "lamp_key", "key"], unique=False
        )
    op.drop_table("pending_tally")
