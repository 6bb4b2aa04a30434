"""Files are replaced, never rewritten in place: a writer killed half-way leaves a hidden
temporary file beside the target, and the next write to that target removes it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from netjob.db.files import replacing, write_private
from tests.conftest import Run, error_line


def crashed_temp(target: Path, name: str = "k3x_9q2a", *, age: float = 60) -> Path:
    """The temporary file a writer killed at ``target`` leaves (no process holds it)."""
    temp = target.with_name(f".{target.name}.{name}.tmp")
    temp.write_text("half an export")
    past = time.time() - age
    os.utime(temp, (past, past))
    return temp


def test_the_next_write_removes_what_a_killed_writer_left(tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"  # a folder of its own (the test database is beside)
    tmp_path.mkdir()
    target = tmp_path / "netjob-export.json"
    stale = crashed_temp(target)
    sidecar = stale.with_name(stale.name + "-journal")  # a backup's SQLite journal
    sidecar.write_text("x")
    others = [
        crashed_temp(tmp_path / "other.json"),  # another target's: not this write's business
        tmp_path / ".netjob-export.json.notes.txt",  # not the pattern netjob writes
        tmp_path / ".netjob-export.json.toolong99.tmp",
    ]
    others[1].write_text("mine")
    others[2].write_text("mine")
    write_private(target, "{}")
    assert target.read_text() == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["netjob-export.json", *(p.name for p in others)]
    )


def test_a_temporary_file_in_use_is_left_alone(tmp_path: Path) -> None:
    """Two netjobs writing the same target: the second does not remove the first's file."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "calendar.ics"
    with replacing(target) as first:
        first.write_text("the first writer, still writing")
        past = time.time() - 60
        os.utime(first, (past, past))
        write_private(target, "the second writer")
        assert first.read_text() == "the first writer, still writing"
    assert target.read_text() == "the first writer, still writing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calendar.ics"]


def test_a_fresh_temporary_file_is_left_alone(tmp_path: Path) -> None:
    """A file made a moment ago may belong to a writer that has not locked it yet."""
    target = tmp_path / "out.csv"
    fresh = crashed_temp(target, age=0)
    write_private(target, "a,b\n")
    assert fresh.exists()


def test_export_from_the_command_line_cleans_up(run: Run, sample: None, tmp_path: Path) -> None:
    target = tmp_path / "netjob.ics"
    stale = crashed_temp(target)
    run("export", "ics", "-o", str(target), ok=True)
    assert target.read_text().startswith("BEGIN:VCALENDAR")
    assert not stale.exists()


@pytest.mark.parametrize("name", ["a[1].json", "weird*name?.csv"])
def test_names_with_glob_characters(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    stale = crashed_temp(target)
    unrelated = crashed_temp(tmp_path / "a1.json")
    write_private(target, "x")
    assert not stale.exists() and unrelated.exists()


@pytest.mark.slow  # starts a process
def test_a_writer_killed_mid_write_is_cleaned_up_after(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "export.json"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from netjob.db.files import replacing\n"
            "with replacing(Path(sys.argv[1])) as temp:\n"
            "    temp.write_text('half'); print(temp, flush=True); time.sleep(60)\n",
            str(target),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    temp = Path(child.stdout.readline().strip())
    past = time.time() - 60
    os.utime(temp, (past, past))
    write_private(target, "while it writes")
    assert temp.exists()  # held by a live writer
    child.send_signal(signal.SIGKILL)
    child.wait()
    write_private(target, "after it died")
    assert sorted(p.name for p in folder.iterdir()) == ["export.json"]
    assert target.read_text() == "after it died"


def test_output_dash_means_stdout_everywhere(
    run: Run, sample: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run("log", "chat", "Jane Doe", "--at", "tue 14:00", ok=True)
    ics = run("export", "ics", "-o", "-", ok=True)
    assert ics.stdout.startswith("BEGIN:VCALENDAR") and "Wrote" not in ics.stderr
    assert run("export", "vcard", "-o", "-", ok=True).stdout.startswith("BEGIN:VCARD")
    assert run("week", "--markdown", "-o", "-", ok=True).stdout.startswith("# ")
    assert run("draft", "Jane Roe", "-o", "-", ok=True).stdout.startswith("Hi Jane,\n")
    assert "Jane Doe" in run("prep", "Jane Doe", "-o", "-", ok=True).stdout
    assert run("export", "csv", "--what", "log", "-o", "-", ok=True).stdout.startswith("id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no file named "-"


WRITERS = [
    ("export", "csv", "--what", "log", "-o"),
    ("export", "json", "-o"),
    ("export", "vcard", "-o"),
    ("export", "ics", "-o"),
    ("week", "--markdown", "-o"),
    ("draft", "Jane Roe", "-o"),
    ("prep", "Jane Doe", "-o"),
    ("backup",),
]


@pytest.mark.sqlite_only  # the database is a file here
def test_no_command_writes_over_the_database_or_its_backups(
    run: Run, sample: None, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("backup", ok=True)
    [kept] = [p for p in db_path.parent.iterdir() if "-backup-" in p.name]
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    monkeypatch.chdir(db_path.parent.parent)
    relative = Path("data") / ".." / "data" / db_path.name
    targets = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), link, relative, kept]
    backup = kept.read_bytes()
    for writer in WRITERS:
        for target in targets:
            result = run(*writer, str(target))
            line = error_line(result)
            assert result.exit_code == 1, (writer, target)
            assert line.startswith(f"Error: {target} is ") and "choose another file name" in (
                line.casefold()
            ), line
    assert kept.read_bytes() == backup  # the live file changes as SQLite checkpoints
    assert db_path.read_bytes().startswith(b"SQLite format 3\x00")
    assert [k["name"] for k in json.loads(run("list", "contacts", "--json").stdout)] == [
        "Bob Stone",
        "Jane Doe",
        "Jane Roe",
        "Sam Lee",
    ]
