"""The reports: pipeline board, funnel and fit ranking (the weekly review: :mod:`week`;
behaviour classes: :mod:`behaviour`).

Every number comes from SQL aggregates over indexed columns (stage_event,
interaction, contact_log); Python only does the arithmetic in
:mod:`netjob.engine.reports` on the few rows they return.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from netjob.engine import reports
from netjob.engine.stages import APPLICATION_STAGES, OUTCOMES
from netjob.services import behaviour, criteria, derived, items
from netjob.services import companies as company_service
from netjob.store import Store

# ---------------------------------------------------------------- pipeline


def _ids(column: str, ids: list[int] | None) -> tuple[str, dict[str, int]]:
    """``AND column IN (...)`` for a few ids (nothing when None: every row)."""
    if ids is None:
        return "", {}
    marks = ", ".join(f":i{n}" for n in range(len(ids))) or "NULL"
    return f"AND {column} IN ({marks})", {f"i{n}": i for n, i in enumerate(ids)}


# Names in code point order, as Python sorts them, on either backend: SQLite compares
# UTF-8 bytes; a server would use its collation (en_US puts "b" before "C").
_CODE_POINT_ORDER = {True: "name", False: 'name COLLATE "C"'}


def _first_per_status(store: Store, limit: int) -> list[Any]:
    """The first ``limit`` companies of each status in board order (stored LAMP ranks)."""
    found: list[Any] = []
    by_name = _CODE_POINT_ORDER[store.is_sqlite]
    ranked = f"lamp_rank IS NULL, lamp_rank, {by_name}"  # no rank last on both
    for status, order in (("active", ranked), ("backlog", ranked), ("closed", by_name)):
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


# ---------------------------------------------------------------- funnel

_CONTACT_STAGES = derived.NETWORKED_STAGES
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
    "interview": derived.INTERVIEW_STAGES,
    "offer": "('offer', 'accepted')",
}


def _contact_counts(store: Store, by: str | None, since: date | None) -> dict[str, dict[str, int]]:
    """Contacts reaching each step (stage_event rows of these stages are contacts' only, so
    without a split an index of (stage, occurred_on) answers alone)."""
    column, joins = _CONTACT_SPLITS[by]
    since_clause = "AND s.occurred_on >= :since" if since else ""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    step_of = {reports.STEP_STAGE[step]: step for step in reports.CONTACT_STEPS}
    if by is None:  # a count a stage: each a range of the index, no grouping
        for stage, step in step_of.items():
            n = store.value(
                f"SELECT COUNT(*) FROM stage_event s WHERE s.stage = :stage {since_clause}",
                {"stage": stage, **({"since": since} if since else {})},
            )
            if n:
                counts["all"][step] = int(n)
        return counts
    for r in store.rows(
        f"SELECT {column} AS grp, s.stage, COUNT(*) AS n FROM stage_event s {joins} "
        f"WHERE s.stage IN {_CONTACT_STAGES} {since_clause} "
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
    you reached an interview at: the like-for-like match for a cold application's odds.

    Two counts of index ranges of the per-company days kept current on write
    (:mod:`netjob.services.derived`): some event on or after ``since`` is the last one's
    day on or after it."""
    low = {"since": since or date.min}
    employers = store.value("SELECT COUNT(*) FROM company_log WHERE networked_on >= :since", low)
    interviews = store.value(
        "SELECT COUNT(*) FROM company_log WHERE interview_on >= :since AND networked_on >= :since",
        low,
    )
    employers, interviews = int(employers), int(interviews)
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
        "behaviour": behaviour.tally(store, today=today),
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
