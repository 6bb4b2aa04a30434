"""`undo` reverts the last command exactly, whatever it was (issue 13, item 3).

Each kind of write command runs on a search in progress; `undo --yes` must then leave
every table (derived ones included) equal, row for row and value for value, to what it
held before the command.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, error_line

LINKEDIN = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Dana,Kim,https://www.linkedin.com/in/dana-kim,dana@umbrella.example,Umbrella Corp,CTO,01 Mar 2024
Eli,Fox,https://www.linkedin.com/in/eli-fox,,Acme Inc.,Engineer,02 Mar 2024
Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme Inc.,Data Lead,03 Mar 2024
"""

VCARD = """BEGIN:VCARD
VERSION:3.0
FN:Rita Moss
ORG:Hooli
EMAIL:rita@hooli.example
TEL:+1 555 0100
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Dana Kim
ORG:Umbrella Corp
TEL:+1 555 0199
END:VCARD
"""


def dump() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the journal's own, ordered by primary key."""
    from netjob.db.open import open_store

    store = open_store(os.environ["NETJOB_DB"])
    try:
        tables = {}
        for table in store.tables():
            _columns, key = store.table_columns(table)
            order = ", ".join(key)
            found = store.rows(f"SELECT * FROM {table} ORDER BY {order}")
            tables[table] = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in found]
        return tables
    finally:
        store.close()


def journal_size() -> tuple[int, int]:
    from netjob.db.open import open_store

    store = open_store(os.environ["NETJOB_DB"])
    try:
        return (
            int(store.value("SELECT COUNT(*) FROM journal")),
            int(store.value("SELECT COUNT(*) FROM journal_row")),
        )
    finally:
        store.close()


def assert_same(before: dict[str, list[tuple[Any, ...]]]) -> None:
    after = dump()
    assert set(after) == set(before)
    for table in before:
        assert after[table] == before[table], table


