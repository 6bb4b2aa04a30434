"""The one place that talks to the database: the store (SQLite, or PostgreSQL in
:mod:`.pg`), opening and upgrading it (:mod:`.open`, :mod:`.migrate`), the schema
(:mod:`.models`, :mod:`.migrations`, ``schema.sql``), the undo journal's recording and
the files netjob writes whole (:mod:`.files`). Nothing here imports the services."""
