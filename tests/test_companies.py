from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, error_line
from tests.dbutil import rows


def names(rows: list[dict[str, object]]) -> list[object]:
    return [r["name"] for r in rows]


def test_add_company_stores_every_field(run: Run, run_json, db_path: Path) -> None:
    result = run(
        "add",
        "company",
        "  Acme   Inc. ",
        "--website",
        "acme.com",
        "--industry",
        "Robotics",
        "--location",
        "Boston",
        "--motivation",
        "3",
        "--posting",
        "2",
        "--advocacy",
        "--status",
        "active",
        "--tag",
        "Robots",
        "--tag",
        "robots",
        "--tag",
        "hw",
        "--note",
        "Great mission",
        ok=True,
    )
    assert "Added company #1 Acme Inc., LAMP rank 1." in result.stderr
    shown = run_json("show", "company", "acme")
    assert shown == {
        "id": 1,
        "name": "Acme Inc.",
        "status": "active",
        "motivation": 3,
        "posting": 2,
        "advocacy": True,
        "advocacy_derived": False,
        "lamp_rank": 1,
        "contacts": 0,
        "website": "https://acme.com",
        "industry": "Robotics",
        "location": "Boston",
        "tags": ["hw", "robots"],
        "note": "Great mission",
        "created_on": "2026-11-20",
        "updated_on": "2026-11-20",
        "people": [],
        "fit": {
            "score": None,
            "criteria": [],
            "chats": 0,
            "red_flags": [],
            "unscored": ["culture", "growth", "mission", "team", "work-life balance"],
        },
        "history": [
            {"stage": "backlog", "on": "2026-11-20", "cause": "added", "entry_id": None},
            {"stage": "active", "on": "2026-11-20", "cause": "status #1", "entry_id": 1},
        ],
    }
    assert rows(db_path, "SELECT name_key FROM company") == [("acme",)]


def test_defaults_of_a_new_company(run_json) -> None:
    added = run_json("add", "company", "Globex")
    assert (added["status"], added["motivation"], added["posting"], added["advocacy"]) == (
        "backlog",
        0,
        None,
        False,
    )


@pytest.mark.parametrize("other", ["ACME", "acme, inc", "Acme Corporation", "A.C.M.E."])
def test_duplicate_names_are_refused(run: Run, run_json, other: str) -> None:
    run("add", "company", "Acme Inc.", ok=True)
    result = run("add", "company", other)
    if other == "A.C.M.E.":  # "a c m e" is a different key: allowed
        assert result.exit_code == 0
        assert len(run_json("list", "companies")) == 2
        return
    assert result.exit_code == 1
    assert error_line(result) == (
        f"Error: '{other}' is already on your list as #1 Acme Inc. "
        "(names are compared ignoring case, accents, punctuation and Inc./Ltd./...)."
    )
    assert names(run_json("list", "companies")) == ["Acme Inc."]


def test_list_is_in_lamp_order_with_ranks(run: Run, run_json, sample: None) -> None:
    run("add", "company", "Hooli", "--motivation", "3", "--posting", "2", ok=True)
    run(
        "add",
        "company",
        "Closed Co",
        "--motivation",
        "3",
        "--posting",
        "3",
        "--status",
        "closed",
        ok=True,
    )
    rows = run_json("list", "companies")
    # Globex 3/3 has a contact (derived advocacy) so beats Closed Co 3/3; Acme 3/2 with
    # advocacy beats Hooli 3/2 without; Initech 1/?. Closed companies have no rank.
    assert [(r["name"], r["lamp_rank"]) for r in rows] == [
        ("Globex", 1),
        ("Closed Co", None),
        ("Acme Inc.", 2),
        ("Hooli", 3),
        ("Initech", 4),
    ]
    by_name = {r["name"]: r for r in rows}
    assert by_name["Globex"]["advocacy"] is False
    assert by_name["Globex"]["advocacy_derived"] is True  # Jane Roe works there
    assert by_name["Acme Inc."]["contacts"] == 2


def test_list_filters_and_sorts(run: Run, run_json, sample: None) -> None:
    assert names(run_json("list", "companies", "--status", "active")) == ["Acme Inc."]
    assert names(run_json("list", "companies", "--tag", "ROBOTS")) == ["Acme Inc."]
    assert names(run_json("list", "companies", "--sort", "name")) == [
        "Acme Inc.",
        "Globex",
        "Initech",
    ]
    assert names(run_json("list", "companies", "--sort", "created")) == [
        "Acme Inc.",
        "Globex",
        "Initech",
    ]


