"""Items' numbers and states: the stable #N each item of `next` keeps, and marking one
done, dismissed or snoozed, a history every view of the items reads."""

from __future__ import annotations

from datetime import date
from typing import Any

from netjob.db.store import Store, is_read_only
from netjob.engine.dates import ACCEPTED
from netjob.errors import InvalidInput, NotFound


def _states(store: Store, on: date) -> dict[str, Any]:
    """Each item's state as it stood on ``on``: its last change up to that day."""
    return {
        r["key"]: r
        for r in store.rows(
            "SELECT key, state, until, changed_on FROM item_state_change "
            "WHERE changed_on <= :on ORDER BY changed_on, id",
            {"on": on},
        )
    }


def _hidden(states: dict[str, Any], on: date) -> set[str]:
    hidden = set()
    for key, r in states.items():
        snoozed = r["state"] == "snoozed" and r["until"] is not None and r["until"] > on
        if r["state"] in {"done", "dismissed"} or snoozed:
            hidden.add(key)
    return hidden


def hidden_keys(store: Store, on: date) -> set[str]:
    """Keys of the items done, dismissed or snoozed past ``on``: every view leaves them out."""
    return _hidden(_states(store, on), on)


def done_or_dismissed(store: Store, on: date) -> set[str]:
    """Keys of the items done or dismissed by ``on`` (a snoozed one comes back)."""
    return {k for k, r in _states(store, on).items() if r["state"] in {"done", "dismissed"}}


def snoozed_until(store: Store) -> dict[str, date]:
    """Items snoozed to a day (views of later days show them from then)."""
    return {
        r["key"]: r["until"]
        for r in store.rows(
            "SELECT key, until FROM next_item WHERE state = 'snoozed' AND until IS NOT NULL"
        )
    }


def numbers(store: Store, keys: list[str], today: date) -> dict[str, int]:
    """Stable item numbers: assigned the first time a key is shown, kept after.

    New keys are inserted with an upsert inside one write transaction, so several
    `netjob next` at once agree on the numbers. On a read-only database the items
    seen for the first time get no number (the list still shows).
    """
    known = known_numbers(store, keys)
    missing = [k for k in keys if k not in known]
    if missing:
        try:
            with store.transaction():
                for key in missing:
                    store.execute(
                        "INSERT INTO next_item (key, first_seen) VALUES (:key, :day) "
                        "ON CONFLICT (key) DO NOTHING",
                        {"key": key, "day": today},
                    )
        except Exception as error:  # only a read-only file is forgiven
            if not is_read_only(error):
                raise
            return known
        known.update(known_numbers(store, missing))
    return known


def known_numbers(store: Store, keys: list[str]) -> dict[str, int]:
    """The numbers these keys were given (keys seen for the first time have none)."""
    known: dict[str, int] = {}
    for chunk in range(0, len(keys), 500):
        where, bind = store.in_list("key", keys[chunk : chunk + 500])
        for r in store.rows(f"SELECT id, key FROM next_item WHERE {where}", bind):
            known[r["key"]] = r["id"]
    return known


def set_state(
    store: Store, *, numbers: list[int], state: str, today: date, until: date | None = None
) -> list[dict[str, Any]]:
    """Mark items ``numbers`` done, dismissed or snoozed (until a date), all or none."""
    if state == "snoozed" and (until is None or until <= today):
        raise InvalidInput(f"Snooze until a later day; accepted: {ACCEPTED}.")
    with store.transaction():
        keys = keys_of(store, numbers)
        for number in dict.fromkeys(numbers):
            mark(store, number, keys[number], state, today, until)
    return [
        {"id": n, "key": keys[n], "state": state, "until": until.isoformat() if until else None}
        for n in dict.fromkeys(numbers)
    ]


def keys_of(store: Store, numbers: list[int]) -> dict[int, str]:
    """The key of each item number; refused whole if one is not a number `next` gave."""
    found = {}
    for number in dict.fromkeys(numbers):
        key = store.value("SELECT key FROM next_item WHERE id = :id", {"id": number})
        if key is None:
            raise NotFound(f"No item #{number}; `netjob next` shows the current ones.")
        found[number] = str(key)
    return found


def mark(store: Store, number: int, key: str, state: str, today: date, until: date | None) -> None:
    """Record one item's new state (inside the caller's transaction)."""
    store.execute(
        "UPDATE next_item SET state = :s, until = :u, changed_on = :c WHERE id = :id",
        {"s": state, "u": until, "c": today, "id": number},
    )
    store.insert(
        "item_state_change", {"key": key, "state": state, "until": until, "changed_on": today}
    )
