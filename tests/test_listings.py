"""Listings at a generated size: a page of the first rows with a line saying how many
more, ``--all`` streams every row in the same order as ``--json``; `next --json` draws
nothing with Rich."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from benchmarks import generate

from tests.conftest import Run

pytestmark = pytest.mark.sqlite_only  # a generated SQLite file: deselected on PostgreSQL

DAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 companies, 3,000 contacts and 15,000 entries."""
    path = tmp_path_factory.mktemp("listings") / "generated.db"
    generate.build(path, generate.Size(300, 3000, 15000, 0))
    return path


def test_next_json_does_not_import_rich(run: Run, generated: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, os; from netjob.cli import app\n"
        "try:\n    app(['next', '--json'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('rich')), file=sys.stderr)"
    )
    env = {"NETJOB_DB": str(generated), "NETJOB_TODAY": DAY.isoformat(), "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert len(json.loads(done.stdout)) == 10
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr


@pytest.mark.parametrize(("kind", "total"), [("contacts", 3000), ("companies", 300)])
def test_a_listing_shows_a_page_and_all_streams_every_row(
    run: Run, generated: Path, kind: str, total: int
) -> None:
    import os

    os.environ["NETJOB_DB"] = str(generated)
    everyone = json.loads(run("list", kind, "--json", ok=True).stdout)
    assert len(everyone) == total
    page = run("list", kind, ok=True)
    assert page.stderr.strip().splitlines()[-1] == f"{total - 50} more: --all to see them."
    if kind == "contacts":
        shown = [int(n) for n in re.findall(r"#(\d+)", page.stdout)]
        assert shown == [e["id"] for e in everyone[:50]]
    else:
        assert all(e["name"] in page.stdout for e in everyone[:50])
        assert not any(e["name"] in page.stdout for e in everyone[50:])
    streamed = run("list", kind, "--all", ok=True)
    lines = streamed.stdout.splitlines()
    assert len(lines) == total + 1 and "more:" not in streamed.stderr
    if kind == "contacts":
        assert lines[0].split() == ["Id", "Name", "Company", "Title", "How", "Tags"]
        assert [int(line.split()[0][1:]) for line in lines[1:]] == [e["id"] for e in everyone]
    else:
        assert lines[0].split()[:2] == ["Rank", "Company"]
        ranks = [line.split()[0] for line in lines[1:]]
        assert ranks == [str(e["lamp_rank"] or "-") for e in everyone]


def test_a_page_of_contacts_by_behaviour_counts_everyone(run: Run, generated: Path) -> None:
    import os
    from collections import Counter

    os.environ["NETJOB_DB"] = str(generated)
    os.environ["NETJOB_TODAY"] = DAY.isoformat()
    everyone = json.loads(run("list", "contacts", "--behaviour", "--json", ok=True).stdout)
    counts = Counter(k["behaviour"] for k in everyone)
    page = run("list", "contacts", "--behaviour", ok=True)
    names = ("booster", "obligate", "curmudgeon", "unknown")
    assert page.stderr.strip().splitlines()[-1] == ", ".join(f"{counts[n]} {n}" for n in names)
    shown = re.findall(r"#(\d+) .*?(booster|obligate|curmudgeon|unknown)", page.stdout)
    assert len(shown) == 50
    assert all(dict((str(k["id"]), k["behaviour"]) for k in everyone)[i] == b for i, b in shown)


def test_the_board_shows_fifteen_a_status_and_all_streams_the_rest(
    run: Run, generated: Path
) -> None:
    import os

    os.environ["NETJOB_DB"] = str(generated)
    os.environ["NETJOB_TODAY"] = DAY.isoformat()
    found = json.loads(run("pipeline", "--json", ok=True).stdout)
    counts = found["counts"]
    board = run("pipeline", ok=True)
    for status in ("active", "backlog", "closed"):
        assert f"{counts[status] - 15} more {status}: --all to see them." in board.stderr
    everything = run("pipeline", "--all", ok=True).stdout.splitlines()
    assert "more" not in run("pipeline", "--all", ok=True).stderr
    for status in ("active", "backlog", "closed"):
        title = everything.index(f"{status.capitalize()} ({counts[status]})")
        lines = everything[title + 2 : title + 2 + counts[status]]
        names = [r["name"] for r in found["companies"] if r["status"] == status]
        assert [n for n, line in zip(names, lines, strict=True) if n[:20] in line] == names
