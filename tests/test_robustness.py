"""Prove it holds: concurrent writers, kill -9 mid-write, hostile text, privacy."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netjob.engine.dates import Towards, parse_day, parse_moment
from netjob.errors import NetjobError
from tests.conftest import Run

pytestmark = pytest.mark.sqlite_only  # looks inside the SQLite file

BIN = Path(sys.executable).parent / "netjob"


def netjob(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETJOB_DB": str(db), "NETJOB_TODAY": "2026-11-20"}
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env)


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    db = tmp_path / "shared.db"
    assert netjob(db, "add", "company", "Acme", "--motivation", "3").returncode == 0
    for n in range(4):
        assert netjob(db, "add", "contact", f"Person {n}", "--company", "Acme").returncode == 0
    return db


@pytest.mark.slow
@pytest.mark.parametrize("writers", [2, 4])
def test_parallel_writers_lose_nothing(shared: Path, writers: int) -> None:
    script = (
        "import os, subprocess, sys\n"
        "ok = 0\n"
        "for i in range(int(sys.argv[2])):\n"
        "    r = subprocess.run([sys.argv[1], 'log', 'note', sys.argv[3], f'note {i}'],\n"
        "                       capture_output=True, text=True)\n"
        "    if r.returncode == 0: ok += 1\n"
        "    else: print(r.stderr, file=sys.stderr)\n"
        "print(ok)\n"
    )
    env = {**os.environ, "NETJOB_DB": str(shared), "NETJOB_TODAY": "2026-11-20"}
    per_writer = 12
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(BIN), str(per_writer), f"Person {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(writers)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [err for _, err in results] == [""] * writers
    assert sum(int(out.strip()) for out, _ in results) == writers * per_writer
    assert count(shared, "SELECT COUNT(*) FROM interaction WHERE kind = 'note'") == (
        writers * per_writer
    )
    assert integrity(shared) == "ok"


@pytest.mark.slow
def test_kill_9_during_a_burst_of_log_commands(shared: Path) -> None:
    env = {**os.environ, "NETJOB_DB": str(shared), "NETJOB_TODAY": "2026-11-20"}
    reported = 0
    for n in range(8):
        proc = subprocess.Popen(
            [str(BIN), "log", "note", "Person 0", f"burst {n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(0.02 * n)  # kill at different points: start-up, open, write, commit
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        done = netjob(shared, "log", "note", "Person 1", f"after {n}")
        assert done.returncode == 0
        reported += 1
    assert integrity(shared) == "ok"
    assert count(shared, "SELECT COUNT(*) FROM interaction WHERE note LIKE 'after %'") == reported
    # A killed command committed its entry and its contact's summary together, or neither.
    from tests.test_summaries import stored_and_rebuilt

    stored, rebuilt = stored_and_rebuilt(shared)
    assert stored == rebuilt and {1, 2} <= set(stored)


@pytest.mark.slow
def test_kill_9_during_a_large_import(shared: Path, tmp_path: Path) -> None:
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    rows += [f"P{n},Q,https://www.linkedin.com/in/p{n},,Co {n},X,1 Jan 2024" for n in range(20000)]
    export = tmp_path / "big.csv"
    export.write_text("\n".join(rows) + "\n")
    env = {**os.environ, "NETJOB_DB": str(shared)}
    for delay in (0.3, 0.6, 0.9):
        proc = subprocess.Popen(
            [str(BIN), "import", "linkedin", str(export)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert integrity(shared) == "ok"
        assert count(shared, "SELECT COUNT(*) FROM connection") in {0, 20000}
    finished = netjob(shared, "import", "linkedin", str(export))
    assert finished.returncode == 0
    assert count(shared, "SELECT COUNT(*) FROM connection") == 20000


# ---------------------------------------------------------------- hostile text

HOSTILE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
).filter(lambda s: s.strip() and any(c.isalnum() for c in s))


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=HOSTILE)
def test_any_note_is_stored_and_shown_back_exactly(run: Run, sample: None, note: str) -> None:
    logged = run("log", "note", "--json", "--", "Bob Stone", note)  # "--": notes may start with -
    stripped = note.strip()
    assert logged.exit_code == 0, logged.stderr
    assert json.loads(logged.stdout)["note"] == stripped
    human = run("timeline", "Bob Stone").stdout
    assert "\x1b" not in human  # escape sequences are neutralised on the terminal
    run("undo", "--yes")


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=HOSTILE)
def test_any_company_name_round_trips(run: Run, name: str) -> None:
    added = run("add", "company", "--json", "--", name)
    if added.exit_code != 0:  # only the clean error for names with no letters or digits
        assert added.stderr.startswith("Error: ") and "Traceback" not in added.stderr
        return
    stored = json.loads(added.stdout)
    assert stored["name"] == " ".join(name.split())
    listing = run("list", "companies")
    assert "\x1b" not in listing.stdout and "Traceback" not in listing.stderr
    shown = run("show", "company", f"#{stored['id']}", "--json")
    assert json.loads(shown.stdout)["name"] == stored["name"]
    run("remove", "company", f"#{stored['id']}", "--yes")


def test_terminal_escapes_and_markup_are_shown_as_typed(run: Run, run_json) -> None:
    evil = "Evil \x1b[31mRed\x1b[0m [bold]Corp[/bold]"
    run("add", "company", evil, ok=True)
    out = run("list", "companies", ok=True).stdout
    assert "\\x1b[31mRed\\x1b[0m" in out and "[bold]Corp[/bold]" in out
    assert run_json("list", "companies")[0]["name"] == evil


@pytest.mark.slow
@given(
    text=st.text(max_size=40),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
)
def test_date_parsing_fails_only_cleanly(text: str, today: date) -> None:
    for towards in Towards:
        for parse in (parse_day, parse_moment):
            try:
                found = parse(text, today=today, towards=towards)
            except NetjobError as error:
                assert str(error)  # a message a person can act on
                continue
            assert found is not None


@pytest.mark.slow
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=30))
def test_name_resolution_fails_only_cleanly(run: Run, sample: None, query: str) -> None:
    for kind in ("company", "contact"):
        result = run("show", kind, "--", query)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.stderr
        assert result.exit_code in {0, 1, 2}


# ---------------------------------------------------------------- privacy


def test_files_are_private(run: Run, sample: None, tmp_path: Path, db_path: Path) -> None:
    run("log", "outreach", "Jane Doe", ok=True)
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    from netjob.db.open import open_store

    store = open_store(db_path)  # -wal and -shm exist while a connection is open
    try:
        assert store.value("SELECT COUNT(*) FROM interaction WHERE kind = 'outreach'") == 1
        for suffix in ("", "-wal", "-shm"):
            path = db_path.with_name(db_path.name + suffix)
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        store.close()
    made = [tmp_path / name for name in ("b.db", "e.json", "c.csv", "v.vcf", "i.ics", "w.md")]
    run("backup", str(made[0]), ok=True)
    run("export", "json", "-o", str(made[1]), ok=True)
    run("export", "csv", "--what", "log", "-o", str(made[2]), ok=True)
    run("export", "vcard", "-o", str(made[3]), ok=True)
    run("export", "ics", "-o", str(made[4]), ok=True)
    run("week", "--markdown", "-o", str(made[5]), ok=True)
    assert [oct(stat.S_IMODE(p.stat().st_mode)) for p in made] == ["0o600"] * len(made)


def test_no_command_opens_a_network_connection(
    run: Run, sample: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("netjob tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    scenario = [
        (("log", "outreach", "Jane Doe"), "Logged outreach"),
        (("log", "reply", "Jane Doe"), "Logged reply"),
        (("log", "chat", "Jane Doe", "--on", "today", "--advice", "x", "--no-edit"), "[held]"),
        (("log", "thanks", "Jane Doe"), "Logged thank-you"),
        (("next", "--all"), "Reach out to Sam Lee"),
        (("pipeline",), "Active (1)"),
        (("funnel",), "Your reply rate: 100%"),
        (("fit",), "No company is scored yet"),
        (("week",), "Week 2026-11-14 to 2026-11-20"),
        (("draft", "Sam Lee"), "Jane Doe suggested I contact you."),
        (("prep", "Jane Doe"), "Prep: Jane Doe"),
        (("who", "acme"), "Contacts at Acme Inc.:"),
        (("settings", "set", "holidays", "2026-12-25"), "holidays = 2026-12-25"),
        (("export", "json", "-o", str(tmp_path / "x.json")), "Wrote everything"),
        (("export", "ics"), "BEGIN:VCALENDAR"),
    ]
    for args, says in scenario:
        result = run(*args)
        output = " ".join((result.stdout + result.stderr).split())
        assert says in output, (args, result.stdout, result.stderr)
        assert result.exception is None or isinstance(result.exception, SystemExit), args


@pytest.mark.slow
def test_first_open_from_four_terminals_at_once(tmp_path: Path) -> None:
    """Four processes creating the same new database: one migrates, all succeed."""
    db = tmp_path / "new" / "netjob.db"
    env = {**os.environ, "NETJOB_DB": str(db), "NETJOB_TODAY": "2026-11-20"}
    procs = [
        subprocess.Popen(
            [str(BIN), "add", "company", f"Co {n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [err.strip().startswith("Added company") for _, err in results] == [True] * 4
    assert count(db, "SELECT COUNT(*) FROM company") == 4
    assert integrity(db) == "ok"


@pytest.mark.slow
def test_a_full_disk_gives_a_clear_error_and_keeps_the_database(
    shared: Path, tmp_path: Path
) -> None:
    """The file-size limit (RLIMIT_FSIZE) makes every write past it fail, like a full disk."""
    import resource

    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    rows += [f"P{n},Q,https://www.linkedin.com/in/p{n},,Co {n},X,1 Jan 2024" for n in range(20000)]
    export = tmp_path / "big.csv"
    export.write_text("\n".join(rows) + "\n")
    used = sum(p.stat().st_size for p in shared.parent.glob("shared.db*"))

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (used + 50_000, used + 50_000))

    env = {**os.environ, "NETJOB_DB": str(shared)}
    result = subprocess.run(
        [str(BIN), "import", "linkedin", str(export)],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: Could not write to {shared} (is the disk full?); nothing was saved."
    )
    assert count(shared, "SELECT COUNT(*) FROM connection") == 0
    assert count(shared, "SELECT COUNT(*) FROM contact") == 4
    assert integrity(shared) == "ok"
