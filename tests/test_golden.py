"""The views that read where everyone stands print what they printed when netjob kept
stored copies of the log (issue 21): `next --all --json`, `pipeline --json`, `funnel
--json`, `week --json`, `show contact/company --json` and the calendar, on the demo
database and on a generated heavy one (benchmarks/generate.py), lived through several
days: each day the views are read, then the first items are acted on (their own
commands run, one dismissed, one snoozed) and the clock moves on.

The expected outputs in ``tests/fixtures/golden`` were written by netjob at schema 0014,
before the views were worked out on read; ``NETJOB_WRITE_GOLDEN=1`` writes them again
from the code under test.
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

import pytest

from tests.conftest import Run

FIXTURES = Path(__file__).parent / "fixtures" / "golden"
VIEWS = {
    "next": ("next", "--all", "--json"),
    "pipeline": ("pipeline", "--json"),
    "funnel": ("funnel", "--json"),
    "week": ("week", "--json"),
}
# The days lived, each with what is read on it besides VIEWS.
Days = dict[str, dict[str, tuple[str, ...]]]
HEAVY_DAYS: Days = {
    "2026-11-20": {"contact-13": ("show", "contact", "#13", "--json")},
    "2026-11-23": {
        "replay-11-13": ("next", "--on", "2026-11-13", "--all", "--json"),
        "company-20": ("show", "company", "#20", "--json"),
    },
    "2026-11-25": {"contact-13": ("show", "contact", "#13", "--json")},
}
DEMO_DAYS: Days = {
    "2026-11-20": {"calendar": ("export", "ics")},
    "2026-11-24": {
        "replay-11-18": ("next", "--on", "2026-11-18", "--all", "--json"),
        "calendar": ("export", "ics"),
    },
    "2026-11-27": {},
}


def _check(folder: str, name: str, found: str) -> None:
    expected = FIXTURES / folder / f"{name}.json"
    if os.environ.get("NETJOB_WRITE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(found, encoding="utf-8")
    assert found == expected.read_text(encoding="utf-8"), f"{folder}/{name} differs"


def _act(run: Run, items: list[dict[str, object]], until: str) -> list[str]:
    """Do what the first items ask: run the first two commands that log something, dismiss
    the next item, snooze the one after; returns the command lines run."""
    done: list[str] = []
    logged = 0
    for item in items:
        command = str(item["command"])
        if logged < 2 and command.startswith(("netjob log ", "netjob edit company ")):
            args = shlex.split(command)[1:]
            run(*args, ok=True)
            done.append(command)
            logged += 1
        elif len(done) == logged and logged == 2:
            run("dismiss", str(item["id"]), ok=True)
            done.append(f"dismiss {item['id']}")
        elif len(done) == 3:
            run("snooze", str(item["id"]), "--until", until, ok=True)
            done.append(f"snooze {item['id']}")
            break
    return done


def _live(run: Run, monkeypatch: pytest.MonkeyPatch, folder: str, days: Days) -> None:
    lived = list(days)
    for n, day in enumerate(lived):
        monkeypatch.setenv("NETJOB_TODAY", day)
        outputs = {**{name: run(*args, ok=True).stdout for name, args in VIEWS.items()}}
        outputs.update({name: run(*args, ok=True).stdout for name, args in days[day].items()})
        for name, found in outputs.items():
            _check(folder, f"{day}-{name}", found)
        if n + 1 < len(lived):
            acted = _act(run, json.loads(outputs["next"]), lived[n + 1])
            _check(folder, f"{day}-acted", json.dumps(acted, indent=1) + "\n")


@pytest.mark.sqlite_only  # the demo writes its own SQLite file
def test_the_demo_search_reads_as_before(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    demo = tmp_path / "demo.db"
    run("demo", "--path", str(demo), ok=True)
    monkeypatch.setenv("NETJOB_DB", str(demo))
    _live(run, monkeypatch, "demo", DEMO_DAYS)


def test_a_heavy_search_reads_as_before(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks import generate

    heavy = generate.SIZES["heavy"]
    generate.build(os.environ["NETJOB_DB"], heavy, connections=False, fresh=False)
    _live(run, monkeypatch, "heavy", HEAVY_DAYS)
