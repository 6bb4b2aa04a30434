"""The weekly review: the week's activity against the week before, eight weeks by day,
the median days to a first reply, and what `next` holds for the week ahead.

Counts come from indexed ranges of the last eight weeks (by day, by span); the list
is `next`'s bounded one.
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


def _counts(store: Store, start: date, end: date) -> dict[str, int]:
    kinds = sorted({kind for group in WEEK_KINDS.values() for kind in group})
    marks = ", ".join(f"'{kind}'" for kind in kinds)
    by_kind = {
        r["kind"]: r["n"]
        for r in store.rows(
            f"SELECT kind, COUNT(*) AS n FROM interaction WHERE kind IN ({marks}) "
            "AND occurred_on >= :start AND occurred_on <= :end "
            "AND (kind <> 'chat' OR status = 'held') GROUP BY kind",
            {"start": start, "end": end},
        )
    }
    return {name: sum(by_kind.get(k, 0) for k in kinds) for name, kinds in WEEK_KINDS.items()}


# Days from the first message to the first reply (a server subtracts dates itself).
_SPAN = {
    True: "CAST(julianday(first_reply_on) - julianday(first_out_on) AS INTEGER)",
    False: "(first_reply_on - first_out_on)",
}


def week(store: Store, *, on: date, today: date) -> dict[str, Any]:
    """The weekly review for the 7 days ending ``on``."""
    start = on - timedelta(days=6)
    this_week = _counts(store, start, on)
    last_week = _counts(store, start - timedelta(days=7), start - timedelta(days=1))
    first_day = on - timedelta(days=55)
    per_day = {
        as_date(r["occurred_on"]): r["n"]
        for r in store.rows(
            "SELECT occurred_on, COUNT(*) AS n FROM interaction WHERE occurred_on >= :start "
            "AND occurred_on <= :end AND kind <> 'status' GROUP BY occurred_on",
            {"start": first_day, "end": on},
        )
    }
    days = [per_day.get(first_day + timedelta(days=n), 0) for n in range(56)]
    spans: Counter[int] = Counter()  # days to a first reply, counted in SQL by span
    span = _SPAN[store.is_sqlite]
    for r in store.rows(
        f"SELECT {span} AS span, COUNT(*) AS n FROM contact_log "
        "WHERE first_reply_on >= :start AND first_reply_on <= :end "
        "AND first_out_on IS NOT NULL GROUP BY 1",
        {"start": on - timedelta(days=55), "end": on},
    ):
        spans[int(r["span"])] += int(r["n"])
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