def test_list_human_view(run: Run, sample: None) -> None:
    out = run("list", "companies", ok=True).stdout
    assert "Target companies (LAMP order)" in out
    lines = out.splitlines()
    globex = next(i for i, line in enumerate(lines) if "Globex" in line)
    acme = next(i for i, line in enumerate(lines) if "Acme Inc." in line)
    assert globex < acme
    assert "robots" in lines[acme]


def test_empty_list_says_what_to_do(run: Run) -> None:
    result = run("list", "companies", ok=True)
    assert result.stdout == ""
    assert "No companies match. Add one with: netjob add company NAME" in result.stderr
    assert json.loads(run("list", "companies", "--json", ok=True).stdout) == []


def test_show_company_lists_people(run: Run, run_json, sample: None) -> None:
    shown = run_json("show", "company", "#1")
    assert [p["name"] for p in shown["people"]] == ["Jane Doe", "Sam Lee"]
    human = run("show", "company", "acme", ok=True).stdout
    assert "stated: yes; derived: yes (2 contacts there)" in human
    assert "Jane Doe" in human and "Sam Lee" in human


def test_edit_company_changes_only_what_is_given(run: Run, run_json, sample: None) -> None:
    run(
        "edit",
        "company",
        "initech",
        "--motivation",
        "2",
        "--posting",
        "3",
        "--tag",
        "Fin",
        "--website",
        "",
        "--no-advocacy",
        ok=True,
    )
    shown = run_json("show", "company", "initech")
    assert (shown["motivation"], shown["posting"], shown["website"], shown["tags"]) == (
        2,
        3,
        None,
        ["fin"],
    )
    run("edit", "company", "Acme", "--untag", "robots", "--name", "Acme Robotics", ok=True)
    shown = run_json("show", "company", "acme robotics")
    assert (shown["name"], shown["tags"], shown["motivation"]) == ("Acme Robotics", [], 3)


def test_edit_company_errors(run: Run, sample: None) -> None:
    assert error_line(run("edit", "company", "acme")) == (
        "Error: Nothing to change: give at least one option (see --help)."
    )
    assert error_line(run("edit", "company", "acme", "--name", "GLOBEX")) == (
        "Error: Cannot rename to 'GLOBEX': #2 Globex has that name."
    )
    assert error_line(run("edit", "company", "acme", "--posting", "4")) == (
        "Error: Posting must be a whole number from 1 to 3, not 4."
    )


def test_remove_company_needs_confirmation_and_cascade(
    run: Run, run_json, sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert error_line(run("remove", "company", "initech")) == (
        "Error: Removing Initech needs confirmation: pass --yes."
    )
    assert error_line(run("remove", "company", "acme", "--yes")) == (
        "Error: Acme Inc. has 2 contacts; pass --cascade to remove them too, or move them with "
        "`netjob edit contact NAME --company OTHER` first."
    )
    monkeypatch.setattr("netjob.cli.base.is_interactive", lambda: True)
    declined = run("remove", "company", "initech", input="n\n")
    assert declined.exit_code == 1
    assert "Cancelled; nothing was changed." in declined.stderr
    assert len(run_json("list", "companies")) == 3
    result = run("remove", "company", "acme", "--cascade", input="y\n", ok=True)
    assert "Removed Acme Inc. and its 2 contact(s) and 1 log entry." in result.stderr
    assert names(run_json("list", "companies")) == ["Globex", "Initech"]
    assert names(run_json("list", "contacts")) == ["Bob Stone", "Jane Roe"]


def test_bad_scores_and_website(run: Run, run_json) -> None:
    assert error_line(run("add", "company", "X", "--motivation", "4")) == (
        "Error: Motivation must be a whole number from 0 to 3, not 4."
    )
    assert error_line(run("add", "company", "X", "--website", "not a site")) == (
        "Error: 'not a site' is not a valid website (expected https://example.com/... or "
        "example.com)."
    )
    assert error_line(run("add", "company", "...")) == (
        "Error: A company name needs at least one letter or digit."
    )
    assert run_json("list", "companies") == []
