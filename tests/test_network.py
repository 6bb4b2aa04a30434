"""LinkedIn import, who do I know there, promote; export and import; backup and restore."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.conftest import Run, error_line
from tests.dbutil import rows

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address using this setting."\n'
    "\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROWS = (
    'Jane,Doe,https://www.linkedin.com/in/janedoe,,ACME Inc,"Director, Data",12 Mar 2024\n'
    "Zoë,Ångström,https://www.linkedin.com/in/zoe,zoe@example.com,Globex,Engineer,01 Feb 2023\n"
    '"Sam ""Sammy""",Lee,https://www.linkedin.com/in/samlee,,"Acme, Inc.",Analyst,5 Jan 2022\n'
    "Nobody,Url,,,Initech,CTO,3 Mar 2021\n"
    "Kim,Park,https://www.linkedin.com/in/kimpark,,Initrode Systems,PM,20 Oct 2020\n"
)


def write(path: Path, text: str, bom: bool = True) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write(tmp_path / "Connections.csv", PREAMBLE + HEADER + ROWS)


def test_import_linkedin_export(run: Run, run_json, export: Path, db_path: Path) -> None:
    found = run_json("import", "linkedin", str(export))
    assert (found["added"], found["updated"], found["unchanged"]) == (5, 0, 0)
    assert found["skipped"] == []  # a row without a profile URL is imported too
    assert rows(
        db_path,
        "SELECT name, email, company, company_key, position, connected_on "
        "FROM connection ORDER BY id",
    ) == [
        ("Jane Doe", None, "ACME Inc", "acme", "Director, Data", "2024-03-12"),
        ("Zoë Ångström", "zoe@example.com", "Globex", "globex", "Engineer", "2023-02-01"),
        ('Sam "Sammy" Lee', None, "Acme, Inc.", "acme", "Analyst", "2022-01-05"),
        ("Nobody Url", None, "Initech", "initech", "CTO", "2021-03-03"),
        ("Kim Park", None, "Initrode Systems", "initrode systems", "PM", "2020-10-20"),
    ]
    assert rows(db_path, "SELECT COUNT(*) FROM contact") == [(0,)]


def test_reimport_updates_in_place(
    run: Run, run_json, export: Path, tmp_path: Path, db_path: Path
) -> None:
    run("import", "linkedin", str(export), ok=True)
    newer = write(
        tmp_path / "newer.csv",
        PREAMBLE
        + HEADER
        + ROWS.replace("Director, Data", "VP Data")
        + "Lou,Ng,https://www.linkedin.com/in/lou,,Hooli,SWE,"
        "1 Nov 2026\n",
    )
    found = run_json("import", "linkedin", str(newer))
    assert (found["added"], found["updated"], found["unchanged"]) == (1, 1, 4)
    assert rows(db_path, "SELECT COUNT(*) FROM connection") == [(6,)]
    assert rows(db_path, "SELECT position FROM connection WHERE name = 'Jane Doe'") == [
        ("VP Data",)
    ]


def test_dry_run_changes_nothing(run: Run, export: Path, db_path: Path) -> None:
    result = run("import", "linkedin", str(export), "--dry-run", ok=True)
    assert "Dry run: would import 5 new, 0 updated, 0 unchanged, 0 skipped." in result.stderr
    assert rows(db_path, "SELECT COUNT(*) FROM connection") == [(0,)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            PREAMBLE + HEADER + ROWS + "Extra,Row,https://x,,A,B,1 Jan 2020,surplus\n",
            "Line 10: 8 fields where the header has 7 (a quote or comma out of place?).",
        ),
        (
            PREAMBLE + HEADER + "Ann,Bee,https://www.linkedin.com/in/ab,,A,B,yesterday\n",
            "Line 5: 'Connected On' is 'yesterday', not a date like 12 Mar 2024.",
        ),
        (
            "Name,Company\nJane,Acme\n",
            "No LinkedIn header found: expected a line 'First Name,Last Name,URL,Email Address,"
            "Company,Position,Connected On' near the top of the file.",
        ),
        (
            PREAMBLE + HEADER + 'Ann,"Bee,https://x,,A,B,1 Jan 2020\n',
            "Line 5: unexpected end of data.",
        ),
    ],
)
def test_malformed_files_import_nothing(
    run: Run, tmp_path: Path, db_path: Path, content: str, message: str
) -> None:
    path = write(tmp_path / "bad.csv", content)
    result = run("import", "linkedin", str(path))
    assert error_line(result) == f"Error: {message}"
    assert rows(db_path, "SELECT COUNT(*) FROM connection") == [(0,)]


