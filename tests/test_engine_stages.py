from __future__ import annotations

from datetime import date

from netjob.engine.stages import (
    APPLICATION_STAGES,
    CONTACT_STAGES,
    Entry,
    company_stages,
    contact_stages,
    furthest,
)

D = date.fromisoformat


def test_contact_stages_are_dated_by_the_first_entry_reaching_them() -> None:
    found = contact_stages(
        D("2026-11-01"),
        [
            Entry(3, "reply", D("2026-11-06")),
            Entry(1, "outreach", D("2026-11-03")),
            Entry(2, "follow_up", D("2026-11-05")),
            Entry(4, "chat", D("2026-11-09"), status="scheduled"),
            Entry(5, "chat", D("2026-11-12"), status="held"),
        ],
    )
    assert [(s.stage, s.on.isoformat(), s.entry_id) for s in found] == [
        ("identified", "2026-11-01", None),
        ("contacted", "2026-11-03", 1),
        ("replied", "2026-11-06", 3),
        ("chatted", "2026-11-12", 5),
    ]


def test_a_later_stage_implies_the_earlier_ones() -> None:
    found = contact_stages(D("2026-11-10"), [Entry(7, "referral", D("2026-11-08"))])
    assert [(s.stage, s.on.isoformat()) for s in found] == [
        ("identified", "2026-11-08"),
        ("contacted", "2026-11-08"),
        ("replied", "2026-11-08"),
        ("chatted", "2026-11-08"),
        ("referred", "2026-11-08"),
    ]
    assert found[1].cause == "implied by referred"


def test_company_keeps_the_interview_after_rejection() -> None:
    found = company_stages(
        D("2026-10-01"),
        [
            Entry(1, "status", D("2026-10-02"), detail="backlog>active"),
            Entry(2, "application", D("2026-10-05")),
            Entry(3, "stage", D("2026-10-12"), detail="interviewing"),
            Entry(4, "stage", D("2026-10-20"), detail="rejected"),
            Entry(5, "status", D("2026-10-21"), detail="active>closed"),
            Entry(6, "application", D("2026-11-01")),
        ],
    )
    assert [s.stage for s in found] == [
        "backlog",
        "active",
        "applied",
        "interviewing",
        "rejected",
        "closed",
    ]
    assert furthest(found, APPLICATION_STAGES) == "interviewing"
    assert furthest([], CONTACT_STAGES) is None
