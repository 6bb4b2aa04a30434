"""Schema revisions known to this version of netjob.

Kept free of heavy imports: every command compares the database's stored
revision with ``HEAD`` using plain ``sqlite3`` and only imports Alembic when an
upgrade is actually needed. A test checks these match the migration scripts.
"""

REVISIONS: tuple[str, ...] = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011",
    "0012", "0013", "0014", "0015",
)  # fmt: skip
HEAD = REVISIONS[-1]