def test_mis_encoded_and_missing_files(run: Run, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes((PREAMBLE + HEADER).encode() + "Zoë,A,u,,B,C,1 Jan 2020\n".encode("latin-1"))
    assert error_line(run("import", "linkedin", str(latin))).startswith(
        "Error: Line 5 is not UTF-8 text"
    )
    assert error_line(run("import", "linkedin", str(tmp_path / "none.csv"))) == (
        f"Error: No file {tmp_path / 'none.csv'}."
    )


def test_who_and_targets(run: Run, run_json, sample: None, export: Path) -> None:
    run("import", "linkedin", str(export), ok=True)
    acme = run_json("who", "acme, inc")
    assert acme["company"] == "Acme Inc." and acme["on_list"] is True
    assert [c["name"] for c in acme["contacts"]] == ["Jane Doe", "Sam Lee"]
    assert [c["name"] for c in acme["connections"]] == ["Jane Doe", 'Sam "Sammy" Lee']
    fuzzy = run_json("who", "Initrode System")
    assert fuzzy["matched"] == "Initrode Systems"
    assert [c["name"] for c in fuzzy["connections"]] == ["Kim Park"]
    nobody = run("who", "Umbrella", ok=True)
    assert "You know nobody at Umbrella yet." in nobody.stdout
    before = run_json("list", "companies")
    targets = {r["name"]: r for r in run_json("who", "--targets")}
    assert (targets["Globex"]["connections"], targets["Globex"]["advocate_found"]) == (1, True)
    assert (targets["Globex"]["advocacy"], targets["Globex"]["advocacy_set"]) == (False, False)
    # Nobody Url, imported without a profile URL, is someone there too
    assert (targets["Initech"]["connections"], targets["Initech"]["advocate_found"]) == (1, True)
    assert run_json("list", "companies") == before  # a query does not write
    shown = run("who", "--targets", ok=True)
    assert "record it with: netjob who --targets --set-advocacy" in " ".join(shown.stderr.split())
    targets = {r["name"]: r for r in run_json("who", "--targets", "--set-advocacy")}
    assert (targets["Globex"]["advocacy"], targets["Globex"]["advocacy_set"]) == (True, True)
    assert run_json("show", "company", "globex")["advocacy"] is True
    said = run("who", "--targets", "--set-advocacy", ok=True)
    assert "Advocacy set for" not in said.stderr  # nothing left to change


def test_promote_a_connection(run: Run, run_json, sample: None, export: Path) -> None:
    run("import", "linkedin", str(export), ok=True)
    added = run_json("promote", "Zoë")
    assert (added["name"], added["company"], added["title"], added["email"], added["linkedin"]) == (
        "Zoë Ångström",
        "Globex",
        "Engineer",
        "zoe@example.com",
        "https://www.linkedin.com/in/zoe",
    )
    assert (
        error_line(run("promote", "Zoë"))
        == f"Error: Zoë Ångström is already contact #{added['id']}."
    )
    assert error_line(run("promote", "Kim Park")).startswith(
        "Error: 'Initrode Systems' is not on your company list."
    )
    kim = run_json("promote", "Kim Park", "--create-company")
    assert kim["company"] == "Initrode Systems"


def test_json_export_round_trips_every_table(
    run: Run, sample: None, export: Path, tmp_path: Path, db_path: Path
) -> None:
    run("import", "linkedin", str(export), ok=True)
    run("log", "outreach", "Jane Doe", "--on", "2026-11-10", ok=True)
    run(
        "log",
        "chat",
        "Jane Doe",
        "--on",
        "2026-11-12",
        "--advice",
        "learn dbt",
        "--lead",
        "Kim@Acme",
        "--fit",
        "culture=4",
        "--red-flag",
        "vague growth",
        ok=True,
    )
    run("remind", "Jane Doe", "follow up", "--on", "2026-12-01", ok=True)
    run("settings", "set", "follow_up_days", "5", ok=True)
    run("next", ok=True)
    out = tmp_path / "export.json"
    run("export", "json", "-o", str(out), ok=True)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text())
    assert (data["format"], data["version"]) == ("netjob-export", 1)
    restored = tmp_path / "restored.db"
    run("--db", str(restored), "import", "json", str(out), ok=True)
    for table in data["tables"]:
        assert rows(restored, f"SELECT * FROM {table} ORDER BY 1") == rows(
            db_path, f"SELECT * FROM {table} ORDER BY 1"
        ), table
    again = run("--db", str(restored), "import", "json", str(out))
    assert error_line(again).startswith("Error: The database is not empty")
    junk = write(tmp_path / "junk.json", '{"hello": 1}', bom=False)
    assert error_line(run("--db", str(tmp_path / "x.db"), "import", "json", str(junk))) == (
        f"Error: {junk} is not a netjob JSON export (no 'format': 'netjob-export')."
    )