def _build_search(run: Run, folder: Path) -> dict[str, Any]:
    """The sample of conftest plus a held chat (advice, a lead, fit scores), a scheduled
    chat, an application, a reminder, a red flag, a setting, network connections and
    numbered `next` items."""

    def ok(*args: str) -> Any:
        result = run(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        return json.loads(result.stdout) if "--json" in args else None

    ok(
        "add",
        "company",
        "Acme Inc.",
        "--motivation",
        "3",
        "--posting",
        "2",
        "--advocacy",
        "--status",
        "active",
        "--tag",
        "robots",
    )
    ok("add", "company", "Globex", "--motivation", "3", "--posting", "3")
    ok("add", "company", "Initech", "--motivation", "1", "--website", "initech.example")
    ok(
        "add",
        "contact",
        "Jane Doe",
        "--company",
        "acme",
        "--how",
        "alumni",
        "--email",
        "jane@acme.example",
    )
    ok("add", "contact", "Jane Roe", "--company", "Globex")
    ok("add", "contact", "Sam Lee", "--company", "Acme", "--referred-by", "Jane Doe")
    ok("add", "contact", "Bob Stone")
    ok("log", "outreach", "Jane Doe", "--on", "2026-11-10")
    ok("log", "reply", "Jane Doe", "--on", "2026-11-11")
    held = ok(
        "log",
        "chat",
        "Jane Doe",
        "--on",
        "2026-11-16",
        "--advice",
        "learn dbt",
        "--insight",
        "teams are small",
        "--lead",
        "Kim Park@Acme",
        "--fit",
        "culture=4",
        "--json",
    )
    ok("log", "outreach", "Jane Roe", "--on", "2026-11-12")
    ok("log", "reply", "Jane Roe", "--on", "2026-11-13")
    ok("log", "chat", "Jane Roe", "--at", "tue 14:00")
    ok("log", "outreach", "Sam Lee", "--on", "2026-11-02")
    ok("log", "apply", "acme", "--role", "Data Engineer", "--via", "Jane Doe")
    ok("remind", "Bob Stone", "ask about January", "--on", "mon")
    ok("rate", "Globex", "growth=2", "--red-flag", "long hours")
    ok("settings", "set", "follow_up_days", "6")
    csv_file = folder / "Connections.csv"
    csv_file.write_text(LINKEDIN, encoding="utf-8")
    ok("import", "linkedin", str(csv_file))
    items = ok("next", "--all", "--json")
    advice = next(t for t in held["tiara"] if t["kind"] == "advice")
    return {"advice": advice["id"], "items": [i["id"] for i in items]}  # fmt: skip


@pytest.fixture(scope="session")
def search_file(
    tmp_path_factory: pytest.TempPathFactory, template_db: Path
) -> tuple[Path, dict[str, Any]] | None:
    """On SQLite the search is built once and copied for each test (it takes ~20 commands)."""
    from typer.testing import CliRunner

    from netjob.cli import app
    from netjob.db.migrate import backup
    from tests.conftest import POSTGRES, TODAY

    if POSTGRES is not None:
        return None
    folder = tmp_path_factory.mktemp("search")
    db = folder / "netjob.db"
    shutil.copy(template_db, db)
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (
            ("NETJOB_DB", str(db)), ("NETJOB_TODAY", TODAY.isoformat()), ("COLUMNS", "100"),
            ("NO_COLOR", "1"),
        ):  # fmt: skip
            patch.setenv(name, value)
        patch.delenv("NETJOB_DEBUG", raising=False)
        facts = _build_search(lambda *args: runner.invoke(app, list(args)), folder)
    copy = folder / "search.db"
    backup(db, copy)  # one consistent file, whatever the connections left open hold
    return copy, facts


@pytest.fixture
def search(
    run: Run, db_path: Path, tmp_path: Path, search_file: tuple[Path, dict[str, Any]] | None
) -> dict[str, Any]:
    if search_file is None:
        return _build_search(run, tmp_path)
    shutil.copy(search_file[0], db_path)
    return search_file[1]


KINDS: list[tuple[str, list[str]]] = [
    ("log outreach", ["log", "outreach", "Bob Stone", "--channel", "email"]),
    ("log reply", ["log", "reply", "Sam Lee"]),
    ("log chat held", ["log", "chat", "Sam Lee", "--on", "today", "--advice", "read X",
                       "--lead", "Lia Chen@Initech", "--fit", "team=5", "--red-flag", "churn"]),
    ("log chat lead at a new company", ["log", "chat", "Sam Lee", "--on", "today", "--lead",
                                        "Max Ray@Brand New Co", "--create-company"]),
    ("log chat scheduled", ["log", "chat", "Sam Lee", "--at", "wed 09:30"]),
    ("log thanks", ["log", "thanks", "Jane Doe"]),
    ("log update", ["log", "update", "Jane Doe", "--note", "started dbt"]),
    ("log ask", ["log", "ask", "Jane Doe", "--note", "the data role"]),
    ("log referral", ["log", "referral", "Jane Doe", "--company", "acme", "--role", "Data"]),
    ("log apply", ["log", "apply", "Globex", "--role", "Analyst", "--via", "Jane Roe"]),
    ("log apply cold", ["log", "apply", "Initech", "--role", "Analyst"]),
    ("log stage", ["log", "stage", "acme", "interviewing"]),
    ("log note", ["log", "note", "Bob Stone", "met at a meetup"]),
    ("chat done", ["chat", "done", "Jane Roe", "--advice", "learn sql", "--fit", "culture=2",
                   "--lead", "Max Ray@Globex"]),
    ("chat move", ["chat", "move", "Jane Roe", "--at", "thu 10:00"]),
    ("chat cancel", ["chat", "cancel", "Jane Roe"]),
    ("add company", ["add", "company", "Hooli", "--motivation", "2", "--tag", "search"]),
    ("add contact", ["add", "contact", "Rita Moss", "--company", "Hooli", "--create-company",
                     "--referred-by", "Jane Doe", "--tag", "friend"]),
    ("edit company", ["edit", "company", "Globex", "--name", "Globex Corp", "--status",
                      "active", "--tag", "fintech", "--motivation", "1"]),
    ("edit contact", ["edit", "contact", "Jane Roe", "--company", "Vandelay",
                      "--create-company", "--title", "VP", "--cadence", "14d"]),
    ("remove company", ["remove", "company", "Acme", "--cascade", "--yes"]),
    ("remove contact", ["remove", "contact", "Jane Doe", "--yes"]),
    ("remind", ["remind", "--company", "acme", "check the careers page", "--on", "fri"]),
    ("rate", ["rate", "acme", "culture=5", "team=3", "--red-flag", "no remote"]),
    ("settings set", ["settings", "set", "follow_up_days", "9"]),
    ("settings set holidays", ["settings", "set", "holidays", "2026-11-23,2026-11-24"]),
    ("settings reset", ["settings", "reset", "--yes"]),
    ("criteria add", ["criteria", "add", "remote work", "--weight", "5"]),
    ("criteria weight", ["criteria", "weight", "culture", "1"]),
    ("criteria remove", ["criteria", "remove", "culture", "--yes"]),
    ("promote", ["promote", "Dana Kim", "--create-company"]),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "args"), KINDS, ids=[k for k, _ in KINDS])
