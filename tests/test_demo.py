from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from netjob import demo
from tests.conftest import Run, error_line

pytestmark = pytest.mark.sqlite_only  # looks inside the SQLite file


def counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    found = (
        conn.execute("SELECT COUNT(*) FROM company").fetchone()[0],
        conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0],
    )
    conn.close()
    return found


def test_demo_fills_its_own_database_only(run: Run, tmp_path: Path, db_path: Path) -> None:
    target = tmp_path / "demo.db"
    result = run("demo", "--path", str(target), ok=True)
    assert counts(target) == (len(demo.COMPANIES), len(demo.CONTACTS)) == (12, 25)
    assert counts(db_path) == (0, 0)
    assert f"Demo database: {target}" in result.stderr
    assert "Send Priya Raman a thank-you note" in result.stdout
    assert "Prepare for your chat with Marcus Lee on Sat 21 Nov at 10:00" in result.stdout
    assert "Write to Ethan Wright, a second person at Umbrella Energy" in result.stdout
    again = run("demo", "--path", str(target), ok=True)  # replaces, never duplicates
    assert again.exit_code == 0
    assert counts(target) == (12, 25)


def test_demo_referrals_point_at_demo_people(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    run("demo", "--path", str(target), ok=True)
    conn = sqlite3.connect(target)
    pairs = conn.execute(
        "SELECT k.name, r.name FROM contact k JOIN contact r ON r.id = k.referred_by_id "
        "ORDER BY k.name"
    ).fetchall()
    assert ("Ana Souza", "Priya Raman") in pairs
    assert len(pairs) == sum(1 for c in demo.CONTACTS if c[4])


def test_demo_refuses_to_replace_a_file_that_is_not_a_demo(run: Run, tmp_path: Path) -> None:
    precious = tmp_path / "thesis.db"
    precious.write_bytes(b"three years of work\n")
    result = run("demo", "--path", str(precious))
    assert result.exit_code == 1
    assert error_line(result) == (
        f"Error: {precious} is not a netjob demo database: pass --force to replace it, "
        "or choose another --path."
    )
    assert precious.read_bytes() == b"three years of work\n"
    own = tmp_path / "own.db"
    run("--db", str(own), "add", "company", "Acme", ok=True)  # a netjob database, not a demo
    assert run("demo", "--path", str(own)).exit_code == 1
    assert counts(own) == (1, 0)
    forced = run("demo", "--path", str(precious), "--force", ok=True)
    assert f"Demo database: {precious}" in forced.stderr
    assert counts(precious) == (12, 25)
    assert demo.is_demo(precious) and not demo.is_demo(own)


def test_a_nul_byte_in_an_argument_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    result = run("--db", "a\x00b", "next")
    assert result.exit_code == 2
    assert error_line(result) == "Error: 'a\\x00b' holds a NUL byte (\\x00); give it without one."
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]  # nothing was created
