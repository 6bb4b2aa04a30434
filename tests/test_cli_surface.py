"""The command surface as a whole: help, start-up cost, entry points, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_reference import command_paths
from tests.conftest import Run

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_every_command_has_help_with_an_example(run: Run) -> None:
    import typer.main

    from netjob.cli import app

    group = typer.main.get_command(app)
    leaves = 0
    for path in command_paths():
        command = group
        for word in path:
            command = command.commands[word]  # type: ignore[attr-defined]
        assert command.help, f"{path} has no help text"
        if not hasattr(command, "commands"):
            leaves += 1
            assert "Example" in command.help, f"netjob {' '.join(path)} has no example"
    assert leaves >= 13


def test_cli_import_stays_light() -> None:
    code = (
        "import sys, netjob.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'sqlmodel', 'pydantic', 'alembic', 'rapidfuzz', 'platformdirs'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_reading_commands_do_not_import_the_orm(run_json, sample: None, db_path: Path) -> None:
    # pydantic is not in the list: Typer 0.29 itself imports it to coerce option values.
    code = (
        "import sys\n"
        "from netjob.cli import app\n"
        "try:\n"
        "    app(['list', 'companies', '--json'], prog_name='netjob')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'sqlmodel', 'alembic'}), file=sys.stderr)\n"
    )
    env = dict(os.environ)  # the test's database, SQLite file or PostgreSQL
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert [c["name"] for c in json.loads(out.stdout)] == ["Globex", "Acme Inc.", "Initech"]
    assert out.stderr.strip() == "[]"


def test_version_touches_no_database(tmp_path: Path) -> None:
    target = tmp_path / "never" / "netjob.db"
    env = {**os.environ, "NETJOB_DB": str(target)}
    out = subprocess.run(
        [str(BIN / "netjob"), "--version"], capture_output=True, text=True, env=env, check=True
    )
    from netjob import __version__

    assert out.stdout.strip() == f"netjob {__version__}"
    assert not target.parent.exists()


@pytest.mark.slow
def test_installed_entry_point_and_module_work_end_to_end(tmp_path: Path) -> None:
    env = {**os.environ, "NETJOB_DB": str(tmp_path / "e2e.db"), "NETJOB_TODAY": "2026-11-20"}

    def netjob(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "netjob"), *args], capture_output=True, text=True, env=env)

    added = netjob("add", "company", "Acme", "--motivation", "2")
    assert added.returncode == 0 and "Added company #1 Acme" in added.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "netjob", "list", "companies", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert [c["name"] for c in json.loads(listed.stdout)] == ["Acme"]
    missing = netjob("show", "company", "Acne")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: No company named 'Acne'. Did you mean 'Acme'?"
    assert "Traceback" not in missing.stderr


def test_pyproject_version_matches_package() -> None:
    import tomllib

    from netjob import __version__

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == __version__


BAD_INPUTS: list[tuple[list[str], int, str]] = [
    (["add", "company", "Acme", "--motivation", "9"], 1, "Motivation must be a whole number"),
    (["add", "company", "Acme", "--motivation", "high"], 2, "Invalid value"),
    (["add", "company", "Acme", "--posting", "0"], 1, "Posting must be a whole number"),
    (["add", "company", "Acme", "--status", "open"], 2, "Invalid value"),
    (["add", "company", "Acme", "--website", "http://"], 1, "is not a valid website"),
    (["add", "company", "Acme", "--tag", ""], 1, "A tag cannot be empty"),
    (["add", "company", ""], 1, "needs at least one letter or digit"),
    (["add", "company", "Globex"], 1, "already on your list as #2 Globex"),
    (["add", "contact", "", "--company", "Acme"], 1, "A contact name cannot be empty"),
    (["add", "contact", "X", "--email", "x@"], 1, "is not an email address"),
    (["add", "contact", "X", "--linkedin", "twitter.com/x"], 1, "is not a LinkedIn URL"),
    (["add", "contact", "X", "--how", "enemy"], 2, "Invalid value"),
    (["add", "contact", "X", "--referred-by", "Nobody Atall"], 1, "No contact named"),
    (["add", "contact", "X", "--company", "Nowhere"], 1, "is not on your company list"),
    (["show", "company", "#abc"], 1, "is not an id"),
    (["show", "company", "#0"], 1, "No company with id #0"),
    (["show", "contact", "jane"], 1, "matches 2 contacts"),
    (["edit", "contact", "sam", "--company", "Nowhere"], 1, "is not on your company list"),
    (["edit", "company", "acme", "--motivation", "-1"], 1, "Motivation must be"),
    (["remove", "contact", "jane"], 1, "matches 2 contacts"),
    (["remove", "company", "acme"], 1, "pass --cascade"),
    (["list", "companies", "--sort", "size"], 2, "Invalid value"),
    (["list", "contacts", "--company", "Nowhere"], 1, "No company named 'Nowhere'"),
    (["frobnicate"], 2, "No such command"),
    (["--db"], 2, "requires an argument"),
]


@pytest.mark.parametrize(("args", "code", "says"), BAD_INPUTS)
def test_bad_input_is_one_clear_error_and_changes_nothing(
    run: Run, run_json, sample: None, args: list[str], code: int, says: str
) -> None:
    before = run_json("db", "status")["rows"]
    result = run(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert says in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert run_json("db", "status")["rows"] == before


def test_cli_reference_is_current_plain_text() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "docs/cli.md"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, "docs/cli.md is stale: run `.venv/bin/cog -r docs/cli.md`"
    reference = (ROOT / "docs" / "cli.md").read_text()
    for path in command_paths():
        assert f"## `{' '.join(['netjob', *path])}`" in reference
    assert "Usage: netjob log outreach [OPTIONS] {CONTACT}" in reference
    drawn = [c for c in reference if "\u2500" <= c <= "\u257f"]  # box drawing
    assert drawn == []
    assert all(line == line.rstrip() for line in reference.splitlines())
    assert "\x1b" not in reference


def test_readme_is_short_and_links_the_reference() -> None:
    import tomllib

    readme = (ROOT / "README.md").read_text()
    assert len(readme.encode()) < 20_000  # it is also the package's long description
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["readme"] == "README.md"
    assert "[docs/cli.md](docs/cli.md)" in readme
    assert "<!-- [[[cog" not in readme
    for heading in (
        "## Quick start",
        "### Running `netjob` after that",
        "## A short tour",
        "## The daily list",
        "## Where your data lives",
        "## Performance",
        "## Reliability",
        "## Development",
    ):
        assert heading in readme, heading


def test_quality_gates_pass() -> None:
    """ruff (lint and format) and mypy are part of the test command."""
    ruff = [sys.executable, "-m", "ruff"]
    checks = [
        ([*ruff, "check", "src", "tests", "benchmarks"], "All checks passed"),
        ([*ruff, "format", "--check", "src", "tests", "benchmarks"], "already formatted"),
        ([sys.executable, "-m", "mypy", "src"], "Success: no issues found"),
    ]
    for command, expected in checks:
        out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        assert expected in out.stdout, out.stdout + out.stderr
        assert out.returncode == 0, out.stdout + out.stderr


def _readme_block_after(readme: str, heading: str) -> str:
    """The first ```sh block after ``heading``."""
    section = readme[readme.index(heading) :]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


@pytest.mark.slow
def test_the_readme_tour_runs_as_written(tmp_path: Path) -> None:
    """The tour, line by line, in a shell set up the way the README says after the
    quick start (`source .venv/bin/activate`, then a bare `netjob`), on a fresh
    database. Lines that need a file of yours are left out."""
    import shlex

    readme = (ROOT / "README.md").read_text()
    activate = _readme_block_after(readme, "### Running `netjob` after that").strip()
    assert activate == "source .venv/bin/activate"
    tour = readme[readme.index("## A short tour") : readme.index("## The daily list")]
    blocks = [b.split("```", 1)[0] for b in tour.split("```sh\n")[1:]]
    needs_a_file = ("~/", "message.txt", "Dana Kim", "snooze 4")
    # The quick start made .venv in the clone; here .venv is the venv running the tests.
    (tmp_path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = "/usr/bin:/bin"  # no netjob on it until the README's line runs
    on_server = "://" in env["NETJOB_DB"]
    ran = []
    for line in (line for block in blocks for line in block.splitlines()):
        command = line.split("  #")[0].strip()
        if not command.startswith("netjob ") or any(n in command for n in needs_a_file):
            continue
        result = subprocess.run(
            ["bash", "-c", f"{activate} && {command}"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        if shlex.split(command)[1:] == ["backup"] and on_server:
            assert "on PostgreSQL use pg_dump" in result.stderr  # a file copy is SQLite's
            continue
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert "Error" not in result.stderr, (command, result.stderr)
        ran.append(shlex.split(command)[1])
    assert len(ran) >= 25
    assert "undo" in ran
    assert (tmp_path / "netjob.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert (tmp_path / "review.md").read_text().startswith("# Job search: week")
    assert "# Prep: Jane Doe" in (tmp_path / "brief.md").read_text()


def test_without_activating_a_bare_netjob_is_not_found_as_the_readme_says(
    tmp_path: Path,
) -> None:
    """The reason the README says how to reach `netjob`: .venv/bin is not on PATH."""
    (tmp_path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    bare = subprocess.run(
        ["bash", "-c", "netjob --version"], cwd=tmp_path, env=env, text=True, capture_output=True
    )
    assert bare.returncode == 127
    by_path = subprocess.run(
        ["bash", "-c", ".venv/bin/netjob --version"],
        cwd=tmp_path,
        env=env,
        text=True,
        capture_output=True,
    )
    from netjob import __version__

    assert by_path.stdout.strip() == f"netjob {__version__}"


def test_db_path_masks_a_server_password(run: Run) -> None:
    shown = run("--db", "postgresql://me:hunter2@db.example/netjob", "db", "path", ok=True)
    assert shown.stdout.strip() == "postgresql://me:***@db.example/netjob"


def test_ci_runs_the_readme_test_command() -> None:
    """`.ci/run` runs the quick start's second line, word for word, on both backends."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    fenced = [block.strip() for block in readme.split("```sh")[1:3]]
    setup_and_test = fenced[1].split("```")[0].strip()
    assert setup_and_test.endswith("-m pytest -n auto"), setup_and_test
    assert setup_and_test in ci
    test_command = setup_and_test.rpartition("&& ")[2]
    assert f'NETJOB_TEST_POSTGRES="$url" {test_command}' in ci
