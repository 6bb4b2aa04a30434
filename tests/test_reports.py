"""Reports on known histories: exact counts, rates, and helpful empty output."""

from __future__ import annotations

from datetime import date

import pytest

from netjob.engine import reports
from netjob.engine.contact_log import LogEntry, summarize
from tests.conftest import Run, error_line


@pytest.fixture
def history(run: Run, sample: None) -> None:
    """Jane Doe a booster, Jane Roe an obligate, Sam Lee a curmudgeon, Bob Stone unknown;
    Acme (referral) reached interview then rejection, Initech (cold) an interview,
    Globex (cold) nothing after applying."""
    steps = [
        ("log", "outreach", "Jane Doe", "--channel", "email", "--on", "2026-11-02"),
        ("log", "reply", "Jane Doe", "--on", "2026-11-04"),
        ("log", "chat", "Jane Doe", "--on", "2026-11-06", "--no-edit"),
        ("log", "thanks", "Jane Doe", "--on", "2026-11-06"),
        ("log", "referral", "Jane Doe", "--on", "2026-11-10"),
        ("log", "outreach", "Jane Roe", "--channel", "linkedin", "--on", "2026-11-02"),
        ("log", "reply", "Jane Roe", "--on", "2026-11-12"),
        ("log", "outreach", "Sam Lee", "--on", "2026-10-20"),
        ("log", "outreach", "Sam Lee", "--on", "2026-10-29"),
        ("log", "apply", "acme", "--via", "Jane Doe", "--on", "2026-11-11"),
        ("log", "stage", "acme", "interviewing", "--on", "2026-11-16"),
        ("log", "stage", "acme", "rejected", "--on", "2026-11-18"),
        ("log", "apply", "globex", "--on", "2026-11-01"),
        ("log", "apply", "initech", "--on", "2026-11-03"),
        ("log", "stage", "initech", "interviewing", "--on", "2026-11-10"),
    ]
    for args in steps:
        run(*args, ok=True)


def test_funnel_counts_the_furthest_stage(run_json, history: None) -> None:
    found = run_json("funnel")
    assert [(s["step"], s["count"], s["rate"]) for s in found["steps"]] == [
        ("contacted", 3, None),
        ("replied", 2, 0.6667),
        ("chatted", 1, 0.5),
        ("referral", 1, 1.0),
        ("application", 3, None),
        ("interview", 2, 0.6667),
        ("offer", 0, 0.0),
    ]
    assert found["reply_rate"] == 0.6667
    assert found["cold_interview_benchmark"] == 0.02
    assert (found["referral_interview_rate"], found["cold_interview_rate"]) == (1.0, 0.5)
    assert found["applications"] == {"referral": 1, "cold": 2}
    assert found["behaviour"] == {"booster": 1, "obligate": 1, "curmudgeon": 1, "unknown": 1}


def test_funnel_since_and_splits(run: Run, run_json, history: None) -> None:
    since = run_json("funnel", "--since", "2026-11-05")
    assert [(s["step"], s["count"]) for s in since["steps"]][:4] == [
        ("contacted", 0),
        ("replied", 1),
        ("chatted", 1),
        ("referral", 1),
    ]
    by_channel = run_json("funnel", "--by", "channel")["split"]
    assert [(s["step"], s["count"]) for s in by_channel["email"]] == [
        ("contacted", 1),
        ("replied", 1),
        ("chatted", 1),
        ("referral", 1),
    ]
    assert [(s["step"], s["count"]) for s in by_channel["linkedin"]][:2] == [
        ("contacted", 1),
        ("replied", 1),
    ]
    assert [(s["step"], s["count"]) for s in by_channel["applications: cold"]] == [
        ("application", 2),
        ("interview", 1),
        ("offer", 0),
    ]
    by_how = run_json("funnel", "--by", "how")["split"]
    assert by_how["alumni"][0]["count"] == 1 and by_how["referral"][0]["count"] == 1
    by_company = run_json("funnel", "--by", "company")["split"]
    assert [s["count"] for s in by_company["Acme Inc."]] == [2, 1, 1, 1, 1, 1, 0]
    assert error_line(run("funnel", "--by", "mood")) == (
        "Error: 'mood' is not a way to split the funnel; use channel, how or company."
    )
    human = " ".join(run("funnel", ok=True).stdout.split())
    assert "interview companies" in human and "67%" in human
    assert (
        "Interviews at 1 of 2 employers you networked into (50%), against about 2% of cold "
        "online applications (Workopolis)."
    ) in human
    assert "Interviews: 100% of referral applications, 50% of cold ones." in human


def test_behaviour_classes(run: Run, run_json, history: None) -> None:
    rows = {r["name"]: r["behaviour"] for r in run_json("list", "contacts", "--behaviour")}
    assert rows == {
        "Jane Doe": "booster",
        "Jane Roe": "obligate",
        "Sam Lee": "curmudgeon",
        "Bob Stone": "unknown",
    }
    result = run("list", "contacts", "--behaviour", ok=True)
    assert "1 booster, 1 obligate, 1 curmudgeon, 1 unknown" in result.stderr


