"""Every test gets its own database file and a fixed today (Fri 20 Nov 2026)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from netjob.cli import app

TODAY = date(2026, 11, 20)  # a Friday


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly migrated database, copied for each test (migrating costs ~100 ms)."""
    from netjob.store import open_store

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
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template_db: Path) -> Iterator[Path]:
    db = tmp_path / "data" / "netjob.db"
    db.parent.mkdir(mode=0o700)
    shutil.copy(template_db, db)
    monkeypatch.setenv("NETJOB_DB", str(db))
    monkeypatch.setenv("NETJOB_TODAY", TODAY.isoformat())
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("NETJOB_DEBUG", raising=False)
    monkeypatch.setattr("netjob.cli.base.is_interactive", lambda: False)
    yield db


@pytest.fixture
def db_path(isolated: Path) -> Path:
    return isolated


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, ok: bool | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input)
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
