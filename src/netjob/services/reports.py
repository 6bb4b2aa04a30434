"""The reports: pipeline board, funnel, contact behaviour, fit ranking, weekly review.

Every number comes from SQL aggregates over indexed columns (stage_event,
interaction, contact_log); Python only does the arithmetic in
:mod:`netjob.engine.reports` on the few rows they return.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from netjob.engine import facts as facts_engine
from netjob.engine import reports
from netjob.engine import settings as defs
from netjob.engine.stages import APPLICATION_STAGES, OUTCOMES
from netjob.services import coach, criteria, items
from netjob.services import companies as company_service
from netjob.services import settings as settings_service
from netjob.store import Store

MESSAGE_KINDS = ("outreach", "follow_up", "update", "referral_ask")
WEEK_KINDS = {
    "messages": MESSAGE_KINDS,
    "replies": ("reply",),
    "chats": ("chat",),
    "thanks": ("thanks",),
    "referrals": ("referral",),
}


# ---------------------------------------------------------------- pipeline


def _ids(column: str, ids: list[int] | None) -> tuple[str, dict[str, int]]:
    """``AND column IN (...)`` for a few ids (nothing when None: every row)."""
    if ids is None:
        return "", {}
    marks = ", ".join(f":i{n}" for n in range(len(ids))) or "NULL"
    return f"AND {column} IN ({marks})", {f"i{n}": i for n, i in enumerate(ids)}


def _first_per_status(store: Store, limit: int) -> list[Any]:
    """The first ``limit`` companies of each status in board order (stored LAMP ranks)."""
    found: list[Any] = []
    for status, order in (
        ("active", "lamp_rank, name"),
        ("backlog", "lamp_rank, name"),
        ("closed", "name"),
    ):
        found.extend(
            store.rows(
                "SELECT id, name, status, lamp_rank, (SELECT COUNT(*) FROM contact k WHERE "
                "k.company_id = company.id) AS contacts FROM company WHERE status = :s "
                f"ORDER BY {order} LIMIT {int(limit)}",
                {"s": status},
            )
        )
    return found


def pipeline(store: Store, *, today: date, limit: int | None = None) -> dict[str, Any]:
    """Companies by status, active first, with LAMP rank, people, last touch, stage, next step.

    With ``limit``, only the first ``limit`` of each status (and the counts of all)."""
    if limit is not None and company_service.ranks_stored(store):
        listed: list[Any] = _first_per_status(store, limit)
        ids: list[int] | None = [c["id"] for c in listed]
    else:
        listed = [
            {
                "id": c.id,
                "name": c.name,
                "status": c.status,
                "lamp_rank": c.lamp_rank,
                "contacts": c.contacts,
            }
            for c in company_service.list_companies(store)
        ]
        ids = None
    in_touch, touch_ids = _ids("k.company_id", ids)
    # The last exchange with anyone there, from the per-contact summaries (one row per
    # contact, whatever the size of the log).
    last_touch = {
        r["company_id"]: r["last"]
        for r in store.rows(
            "SELECT k.company_id, MAX(l.last_touch_on) AS last FROM contact k "
            "JOIN contact_log l ON l.contact_id = k.id WHERE k.company_id IS NOT NULL "
            f"{in_touch} GROUP BY k.company_id",
            touch_ids,
        )
    }
    in_stage, stage_ids = _ids("company_id", ids)
    stage: dict[int, tuple[str | None, str | None]] = {}
    for r in store.rows(
        "SELECT company_id, stage FROM stage_event WHERE company_id IS NOT NULL "
        "AND stage IN ('applied', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn') "
        f"{in_stage} ORDER BY occurred_on, id",
        stage_ids,
    ):
        furthest, outcome = stage.get(r["company_id"], (None, None))
        if r["stage"] in OUTCOMES:
            outcome = r["stage"]
        elif furthest is None or APPLICATION_STAGES.index(r["stage"]) > APPLICATION_STAGES.index(
            furthest
        ):
            furthest = r["stage"]
        stage[r["company_id"]] = (furthest, outcome)
    next_step: dict[int, str] = {}
    hidden = items.hidden_keys(store, today)
    in_next, next_ids = _ids("company_id", ids)
    for r in store.rows(
        "SELECT key, company_id, action FROM pending_item WHERE company_id IS NOT NULL "
        "AND visible_from <= :on AND (visible_until IS NULL OR visible_until >= :on) "
        f"{in_next} ORDER BY group_no, due, key",
        {"on": today, **next_ids},
    ):
        if r["key"] not in hidden:
            next_step.setdefault(r["company_id"], r["action"])
    order = {"active": 0, "backlog": 1, "closed": 2}
    rows = []
    for c in sorted(
        listed, key=lambda c: (order.get(c["status"], 3), c["lamp_rank"] or 10**9, c["name"])
    ):
        furthest, outcome = stage.get(c["id"], (None, None))
        rows.append(
            {
                "id": c["id"],
                "name": c["name"],
                "status": c["status"],
                "lamp_rank": c["lamp_rank"],
                "contacts": c["contacts"],
                "last_touch": last_touch.get(c["id"]),
                "application_stage": furthest,
                "outcome": outcome,
                "next_step": next_step.get(c["id"]),
            }
        )
    if ids is None:
        counts = Counter(r["status"] for r in rows)
    else:
        counts = Counter(
            {
                r["status"]: r["n"]
                for r in store.rows("SELECT status, COUNT(*) AS n FROM company GROUP BY status")
            }
        )
    return {"companies": rows, "counts": {s: counts.get(s, 0) for s in order}}


# ---------------------------------------------------------------- behaviour


def _mark(r: Any, name: str) -> facts_engine.Mark | None:
    on = r[f"{name}_on"]
    return None if on is None else facts_engine.Mark(on, r[f"{name}_id"])


def behaviours(store: Store, *, today: date, ids: list[int] | None = None) -> dict[int, str]:
    """Each contact's behaviour class (booster, obligate, curmudgeon, unknown); of the
    contacts ``ids`` only, when given."""
    values = settings_service.stored(store)
    numbers = defs.numbers(values)
    holidays = settings_service.holidays_for(store, values, today)
    only, bind = _ids("id", ids)
    found = {
        r["id"]: "unknown" for r in store.rows(f"SELECT id FROM contact WHERE 1 = 1 {only}", bind)
    }
    only, bind = _ids("contact_id", ids)
    for r in store.rows(
        "SELECT contact_id, first_out_on, first_out_id, first_reply_on, first_reply_id, "
        f"follow_up_on, follow_up_id FROM contact_log WHERE first_out_on IS NOT NULL {only}",
        bind,
    ):
        log = facts_engine.ContactLog(
            first_out=_mark(r, "first_out"),
            first_reply=_mark(r, "first_reply"),
            follow_up=_mark(r, "follow_up"),
        )
        found[r["contact_id"]] = reports.behaviour(
            log,
            today,
            booster_days=numbers["second_contact_days"],
            unresponsive_days=numbers["unresponsive_days"],
            holidays=holidays,
        )
    return found


def behaviour_tally(store: Store, *, today: date) -> dict[str, int]:
    """How many contacts are in each behaviour class: the same as counting
    :func:`behaviours`, but SQL groups the contacts by the few things the class rests on
    (the days of the first message, first reply and follow-up, and which came first on a
    shared day), so Python classifies each distinct case once, whatever the size."""
    values = settings_service.stored(store)
    numbers = defs.numbers(values)
    holidays = settings_service.holidays_for(store, values, today)
    counts: Counter[str] = Counter()
    classified = 0
    for r in store.rows(
        "SELECT first_out_on, first_reply_on, follow_up_on, "
        "CASE WHEN first_reply_on > first_out_on OR (first_reply_on = first_out_on "
        "AND first_reply_id > first_out_id) THEN 1 ELSE 0 END AS after_out, "
        "CASE WHEN first_reply_on < follow_up_on OR (first_reply_on = follow_up_on "
        "AND first_reply_id < follow_up_id) THEN 1 ELSE 0 END AS before_follow_up, "
        "COUNT(*) AS n FROM contact_log WHERE first_out_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5"
    ):
        # Marks standing in for the real ones: only their order matters.
        reply = None
        if r["first_reply_on"] is not None:
            reply = facts_engine.Mark(r["first_reply_on"], 2 if r["after_out"] else 0)
        follow_up = None
        if r["follow_up_on"] is not None:
            follow_up = facts_engine.Mark(r["follow_up_on"], 3 if r["before_follow_up"] else -1)
        log = facts_engine.ContactLog(
            first_out=facts_engine.Mark(r["first_out_on"], 1),
            first_reply=reply,
            follow_up=follow_up,
        )
        name = reports.behaviour(
            log,
            today,
            booster_days=numbers["second_contact_days"],
            unresponsive_days=numbers["unresponsive_days"],
            holidays=holidays,
        )
        counts[name] += r["n"]
        classified += r["n"]
    everyone = int(store.value("SELECT COUNT(*) FROM contact") or 0)
    counts["unknown"] += everyone - classified
    return {name: counts.get(name, 0) for name in reports.BEHAVIOURS}


def behaviour_counts(found: dict[int, str]) -> dict[str, int]:
    counts = Counter(found.values())
    return {name: counts.get(name, 0) for name in reports.BEHAVIOURS}


# ---------------------------------------------------------------- funnel

_CONTACT_STAGES = "('contacted', 'replied', 'chatted', 'referred')"
# What splits contacts: the column, and the joins that reach it.
_CONTACT_SPLITS = {
    None: ("'all'", ""),
    "how": ("COALESCE(k.how, 'unknown')", "JOIN contact k ON k.id = s.contact_id"),
    "channel": (
        "COALESCE(i.channel, 'unknown')",
        "LEFT JOIN contact_log l ON l.contact_id = s.contact_id "
        "LEFT JOIN interaction i ON i.id = l.first_out_id",
    ),
    "company": (
        "COALESCE(c.name, '(no company)')",
        "JOIN contact k ON k.id = s.contact_id LEFT JOIN company c ON c.id = k.company_id",
    ),
}
_REFERRAL_APP = (
    "EXISTS (SELECT 1 FROM interaction a WHERE a.company_id = s.company_id "
    "AND a.kind = 'application' AND a.via_contact_id IS NOT NULL)"
)
# Reaching a later application stage means reaching the earlier ones.
_COMPANY_STEPS = {
    "application": "('applied', 'interviewing', 'offer', 'accepted')",
    "interview": "('interviewing', 'offer', 'accepted')",
    "offer": "('offer', 'accepted')",
}


def _contact_counts(store: Store, by: str | None, since: date | None) -> dict[str, dict[str, int]]:
    column, joins = _CONTACT_SPLITS[by]
    since_clause = "AND s.occurred_on >= :since" if since else ""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    step_of = {reports.STEP_STAGE[step]: step for step in reports.CONTACT_STEPS}
    for r in store.rows(
        f"SELECT {column} AS grp, s.stage, COUNT(*) AS n FROM stage_event s {joins} "
        f"WHERE s.contact_id IS NOT NULL AND s.stage IN {_CONTACT_STAGES} {since_clause} "
        "GROUP BY 1, 2",  # by position: the group may be a constant (PostgreSQL)
        {"since": since} if since else {},
    ):
        counts[r["grp"]][step_of[r["stage"]]] = r["n"]
    return counts


def _company_counts(store: Store, group: str, since: date | None) -> dict[str, dict[str, int]]:
    """Companies reaching each application step, by ``group`` (an expression over the
    stage_event ``s`` and company ``c``). Grouped in an outer query so the expression may
    use a correlated subquery (PostgreSQL refuses that inside GROUP BY)."""
    since_clause = "AND s.occurred_on >= :since" if since else ""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for step, stages in _COMPANY_STEPS.items():
        for r in store.rows(
            "SELECT grp, COUNT(*) AS n FROM ("
            f"SELECT DISTINCT s.company_id, {group} AS grp FROM stage_event s "
            "LEFT JOIN company c ON c.id = s.company_id "
            f"WHERE s.company_id IS NOT NULL AND s.stage IN {stages} {since_clause}"
            ") reached GROUP BY grp",
            {"since": since} if since else {},
        ):
            counts[r["grp"]][step] = r["n"]
    return counts


def _chain(counts: dict[str, int], steps: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"step": s.name, "count": s.count, "rate": s.rate} for s in reports.funnel(counts, steps)
    ]


def _networked(store: Store, since: date | None) -> dict[str, Any]:
    """Employers you networked into (in touch with someone there) and how many of them
    you reached an interview at: the like-for-like match for a cold application's odds."""
    since_clause = "AND s.occurred_on >= :since" if since else ""
    stages = _COMPANY_STEPS["interview"]
    row = store.rows(
        "SELECT COUNT(*) AS employers, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "
        f"stage_event s WHERE s.company_id = n.company_id AND s.stage IN {stages} "
        f"{since_clause}) THEN 1 ELSE 0 END), 0) AS interviews FROM (SELECT DISTINCT "
        "k.company_id FROM stage_event s JOIN contact k ON k.id = s.contact_id "
        f"WHERE s.stage IN {_CONTACT_STAGES} AND k.company_id IS NOT NULL {since_clause}) n",
        {"since": since} if since else {},
    )[0]
    employers, interviews = int(row["employers"]), int(row["interviews"])
    return {
        "employers": employers,
        "interviews": interviews,
        "interview_rate": reports.rate(interviews, employers),
    }


