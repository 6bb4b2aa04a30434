"""Alembic environment, run programmatically by :func:`netjob.db.migrate.upgrade`.

The caller passes an open SQLAlchemy connection in ``config.attributes``.
Batch mode lets SQLite alter tables by copying them.
"""

from alembic import context
from sqlmodel import SQLModel

import netjob.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()
