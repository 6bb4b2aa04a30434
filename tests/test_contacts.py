from __future__ import annotations

import pytest

from tests.conftest import Run, error_line


def test_add_contact_stores_every_field(run: Run, run_json, sample: None) -> None:
    added = run_json(
        "add",
        "contact",
        "Ana Souza",
        "--company",
        "globex",
        "--title",
        "Director",
        "--email",
        "ana@globex.example",
        "--linkedin",
        "linkedin.com/in/ana",
        "--phone",
        "+1 555 0100",
        "--how",
        "colleague",
        "--tag",
        "Data",
        "--note",
        "Met at PyCon",
    )
    assert added == {
        "id": 5,
        "name": "Ana Souza",
        "company_id": 2,
        "company": "Globex",
        "title": "Director",
        "email": "ana@globex.example",
        "linkedin": "https://linkedin.com/in/ana",
        "phone": "+1 555 0100",
        "how": "colleague",
        "referred_by_id": None,
        "referred_by": None,
        "cadence_days": None,
        "ask_referral": False,
        "tags": ["data"],
        "note": "Met at PyCon",
        "created_on": "2026-11-20",
        "updated_on": "2026-11-20",
        "referred": [],
        "history": [
            {"stage": "identified", "on": "2026-11-20", "cause": "added", "entry_id": None}
        ],
        "state": "not written to",
        "next_step": None,  # Globex is not active: nobody to write to yet
    }


def test_referred_by_sets_how_and_links_both_ways(run_json, sample: None) -> None:
    sam = run_json("show", "contact", "sam")
    assert (sam["how"], sam["referred_by"], sam["referred_by_id"]) == ("referral", "Jane Doe", 1)
    jane = run_json("show", "contact", "Jane Doe")
    assert jane["referred"] == [{"id": 3, "name": "Sam Lee"}]


def test_unknown_company_without_terminal_is_an_error(run: Run, run_json, sample: None) -> None:
    result = run("add", "contact", "Zoe", "--company", "Globx")
    assert error_line(result) == (
        "Error: 'Globx' is not on your company list. Did you mean 'Globex'? Pass "
        "--create-company to add it, or add it first with `netjob add company`."
    )
    assert len(run_json("list", "contacts")) == 4


def test_unknown_company_is_created_when_asked(
    run: Run, run_json, sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("add", "contact", "Zoe", "--company", "Hooli", "--create-company", ok=True)
    assert run_json("show", "company", "hooli")["people"][0]["name"] == "Zoe"
    monkeypatch.setattr("netjob.cli.base.is_interactive", lambda: True)
    result = run("add", "contact", "Max", "--company", "Pied Piper", input="y\n", ok=True)
    assert "'Pied Piper' is not on your company list. Add it?" in result.stderr
    assert run_json("show", "contact", "max")["company"] == "Pied Piper"
    declined = run("add", "contact", "Ida", "--company", "Aviato", input="n\n")
    assert declined.exit_code == 1
    assert "Cancelled; nothing was changed." in declined.stderr
    assert "Ida" not in [c["name"] for c in run_json("list", "contacts")]
    assert "Aviato" not in [c["name"] for c in run_json("list", "companies")]


def test_same_person_twice_at_one_company_is_refused(run: Run, sample: None) -> None:
    assert error_line(run("add", "contact", "jane  doe", "--company", "Acme")) == (
        "Error: Jane Doe is already a contact there (#1); edit them with "
        "`netjob edit contact '#1'`."
    )


def test_list_contacts_filters(run_json, sample: None) -> None:
    assert [c["name"] for c in run_json("list", "contacts")] == [
        "Bob Stone",
        "Jane Doe",
        "Jane Roe",
        "Sam Lee",
    ]
    assert [c["name"] for c in run_json("list", "contacts", "--company", "acme")] == [
        "Jane Doe",
        "Sam Lee",
    ]


def test_names_resolve_by_id_exact_prefix(run: Run, run_json, sample: None) -> None:
    assert run_json("show", "contact", "#4")["name"] == "Bob Stone"
    assert run_json("show", "contact", "JANE DOE")["name"] == "Jane Doe"
    assert run_json("show", "contact", "bob")["name"] == "Bob Stone"
    assert error_line(run("show", "contact", "jane")) == (
        "Error: 'jane' matches 2 contacts: #1 Jane Doe (Acme Inc.), #2 Jane Roe (Globex). "
        "Use the full name or the #id."
    )
    assert error_line(run("show", "contact", "Jane Do3")).startswith(
        "Error: No contact named 'Jane Do3'. Did you mean 'Jane Doe (Acme Inc.)'"
    )
    assert error_line(run("show", "contact", "#99")) == "Error: No contact with id #99."
    assert error_line(run("show", "contact", "#x")) == (
        "Error: '#x' is not an id; ids look like #12."
    )


def test_edit_contact(run: Run, run_json, sample: None) -> None:
    run(
        "edit",
        "contact",
        "bob",
        "--company",
        "initech",
        "--title",
        "CTO",
        "--email",
        "bob@initech.example",
        "--tag",
        "Boss",
        ok=True,
    )
    bob = run_json("show", "contact", "bob")
    assert (bob["company"], bob["title"], bob["email"], bob["tags"]) == (
        "Initech",
        "CTO",
        "bob@initech.example",
        ["boss"],
    )
    run("edit", "contact", "bob", "--no-company", "--email", "", "--untag", "boss", ok=True)
    bob = run_json("show", "contact", "bob")
    assert (bob["company"], bob["email"], bob["tags"]) == (None, None, [])
    assert error_line(run("edit", "contact", "sam", "--referred-by", "sam")) == (
        "Error: A contact cannot be referred by themselves."
    )
    assert error_line(run("edit", "contact", "sam", "--email", "nope")) == (
        "Error: 'nope' is not an email address (expected name@example.com)."
    )
    assert run_json("show", "contact", "sam")["email"] is None


def test_remove_contact_unlinks_referrals(run: Run, run_json, sample: None) -> None:
    result = run("remove", "contact", "Jane Doe", "--yes", ok=True)
    assert "Removed Jane Doe (Acme Inc.)." in result.stderr
    sam = run_json("show", "contact", "sam")
    assert (sam["referred_by"], sam["referred_by_id"], sam["how"]) == (None, None, "referral")


def test_contact_human_views(run: Run, sample: None) -> None:
    out = run("list", "contacts", ok=True).stdout
    assert "Jane Doe" in out and "Acme Inc." in out and "alumni" in out
    detail = run("show", "contact", "sam", ok=True).stdout
    assert "Referred by" in detail and "Jane Doe (#1)" in detail
