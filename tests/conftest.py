"""Every test gets its own database and a fixed today (Fri 20 Nov 2026).

The database is a SQLite file; with NETJOB_TEST_POSTGRES set to a server URL
(a role allowed to create databases) every test gets a fresh PostgreSQL
database instead, cloned from a migrated template. Tests that look inside the
SQLite file are marked ``sqlite_only``; the PostgreSQL run deselects them.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner, Result

from netjob.cli import app

# Typer's test runner builds the whole command tree again on every invoke (about 50 ms,
# most of a short command); the tree depends only on the code, so build it once.
_built: dict[int, Any] = {}


def _command_of(typer_app: typer.Typer) -> Any:
    if id(typer_app) not in _built:
        _built[id(typer_app)] = typer.main.get_command(typer_app)
    return _built[id(typer_app)]


typer.testing._get_command = _command_of

# A command netjob prints: from "netjob " to the end of the line, a backtick or the next one.
_PRINTED = re.compile(r"(?<![\w/.-])netjob ([a-z][\w-]*(?:(?! netjob )[^`\n])*)")


def _texts(output: str) -> list[str]:
    """The lines of human output, or every string of JSON output (each on its own)."""
    try:
        data = json.loads(output)
    except ValueError:
        return output.splitlines()
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.extend(value.splitlines())
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(data)
    return found


def unknown_in_printed(*outputs: str) -> list[str]:
    """The commands in ``outputs`` (hints, `next` items, errors) that the CLI would
    refuse: a command or group that does not exist, or an option the command lacks."""
    wrong = []
    for line in (t for output in outputs for t in _texts(output)):
        for match in _PRINTED.finditer(line):
            try:
                words = shlex.split(match.group(1))
            except ValueError:
                words = match.group(1).split()
            wrong += _refused(words)
    return wrong


def _refused(words: list[str]) -> list[str]:
    command: Any = _command_of(app)
    path: list[str] = []
    for n, word in enumerate(words):
        if hasattr(command, "commands"):  # a group: the next word names a command
            if word in command.commands:
                command, path = command.commands[word], [*path, word]
                continue
            if n == 0 or not re.fullmatch(r"[a-z][\w-]*", word):
                return []  # prose ("netjob keeps...") or a placeholder (COMMAND, [OPTIONS])
            return [f"netjob {' '.join([*path, word])}: no such command"]
        option = word.split("=", 1)[0].rstrip("'\",.;:)")
        if not re.fullmatch(r"--?[a-zA-Z][\w-]*", option):
            continue  # a value, a placeholder, a negative number or a day such as -7d
        names = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
        if option not in names | {"--help", "-h"}:
            return [f"netjob {' '.join(path)}: no option {option}"]
    return []


TODAY = date(2026, 11, 20)  # a Friday
POSTGRES = os.environ.get("NETJOB_TEST_POSTGRES")
_numbers = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: looks inside the SQLite file itself")
    config.addinivalue_line("markers", "postgres_only: needs NETJOB_TEST_POSTGRES")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Each run holds the tests of its backend: the others are deselected, not skipped."""
    other = "sqlite_only" if POSTGRES else "postgres_only"
    keep = [item for item in items if other not in item.keywords]
    gone = [item for item in items if other in item.keywords]
    if gone:
        config.hook.pytest_deselected(items=gone)
        items[:] = keep