def funnel(store: Store, *, since: date | None, by: str | None, today: date) -> dict[str, Any]:
    """Furthest stage reached, per contact (contacted..referral) and per company
    (application..offer), with conversion rates, optionally split."""
    all_steps = (*reports.CONTACT_STEPS, *reports.COMPANY_STEPS)
    people = _contact_counts(store, None, since).get("all", {})
    channel = f"CASE WHEN {_REFERRAL_APP} THEN 'referral' ELSE 'cold' END"
    apps = _company_counts(store, channel, since)
    companies = {
        step: apps.get("referral", {}).get(step, 0) + apps.get("cold", {}).get(step, 0)
        for step in reports.COMPANY_STEPS
    }
    overall = _chain({**people, **companies}, all_steps)
    split: dict[str, list[dict[str, Any]]] = {}
    if by == "company":
        by_people = _contact_counts(store, "company", since)
        by_company = _company_counts(store, "c.name", since)
        for name in sorted(set(by_people) | set(by_company)):
            split[name] = _chain({**by_people.get(name, {}), **by_company.get(name, {})}, all_steps)
    elif by in {"how", "channel"}:
        for name, counts in sorted(_contact_counts(store, by, since).items()):
            split[name] = _chain(counts, reports.CONTACT_STEPS)
        for kind in ("referral", "cold"):
            split[f"applications: {kind}"] = _chain(apps.get(kind, {}), reports.COMPANY_STEPS)
    referral, cold = apps.get("referral", {}), apps.get("cold", {})
    return {
        "since": since.isoformat() if since else None,
        "by": by,
        "steps": overall,
        "split": split,
        "reply_rate": reports.rate(people.get("replied", 0), people.get("contacted", 0)),
        "cold_interview_benchmark": reports.COLD_INTERVIEW_RATE,
        "referral_interview_rate": reports.rate(
            referral.get("interview", 0), referral.get("application", 0)
        ),
        "cold_interview_rate": reports.rate(cold.get("interview", 0), cold.get("application", 0)),
        "applications": {
            "referral": referral.get("application", 0),
            "cold": cold.get("application", 0),
        },
        "behaviour": behaviour_tally(store, today=today),
        "networked": _networked(store, since),
    }


