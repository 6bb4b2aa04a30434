"""Where one person stands (METHOD section 7), from their log summary: for the views
outside the daily list (a contact's page, a draft's kind)."""

from __future__ import annotations

from datetime import date

from netjob.db.store import Store
from netjob.engine import settings as defs
from netjob.engine import standing as states
from netjob.services import settings as settings_service
from netjob.services.coach import summaries


def standing_of(store: Store, *, contact_id: int, today: date) -> states.Standing:
    """Where a person stands, from their log summary."""
    values = settings_service.stored(store)
    return states.standing(
        summaries.of(store, contact_id).log,
        unresponsive_days=defs.numbers(values)["unresponsive_days"],
        holidays=settings_service.holidays_for(store, values, today),
    )


def person_state(store: Store, *, contact_id: int, today: date) -> str:
    """The METHOD section 7 state of a person on ``today``."""
    return states.state_on(standing_of(store, contact_id=contact_id, today=today), today)