def test_undo_puts_every_table_back(
    run: Run, search: dict[str, Any], kind: str, args: list[str]
) -> None:
    before = dump()
    done = run(*args)
    assert done.exit_code == 0, (kind, done.stdout, done.stderr)
    assert dump() != before, kind  # the command did change something
    undone = run("undo", "--yes", ok=True)
    from netjob.engine.labels import short

    assert undone.stderr.startswith(f"Undid `{short(shlex.join(args))}` of 2026-11-20 ")
    assert_same(before)


@pytest.mark.parametrize("state", ["done", "dismiss", "snooze"])
def test_undo_of_done_dismiss_snooze(run: Run, search: dict[str, Any], state: str) -> None:
    number = str(search["items"][0])
    before = dump()
    args = [state, number, *(["--until", "mon"] if state == "snooze" else [])]
    run(*args, ok=True)
    assert dump() != before
    undone = run("undo", "--yes", ok=True).stderr
    assert undone.startswith(f"Undid `netjob {' '.join(args)}` of 2026-11-20 ")
    # The first item stands for a message: done records it too (METHOD section 7).
    did = (
        "added 1 log entry; changed 1 item of next" if state == "done" else "changed 1 item of next"
    )
    assert undone.endswith(f": it had {did}.\n"), undone
    assert_same(before)


def test_undo_of_advice_done(run: Run, search: dict[str, Any]) -> None:
    before = dump()
    run("advice", "done", str(search["advice"]), ok=True)
    assert dump() != before
    run("undo", "--yes", ok=True)
    assert_same(before)


def test_undo_of_import_linkedin_and_vcard(
    run: Run, search: dict[str, Any], tmp_path: Path
) -> None:
    more = tmp_path / "more.csv"
    more.write_text(
        LINKEDIN.replace("CTO", "CEO")  # Dana Kim changes: an update of a known connection
        + "Ola,Berg,https://www.linkedin.com/in/ola-berg,,Initech,PM,04 Mar 2024\n",
        encoding="utf-8",
    )
    before = dump()
    run("import", "linkedin", str(more), ok=True)
    assert dump() != before
    run("undo", "--yes", ok=True)
    assert_same(before)
    cards = tmp_path / "contacts.vcf"
    cards.write_text(VCARD, encoding="utf-8")
    run("import", "vcard", str(cards), ok=True)
    assert dump() != before
    run("undo", "--yes", ok=True)
    assert_same(before)


