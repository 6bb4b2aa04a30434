"""Counts, articles and comparisons in what netjob prints: "1 booster", not "1 boosters";
a comparison of like with like."""

from __future__ import annotations

import json

import pytest

from netjob.engine import words
from tests.conftest import TODAY, Run
from tests.test_reports import history

__all__ = ["history"]  # the fixture, shared with the reports' tests


def test_counts_take_the_number_they_follow() -> None:
    assert words.count(1, "criterion") == "1 criterion"
    assert words.count(3, "criterion") == "3 criteria"
    assert [words.agree(n, "is", "are") for n in (0, 1, 2)] == ["are", "is", "are"]


def test_funnel_compares_interviews_per_employer_with_cold_applications(
    run: Run, history: None
) -> None:
    """Acme (networked: Jane Doe, Sam Lee) reached an interview; Globex (networked:
    Jane Roe) did not; Initech's interview came from a cold application, with nobody
    there written to, so it is not an employer networked into."""
    found = json.loads(run("funnel", "--json", ok=True).stdout)
    assert found["networked"] == {"employers": 2, "interviews": 1, "interview_rate": 0.5}
    lines = run("funnel", ok=True).stdout.splitlines()
    assert "Your reply rate: 67% of the people you wrote to answered." in lines
    start = next(i for i, line in enumerate(lines) if line.startswith("Interviews at"))
    sentence = " ".join(line.strip() for line in lines[start:])
    assert sentence.startswith(
        "Interviews at 1 of 2 employers you networked into (50%), against about 2% of cold "
        "online applications (Workopolis)."
    )
    assert "applicants who get an interview" not in " ".join(lines)
    assert "Contacts: 1 booster, 1 obligate, 1 curmudgeon, 1 not yet known." in lines


def test_funnel_with_one_employer_and_no_interview(run: Run, sample: None) -> None:
    run("log", "outreach", "Jane Roe", "--on", "2026-11-02", ok=True)
    out = run("funnel", ok=True).stdout
    assert (
        "Interviews at 0 of 1 employer you networked into (0%), against about 2% of cold "
        "online applications (Workopolis)." in " ".join(out.split())
    )
    since = json.loads(run("funnel", "--since", "2026-11-10", "--json", ok=True).stdout)
    assert since["networked"] == {"employers": 0, "interviews": 0, "interview_rate": None}
    assert "networked into" not in run("funnel", "--since", "2026-11-10", ok=True).stdout


def test_fit_counts_criteria_and_chats(run: Run, sample: None) -> None:
    run("rate", "acme", "culture=4", ok=True)
    out = run("show", "company", "acme", ok=True).stdout
    assert "Fit: 4.00 / 5 on 1 criterion, from 0 chats" in out
    run("rate", "acme", "growth=2", ok=True)
    out = run("show", "company", "acme", ok=True).stdout
    assert "Fit: 3.00 / 5 on 2 criteria, from 0 chats" in out


def test_one_thing_one_day_one_check(capsys: pytest.CaptureFixture[str]) -> None:
    from netjob.engine.message_check import Verdict
    from netjob.engine.model import DailyList
    from netjob.render.daily import daily_list
    from netjob.render.writing import checks

    item = {
        "id": 7,
        "group": 1,
        "group_name": "Owed to someone",
        "action": "Send Jane a thank-you note",
        "overdue_days": 1,
        "due": "2026-11-19",
        "reason": "You talked on Thu 19 Nov",
        "command": 'netjob log thanks "Jane"',
    }
    daily_list(DailyList(on=TODAY, items=[item], total=1))
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Fri 20 Nov 2026 — 1 thing to do"
    assert out[3:] == [
        "  #7 Send Jane a thank-you note",
        "     overdue 1 day · You talked on Thu 19 Nov",
        '     $ netjob log thanks "Jane"',
    ]
    verdicts = [Verdict("length", True, "40 words"), Verdict("question", False, "no question")]
    checks(verdicts, to_stdout=True)
    assert capsys.readouterr().out.splitlines()[-1] == "1 of 2 checks fails."
