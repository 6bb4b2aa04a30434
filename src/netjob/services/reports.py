"""The reports: pipeline board, funnel and fit ranking (the weekly review: :mod:`week`;
behaviour classes: :mod:`behaviour`).

Everything is worked out on read: the stages each contact reached from their log
summaries (:mod:`netjob.services.coach.summaries`), each company's application stages
from its entries, the next step from the items of the day; Python does the arithmetic
of :mod:`netjob.engine.reports` on them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from netjob.db.store import Store
from netjob.engine import reports, stages
from netjob.engine.stages import APPLICATION_STAGES, OUTCOMES
from netjob.services import behaviour, criteria
from netjob.services import companies as company_service
from netjob.services.coach import daily, summaries

# A contact's steps of networking, and a company's interview or later. An employer is
# networked into from the contact stages of anyone working there now.
NETWORKED_STAGES = ("contacted", "replied", "chatted", "referred")
INTERVIEW_STAGES = ("interviewing", "offer", "accepted")
# Reaching a later application stage means reaching the earlier ones.
_COMPANY_STEPS = {
    "application": ("applied", "interviewing", "offer", "accepted"),
    "interview": INTERVIEW_STAGES,
    "offer": ("offer", "accepted"),
}


def application_stages(store: Store) -> dict[int, list[stages.Stage]]:
    """Each company's application stages and outcomes, in date order (only companies
    with an application or a stage logged)."""
    entries: dict[int, list[stages.Entry]] = defaultdict(list)
    for r in store.rows(
        "SELECT id, company_id, kind, occurred_on, detail FROM interaction "
        "WHERE kind IN ('application', 'stage') AND company_id IS NOT NULL"
    ):
        entries[r["company_id"]].append(
            stages.Entry(r["id"], r["kind"], r["occurred_on"], None, r["detail"])
        )
    found = {}
    for company_id, own in entries.items():
        reached = stages.company_stages(min(e.on for e in own), own)
        found[company_id] = [s for s in reached if s.stage in (*APPLICATION_STAGES, *OUTCOMES)]
    return found


# ---------------------------------------------------------------- pipeline


def pipeline(store: Store, *, today: date, limit: int | None = None) -> dict[str, Any]:
    """Companies by status, active first, with LAMP rank, people, last touch, stage, next step.

    With ``limit``, only the first ``limit`` of each status (and the counts of all)."""
    facts, found = daily.items_of(store, on=today, today=today, every=False)
    everyone = facts.companies  # ranked as `list companies` ranks them, from the same facts
    order = {"active": 0, "backlog": 1, "closed": 2}
    board = sorted(everyone, key=lambda c: (order.get(c.status, 3), c.lamp_rank or 10**9, c.name))
    if limit is not None:
        seen: Counter[str] = Counter()
        listed = []
        for c in board:
            seen[c.status] += 1
            if seen[c.status] <= limit:
                listed.append(c)
        board = listed
    next_step = daily.next_steps(store, found, today=today)
    last_touch: dict[int, date] = {}  # the last exchange with anyone there now
    for k in facts.contacts:
        if k.company_id is not None and k.log.last_touch is not None:
            touched = k.log.last_touch.on
            last_touch[k.company_id] = max(touched, last_touch.get(k.company_id, touched))
    stage: dict[int, tuple[str | None, str | None]] = {}
    for company_id, reached in application_stages(store).items():
        furthest, outcome = None, None
        for s in reached:
            if s.stage in OUTCOMES:
                outcome = s.stage
            elif furthest is None or APPLICATION_STAGES.index(s.stage) > APPLICATION_STAGES.index(
                furthest
            ):
                furthest = s.stage
        stage[company_id] = (furthest, outcome)
    rows = []
    for c in board:
        furthest, outcome = stage.get(c.id, (None, None))
        rows.append(
            {
                "id": c.id,
                "name": c.name,
                "status": c.status,
                "lamp_rank": c.lamp_rank,
                "contacts": c.contacts,
                "last_touch": last_touch.get(c.id),
                "application_stage": furthest,
                "outcome": outcome,
                "next_step": next_step.get(c.id),
            }
        )
    counts = Counter(c.status for c in everyone)
    return {"companies": rows, "counts": {s: counts.get(s, 0) for s in order}}


# ---------------------------------------------------------------- funnel


class _Reached:
    """Who reached what, worked out once for every count of the funnel."""

    def __init__(self, store: Store, since: date | None) -> None:
        self.since = since or date.min
        self.contacts = {
            r["id"]: r
            for r in store.rows(
                "SELECT k.id, k.how, k.company_id, c.name AS company FROM contact k "
                "LEFT JOIN company c ON c.id = k.company_id"
            )
        }
        self.stages = summaries.every_stage(store)
        self.companies = application_stages(store)
        self.names = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM company")}
        self.referred = {
            r["company_id"]
            for r in store.rows(
                "SELECT DISTINCT company_id FROM interaction WHERE kind = 'application' "
                "AND via_contact_id IS NOT NULL"
            )
        }
        self._store = store

    def channels(self) -> Callable[[int], str]:
        """The channel of the first message to each contact, by contact id."""
        sent = {
            r["id"]: r["channel"]
            for r in self._store.rows("SELECT id, channel FROM interaction WHERE kind = 'outreach'")
        }
        first = {
            k: log.first_out.id
            for k, log in summaries.stored_logs(self._store).items()
            if log.first_out is not None
        }
        return lambda contact_id: sent.get(first.get(contact_id, 0)) or "unknown"

    def people(self, by: Callable[[int], str] | None) -> dict[str, dict[str, int]]:
        """Contacts reaching each step since the day, by ``by`` (a contact id's group)."""
        step_of = {reports.STEP_STAGE[step]: step for step in reports.CONTACT_STEPS}
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        for contact_id, reached in self.stages.items():
            for s in reached:
                if s.stage in step_of and s.on >= self.since:
                    group = "all" if by is None else by(contact_id)
                    step = step_of[s.stage]
                    counts[group][step] = counts[group].get(step, 0) + 1
        return counts

    def employers(self, by: Callable[[int], str]) -> dict[str, dict[str, int]]:
        """Companies reaching each application step since the day, by ``by``."""
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        for company_id, reached in self.companies.items():
            group = by(company_id)
            for step, wanted in _COMPANY_STEPS.items():
                if any(s.stage in wanted and s.on >= self.since for s in reached):
                    counts[group][step] = counts[group].get(step, 0) + 1
        return counts

    def networked(self) -> dict[str, Any]:
        """Employers you networked into (someone working there now reached a contact stage
        since the day) and how many of them you reached an interview at since then: the
        like-for-like match for a cold application's odds."""
        into: set[int] = set()
        for contact_id, reached in self.stages.items():
            company_id = self.contacts[contact_id]["company_id"]
            if company_id is not None and any(
                s.stage in NETWORKED_STAGES and s.on >= self.since for s in reached
            ):
                into.add(company_id)
        interviews = sum(
            1
            for company_id in into
            if any(
                s.stage in INTERVIEW_STAGES and s.on >= self.since
                for s in self.companies.get(company_id, [])
            )
        )
        return {
            "employers": len(into),
            "interviews": interviews,
            "interview_rate": reports.rate(interviews, len(into)),
        }


def _chain(counts: dict[str, int], steps: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"step": s.name, "count": s.count, "rate": s.rate} for s in reports.funnel(counts, steps)
    ]


