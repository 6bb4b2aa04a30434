"""Tags on companies and contacts: one small table each, (owner id, tag)."""

from __future__ import annotations

from typing import Any

from netjob.db.store import Store

TABLES = {"company": ("company_tag", "company_id"), "contact": ("contact_tag", "contact_id")}


def add(store: Store, owner: str, owner_id: int, tags: list[str]) -> None:
    """Add cleaned ``tags`` (see engine.validate.tags) that the owner does not have yet."""
    table, column = TABLES[owner]
    for tag in tags:
        exists = store.value(
            f"SELECT 1 FROM {table} WHERE {column} = :id AND tag = :tag",
            {"id": owner_id, "tag": tag},
        )
        if not exists:
            store.insert(table, {column: owner_id, "tag": tag})


def remove(store: Store, owner: str, owner_id: int, tags: list[str]) -> None:
    table, column = TABLES[owner]
    for tag in tags:
        store.execute(
            f"DELETE FROM {table} WHERE {column} = :id AND tag = :tag", {"id": owner_id, "tag": tag}
        )


def of(store: Store, owner: str, ids: list[int] | None = None) -> dict[int, list[str]]:
    """Each owner's tags in order: of the owners ``ids`` (a few), or of all of them."""
    table, column = TABLES[owner]
    where, params = "1 = 1", dict[str, Any]()
    if ids is not None:
        where, params = store.in_list(column, ids)
    found: dict[int, list[str]] = {}
    for row in store.rows(f"SELECT {column}, tag FROM {table} WHERE {where} ORDER BY tag", params):
        found.setdefault(row[column], []).append(row["tag"])
    return found
