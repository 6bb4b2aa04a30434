"""The tallies by day (``tally``, migration 0013), counted again from their rows.

Triggers keep them on every write. A bulk load (`import json`) sets those triggers aside
on SQLite and calls :func:`refill` once its rows are in: a few GROUP BYs instead of a
trigger a row. The counts are the migration's, written here for both backends.
"""

from __future__ import annotations

from netjob.store import Store

_LATE = {
    True: "MAX(r.visible_from, date(r.due, '+1 day'))",
    False: "GREATEST(r.visible_from, r.due + 1)",
}
_AFTER = {True: "date(r.visible_until, '+1 day')", False: "r.visible_until + 1"}
_SEEN = "r.visible_until IS NULL OR r.visible_until >= r.visible_from"  # ever visible
_SPAN = {
    True: "CAST(julianday(r.first_reply_on) - julianday(r.first_out_on) AS INTEGER)",
    False: "(r.first_reply_on - r.first_out_on)",
}


def _counts(sqlite: bool) -> list[tuple[str, str, str, str]]:
    """(table, what, day, when) over a row ``r``, in the backend's words."""
    late, after, until = _LATE[sqlite], _AFTER[sqlite], "r.visible_until"
    return [
        ("pending_item", "'open'", "r.visible_from", _SEEN),
        ("pending_item", "'shut'", after, "r.visible_until >= r.visible_from"),
        ("pending_item", "'late_open'", late, f"r.visible_until IS NULL OR {until} >= {late}"),
        ("pending_item", "'late_shut'", after, f"{until} >= {late}"),
        ("interaction", "'log:' || r.kind", "r.occurred_on", "r.kind IS NOT NULL"),
        ("interaction", "'log:held'", "r.occurred_on", "r.kind = 'chat' AND r.status = 'held'"),
        (
            "contact_log",
            f"'span:' || {_SPAN[sqlite]}",
            "r.first_reply_on",
            "r.first_reply_on IS NOT NULL AND r.first_out_on IS NOT NULL",
        ),
    ]  # fmt: skip


def refill(store: Store) -> None:
    """Count every tally again from the rows (inside the caller's transaction)."""
    store.execute("DELETE FROM tally")
    for table, what, day, when in _counts(store.is_sqlite):
        store.execute(
            f"INSERT INTO tally (what, day, n) SELECT {what}, {day}, COUNT(*) FROM {table} r "
            f"WHERE {when} GROUP BY 1, 2"
        )
