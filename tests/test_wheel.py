"""The wheel holds everything netjob needs: built from the source tree, installed into a
fresh environment that cannot see the tree, it makes a demo database and shows `next`
(so a file missing from the package data, such as ``db/schema.sql``, a migration or a
template, fails here)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]  # builds and installs: a minute


def test_the_wheel_installs_and_runs_without_the_source_tree(tmp_path: Path) -> None:
    built = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(built), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    wheel = next(built.glob("netjob-*.whl"))
    inside = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "netjob/db/schema.sql",
        "netjob/db/migrations/script.py.mako",
        "netjob/db/migrations/versions/0015_one_truth.py",
        "netjob/templates/outreach.txt",
        "netjob/py.typed",
    ):
        assert needed in inside, needed
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    subprocess.run(
        [str(env_dir / "bin" / "pip"), "install", "-q", str(wheel)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(elsewhere),
        "NETJOB_DB": str(elsewhere / "own.db"),
        "NETJOB_TODAY": "2026-11-20",
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    netjob = str(env_dir / "bin" / "netjob")
    where = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c", "import netjob; print(netjob.__file__)"],
        capture_output=True, text=True, env=env, cwd=elsewhere, check=True,
    )  # fmt: skip
    assert str(env_dir) in where.stdout and str(ROOT) not in where.stdout
    demo = subprocess.run(
        [netjob, "demo", "--path", str(elsewhere / "demo.db")],
        capture_output=True, text=True, env=env, cwd=elsewhere,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    assert "Send Priya Raman a thank-you note" in demo.stdout
    shown = subprocess.run(
        [netjob, "--db", str(elsewhere / "demo.db"), "next", "--json"],
        capture_output=True, text=True, env=env, cwd=elsewhere,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert '"rule": "thanks"' in shown.stdout
    empty = subprocess.run([netjob, "next"], capture_output=True, text=True, env=env, cwd=elsewhere)
    assert empty.returncode == 0, empty.stderr
    assert "Add 40 more target employers" in empty.stdout
