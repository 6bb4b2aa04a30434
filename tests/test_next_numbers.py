"""Item numbers: one number per item however many `netjob next` run at once, and `next`
still answers on a database it cannot write."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from netjob.db.store import DETECT_TYPES, Store
from netjob.services.coach import daily

pytestmark = pytest.mark.sqlite_only

BIN = Path(sys.executable).parent / "netjob"


def netjob(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETJOB_DB": str(db), "NETJOB_TODAY": "2026-11-20"}
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env)


@pytest.mark.slow  # 4 processes x 6 writes
def test_four_next_at_once_after_each_write_agree_on_numbers(db_path: Path) -> None:
    assert netjob(db_path, "add", "company", "Acme", "--motivation", "3").returncode == 0
    env = {**os.environ, "NETJOB_DB": str(db_path), "NETJOB_TODAY": "2026-11-20"}
    runs = 0
    for n in range(6):
        name = f"Person {n}"
        added = netjob(db_path, "add", "contact", name, "--company", "Acme")
        assert added.returncode == 0, added.stderr
        assert netjob(db_path, "log", "outreach", name, "--on", "2026-11-02").returncode == 0
        procs = [
            subprocess.Popen(
                [str(BIN), "next", "--all", "--json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(4)
        ]
        results = [p.communicate(timeout=120) for p in procs]
        assert [err for _, err in results] == [""] * 4
        lists = [{i["id"]: i["action"] for i in json.loads(out)} for out, _ in results]
        assert all(found == lists[0] for found in lists), lists  # the same numbers everywhere
        assert f"Follow up once with {name}, on the same thread" in lists[0].values()
        runs += len(results)
    assert runs == 24
    conn = sqlite3.connect(db_path)
    keys = conn.execute("SELECT COUNT(*), COUNT(DISTINCT key) FROM next_item").fetchone()
    conn.close()
    assert keys[0] == keys[1] and keys[0] > 6


def test_next_answers_on_a_read_only_database(db_path: Path) -> None:
    assert netjob(db_path, "add", "company", "Acme", "--motivation", "3").returncode == 0
    assert netjob(db_path, "add", "contact", "Ann Lee", "--company", "Acme").returncode == 0
    assert netjob(db_path, "log", "outreach", "Ann Lee", "--on", "2026-11-02").returncode == 0
    conn = sqlite3.connect(
        f"file:{db_path}?mode=ro", uri=True, isolation_level=None, detect_types=DETECT_TYPES
    )
    conn.row_factory = sqlite3.Row
    found = daily.daily_list(
        Store(conn, db_path), on=date(2026, 11, 20), today=date(2026, 11, 20), limit=None
    )
    conn.close()
    shown = [(i["id"], i["action"]) for i in found.items]
    assert (None, "Follow up once with Ann Lee, on the same thread") in shown  # new: no number
    assert netjob(db_path, "next").returncode == 0  # writable again: numbers are given
    again = json.loads(netjob(db_path, "next", "--all", "--json").stdout)
    assert all(isinstance(i["id"], int) for i in again)
