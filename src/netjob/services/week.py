"""The weekly review: the week's activity against the week before, eight weeks by day,
the median days to a first reply, and what `next` holds for the week ahead.

Counts come from the tally by day (migration 0013): a few rows a day of the last eight
weeks, whatever the size of the log; the list is `next`'s bounded one.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from netjob.engine import reports
from netjob.services import coach
from netjob.store import Store, as_date

MESSAGE_KINDS = ("outreach", "follow_up", "update", "referral_ask")
WEEK_KINDS = {
    "messages": MESSAGE_KINDS,
    "replies": ("reply",),
    "chats": ("chat",),
    "thanks": ("thanks",),
    "referrals": ("referral",),
}


# The tally's names of those kinds (a chat counts when held), quoted for SQL.
_TALLIED = ", ".join(
    f"'log:{'held' if kind == 'chat' else kind}'"
    for kind in sorted({kind for kinds in WEEK_KINDS.values() for kind in kinds})
)


def _counts(store: Store, start: date, end: date) -> dict[str, int]:
    """Entries of each kind from ``start`` to ``end`` (chats: those held)."""
    by_kind = {
        r["what"].removeprefix("log:"): int(r["n"])
        for r in store.rows(
            f"SELECT what, SUM(n) AS n FROM tally WHERE what IN ({_TALLIED}) "
            "AND day >= :start AND day <= :end GROUP BY what",
            {"start": start, "end": end},
        )
    }
    by_kind["chat"] = by_kind.pop("held", 0)
    return {name: sum(by_kind.get(k, 0) for k in kinds) for name, kinds in WEEK_KINDS.items()}


def week(store: Store, *, on: date, today: date) -> dict[str, Any]:
    """The weekly review for the 7 days ending ``on``."""
    start = on - timedelta(days=6)
    this_week = _counts(store, start, on)
    last_week = _counts(store, start - timedelta(days=7), start - timedelta(days=1))
    first_day = on - timedelta(days=55)
    eight_weeks = {"start": first_day, "end": on}
    per_day = {  # every entry but status changes
        as_date(r["day"]): int(r["n"])
        for r in store.rows(
            "SELECT day, SUM(n) AS n FROM tally WHERE day >= :start AND day <= :end "
            "AND what >= 'log:' AND what < 'log;' AND what NOT IN ('log:status', 'log:held') "
            "GROUP BY day",
            eight_weeks,
        )
    }
    days = [per_day.get(first_day + timedelta(days=n), 0) for n in range(56)]
    spans: Counter[int] = Counter()  # days to a first reply
    for r in store.rows(
        "SELECT what, SUM(n) AS n FROM tally WHERE day >= :start AND day <= :end "
        "AND what >= 'span:' AND what < 'span;' GROUP BY what",
        eight_weeks,
    ):
        spans[int(r["what"].removeprefix("span:"))] += int(r["n"])
    listed = coach.daily_list(store, on=on, today=today, limit=10)
    overdue = [i for i in listed.items if i["overdue_days"] > 0]
    return {
        "from": start.isoformat(),
        "to": on.isoformat(),
        "this_week": this_week,
        "last_week": last_week,
        "activity_by_day": {
            "from": first_day.isoformat(),
            "counts": days,
            "sparkline": reports.sparkline(days),
        },
        "median_days_to_reply": reports.median_counted(spans),
        "overdue": listed.overdue,
        "overdue_items": overdue[:5],
        "next_week": listed.items[:5],
    }
