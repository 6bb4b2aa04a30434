"""Shell completion from the database, through Typer's own completion protocol
(`_NETJOB_COMPLETE=complete_bash` with `COMP_WORDS` / `COMP_CWORD`, as the script
`netjob --install-completion` installs sets them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from netjob.cli import app
from tests.conftest import Run

BIN = Path(sys.executable).parent


def complete(line: str, shell: str = "bash") -> list[str]:
    """What TAB offers at the end of ``line`` (a trailing space: a new word)."""
    words = line.split(" ")
    if shell == "bash":
        env = {
            "_NETJOB_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        }
    else:
        env = {"_NETJOB_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    result = CliRunner().invoke(app, [], prog_name="netjob", env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


def test_contacts_complete_from_the_database_ignoring_case_and_accents(
    run: Run, sample: None
) -> None:
    run("add", "contact", "Jürgen Groß", ok=True)
    assert complete("netjob log outreach Ja") == ["Jane\\ Doe", "Jane\\ Roe"]
    assert complete("netjob log outreach ju") == ["Jürgen\\ Groß"]
    assert complete("netjob show contact sam") == ["Sam\\ Lee"]
    assert complete("netjob log outreach zz") == []
    assert complete("netjob add contact X --referred-by bo") == ["Bob\\ Stone"]
    assert complete("netjob log outreach ") == [
        "Bob\\ Stone",
        "Jane\\ Doe",
        "Jane\\ Roe",
        "Jürgen\\ Groß",
        "Sam\\ Lee",
    ]


def test_companies_complete_for_arguments_and_company_options(run: Run, sample: None) -> None:
    assert complete("netjob show company gl") == ["Globex"]
    assert complete("netjob add contact X --company in") == ["Initech"]
    assert complete("netjob list contacts --company ") == ["Acme\\ Inc.", "Globex", "Initech"]
    assert complete("netjob log stage AC") == ["Acme\\ Inc."]
    # TARGET is a contact, or a company once --company is on the line.
    assert complete("netjob log note j") == ["Jane\\ Doe", "Jane\\ Roe"]
    assert complete("netjob log note --company g") == ["Globex"]
    assert complete("netjob remind --company i") == ["Initech"]


def test_zsh_gets_the_plain_names(run: Run, sample: None) -> None:
    offered = "\n".join(complete("netjob log outreach jane", shell="zsh"))
    assert '"Jane Doe"' in offered and '"Jane Roe"' in offered
    assert "Sam" not in offered


def test_item_and_advice_ids_complete(run: Run, run_json, sample: None) -> None:
    items = run_json("next", "--all")
    ids = sorted(str(item["id"]) for item in items)
    assert ids and complete("netjob done ") == ids
    run("dismiss", ids[0], ok=True)
    assert ids[0] not in complete("netjob snooze ")
    run("log", "chat", "Jane Doe", "--on", "yesterday", "--advice", "learn dbt", ok=True)
    advice = [e for e in run_json("timeline", "Jane Doe")["entries"] if e["kind"] == "chat"]
    assert advice, "the chat was logged"
    offered = complete("netjob advice done ")
    assert len(offered) == 1 and offered[0].isdigit()
    run("advice", "done", offered[0], ok=True)
    assert complete("netjob advice done ") == []


def test_completion_never_creates_a_database_or_prints_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    assert complete(f"netjob --db {missing} log outreach J") == []
    assert not missing.exists()
    assert complete(f"netjob --db {tmp_path}/no/such/folder.db show company a") == []


def test_a_completion_is_one_light_process(run: Run, sample: None, tmp_path: Path) -> None:
    """The installed entry point answers without importing the ORM or Rich."""
    code = (
        "import sys\n"
        "from netjob.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'sqlalchemy', 'sqlmodel', 'alembic', 'rich', 'rapidfuzz'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy), file=sys.stderr)\n"
    )
    env = {
        **os.environ,
        "_NETJOB_COMPLETE": "complete_bash",
        "COMP_WORDS": "netjob log outreach ja",
        "COMP_CWORD": "3",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert out.stdout.splitlines() == ["Jane\\ Doe", "Jane\\ Roe"]
    assert out.stderr.strip() == "[]"
    script = subprocess.run(
        [str(BIN / "netjob"), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        # The shell named, not detected from the process tree (which may hold no shell).
        env={
            **os.environ,
            "_NETJOB_COMPLETE": "",
            "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        },
    )
    assert "_NETJOB_COMPLETE=complete_bash $1" in script.stdout  # what the test above sets
    assert "complete -o default -F _netjob_completion netjob" in script.stdout


def test_connections_and_criteria_complete(run: Run, tmp_path: Path) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dana,Kim,https://www.linkedin.com/in/dana,,Globex,PM,01 Feb 2023\n"
        "Dário,Ñeto,https://www.linkedin.com/in/dario,,Globex,PM,01 Feb 2023\n",
        encoding="utf-8",
    )
    run("import", "linkedin", str(export), ok=True)
    assert complete("netjob promote da") == ["Dana\\ Kim", "Dário\\ Ñeto"]
    assert complete("netjob criteria weight cul") == ["culture"]
    assert complete("netjob criteria remove w") == ["work-life\\ balance"]
