"""Schema revisions known to this version of netjob, and what a new database is made of.

Kept free of heavy imports: every command compares the database's stored
revision with ``HEAD`` using plain ``sqlite3`` and only imports Alembic when an
upgrade is actually needed. A test checks these match the migration scripts.
"""

from pathlib import Path

REVISIONS: tuple[str, ...] = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011",
    "0012", "0013", "0014", "0015", "0016", "0017",
)  # fmt: skip
HEAD = REVISIONS[-1]

# What a new database is made of: what the migrations produce, written down (see
# netjob.db.migrate.write_schema_sql; a test checks the two agree).
SCHEMA_SQL = Path(__file__).parent / "schema.sql"


def empty_revision(where: str) -> str:
    """What to say of a database whose stored revision is missing."""
    return (
        f"{where} holds netjob tables but no schema revision (its alembic_version table is "
        "empty), so netjob cannot tell how to open it. Restore a backup, or run with a new --db."
    )