def test_undo_of_import_json_empties_the_new_database(
    run: Run, search: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export.json"
    run("export", "json", "--output", str(export), ok=True)
    data = json.loads(export.read_text(encoding="utf-8"))
    broken = tmp_path / "broken.json"  # fails after many rows went in: all rolled back
    data["tables"]["reminder"].append({"id": 999, "text": "no due day", "created_on": "x"})
    broken.write_text(json.dumps(data), encoding="utf-8")
    with _second_database(monkeypatch, tmp_path):
        before = dump()
        failed = run("import", "json", str(broken))
        assert error_line(failed).startswith("Error: ")  # the message differs by backend
        assert_same(before)
        assert journal_size() == (0, 0)
        run("import", "json", str(export), ok=True)
        assert dump()["interaction"]
        run("undo", "--yes", ok=True)
        assert_same(before)
        assert journal_size() == (0, 0)


@contextlib.contextmanager
def _second_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """An empty database of the backend in use, as NETJOB_DB."""
    from tests import conftest

    if conftest.POSTGRES is None:
        monkeypatch.setenv("NETJOB_DB", str(tmp_path / "second.db"))
        yield
        return
    name = f"netjob_undo_{os.getpid()}"
    conftest._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", tries=10)
    conftest._admin(f"CREATE DATABASE {name}")
    monkeypatch.setenv("NETJOB_DB", conftest._database_url(name))
    try:
        yield
    finally:
        conftest._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", tries=10)


def test_two_undos_go_two_commands_back(run: Run, search: dict[str, Any]) -> None:
    start = dump()
    run("log", "thanks", "Jane Doe", ok=True)
    middle = dump()
    run("edit", "contact", "Jane Doe", "--title", "CTO", ok=True)
    listed = run("undo", "--list", "--json", ok=True)
    assert [r["command"] for r in json.loads(listed.stdout)[:2]] == [
        "edit contact 'Jane Doe' --title CTO",
        "log thanks 'Jane Doe'",
    ]
    run("undo", "--yes", ok=True)
    assert_same(middle)
    run("undo", "--yes", ok=True)
    assert_same(start)


def test_a_failed_command_records_nothing(run: Run, search: dict[str, Any]) -> None:
    start = dump()
    run("log", "note", "Bob Stone", "first", ok=True)
    journal = journal_size()
    failed = run("add", "contact", "Nobody Here", "--company", "Nowhere Ltd")
    assert failed.exit_code == 1
    failed = run("remove", "company", "acme")  # needs --yes
    assert failed.exit_code == 1
    assert journal_size() == journal
    undone = run("undo", "--yes", ok=True)
    assert "Undid `netjob log note 'Bob Stone' first`" in undone.stderr
    assert_same(start)


def test_a_transaction_rolled_back_midway_records_nothing(run: Run, sample: None) -> None:
    run("log", "outreach", "Jane Doe", ok=True)
    before = dump()
    journal = journal_size()
    from netjob.db.open import open_store

    store = open_store(os.environ["NETJOB_DB"])
    try:
        with pytest.raises(RuntimeError), store.transaction():
            store.execute("UPDATE contact SET title = 'x'")
            store.execute("DELETE FROM tiara_note")
            raise RuntimeError("the disk is gone")
    finally:
        store.close()
    assert journal_size() == journal
    assert_same(before)


def test_undo_list_shows_number_time_command_and_summary(
    run: Run, sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line per command
    run("log", "chat", "Jane Doe", "--on", "today", "--advice", "learn dbt", ok=True)
    listed = json.loads(run("undo", "--list", "--json", ok=True).stdout)
    newest = listed[0]
    assert newest["command"] == "log chat 'Jane Doe' --on today --advice 'learn dbt'"
    assert newest["summary"] == "added 1 log entry, 1 TIARA note"
    assert newest["at"].startswith("2026-11-20 ")
    assert len(newest["at"]) == 16
    assert [r["summary"] for r in listed[1:]][-1] == (
        "added 1 company, 1 log entry, 1 company tag, 1 dated score"
    )
    assert [r["id"] for r in listed] == sorted((r["id"] for r in listed), reverse=True)
    human = run("undo", "--list", ok=True).stdout.splitlines()
    assert human[0].strip() == "Commands undo can revert (newest first)"
    row = [c.strip() for c in human[4].split("│")[1:-1]]
    assert row == [
        str(newest["id"]),
        newest["at"],
        "netjob log chat 'Jane Doe' --on today --advice 'learn dbt'",
        "added 1 log entry, 1 TIARA note",
    ]
    run("edit", "contact", "Jane Doe", "--title", "Boss", ok=True)
    assert json.loads(run("undo", "--list", "--json", ok=True).stdout)[0]["summary"] == (
        "changed 1 contact"
    )
    run("remove", "contact", "Bob Stone", "--yes", ok=True)
    assert json.loads(run("undo", "--list", "--json", ok=True).stdout)[0]["summary"] == (
        "removed 1 contact"
    )


def test_undo_asks_first_and_says_what_it_reverts(run: Run, sample: None) -> None:
    run("log", "note", "Bob Stone", "hello", ok=True)
    refused = run("undo")
    assert error_line(refused).startswith(
        "Error: Undoing `netjob log note 'Bob Stone' hello` of 2026-11-20 "
    )
    assert error_line(refused).endswith("(added 1 log entry) needs confirmation: pass --yes.")
    undone = json.loads(run("undo", "--yes", "--json", ok=True).stdout)
    assert undone["command"] == "log note 'Bob Stone' hello"
    assert undone["summary"] == "added 1 log entry"
    assert undone["rows"] >= 1


def test_undo_on_an_empty_journal_says_so(run: Run) -> None:
    refused = run("undo", "--yes")
    assert error_line(refused) == (
        "Error: Nothing to undo: no command is recorded (undo keeps the last 50 commands "
        "that changed something)."
    )
    listed = run("undo", "--list")
    assert listed.exit_code == 0
    assert "Nothing to undo: no command is recorded." in listed.stderr
    assert json.loads(run("undo", "--list", "--json", ok=True).stdout) == []


def test_reading_commands_are_not_undo_steps(run: Run, run_json: Any, sample: None) -> None:
    before = dump()
    run("log", "outreach", "Jane Doe", ok=True)
    before_next = journal_size()
    numbered = run_json("next", "--all")  # numbers new items: bookkeeping, not a step
    assert numbered
    run("list", "companies", ok=True)
    assert journal_size()[0] == before_next[0]
    assert journal_size()[1] > before_next[1]  # folded into the outreach's record
    undone = run("undo", "--yes", ok=True)
    assert "Undid `netjob log outreach 'Jane Doe'`" in undone.stderr
    assert_same(before)  # the numbers given since went with it


def test_undo_is_not_recorded_and_the_journal_keeps_the_newest(
    run: Run, sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjob.db import journal

    assert journal.KEEP == 50
    monkeypatch.setattr(journal, "KEEP", 5)  # the same rule, with fewer commands to run
    for n in range(8):
        run("remind", "Bob Stone", f"thing {n}", "--on", "mon", ok=True)
    listed = json.loads(run("undo", "--list", "--json", ok=True).stdout)
    assert [r["command"] for r in listed] == [
        f"remind 'Bob Stone' 'thing {n}' --on mon" for n in (7, 6, 5, 4, 3)
    ]
    assert journal_size()[0] == 5
    run("undo", "--yes", ok=True)
    listed = json.loads(run("undo", "--list", "--json", ok=True).stdout)
    assert [r["command"] for r in listed] == [
        f"remind 'Bob Stone' 'thing {n}' --on mon" for n in (6, 5, 4, 3)
    ]


def test_reused_and_explicit_ids_and_rows_added_then_removed(run: Run, sample: None) -> None:
    """Rows inserted at or below a table's highest id are recorded one by one; rows added
    above it and removed again in the same command come back and go again."""
    from netjob.db.open import open_store

    run("remind", "Bob Stone", "first", "--on", "mon", ok=True)
    run("remind", "Bob Stone", "second", "--on", "mon", ok=True)
    before = dump()
    store = open_store(os.environ["NETJOB_DB"])
    store.journal_label = "by hand"
    try:
        with store.transaction():
            top = store.value("SELECT MAX(id) FROM reminder")
            found = store.row("SELECT * FROM reminder WHERE id = :id", {"id": top})
            row = {k: v for k, v in dict(found).items() if k != "id"}
            store.execute("DELETE FROM reminder WHERE id = :id", {"id": top})
            store.insert("reminder", {**row, "text": "reused id"})  # SQLite reuses the id
            store.insert("reminder", {**row, "id": 1000, "text": "far above"})
            store.execute("DELETE FROM reminder WHERE id = 1000")
            store.insert("reminder", {**row, "text": "next one"})
            store.execute("UPDATE reminder SET text = 'changed' WHERE text = 'next one'")
            store.execute("UPDATE company SET note = 'by hand' WHERE name = 'Globex'")
    finally:
        store.close()
    newest = json.loads(run("undo", "--list", "--json", ok=True).stdout)[0]
    from tests.conftest import POSTGRES

    assert (newest["command"], newest["summary"]) == (
        "by hand",
        "added 1 reminder; changed 1 company, 1 reminder"
        if POSTGRES is None
        else "added 2 reminders; changed 1 company; removed 1 reminder",  # ids are not reused
    )
    run("undo", "--yes", ok=True)
    assert_same(before)


@pytest.mark.postgres_only
def test_every_table_has_its_journal_trigger_on_postgres() -> None:
    """The PostgreSQL triggers live in the schema: a migration that adds a table adds one."""
    from netjob.db.open import open_store

    store = open_store(os.environ["NETJOB_DB"])
    try:
        triggers = {
            r[0]
            for r in store.rows(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'netjob_journal'"
            )
        }
        assert triggers == set(store.tables())
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_the_sqlite_journal_is_not_in_the_schema(db_path: Path, run: Run, sample: None) -> None:
    """TEMP triggers: another SQLite client writing to the file records nothing. (The
    schema holds no triggers at all.)"""
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        assert [
            r for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ] == []
        before = conn.execute("SELECT COUNT(*) FROM journal_row").fetchone()
        conn.execute("UPDATE company SET note = 'by another client'")
        conn.commit()
        assert conn.execute("SELECT COUNT(*) FROM journal_row").fetchone() == before
    finally:
        conn.close()


def test_labels_are_shown_literally_cut_and_without_passwords(
    run: Run, sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    run("log", "note", "Bob Stone", "copy postgresql://me:hunter2@db.example/x", ok=True)
    listed = json.loads(run("undo", "--list", "--json", ok=True).stdout)
    assert listed[0]["command"].startswith("log note 'Bob Stone' 'copy postgresql://me:***@db.")
    assert "hunter2" not in listed[0]["command"]
    run("log", "note", "Bob Stone", "\x1b[31mred\x1b[0m " + "long " * 40, ok=True)
    refused = run("undo")
    line = error_line(refused)
    assert "\x1b" not in line
    assert line.startswith(
        "Error: Undoing `netjob log note 'Bob Stone' '\\x1b[31mred\\x1b[0m long long"
    )
    assert "long lo…` of 2026-11-20 " in line  # cut at 100 characters
    human = run("undo", "--list", ok=True).stdout
    assert "\x1b" not in human
    assert "netjob log note 'Bob Stone' '\\x1b[31mred\\x1b[0m long" in human


def test_undo_refuses_when_another_command_came_first(run: Run, sample: None) -> None:
    from netjob.db.open import open_store
    from netjob.errors import Conflict
    from netjob.services import undo

    run("log", "note", "Bob Stone", "one", ok=True)
    store = open_store(os.environ["NETJOB_DB"])
    try:
        shown = undo.latest(store)  # what `undo` showed and asked about
        run("log", "note", "Bob Stone", "two", ok=True)  # meanwhile, another terminal
        before = dump()
        with pytest.raises(Conflict) as refused:
            undo.undo(store, journal_id=shown["id"])
        assert str(refused.value).startswith(
            "Another command was recorded meanwhile: `netjob log note 'Bob Stone' two` of "
        )
        assert_same(before)
    finally:
        store.close()


# ---------------------------------------------------------------- after a restore


@pytest.mark.sqlite_only
def test_undo_right_after_a_restore_names_the_file_to_restore_instead(
    run: Run, sample: None, tmp_path: Path, db_path: Path
) -> None:
    """A restore replaces the whole file, journal included, so undo cannot revert it from
    inside: it says so in one line, naming the copy set aside, and changes nothing."""
    from tests.dbutil import rows

    copy = tmp_path / "copy.db"
    run("backup", str(copy), ok=True)
    run("add", "company", "Hooli", ok=True)
    run("restore", str(copy), "--yes", ok=True)
    aside = next(db_path.parent.glob("netjob.db.before-restore-*"))
    names = "SELECT name FROM company ORDER BY name"
    restored = rows(db_path, names)
    assert restored == [("Acme Inc.",), ("Globex",), ("Initech",)]
    refusal = (
        f"Error: Undo cannot revert `netjob restore {copy} --yes`: it replaced the whole "
        f"database. To go back, restore the one it replaced: netjob restore {aside}"
    )
    assert error_line(run("undo", "--yes")) == refusal
    assert error_line(run("undo")) == refusal  # before asking anything
    assert rows(db_path, names) == restored
    listed = json.loads(run("undo", "--list", "--json", ok=True).stdout)
    assert (listed[0]["command"], listed[0]["summary"]) == (
        f"restore {copy} --yes",
        f"restored {copy}; the database it replaced is kept at {aside}",
    )
    # a command after the restore is undone as usual; then the restore is the limit again
    run("add", "company", "Initrode", ok=True)
    assert "Undid `netjob add company Initrode`" in run("undo", "--yes", ok=True).stderr
    assert rows(db_path, names) == restored
    assert error_line(run("undo", "--yes")) == refusal
    # the way back it names works
    run("restore", str(aside), "--yes", ok=True)
    assert rows(db_path, names) == [*restored[:2], ("Hooli",), restored[2]]