def test_csv_exports(run: Run, sample: None) -> None:
    companies = run("export", "csv", "--what", "companies", ok=True).stdout.splitlines()
    assert companies[0] == (
        "id,name,status,motivation,posting,advocacy,website,industry,"
        "location,note,created_on,updated_on"
    )
    assert companies[1].startswith("1,Acme Inc.,active,3,2,1,")
    run("log", "outreach", "Jane Doe", "--channel", "email", ok=True)
    log = run("export", "csv", "--what", "log", ok=True).stdout.splitlines()
    assert log[-1] == "2,2026-11-20,outreach,,Jane Doe,Acme Inc.,email,,,"
    assert error_line(run("export", "csv", "--what", "cats")) == (
        "Error: 'cats' cannot be exported as CSV; use companies, contacts or log."
    )


@pytest.mark.sqlite_only
def test_backup_and_restore(
    run: Run, run_json, sample: None, tmp_path: Path, db_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    result = run("backup", str(copy), ok=True)
    assert f"Backed up to {copy}." in result.stderr
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert error_line(run("backup", str(copy))).startswith(f"Error: {copy} exists")
    run("add", "company", "Hooli", ok=True)
    assert len(run_json("list", "companies")) == 4
    assert error_line(run("restore", str(copy))) == (
        f"Error: Restoring over {db_path} needs confirmation: pass --yes."
    )
    restored = run("restore", str(copy), "--yes", ok=True)
    assert "The database it replaced is kept at" in restored.stderr
    assert [c["name"] for c in run_json("list", "companies")] == ["Globex", "Acme Inc.", "Initech"]
    aside = next(db_path.parent.glob("netjob.db.before-restore-*"))
    assert rows(aside, "SELECT COUNT(*) FROM company") == [(4,)]
    stranger = tmp_path / "photos.db"
    conn = sqlite3.connect(stranger)
    conn.execute("CREATE TABLE photo (id INTEGER)")
    conn.commit()
    conn.close()
    assert "not a netjob database" in error_line(run("restore", str(stranger), "--yes"))
    assert error_line(run("restore", str(tmp_path / "none.db"), "--yes")) == (
        f"Error: No file {tmp_path / 'none.db'}."
    )
    dated = run("backup", ok=True)
    assert "netjob-backup-2026-11-20.db" in dated.stderr


VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Kim\r\nN:Kim;Dana;;;\r\nORG:Acme Inc.;Data\r\n"
    "TITLE:Data Lead\r\nEMAIL;TYPE=INTERNET:dana@acme.example\r\nTEL;TYPE=CELL:+1 555 0101\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Élodie Martin\r\nORG:Globex\r\n"
    "URL:https://www.linkedin.com/in/elodie\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ray;Tom;;;\r\nEND:VCARD\r\n"
)


