"""Name keys fold accents: "cafe zurich" finds "Çafé Zürich GmbH".

No column changes: the stored keys (``company.name_key``, ``contact.name_key``,
``criterion.name_key``, ``connection.name_key`` and ``connection.company_key``) are
recomputed with the current key functions. Where two companies (or criteria) now
fold to the same key, the row already holding it (else the one added first) takes it
and the other keeps its old key (it stays reachable by its #id).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

from netjob.engine import names

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rekey(
    table: str, source: str, column: str, key: Callable[[str], str], *, unique: bool
) -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(f"SELECT id, {source} AS name, {column} AS old FROM {table} ORDER BY id")
    ).all()
    taken = {row.old for row in rows}
    changed: dict[int, str] = {}
    for row in rows:
        if row.name is None:
            continue
        new = key(row.name)
        if new == row.old or not new:
            continue
        if unique and new in taken:
            continue  # another row holds this key already: keep the old one
        taken.discard(row.old)
        taken.add(new)
        changed[row.id] = new
    for row_id, new in changed.items():
        bind.execute(
            sa.text(f"UPDATE {table} SET {column} = :key WHERE id = :id"),
            {"key": new, "id": row_id},
        )


def upgrade() -> None:
    _rekey("company", "name", "name_key", names.company_key, unique=True)
    _rekey("contact", "name", "name_key", names.person_key, unique=False)
    _rekey("criterion", "name", "name_key", names.person_key, unique=True)
    _rekey("connection", "name", "name_key", names.person_key, unique=False)
    _rekey("connection", "company", "company_key", names.company_key, unique=False)


def downgrade() -> None:
    """The folded keys stay: the older key functions find these rows less often, never
    wrongly (their exact-key lookups miss, prefix and #id still work)."""
