"""What only PostgreSQL shows: copying between backends, masked credentials, real
concurrency. Runs when NETJOB_TEST_POSTGRES is set (CI sets it); deselected otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, _admin, _database_url, error_line
from tests.dbutil import rows

pytestmark = pytest.mark.postgres_only
BIN = Path(sys.executable).parent / "netjob"


@pytest.fixture
def empty_server_db() -> Iterator[str]:
    name = f"netjob_copy_{os.getpid()}"
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", tries=10)
    _admin(f"CREATE DATABASE {name}")
    yield _database_url(name)
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", tries=10)


def test_copy_sqlite_to_postgres_and_back(run: Run, tmp_path: Path, empty_server_db: str) -> None:
    source = tmp_path / "source.db"
    steps = [
        ("add", "company", "Acme", "--motivation", "3", "--advocacy", "--status", "active"),
        ("add", "contact", "Jane Doe", "--company", "Acme", "--how", "alumni"),
        ("log", "outreach", "Jane Doe", "--on", "2026-11-16"),
        (
            "log",
            "chat",
            "Jane Doe",
            "--on",
            "2026-11-18",
            "--advice",
            "learn dbt",
            "--lead",
            "Kim@Acme",
            "--fit",
            "culture=4",
            "--no-edit",
        ),
        ("next",),
    ]
    for args in steps:
        run("--db", str(source), *args, ok=True)
    copied = run("--db", str(source), "db", "copy", "--to", empty_server_db, ok=True)
    assert "every table's count matches" in copied.stderr
    back = tmp_path / "back.db"
    run("--db", empty_server_db, "db", "copy", "--to", str(back), ok=True)
    for table in ("company", "contact", "interaction", "tiara_note", "fit_score", "reminder"):
        assert rows(back, f"SELECT * FROM {table} ORDER BY id") == rows(
            source, f"SELECT * FROM {table} ORDER BY id"
        ), table
    # The server's id sequences moved past the copied rows: new rows get new ids.
    added = run("--db", empty_server_db, "add", "company", "Globex", "--json", ok=True)
    assert '"id": 2' in added.stdout or '"id":2' in added.stdout


def test_credentials_never_show(run: Run, run_json) -> None:
    url = os.environ["NETJOB_DB"]
    user_part, _, rest = url.partition("@")
    with_secret = user_part.split(":")[0] + ":" + user_part.split(":")[1] + ":s3cret-pw@" + rest
    shown = run("--db", with_secret, "db", "path", ok=True).stdout.strip()
    assert "s3cret-pw" not in shown and ":***@" in shown
    failed = run("--db", with_secret, "list", "companies")
    assert "s3cret-pw" not in failed.stderr and "Cannot connect to" in error_line(failed)
    status = run_json("db", "status")
    assert status["size_bytes"] > 0 and status["schema_version"] == status["latest_schema"]


def test_four_machines_logging_at_one_company_lose_nothing(run: Run, sample: None) -> None:
    script = (
        "import subprocess, sys\n"
        "for i in range(10):\n"
        "    r = subprocess.run([sys.argv[1], 'log', 'note', sys.argv[2], f'n{i}'],\n"
        "                       capture_output=True, text=True)\n"
        "    print(r.returncode, (r.stderr.strip().splitlines() or [''])[0])\n"  # then the hint
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(BIN), who],
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for who in ("Jane Doe", "Sam Lee", "Jane Doe", "Sam Lee")  # all at Acme
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    lines = [line for out in outputs for line in out.strip().splitlines()]
    assert len(lines) == 40 and all(line.startswith("0 Logged note #") for line in lines), lines
    assert rows(Path("/nonexistent"), "SELECT COUNT(*) FROM interaction WHERE kind = 'note'") == [
        (40,)
    ]
    # The stored summaries agree with the log after the contention: none lost or stale.
    from tests.test_summaries import stored_and_rebuilt

    stored, rebuilt = stored_and_rebuilt(os.environ["NETJOB_DB"])
    assert stored == rebuilt and {1, 3} <= set(stored)


def test_migrated_schema_has_no_diff_against_the_models() -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import netjob.db.models  # noqa: F401  (registers the tables)
    from netjob.db.pg import sqlalchemy_url

    engine = create_engine(sqlalchemy_url(os.environ["NETJOB_DB"]))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


# ---------------------------------------------------------------- an upgrade is one unit


def _first_revision_server_db(url: str) -> None:
    """A server database at the first revision, holding the rows test_migrations uses."""
    import psycopg

    from netjob.db import migrate, pg, schema
    from tests.test_migrations import FIRST_REVISION_ROWS

    migrate.upgrade_url(pg.sqlalchemy_url(url), target=schema.REVISIONS[0])
    with psycopg.connect(pg.psycopg_url(url), autocommit=True) as conn:
        for table, items in FIRST_REVISION_ROWS.items():
            for item in items:
                values = [bool(v) if k == "advocacy" else v for k, v in item.items()]
                marks = ", ".join("%s" for _ in item)
                conn.execute(f"INSERT INTO {table} ({', '.join(item)}) VALUES ({marks})", values)


def _server_revision(url: str) -> tuple[str, set[str]]:
    import psycopg

    from netjob.db import pg

    with psycopg.connect(pg.psycopg_url(url), autocommit=True) as conn:
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
    assert found is not None
    return str(found[0]), {t[0] for t in tables}


def test_a_server_upgrade_is_one_transaction(
    empty_server_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade that fails at its very end (the last table of the last migration) leaves
    nothing of it; once it works, every row is there and the history is worked out."""
    from alembic import op

    from netjob.db import schema
    from netjob.db.open import open_store
    from netjob.services.timeline import company_history, contact_history

    _first_revision_server_db(empty_server_db)
    made = op.create_table

    def broken(name: str, *args: object, **kwargs: object) -> object:
        if name == "contact_summary":
            raise RuntimeError("boom")
        return made(name, *args, **kwargs)

    monkeypatch.setattr(op, "create_table", broken)
    with pytest.raises(RuntimeError, match="boom"):
        open_store(empty_server_db)
    revision, tables = _server_revision(empty_server_db)
    assert revision == schema.REVISIONS[0]
    assert "criterion" not in tables and "interaction" not in tables  # made by 0002
    monkeypatch.undo()
    store = open_store(empty_server_db)
    history = [
        (kind, subject, h["stage"], str(h["on"]))
        for kind, read in (("contact", contact_history), ("company", company_history))
        for subject in (1, 2)
        for h in read(store, subject)
    ]
    store.close()
    assert _server_revision(empty_server_db)[0] == schema.HEAD
    assert history == [
        ("contact", 1, "identified", "2026-10-01"),
        ("contact", 2, "identified", "2026-10-05"),
        ("company", 1, "backlog", "2026-10-01"),
        ("company", 1, "active", "2026-10-02"),
        ("company", 2, "backlog", "2026-10-03"),
    ]