def test_import_vcards_and_dedupe(run: Run, run_json, tmp_path: Path, db_path: Path) -> None:
    path = write(tmp_path / "contacts.vcf", VCARDS, bom=False)
    found = run_json("import", "vcard", str(path))
    assert (found["added"], found["updated"], found["unchanged"]) == (3, 0, 0)
    assert rows(
        db_path,
        "SELECT name, email, phone, company, company_key, position, url, source "
        "FROM connection ORDER BY id",
    ) == [
        (
            "Dana Kim",
            "dana@acme.example",
            "+1 555 0101",
            "Acme Inc.",
            "acme",
            "Data Lead",
            None,
            "vcard",
        ),
        (
            "Élodie Martin",
            None,
            None,
            "Globex",
            "globex",
            None,
            "https://www.linkedin.com/in/elodie",
            "vcard",
        ),
        ("Tom Ray", None, None, None, None, None, None, "vcard"),
    ]
    changed = write(tmp_path / "again.vcf", VCARDS.replace("Data Lead", "Head of Data"), bom=False)
    again = run_json("import", "vcard", str(changed))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 1, 2)
    assert rows(db_path, "SELECT COUNT(*) FROM connection") == [(3,)]


def test_bad_vcards_import_nothing(run: Run, tmp_path: Path, db_path: Path) -> None:
    broken = write(
        tmp_path / "broken.vcf", VCARDS + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\n", bom=False
    )
    assert error_line(run("import", "vcard", str(broken))).startswith("Error: Card 4:")
    assert rows(db_path, "SELECT COUNT(*) FROM connection") == [(0,)]
    text = write(tmp_path / "notes.vcf", "just some notes\n", bom=False)
    assert error_line(run("import", "vcard", str(text))) == (
        "Error: No vCard found (a .vcf file starts with BEGIN:VCARD)."
    )


def test_export_vcards_round_trip(run: Run, run_json, sample: None, tmp_path: Path) -> None:
    out = tmp_path / "out.vcf"
    run("export", "vcard", "-o", str(out), ok=True)
    text = out.read_text()
    assert text.count("BEGIN:VCARD") == 4 and "FN:Jane Doe" in text
    assert "EMAIL:jane@acme.example" in text and "ORG:Acme Inc." in text
    fresh = tmp_path / "fresh.db"
    imported = json.loads(
        run("--db", str(fresh), "import", "vcard", str(out), "--json", ok=True).stdout
    )
    assert imported["added"] == 4


def test_export_ics_with_stable_uids(run: Run, sample: None) -> None:
    run("log", "chat", "Jane Doe", "--at", "tue 14:00", ok=True)
    run("remind", "Bob Stone", "send the article", "--on", "mon", ok=True)
    run("log", "outreach", "Jane Roe", "--on", "2026-11-16", ok=True)
    first = run("export", "ics", ok=True).stdout
    from icalendar import Calendar

    calendar = Calendar.from_ical(first)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    chat = events["Chat with Jane Doe (Acme Inc.)"]
    assert chat.decoded("dtstart").isoformat() == "2026-11-24T14:00:00"
    assert chat.decoded("dtend").isoformat() == "2026-11-24T14:30:00"
    assert events["send the article"].decoded("dtstart").isoformat() == "2026-11-23"
    follow_up = events["Follow up once with Jane Roe, on the same thread"]
    assert follow_up.decoded("dtstart").isoformat() == "2026-11-25"
    assert (
        events["Find a second person to write to at Globex"].decoded("dtstart").isoformat()
        == "2026-11-20"
    )
    second = run("export", "ics", ok=True).stdout
    uids = sorted(str(e["uid"]) for e in Calendar.from_ical(second).walk("VEVENT"))
    assert uids == sorted(str(e["uid"]) for e in calendar.walk("VEVENT"))
    assert len(set(uids)) == len(uids)