# ---------------------------------------------------------------- fit


def fit_report(store: Store) -> list[dict[str, Any]]:
    """Companies ranked by weighted fit, with a flag where fit and motivation disagree."""
    fits = criteria.fit_all(store)
    if company_service.ranks_stored(store):  # read only the companies with a fit
        listed: dict[int, Any] = {}
        ids = sorted(fits)
        for start in range(0, len(ids), 500):
            where, bind = _ids("id", ids[start : start + 500])
            for r in store.rows(
                f"SELECT id, name, status, motivation, lamp_rank FROM company WHERE 1 = 1 {where}",
                bind,
            ):
                listed[r["id"]] = dict(r)
    else:
        listed = {
            c.id: {
                "name": c.name,
                "status": c.status,
                "motivation": c.motivation,
                "lamp_rank": c.lamp_rank,
            }
            for c in company_service.list_companies(store)
        }
    rows = []
    for company_id, found in fits.items():
        company = listed[company_id]
        rows.append(
            {
                "id": company_id,
                "name": company["name"],
                "status": company["status"],
                "motivation": company["motivation"],
                "lamp_rank": company["lamp_rank"],
                "fit": found["score"],
                "criteria": found["criteria"],
                "chats": found["chats"],
                "red_flags": found["red_flags"],
                "unscored": found["unscored"],
                "rescore": reports.fit_disagrees(found["score"], company["motivation"]),
            }
        )
    rows.sort(key=lambda r: (r["fit"] is None, -(r["fit"] or 0), r["name"].casefold()))
    return rows


