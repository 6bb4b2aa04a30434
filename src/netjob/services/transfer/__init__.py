"""Taking your data out and back: the format of a JSON export and what it holds (written
by :mod:`.json_export`, read by :mod:`.json_import`; :mod:`.copy` moves a database).

The JSON export is versioned: ``{"format": "netjob-export", "version": 1,
"schema": "<revision>", "exported_on": ..., "tables": {table: [row, ...]}}``
with every row of every table, ids included, so ``import json`` restores an
empty database exactly.
"""

from __future__ import annotations

from collections.abc import Callable

FORMAT = "netjob-export"
VERSION = 1
# In an order that satisfies foreign keys; the two cycles (contact.referred_by_id,
# contact.source_interaction_id) are filled in after the rows exist.
# Every table but the journal's and the contacts' log summaries (worked out from the log).
TABLES = (
    "company", "score_change", "contact", "interaction", "tiara_note", "criterion",
    "fit_score", "red_flag", "company_tag", "contact_tag", "setting", "next_item", "reminder",
    "connection", "imported_message", "item_state_change", "removed_import",
)  # fmt: skip
DEFERRED = {"contact": ("referred_by_id", "source_interaction_id")}
# Tables of exports before schema 0015, stored copies of the log: an older file's are
# left out of the import (the summaries are worked out again).
RETIRED = ("stage_event", "contact_log", "company_log", "pending_item")
USER_TABLES = ("company", "contact", "interaction", "connection", "reminder")
# Boolean columns: written as JSON true/false from either backend (SQLite keeps 0/1);
# read back from true/false or 0/1.
BOOLEANS = {
    "company": ("advocacy",),
    "score_change": ("advocacy",),
    "contact": ("ask_referral",),
    "imported_message": ("created",),
}
ORDER_BY = {"company_tag": "company_id, tag", "contact_tag": "contact_id, tag", "setting": "key"}
REDACTED = "[redacted]"


Progress = Callable[[int, int], None]
BATCH = 5000  # rows fetched, encoded or inserted at a time
