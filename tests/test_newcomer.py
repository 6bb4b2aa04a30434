"""The first minutes of a new user: names as they type them, text where they put it,
and a mistyped path or option that says what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run, error_line


def test_accented_names_resolve_from_plain_typing(run: Run, run_json) -> None:
    run("add", "company", "Çafé Zürich GmbH", "--motivation", "2", ok=True)
    run("add", "contact", "Jürgen Groß", "--company", "cafe zurich", ok=True)
    assert run_json("show", "company", "cafe zurich")["name"] == "Çafé Zürich GmbH"
    assert run_json("show", "company", "CAFE")["name"] == "Çafé Zürich GmbH"
    shown = run_json("show", "contact", "jurgen gross")
    assert (shown["name"], shown["company"]) == ("Jürgen Groß", "Çafé Zürich GmbH")
    assert error_line(run("add", "company", "Cafe Zurich")) == (
        "Error: 'Cafe Zurich' is already on your list as #1 Çafé Zürich GmbH "
        "(names are compared ignoring case, accents, punctuation and Inc./Ltd./...)."
    )


def test_a_note_or_timeline_on_a_company_name_uses_the_company(
    run: Run, run_json, sample: None
) -> None:
    logged = run("log", "note", "Acme", "hiring freeze until Q2", "--json", ok=True)
    entry = json.loads(logged.stdout)
    assert (entry["kind"], entry["contact"], entry["company"], entry["note"]) == (
        "note",
        None,
        "Acme Inc.",
        "hiring freeze until Q2",
    )
    timeline = run_json("timeline", "Acme")
    assert timeline["subject"] == {"id": 1, "name": "Acme Inc.", "kind": "company"}
    assert timeline["entries"][0]["note"] == "hiring freeze until Q2"
    # Only a company's whole name is taken for it; a prefix says what to add.
    assert error_line(run("log", "note", "acm", "x")) == (
        "Error: No contact named 'acm'; Acme Inc. is a company: add --company."
    )
    assert error_line(run("log", "reply", "globex")) == (
        "Error: No contact named 'globex'; Globex is a company: add --company."
    )
    # A contact still wins over a company of the same name.
    run("add", "contact", "Initech", ok=True)
    assert run_json("timeline", "Initech")["subject"]["kind"] == "contact"


def test_note_and_remind_take_the_text_positionally_or_with_note(
    run: Run, run_json, sample: None
) -> None:
    run("log", "note", "Jane Doe", "--note", "moving teams in January", ok=True)
    run("log", "note", "Sam Lee", "likes tea", ok=True)
    notes = [e["note"] for e in run_json("timeline", "Jane Doe")["entries"]]
    assert notes == ["moving teams in January"]
    assert run_json("timeline", "Sam Lee")["entries"][0]["note"] == "likes tea"
    set_with_option = run(
        "remind", "Jane Doe", "--note", "ask about January", "--on", "+2w", "--json", ok=True
    )
    set_positionally = run("remind", "Sam Lee", "call back", "--on", "fri", "--json", ok=True)
    assert json.loads(set_with_option.stdout)["text"] == "ask about January"
    assert json.loads(set_positionally.stdout)["text"] == "call back"
    both = run("log", "note", "Jane Doe", "one", "--note", "two")
    assert both.exit_code == 2
    assert error_line(both) == (
        "Error: A note takes its text once: as an argument or with --note, not both."
    )
    neither = run("remind", "Jane Doe", "--on", "fri")
    assert neither.exit_code == 2
    assert error_line(neither) == (
        "Error: A reminder needs its text: add it in quotes or with --note."
    )


def test_export_csv_names_what_it_can_export(run: Run) -> None:
    missing = run("export", "csv")
    assert missing.exit_code == 2
    assert error_line(missing) == "Error: export csv needs --what: companies, contacts or log."
    helped = run("export", "csv", "--help", ok=True).stdout
    assert "companies|contacts|log" in helped
    assert "What to export (required): companies, contacts or log." in " ".join(helped.split())


def test_a_db_path_in_a_missing_folder_is_refused_and_creates_nothing(
    run: Run, tmp_path: Path
) -> None:
    typo = tmp_path / "Documnets" / "jobs" / "netjob.db"
    result = run("--db", str(typo), "add", "company", "Acme")
    assert result.exit_code == 1
    assert error_line(result) == (
        f"Error: No folder {typo.parent} for --db {typo}: check the path, "
        "or create the folder first."
    )
    assert not (tmp_path / "Documnets").exists()
    new_file = tmp_path / "search.db"  # a new file in an existing folder is fine
    run("--db", str(new_file), "add", "company", "Acme", ok=True)
    assert new_file.is_file()


def test_imported_names_fold_accents_too(run: Run, run_json, tmp_path: Path) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Zoë,Ångström,https://www.linkedin.com/in/zoe,,Çafé Zürich GmbH,Barista,01 Feb 2023\n",
        encoding="utf-8",
    )
    run("import", "linkedin", str(export), ok=True)
    known = run_json("who", "cafe zurich")
    assert [c["name"] for c in known["connections"]] == ["Zoë Ångström"]
    promoted = run("promote", "zoe angstrom", "--create-company", ok=True)
    assert "Zoë Ångström" in promoted.stderr
    assert run_json("show", "contact", "ZOE ANG")["company"] == "Çafé Zürich GmbH"
