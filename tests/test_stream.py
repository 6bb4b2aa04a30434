"""Exports read their queries a batch at a time on both backends (`Store.stream`): on
PostgreSQL through a server-side cursor, so the client holds one batch and not the whole
result (psycopg's default cursor fetches everything at once)."""

from __future__ import annotations

import os

from netjob.db.open import open_store
from netjob.db.pg import PgStore

TEN = " UNION ALL ".join(f"SELECT {n} AS n, 'row {n}' AS label" for n in range(1, 11))


def test_a_query_is_read_a_batch_at_a_time() -> None:
    store = open_store(os.environ["NETJOB_DB"])
    try:
        seen, open_cursors = [], []
        for columns, rows in store.stream(f"SELECT n, label FROM ({TEN}) t ORDER BY n", 3):
            seen.append((columns, [tuple(row) for row in rows]))
            if isinstance(store, PgStore):  # the rows wait on the server, in a cursor
                open_cursors.append(
                    store.value("SELECT COUNT(*) FROM pg_cursors WHERE name LIKE 'netjob_%'")
                )
        assert [columns for columns, _ in seen] == [["n", "label"]] * 4
        assert [rows for _, rows in seen] == [
            [(1, "row 1"), (2, "row 2"), (3, "row 3")],
            [(4, "row 4"), (5, "row 5"), (6, "row 6")],
            [(7, "row 7"), (8, "row 8"), (9, "row 9")],
            [(10, "row 10")],
        ]
        if isinstance(store, PgStore):
            assert open_cursors == [1, 1, 1, 1]
            assert not store.pg.in_transaction  # its own transaction ended with it
            assert store.value("SELECT COUNT(*) FROM pg_cursors") == 0
        empty = list(store.stream(f"SELECT n FROM ({TEN}) t WHERE n > 10", 3))
        assert empty == [(["n"], [])]
        with store.transaction():  # inside a transaction: joins it
            store.execute("INSERT INTO setting (key, value) VALUES ('_streamed', 'yes')")
            found = list(store.stream("SELECT key, value FROM setting WHERE key = '_streamed'", 5))
        assert [(columns, [tuple(r) for r in rows]) for columns, rows in found] == [
            (["key", "value"], [("_streamed", "yes")])
        ]
    finally:
        store.close()