def funnel(store: Store, *, since: date | None, by: str | None, today: date) -> dict[str, Any]:
    """Furthest stage reached, per contact (contacted..referral) and per company
    (application..offer), with conversion rates, optionally split."""
    found = _Reached(store, since)
    all_steps = (*reports.CONTACT_STEPS, *reports.COMPANY_STEPS)
    people = found.people(None).get("all", {})
    apps = found.employers(lambda c: "referral" if c in found.referred else "cold")
    companies = {
        step: apps.get("referral", {}).get(step, 0) + apps.get("cold", {}).get(step, 0)
        for step in reports.COMPANY_STEPS
    }
    overall = _chain({**people, **companies}, all_steps)
    split: dict[str, list[dict[str, Any]]] = {}
    if by == "company":
        by_people = found.people(lambda k: found.contacts[k]["company"] or "(no company)")
        by_company = found.employers(lambda c: found.names.get(c, ""))
        for name in sorted(set(by_people) | set(by_company)):
            split[name] = _chain({**by_people.get(name, {}), **by_company.get(name, {})}, all_steps)
    elif by in {"how", "channel"}:
        if by == "how":
            grouped = found.people(lambda k: found.contacts[k]["how"] or "unknown")
        else:
            grouped = found.people(found.channels())
        for name, counts in sorted(grouped.items()):
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
        "networked": found.networked(),
    }


# ---------------------------------------------------------------- fit


def fit_report(store: Store) -> list[dict[str, Any]]:
    """Companies ranked by weighted fit, with a flag where fit and motivation disagree."""
    fits = criteria.fit_all(store)
    listed = {c.id: c for c in company_service.list_companies(store)}
    rows = []
    for company_id, found in fits.items():
        company = listed[company_id]
        rows.append(
            {
                "id": company_id,
                "name": company.name,
                "status": company.status,
                "motivation": company.motivation,
                "lamp_rank": company.lamp_rank,
                "fit": found["score"],
                "criteria": found["criteria"],
                "chats": found["chats"],
                "red_flags": found["red_flags"],
                "unscored": found["unscored"],
                "rescore": reports.fit_disagrees(found["score"], company.motivation),
            }
        )
    rows.sort(key=lambda r: (r["fit"] is None, -(r["fit"] or 0), r["name"].casefold()))
    return rows
