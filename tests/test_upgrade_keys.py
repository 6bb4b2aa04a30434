"""Items a user numbered, dismissed, snoozed or marked done before an upgrade keep their
numbers and their marks after it (issue 21: the stored items went, the items worked out
on read keep the same keys), on SQLite and on PostgreSQL.

``tests/fixtures/upgrade/0014.json`` holds every row of every table of a small search as
`export json` wrote it at schema 0014, caches included; the test loads it with plain SQL
into a database migrated to 0014 (as a user's file would be), lets netjob open it, and
compares `next --all --json` on two days with what netjob showed at 0014 (the
``expected-*.json`` files). ``NETJOB_WRITE_GOLDEN=1`` at schema 0014 wrote them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import POSTGRES, Run, _admin, _database_url

FIXTURES = Path(__file__).parent / "fixtures" / "upgrade"
REVISION = "0014"
SCENARIO = [
    ("log", "outreach", "Jane Doe", "--on", "2026-11-02"),
    ("log", "outreach", "Jane Roe", "--on", "2026-11-05"),
    ("log", "reply", "Jane Roe", "--on", "2026-11-09"),
    ("log", "outreach", "Sam Lee", "--on", "2026-11-12"),
    ("log", "chat", "Jane Roe", "--at", "2026-11-24 14:30", "--no-edit"),
    ("remind", "Bob Stone", "call back", "--on", "2026-11-19"),
    ("next",),
    ("dismiss", "2"),
    ("snooze", "3", "--until", "2026-11-25"),
    ("done", "4"),
]
DAYS = ("2026-11-20", "2026-11-25")
# Export order satisfies the foreign keys but for two contact columns, set afterwards.
DEFERRED = ("referred_by_id", "source_interaction_id")
BOOLEAN = {"advocacy", "ask_referral", "created"}


def _write_fixture(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """At schema 0014 only: play the scenario and keep its export and its lists."""
    for args in SCENARIO:
        run(*args, ok=True)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    (FIXTURES / f"{REVISION}.json").write_text(run("export", "json", ok=True).stdout)
    for day in DAYS:
        monkeypatch.setenv("NETJOB_TODAY", day)
        found = run("next", "--all", "--json", ok=True).stdout
        (FIXTURES / f"expected-{day}.json").write_text(found)


def _rows() -> list[tuple[str, dict[str, Any]]]:
    data = json.loads((FIXTURES / f"{REVISION}.json").read_text(encoding="utf-8"))
    assert data["schema"] == REVISION
    return [(table, row) for table, found in data["tables"].items() for row in found]


def _load(execute: Any, mark: str) -> None:
    """Insert the fixture's rows through ``execute(sql, values)`` (``mark``: the driver's
    placeholder), the two deferred contact columns last."""
    later = []
    execute("DELETE FROM criterion", [])  # seeded by the migrations; the file has its own
    for table, row in _rows():
        row = {k: bool(v) if k in BOOLEAN and v is not None else v for k, v in row.items()}
        if table == "contact":
            later.append((row["id"], {c: row[c] for c in DEFERRED}))
            row = {**row, **dict.fromkeys(DEFERRED)}
        names = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join(mark for _ in row)
        execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
    for contact_id, values in later:
        sets = ", ".join(f"{c} = {mark}" for c in values)
        execute(f"UPDATE contact SET {sets} WHERE id = {mark}", [*values.values(), contact_id])


@pytest.fixture
def old_database(tmp_path: Path) -> Iterator[str]:
    """A database at schema 0014 holding the fixture's rows: its path or URL."""
    from netjob.db import migrate

    if POSTGRES is None:
        import sqlite3

        path = tmp_path / "old.db"
        path.touch(mode=0o600)
        migrate.upgrade(path, None, target=REVISION)
        conn = sqlite3.connect(path)
        with conn:
            _load(conn.execute, "?")
        conn.close()
        yield str(path)
        return
    import psycopg

    from netjob.db import pg

    name = f"netjob_upgrade_{os.getpid()}"
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", tries=10)
    _admin(f"CREATE DATABASE {name}")
    url = _database_url(name)
    migrate.upgrade_url(pg.sqlalchemy_url(url), target=REVISION)
    with psycopg.connect(pg.psycopg_url(url)) as conn:
        _load(conn.execute, "%s")
        for table in ("company", "contact", "interaction", "next_item", "reminder"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}) + 1, false)"
            )
    yield url
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", tries=10)


def test_marked_items_keep_their_numbers_and_marks_through_the_upgrade(
    run: Run, sample: None, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    if os.environ.get("NETJOB_WRITE_GOLDEN") and POSTGRES is None:
        _write_fixture(run, monkeypatch)
    monkeypatch.setenv("NETJOB_DB", request.getfixturevalue("old_database"))
    for day in DAYS:
        monkeypatch.setenv("NETJOB_TODAY", day)
        found = json.loads(run("next", "--all", "--json", ok=True).stdout)
        expected = json.loads((FIXTURES / f"expected-{day}.json").read_text(encoding="utf-8"))
        assert found == expected, day
    keys = {r["key"]: r["state"] for t, r in _rows() if t == "next_item" and r["state"]}
    assert sorted(keys.values()) == ["dismissed", "done", "snoozed"]


def test_an_old_export_imports_with_the_same_list_and_its_caches_are_not_believed(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`import json` of a 0014 export: the same `next`, numbers and marks included, even
    when the caches it carries lie (every LAMP rank 1, a stored item's text changed)."""
    data = json.loads((FIXTURES / f"{REVISION}.json").read_text(encoding="utf-8"))
    for company in data["tables"]["company"]:
        company["lamp_rank"] = 1
    for item in data["tables"]["pending_item"]:
        item["action"] = "Believe the file"
    lying = tmp_path / "lying.json"
    lying.write_text(json.dumps(data), encoding="utf-8")
    for n, source in enumerate((FIXTURES / f"{REVISION}.json", lying)):
        target = tmp_path / f"imported-{n}.db"
        done = run("--db", str(target), "import", "json", str(source), ok=True)
        assert done.stderr.startswith("Imported ")
        for day in DAYS:
            monkeypatch.setenv("NETJOB_TODAY", day)
            found = json.loads(run("--db", str(target), "next", "--all", "--json", ok=True).stdout)
            expected = json.loads((FIXTURES / f"expected-{day}.json").read_text(encoding="utf-8"))
            assert found == expected, (source.name, day)
    ranks = [
        c["lamp_rank"]
        for c in json.loads(run("--db", str(target), "list", "companies", "--json", ok=True).stdout)
    ]
    assert ranks == [1, 2, 3]