def test_behaviour_rule_boundaries() -> None:
    def log(*entries: tuple[str, str]) -> object:
        return summarize(
            [LogEntry(n, k, date.fromisoformat(d)) for n, (k, d) in enumerate(entries, 1)]
        )

    today = date(2026, 11, 30)
    fri = ("outreach", "2026-11-20")
    assert reports.behaviour(log(fri, ("reply", "2026-11-25")), today) == "booster"  # Wed: 3
    assert reports.behaviour(log(fri, ("reply", "2026-11-26")), today) == "obligate"  # Thu: 4
    followed = log(fri, ("follow_up", "2026-11-20"))
    assert reports.behaviour(followed, date(2026, 11, 30)) == "unknown"  # 6 business days
    assert reports.behaviour(followed, date(2026, 12, 1)) == "curmudgeon"  # 7
    assert reports.behaviour(log(), today) == "unknown"


def test_pipeline_board(run: Run, run_json, history: None) -> None:
    board = run_json("pipeline")
    rows = {r["name"]: r for r in board["companies"]}
    assert [r["name"] for r in board["companies"]] == ["Acme Inc.", "Globex", "Initech"]
    assert (rows["Acme Inc."]["application_stage"], rows["Acme Inc."]["outcome"]) == (
        "interviewing",
        "rejected",
    )
    assert rows["Globex"]["application_stage"] == "applied"
    assert rows["Acme Inc."]["last_touch"] == "2026-11-10"  # the referral, a person's last touch
    assert board["counts"] == {"active": 1, "backlog": 2, "closed": 0}
    human = run("pipeline", ok=True).stdout
    assert "Active (1)" in human and "interviewing -> rejected" in human


def test_fit_ranking_and_rescore_marker(run: Run, run_json, sample: None) -> None:
    run("rate", "acme", "culture=4", "growth=5", ok=True)
    run("rate", "globex", "culture=1", "--red-flag", "long hours are normal", ok=True)
    rows = run_json("fit")
    assert [(r["name"], r["fit"], r["motivation"], r["rescore"]) for r in rows] == [
        ("Acme Inc.", 4.5, 3, False),
        ("Globex", 1.0, 3, True),
    ]
    assert rows[1]["red_flags"][0]["text"] == "long hours are normal"
    human = run("fit", ok=True)
    assert "3 (rescore?)" in human.stdout
    assert "what you learned disagrees with your motivation score" in human.stderr


def test_week_review(run: Run, run_json, history: None, tmp_path) -> None:
    found = run_json("week", "--on", "2026-11-13")
    assert (found["from"], found["to"]) == ("2026-11-07", "2026-11-13")
    assert found["this_week"] == {
        "messages": 0,
        "replies": 1,
        "chats": 0,
        "thanks": 0,
        "referrals": 1,
    }
    assert found["last_week"] == {
        "messages": 2,
        "replies": 1,
        "chats": 1,
        "thanks": 1,
        "referrals": 0,
    }
    counts = found["activity_by_day"]["counts"]
    assert len(counts) == 56 and sum(counts) == 13  # the 15 entries less two after the 13th
    assert len(found["activity_by_day"]["sparkline"]) == 56
    assert found["median_days_to_reply"] == 6.0  # 2 days (Jane Doe) and 10 (Jane Roe)
    out = tmp_path / "review.md"
    result = run("week", "--on", "2026-11-13", "--markdown", "-o", str(out), ok=True)
    assert f"Wrote {out}." in result.stderr
    text = out.read_text()
    assert text.startswith("# Job search: week 2026-11-07 to 2026-11-13")
    assert "| replies | 1 | 1 |" in text and "## Next week" in text
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert (
        "| referrals | 1 | 0 |" in run("week", "--on", "2026-11-13", "--markdown", ok=True).stdout
    )


def test_empty_database_reports_are_helpful(run: Run, run_json) -> None:
    funnel = run_json("funnel")
    assert funnel["reply_rate"] is None and funnel["referral_interview_rate"] is None
    assert all(s["count"] == 0 for s in funnel["steps"])
    assert "Nothing to count yet" in run("funnel", ok=True).stdout
    assert "Your board is empty" in run("pipeline", ok=True).stderr
    assert "No company is scored yet" in run("fit", ok=True).stderr
    week = run_json("week")
    assert week["median_days_to_reply"] is None and week["overdue"] == 0
    assert "Median days to a reply: —" in run("week", ok=True).stdout


def test_pure_helpers() -> None:
    assert reports.sparkline([0, 1, 2, 4, 8]) == " ▁▂▄█"
    assert reports.sparkline([0, 0]) == "  "
    assert reports.bar(5, 10, 10) == "█████" and reports.bar(0, 10) == ""
    assert reports.median_days([]) is None
    assert reports.fit_disagrees(4.5, 3) is False and reports.fit_disagrees(1.0, 3) is True
    assert reports.fit_disagrees(None, 0) is False and reports.fit_disagrees(3.0, 0) is True
