from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from netjob.db import schema
from netjob.db.open import open_store
from netjob.errors import DatabaseProblem
from netjob.paths import resolve_db
from tests.conftest import Run, error_line

pytestmark = pytest.mark.sqlite_only  # looks inside the SQLite file


def test_flag_beats_env_beats_default(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flag = tmp_path / "flag.db"
    env = tmp_path / "env.db"
    monkeypatch.setenv("NETJOB_DB", str(env))
    assert run("db", "path", ok=True).stdout.strip() == str(env)
    assert run("--db", str(flag), "db", "path", ok=True).stdout.strip() == str(flag)
    monkeypatch.delenv("NETJOB_DB")
    monkeypatch.setattr("platformdirs.user_data_path", lambda app: tmp_path / "xdg" / app)
    assert run("db", "path", ok=True).stdout.strip() == str(tmp_path / "xdg/netjob/netjob.db")
    assert not (tmp_path / "xdg").exists()  # db path touches nothing
    assert not flag.exists() and not env.exists()


def test_relative_and_home_paths_are_made_absolute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/someone")
    assert resolve_db("~/x.db") == Path("/home/someone/x.db")
    assert resolve_db("rel.db") == Path.cwd() / "rel.db"


def test_new_database_is_private_with_wal_and_foreign_keys(fresh_db: Path) -> None:
    store = open_store(fresh_db)
    store.insert(
        "company",
        {
            "name": "A",
            "name_key": "a",
            "motivation": 0,
            "advocacy": False,
            "status": "backlog",
            "created_on": "2026-11-20",
            "updated_on": "2026-11-20",
        },
    )
    assert stat.S_IMODE(fresh_db.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh_db.parent.stat().st_mode) == 0o700
    wal = fresh_db.with_name("netjob.db-wal")
    assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600
    assert store.value("PRAGMA journal_mode") == "wal"
    assert store.value("PRAGMA foreign_keys") == 1
    assert store.value("PRAGMA busy_timeout") == 10_000
    with pytest.raises(sqlite3.IntegrityError):
        store.insert(
            "contact",
            {
                "name": "X",
                "name_key": "x",
                "company_id": 999,
                "created_on": "2026-11-20",
                "updated_on": "2026-11-20",
            },
        )


def test_status_reports_version_and_counts(run_json, sample: None, db_path: Path) -> None:
    status = run_json("db", "status")
    assert status["path"] == str(db_path)
    assert status["schema_version"] == schema.HEAD == status["latest_schema"]
    assert status["rows"] == {
        "company": 3,
        "contact": 4,
        "interaction": 1,  # Acme's status change to active
        "tiara_note": 0,
        "criterion": 5,
        "fit_score": 0,
        "red_flag": 0,
        "connection": 0,
        "reminder": 0,
        "company_tag": 1,
        "contact_tag": 0,
    }
    assert status["size_bytes"] > 0


def test_status_human(run: Run, sample: None) -> None:
    out = run("db", "status", ok=True).stdout
    assert f"{schema.HEAD} (latest)" in out
    assert "Rows: contact" in out


def test_a_transaction_that_fails_writes_nothing(fresh_db: Path) -> None:
    store = open_store(fresh_db)
    with pytest.raises(RuntimeError), store.transaction():
        store.insert(
            "company",
            {
                "name": "A",
                "name_key": "a",
                "motivation": 0,
                "advocacy": False,
                "status": "backlog",
                "created_on": "2026-11-20",
                "updated_on": "2026-11-20",
            },
        )
        raise RuntimeError("boom")
    assert store.value("SELECT COUNT(*) FROM company") == 0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x00\x01garbage" * 500, "is not a netjob database (file is not a database)"),
        (b"hello, I am a text file\n" * 200, "is not a netjob database (file is not a database)"),
    ],
)
def test_foreign_files_are_refused_untouched(
    run: Run, tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    result = run("--db", str(path), "list", "companies")
    assert result.exit_code == 1
    assert says in error_line(result)
    assert path.read_bytes() == content


def test_another_apps_sqlite_file_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, path TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = run("--db", str(path), "list", "companies")
    assert error_line(result) == (
        f"Error: {path} is an SQLite file but not a netjob database; netjob will not touch it. "
        "Point --db or NETJOB_DB at your netjob.db."
    )
    assert path.read_bytes() == before


def test_a_newer_netjob_database_is_refused(run: Run, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    result = run("list", "companies")
    assert error_line(result) == (
        f"Error: {db_path} was written by a newer netjob (schema 9999); upgrade netjob "
        "(pip install -U netjob) to open it."
    )


def test_a_folder_is_not_a_database(run: Run, tmp_path: Path) -> None:
    assert error_line(run("--db", str(tmp_path), "list", "companies")) == (
        f"Error: {tmp_path} is a folder; --db and NETJOB_DB take a file path."
    )


def test_open_store_raises_domain_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"x" * 2048)
    with pytest.raises(DatabaseProblem, match="is not a netjob database"):
        open_store(bad)


@pytest.mark.parametrize(
    ("sqlite_says", "user_sees"),
    [
        ("attempt to write a readonly database", "is read-only; nothing was saved."),
        ("database is locked", "is busy (another netjob is writing); nothing was saved."),
        ("database or disk is full", "is full; nothing was saved."),
    ],
)
def test_sqlite_failures_become_one_clear_line(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_says: str, user_sees: str
) -> None:
    # Root ignores file modes (CI runs as root), so the failure is injected where SQLite
    # would raise it; the point is what reaches the user.
    def failing_add(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError(sqlite_says)

    monkeypatch.setattr("netjob.services.companies.add", failing_add)
    line = error_line(run("add", "company", "Hooli"))
    assert line.startswith(f"Error: {db_path}") or line.startswith("Error: The disk holding")
    assert user_sees in line


def test_unexpected_errors_are_one_line_unless_debugging(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("oops")

    monkeypatch.setattr("netjob.services.companies.first_companies", broken)  # the page
    assert error_line(run("list", "companies", crash=True)) == (
        "Error: Unexpected error: ValueError: oops. Please report it; run again with "
        "NETJOB_DEBUG=1 for details."
    )
    monkeypatch.setenv("NETJOB_DEBUG", "1")
    result = run("list", "companies")
    assert isinstance(result.exception, ValueError)


@pytest.mark.parametrize(
    "dsn",
    [
        "host=127.0.0.1 user=u password=Sup3rS3cr3t dbname=x",
        "dbname=x password=Sup3rS3cr3t",
        "user = u  password = Sup3rS3cr3t",
        "PASSWORD=Sup3rS3cr3t host=db.example",
    ],
)
def test_a_keyword_connection_string_is_refused_without_showing_it(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dsn: str
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    by_flag = run("--db", dsn, "db", "status")
    monkeypatch.setenv("NETJOB_DB", dsn)
    for result in (by_flag, run("next")):
        assert error_line(result) == (
            "Error: That looks like a PostgreSQL keyword connection string, not a file. Give "
            "the server as a URL: postgresql://USER@HOST:PORT/DBNAME (put the password in "
            "PGPASSWORD or ~/.pgpass)."
        )
        assert "Sup3rS3cr3t" not in result.stdout + result.stderr
    assert list(here.iterdir()) == []  # no file named after the password