def _admin(sql: str, *, tries: int = 1) -> None:
    """Run one statement as the test role; retry when the server's own processes (such as
    autovacuum, which this role may not terminate) are briefly in the way."""
    import time

    import psycopg

    assert POSTGRES is not None
    for attempt in range(tries):
        try:
            with psycopg.connect(POSTGRES, autocommit=True) as conn:
                conn.execute(sql)
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            if attempt == tries - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def _database_url(name: str) -> str:
    assert POSTGRES is not None
    base, _, _ = POSTGRES.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """A migrated PostgreSQL database to clone per test (when NETJOB_TEST_POSTGRES is set)."""
    if POSTGRES is None:
        yield None
        return
    from netjob.db.open import open_store

    name = f"netjob_template_{os.getpid()}"
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", tries=10)
    _admin(f"CREATE DATABASE {name}")
    open_store(_database_url(name)).close()
    # No connections (autovacuum's included) may hold a template being cloned.
    _admin(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false")
    yield name
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", tries=10)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly migrated database, copied for each test (migrating costs ~100 ms)."""
    from netjob.db.open import open_store

    path = tmp_path_factory.mktemp("template") / "netjob.db"
    store = open_store(path)
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.execute("PRAGMA journal_mode = DELETE")
    store.close()
    return path


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    """A path where no database exists yet (for tests of creation itself)."""
    return tmp_path / "fresh" / "netjob.db"


@pytest.fixture(autouse=True)
def isolated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template_db: Path, pg_template: str | None
) -> Iterator[Path]:
    db = tmp_path / "data" / "netjob.db"
    db.parent.mkdir(mode=0o700)
    database = None
    if pg_template is None:
        shutil.copy(template_db, db)
    else:
        database = f"netjob_test_{os.getpid()}_{next(_numbers)}"
        _admin(f"CREATE DATABASE {database} TEMPLATE {pg_template}", tries=10)
    monkeypatch.setenv("NETJOB_DB", _database_url(database) if database else str(db))
    monkeypatch.setenv("NETJOB_TODAY", TODAY.isoformat())
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("NETJOB_DEBUG", raising=False)
    monkeypatch.setattr("netjob.cli.base.is_interactive", lambda: False)
    yield db
    if database is not None:
        _admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", tries=10)


@pytest.fixture
def db_path(isolated: Path) -> Path:
    return isolated


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    runner = CliRunner()

    def invoke(
        *args: str, input: str | None = None, ok: bool | None = None, crash: bool = False
    ) -> Result:
        """Run netjob; any "Unexpected error" (a crash) fails the test unless ``crash``
        says the test provokes one on purpose."""
        result = runner.invoke(app, list(args), input=input)
        if not crash:
            for stream in (result.stdout, result.stderr):
                assert "Unexpected error" not in stream, (args, result.stdout, result.stderr)
        # Every command netjob prints must work when pasted (issue 22, point 10).
        assert unknown_in_printed(result.stdout, result.stderr) == [], args
        if ok is True:
            assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
        return result

    return invoke


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    def invoke(*args: str) -> Any:
        result = run(*args, "--json", ok=True)
        return json.loads(result.stdout)

    return invoke


def error_line(result: Result) -> str:
    """The single error line a failed command printed (and check it is single)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Live through the days: the commands that follow run on ``day`` (NETJOB_TODAY)."""

    def set_today(day: str) -> None:
        monkeypatch.setenv("NETJOB_TODAY", day)

    return set_today


@pytest.fixture
def one_target(run: Run, on_day: Callable[[str], None]) -> None:
    """Mon 16 Nov 2026: one target, Acme, active, with Ann Lee (alumni) and Ben Cho (cold)."""
    on_day("2026-11-16")
    for key, value in [("target_companies", "1"), ("active_companies", "1")]:
        run("settings", "set", key, value, ok=True)
    run("add", "company", "Acme", "--motivation", "3", "--posting", "3", "--status", "active")
    run("add", "contact", "Ann Lee", "--company", "Acme", "--how", "alumni", ok=True)
    run("add", "contact", "Ben Cho", "--company", "Acme", "--how", "cold", ok=True)


@pytest.fixture
def sample(run: Run) -> None:
    """Three companies and four contacts."""
    run(
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
        ok=True,
    )
    run("add", "company", "Globex", "--motivation", "3", "--posting", "3", ok=True)
    run("add", "company", "Initech", "--motivation", "1", "--website", "initech.example", ok=True)
    run(
        "add",
        "contact",
        "Jane Doe",
        "--company",
        "acme",
        "--how",
        "alumni",
        "--email",
        "jane@acme.example",
        ok=True,
    )
    run("add", "contact", "Jane Roe", "--company", "Globex", ok=True)
    run("add", "contact", "Sam Lee", "--company", "Acme", "--referred-by", "Jane Doe", ok=True)
    run("add", "contact", "Bob Stone", ok=True)