# ---------------------------------------------------------------- week


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


def week(store: Store, *, on: date, today: date) -> dict[str, Any]:
    """The weekly review for the 7 days ending ``on``."""
    start = on - timedelta(days=6)
    this_week = _counts(store, start, on)
    last_week = _counts(store, start - timedelta(days=7), start - timedelta(days=1))
    first_day = on - timedelta(days=55)
    per_day = {
        r["occurred_on"]: r["n"]
        for r in store.rows(
            "SELECT occurred_on, COUNT(*) AS n FROM interaction WHERE occurred_on >= :start "
            "AND occurred_on <= :end AND kind <> 'status' GROUP BY occurred_on",
            {"start": first_day, "end": on},
        )
    }
    days = [per_day.get(first_day + timedelta(days=n), 0) for n in range(56)]
    pairs = [
        (r["first_out_on"], r["first_reply_on"])
        for r in store.rows(
            "SELECT first_out_on, first_reply_on FROM contact_log "
            "WHERE first_out_on IS NOT NULL AND first_reply_on IS NOT NULL "
            "AND first_reply_on >= :start AND first_reply_on <= :end",
            {"start": on - timedelta(days=55), "end": on},
        )
    ]
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
        "median_days_to_reply": reports.median_days(pairs),
        "overdue": listed.overdue,
        "overdue_items": overdue[:5],
        "next_week": listed.items[:5],
    }