def test_redacted_export_hides_people_and_still_imports(
    run: Run, run_json, sample: None, export: Path, tmp_path: Path
) -> None:
    run("import", "linkedin", str(export), ok=True)
    run(
        "log",
        "chat",
        "Jane Doe",
        "--on",
        "2026-11-12",
        "--advice",
        "call Priya at home",
        "--no-edit",
        ok=True,
    )
    out = tmp_path / "shareable.json"
    run("export", "json", "--redact", "-o", str(out), ok=True)
    text = out.read_text()
    for secret in (
        "Jane Doe",
        "jane@acme.example",
        "Acme Inc.",
        "call Priya",
        "Zoë",
        "linkedin.com/in",
    ):
        assert secret not in text, secret
    data = json.loads(text)
    assert data["redacted"] is True
    assert [c["name"] for c in data["tables"]["contact"]] == [
        "Person 1",
        "Person 2",
        "Person 3",
        "Person 4",
    ]
    again = json.loads(run("export", "json", "--redact", ok=True).stdout)
    assert again["tables"]["contact"] == data["tables"]["contact"]  # stable pseudonyms
    fresh = tmp_path / "fresh.db"
    run("--db", str(fresh), "import", "json", str(out), ok=True)
    shown = json.loads(
        run("--db", str(fresh), "show", "contact", "Person 1", "--json", ok=True).stdout
    )
    assert [h["stage"] for h in shown["history"]] == [
        "identified",
        "contacted",
        "replied",
        "chatted",
    ]


def test_oversized_files_are_refused_unread(run: Run, tmp_path: Path, db_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # sparse: 101 MB on paper, nothing on disk
        handle.truncate(101 * 1024 * 1024)
    for kind in ("linkedin", "vcard"):
        assert error_line(run("import", kind, str(huge))) == (
            f"Error: {huge} is 101 MB; netjob imports files up to 100 MB. Is this the right file?"
        )
    assert rows(db_path, "SELECT COUNT(*) FROM connection") == [(0,)]


def test_who_who_targets_and_promote_agree_on_which_employer(
    run: Run, run_json, tmp_path: Path
) -> None:
    for name in ("Auto Trader UK", "On the Beach Group plc", "Acme Robotics", "Acme Health"):
        run("add", "company", name, "--motivation", "2", ok=True)
    network = write(
        tmp_path / "Connections.csv",
        PREAMBLE
        + HEADER
        + "Tom,Hughes,https://www.linkedin.com/in/tomh,,AUTO TRADER,Engineer,1 Nov 2026\n"
        "José,Martínez,https://www.linkedin.com/in/josem,,On the Beach,PM,2 Nov 2026\n"
        "Ann,Ames,https://www.linkedin.com/in/anna,,Acme,Analyst,3 Nov 2026\n"
        "Bea,Bell,https://www.linkedin.com/in/beab,,Auto Traders Ltd,Sales,4 Nov 2026\n",
    )
    run("import", "linkedin", str(network), ok=True)
    assert [c["name"] for c in run_json("who", "auto trader")["connections"]] == ["Tom Hughes"]
    assert [c["name"] for c in run_json("who", "on the beach")["connections"]] == ["José Martínez"]
    targets = {r["name"]: r["connections"] for r in run_json("who", "--targets")}
    assert targets == {
        "Acme Health": 1,
        "Acme Robotics": 1,
        "Auto Trader UK": 1,
        "On the Beach Group plc": 1,
    }
    assert run_json("promote", "Tom Hughes")["company"] == "Auto Trader UK"
    assert run_json("promote", "José Martínez")["company"] == "On the Beach Group plc"
    assert error_line(run("promote", "Ann Ames")) == (
        "Error: Ann Ames's company 'Acme' could be #4 Acme Health, #3 Acme Robotics; say "
        'which with --company: netjob promote "Ann Ames" --company "#4".'
    )
    assert run_json("promote", "Ann Ames", "--company", "acme robotics")["company"] == (
        "Acme Robotics"
    )
    nobody = run("who", "tom", ok=True)
    assert "You know nobody at tom yet." in nobody.stdout
    assert "where you know people: netjob who --targets" in nobody.stderr
