"""The weekly review: the week's activity against the week before, eight weeks by day,
the median days to a first reply, and what `next` holds for the week ahead.

Counts are SQL aggregates over the log's (day, kind) index; the days to a first reply
come from the contacts' log summaries; the list is `next`'s.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from netjob.db.store import Store, as_date
from netjob.engine import reports
from netjob.services.coach import daily, summaries

MESSAGE_KINDS = ("outreach", "follow_up", "update", "referral_ask")
WEEK_KINDS = {
    "messages": MESSAGE_KINDS,
    "replies": ("reply",),
    "chats": ("chat",),
    "thanks": ("thanks",),
    "referrals": ("referral",),
}


def _counts(store: Store, start: date, end: date) -> dict[str, int]:
    """Entries of each kind from ``start`` to ``end`` (chats: those held)."""
    by_kind: Counter[str] = Counter()
    for r in store.rows(
        "SELECT kind, COUNT(*) AS n FROM interaction WHERE occurred_on >= :start "
        "AND occurred_on <= :end AND (kind <> 'chat' OR status = 'held') GROUP BY kind",
        {"start": start, "end": end},
    ):
        by_kind[r["kind"]] = int(r["n"])
    return {name: sum(by_kind[k] for k in kinds) for name, kinds in WEEK_KINDS.items()}


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
            "SELECT occurred_on AS day, COUNT(*) AS n FROM interaction WHERE occurred_on >= "
            ":start AND occurred_on <= :end AND kind <> 'status' GROUP BY occurred_on",
            eight_weeks,
        )
    }
    days = [per_day.get(first_day + timedelta(days=n), 0) for n in range(56)]
    facts, found = daily.items_of(store, on=on, today=today)
    # Days to a first reply, of the replies in those weeks, from everything logged about
    # them (as the counts above): the day's own logs when it is today, else the stored.
    logs = [k.log for k in facts.contacts] if on >= today else summaries.stored_logs(store).values()
    spans: Counter[int] = Counter()
    for log in logs:
        out, reply = log.first_out, log.first_reply
        if out is not None and reply is not None and first_day <= reply.on <= on:
            spans[(reply.on - out.on).days] += 1
    listed = daily.listed(store, facts, found, today=today, limit=10)
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
