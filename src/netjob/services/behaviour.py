"""Behaviour classes (booster, obligate, curmudgeon, unknown), worked out on read.

Each contact's class on a day comes from their log summary
(:mod:`netjob.services.coach.summaries`) and the settings the rule reads (the 3-day
window, the days to *unresponsive*, the holidays), by :func:`netjob.engine.reports.classify`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date

from netjob.db.store import Store
from netjob.engine import reports as engine
from netjob.engine import settings as defs
from netjob.services import settings as settings_service
from netjob.services.coach import summaries


def behaviours(store: Store, *, today: date, ids: Collection[int] | None = None) -> dict[int, str]:
    """Each contact's class on ``today``; of the contacts ``ids`` only, when given."""
    values = settings_service.stored(store)
    numbers = defs.numbers(values)
    holidays = settings_service.holidays_for(store, values, today)
    logs = summaries.stored_logs(store, ids)
    return {
        contact_id: engine.behaviour(
            log,
            today,
            booster_days=numbers["second_contact_days"],
            unresponsive_days=numbers["unresponsive_days"],
            holidays=holidays,
        )
        for contact_id, log in logs.items()
    }


def counted(found: dict[int, str]) -> dict[str, int]:
    """How many contacts are in each class."""
    counts = Counter(found.values())
    return {name: counts.get(name, 0) for name in engine.BEHAVIOURS}


def tally(store: Store, *, today: date) -> dict[str, int]:
    """How many contacts are in each class on ``today``."""
    return counted(behaviours(store, today=today))
