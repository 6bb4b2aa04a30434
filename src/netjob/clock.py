"""Today's date, overridable for tests and demos.

``NETJOB_TODAY=2026-11-20`` makes netjob behave as if it were that day. The
engine never calls this: it receives ``today`` as an argument.
"""

from __future__ import annotations

import os
from datetime import date, datetime

ENV_TODAY = "NETJOB_TODAY"


def today() -> date:
    raw = os.environ.get(ENV_TODAY)
    if raw:
        return date.fromisoformat(raw)
    return date.today()


def now() -> datetime:
    """The current local time, on :func:`today`'s date (for stamps in file names)."""
    return datetime.combine(today(), datetime.now().time())