def test_two_writers_at_one_contact_leave_a_summary_of_both(run: Run, sample: None) -> None:
    """Two transactions logging for the same person at once: the second waits for the
    first before it works out the summary, so it holds both entries (without the wait it
    would be worked out from before the first committed, and overwrite it)."""
    import threading
    import time

    from netjob.db.open import open_store
    from netjob.services.coach import summaries

    run("log", "outreach", "Jane Doe", "--on", "2026-11-02", ok=True)  # a summary row exists
    first, second = open_store(os.environ["NETJOB_DB"]), open_store(os.environ["NETJOB_DB"])

    def entry(store: Any, kind: str) -> None:
        store.insert(
            "interaction",
            {"kind": kind, "contact_id": 1, "company_id": 1, "occurred_on": date(2026, 11, 19),
             "logged_on": date(2026, 11, 20)},
        )  # fmt: skip

    def later() -> None:
        with second.transaction():
            entry(second, "update")
            summaries.refresh(second, [1])

    try:
        with first.transaction():
            entry(first, "reply")
            summaries.refresh(first, [1])
            other = threading.Thread(target=later)
            other.start()
            time.sleep(0.5)  # the second is inside its transaction, at the summary
        other.join(timeout=30)
    finally:
        first.close()
        second.close()
    from tests.test_summaries import stored_and_rebuilt

    stored, rebuilt = stored_and_rebuilt(os.environ["NETJOB_DB"])
    assert stored[1] == rebuilt[1]
    assert stored[1][0].last_reply is not None and stored[1][0].wrote_back is not None
