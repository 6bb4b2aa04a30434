"""Settings: stored values over the defaults in :mod:`netjob.engine.settings`."""

from __future__ import annotations

from datetime import date
from typing import Any

from netjob.db.store import Store, is_read_only
from netjob.engine import settings as defs
from netjob.errors import InvalidInput

HOLIDAY_CACHE = "_holiday_dates"  # computed dates for a country code, with their years
HOLIDAYS_HINTED = "_holidays_hinted"  # the day `next` first said how to set holidays
INTERNAL = frozenset({HOLIDAY_CACHE, HOLIDAYS_HINTED})  # kept by export/import, not settable
CACHED_YEARS = 10  # years ahead a country's holidays are cached for when it is set


def stored(store: Store) -> dict[str, str]:
    return {r["key"]: r["value"] for r in store.rows("SELECT key, value FROM setting")}


def list_settings(store: Store) -> list[dict[str, Any]]:
    values = stored(store)
    return [
        {
            "key": s.key,
            "value": values.get(s.key, s.default),
            "default": s.default,
            "changed": s.key in values and values[s.key] != s.default,
            "help": s.help,
        }
        for s in defs.SETTINGS.values()
    ]


def _put(store: Store, key: str, value: str) -> None:
    store.execute("DELETE FROM setting WHERE key = :k", {"k": key})
    store.insert("setting", {"key": key, "value": value})


def set_value(store: Store, *, key: str, value: str, today: date) -> dict[str, Any]:
    setting = defs.get_setting(key)
    cleaned = defs.clean(setting.key, value)
    cache = None
    if setting.key == "holidays" and cleaned[:2].isalpha():
        cache = _country_dates(cleaned, today.year)
    with store.transaction():
        _put(store, setting.key, cleaned)
        store.execute("DELETE FROM setting WHERE key = :k", {"k": HOLIDAY_CACHE})
        if cache is not None:
            _put(store, HOLIDAY_CACHE, cache)
    return next(s for s in list_settings(store) if s["key"] == setting.key)


def reset(store: Store, *, key: str | None) -> list[str]:
    with store.transaction():
        if key is None:
            keys = [r["key"] for r in store.rows("SELECT key FROM setting")]
            store.execute("DELETE FROM setting")
        else:
            keys = [defs.get_setting(key).key]
            store.execute("DELETE FROM setting WHERE key = :k", {"k": keys[0]})
            if keys[0] == "holidays":
                store.execute("DELETE FROM setting WHERE key = :k", {"k": HOLIDAY_CACHE})
    return [k for k in keys if not k.startswith("_")]


def hint_holidays_once(store: Store, today: date) -> bool:
    """Whether to say how to set holidays: only while none are set, and only the first
    time (remembered in the database, outside `undo`). A database that cannot be
    written (read-only) never gets the hint, so it is not repeated on every run."""
    values = stored(store)
    if values.get("holidays") or HOLIDAYS_HINTED in values:
        return False
    try:
        with store.transaction(journal=False):  # not a change `undo` should revert
            added = store.execute(
                "INSERT INTO setting (key, value) VALUES (:k, :v) ON CONFLICT (key) DO NOTHING",
                {"k": HOLIDAYS_HINTED, "v": today.isoformat()},
            ).rowcount
    except Exception as error:
        if not is_read_only(error):
            raise
        return False
    return added == 1  # 0: another `next` said it first


def _country_dates(code: str, year: int) -> str:
    """'US' -> 'US|2025-2028|2025-01-01,...': computed once, so `next` never imports holidays."""
    import holidays

    country, _, subdivision = code.partition("-")
    years = list(range(year - 1, year + CACHED_YEARS))
    try:
        found = holidays.country_holidays(country, subdiv=subdivision or None, years=years)
    except (NotImplementedError, KeyError, ValueError, TypeError, AttributeError) as error:
        # the holidays package fails in its own ways on codes it half-knows ("MON")
        raise InvalidInput(
            f"'{code}' is not a country (or subdivision) the holidays package knows: {error}. "
            "Give a code like US, GB or DE-BY, or a list of dates."
        ) from None
    days = ",".join(sorted(d.isoformat() for d in found))
    return f"{code}|{years[0]}-{years[-1]}|{days}"


def holidays_for(store: Store, values: dict[str, str], today: date) -> frozenset[date]:
    """The holiday dates in force. Reads never write: a country's dates are cached when
    the setting is set (for a span of years); outside it they are computed, not stored."""
    raw = values.get("holidays", "")
    if not raw:
        return frozenset()
    if raw[:4].isdigit():
        return frozenset(date.fromisoformat(d) for d in raw.split(","))
    cache = values.get(HOLIDAY_CACHE, "")
    code, years, days = [*cache.split("|"), "", "", ""][:3]
    first, _, last = years.partition("-")
    if code != raw or not first or not int(first) <= today.year <= int(last):
        days = _country_dates(raw, today.year).split("|")[2]
    return frozenset(date.fromisoformat(d) for d in days.split(",") if d)
