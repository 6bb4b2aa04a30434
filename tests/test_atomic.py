"""Files are replaced, never rewritten in place; schema changes are one unit.

The crash tests kill a forked copy of the test process at every *kill point* of
an operation: before each SQL statement any connection starts (SQLite's trace
callback: every DDL statement, every INSERT, every COMMIT) and before each
``os.fsync`` / ``os.replace`` netjob calls. The child dies with ``os._exit``, so
no rollback, ``finally`` or close runs, as with ``kill -9``. Then the database is
opened again, as the next command would, and every row must be there.
"""

from __future__ import annotations

import gc
import os
import re
import sqlite3
import stat
import struct
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from netjob.db import files, migrate, schema
from netjob.db.open import open_store
from netjob.services.timeline import company_history
from tests.conftest import Run, error_line
from tests.dbutil import rows
from tests.test_migrations import FIRST_REVISION_ROWS, _dump, _fill

pytestmark = pytest.mark.sqlite_only  # looks inside the SQLite file

KILLED = 77
BIN = Path(sys.executable).parent / "netjob"


def _arm(kill_at: int, every_statement: bool) -> None:
    """In the child: count kill points; die at the ``kill_at``-th.

    Kill points are every ``os.fsync`` and ``os.replace``, and either every SQL statement
    or only the statements where SQLite syncs: a COMMIT, and any statement run outside a
    transaction (it is its own transaction, as each DDL statement was before)."""
    seen = 0

    def tick(*_: object) -> None:
        nonlocal seen
        seen += 1
        if seen == kill_at:
            os._exit(KILLED)

    connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)  # type: ignore[arg-type]

        def statement(sql: str) -> None:
            if every_statement or not conn.in_transaction or sql.upper().startswith("COMMIT"):
                tick()

        conn.set_trace_callback(statement)
        return conn

    sqlite3.connect = sqlite3.dbapi2.connect = traced  # type: ignore[assignment]
    for name in ("fsync", "replace"):
        real = getattr(os, name)

        def hooked(*args: object, _real: Callable[..., object] = real) -> object:
            tick()
            return _real(*args)

        setattr(os, name, hooked)


def crash_at(kill_at: int, action: Callable[[], object], *, every_statement: bool = True) -> bool:
    """Run ``action`` in a forked child killed at its ``kill_at``-th kill point.
    True when the action finished first (there are fewer points than that)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            _arm(kill_at, every_statement)
            action()
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code in {0, KILLED}, f"the action failed (exit {code}) before kill point {kill_at}"
    return code == 0


def revision(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            assert tables <= {"sqlite_sequence"}, tables  # nothing half-made
            return None
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def first_revision_db(path: Path) -> None:
    path.touch(mode=0o600)
    migrate.upgrade(path, None, target=schema.REVISIONS[0])
    _fill(path, FIRST_REVISION_ROWS)


def assert_first_rows(path: Path) -> None:
    for table, items in FIRST_REVISION_ROWS.items():
        assert _dump(path, table, list(items[0])) == items, (path, table)


# ---------------------------------------------------------------- schema upgrades


@pytest.mark.slow  # forks or starts processes
def test_an_upgrade_killed_at_any_point_leaves_the_old_file_or_the_new_one(
    tmp_path: Path,
) -> None:
    template = tmp_path / "template.db"
    first_revision_db(template)
    original = template.read_bytes()
    points = 0
    while True:
        folder = tmp_path / f"kill-{points + 1}"
        folder.mkdir()
        db = folder / "netjob.db"
        db.write_bytes(original)
        db.chmod(0o600)
        finished = crash_at(points + 1, lambda db=db: open_store(db).close(), every_statement=False)
        found = revision(db)
        assert found in {schema.REVISIONS[0], schema.HEAD}, (points + 1, found)
        assert integrity(db) == "ok"
        assert_first_rows(db)  # whichever it is, every row is there
        first_copy = migrate.backup_path(db, schema.REVISIONS[0])
        if first_copy.exists():  # a copy, once renamed into place, is whole
            assert revision(first_copy) == schema.REVISIONS[0]
            assert_first_rows(first_copy)
        store = open_store(db)  # the next command: upgrades (again) and works
        assert store.value("SELECT version_num FROM alembic_version") == schema.HEAD
        assert [r["name"] for r in store.rows("SELECT name FROM criterion ORDER BY id")] == [
            "mission", "culture", "work-life balance", "growth", "team",
        ]  # fmt: skip
        history = [h["stage"] for h in company_history(store, 1)]  # worked out on read
        store.close()
        assert history == ["backlog", "active"]
        assert_first_rows(db)
        copies = sorted(folder.glob("netjob.db.bak-*"))
        assert copies, "no copy taken before upgrading"
        for copy in copies:  # the first copy is never overwritten; a retry takes another
            assert revision(copy) == schema.REVISIONS[0]
            assert_first_rows(copy)
        assert not list(folder.glob(".*.tmp*"))  # the next open removed a crashed copy's
        if finished:
            break
        points += 1
    print(f"upgrade 0001 -> {schema.HEAD}: {points} kill points")
    assert points > 10  # the copy, the commit, switching to WAL


@pytest.mark.slow  # forks or starts processes
def test_a_first_creation_killed_at_any_point_leaves_an_empty_file_or_a_whole_one(
    tmp_path: Path,
) -> None:
    points = 0
    while True:
        db = tmp_path / f"kill-{points + 1}" / "netjob.db"
        finished = crash_at(points + 1, lambda db=db: open_store(db).close())
        if db.exists():
            assert revision(db) in {None, schema.HEAD}
            assert integrity(db) == "ok"
        store = open_store(db)  # the next command creates it (again) and works
        store.execute("INSERT INTO setting (key, value) VALUES ('k', 'v')")
        assert store.value("SELECT COUNT(*) FROM criterion") == 5
        store.close()
        assert revision(db) == schema.HEAD
        if finished:
            break
        points += 1
    print(f"first creation: {points} kill points")
    assert points > 40


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration that fails half-way (here: the last table the last migration makes)
    rolls back every table it created: the file opens again at its old revision."""
    from alembic import op

    db = tmp_path / "netjob.db"
    first_revision_db(db)
    made = op.create_table

    def broken(name: str, *args: object, **kwargs: object) -> object:
        if name == "contact_summary":
            raise RuntimeError("boom")
        return made(name, *args, **kwargs)

    monkeypatch.setattr(op, "create_table", broken)
    with pytest.raises(RuntimeError, match="boom"):
        open_store(db)
    assert revision(db) == schema.REVISIONS[0]
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "criterion" not in tables and "interaction" not in tables  # made by 0002
    monkeypatch.undo()
    open_store(db).close()
    assert revision(db) == schema.HEAD
    assert_first_rows(db)


# ---------------------------------------------------------------- a new database, fast


def _normal(sql: str | None) -> str | None:
    """Alembic's batch mode writes a table's foreign keys in a random order: sort them."""
    return None if sql is None else migrate.sorted_foreign_keys(sql)


def _everything(path: Path) -> tuple[object, ...]:
    conn = sqlite3.connect(path)
    try:
        master = [
            (kind, name, table, _normal(sql))
            for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
            )
        ]
        tables = [r[1] for r in master if r[0] == "table"]
        contents = {
            t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
        }
        pragmas = {
            p: conn.execute(f"PRAGMA {p}").fetchone()[0]
            for p in ("user_version", "application_id", "auto_vacuum", "encoding")
        }
        return master, contents, pragmas
    finally:
        conn.close()


def test_a_new_database_equals_a_migrated_one(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.db"
    migrated.touch()
    migrate.upgrade(migrated, None)  # every Alembic migration, from nothing
    created = tmp_path / "created.db"
    open_store(created).close()  # schema.sql
    master, contents, pragmas = _everything(created)
    assert (master, contents, pragmas) == _everything(migrated)
    assert contents["alembic_version"] == [(schema.HEAD,)]
    assert [row[1] for row in contents["criterion"]] == [  # type: ignore[index]
        "mission", "culture", "work-life balance", "growth", "team",
    ]  # fmt: skip

    # schema.sql is what the migrations produce today.
    assert migrate.SCHEMA_SQL.read_text(encoding="utf-8") == migrate.schema_script(migrated), (
        "schema.sql is stale: run python -m netjob.db.migrate"
    )


def test_a_lagging_schema_script_still_ends_at_the_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If schema.sql ever lags a new migration, a new database is still made whole."""
    older = tmp_path / "older.db"
    older.touch()
    migrate.upgrade(older, None, target=schema.REVISIONS[-2])
    script = tmp_path / "older.sql"
    script.write_text(migrate.schema_script(older))
    monkeypatch.setattr("netjob.db.schema.SCHEMA_SQL", script)
    db = tmp_path / "new" / "netjob.db"
    open_store(db).close()
    assert revision(db) == schema.HEAD
    made = tmp_path / "made.db"
    made.touch()
    migrate.upgrade(made, None)
    assert _everything(db) == _everything(made)
    assert sorted(p.name for p in db.parent.iterdir()) == ["netjob.db", "netjob.db.lock"]


@pytest.mark.slow  # forks or starts processes
def test_a_new_database_is_made_without_alembic(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    code = (
        "import sys; from pathlib import Path; from netjob.db.open import open_store\n"
        f"open_store(Path({str(db)!r})).close()\n"
        "print(sorted(m for m in ('alembic', 'sqlalchemy', 'sqlmodel') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
    assert revision(db) == schema.HEAD


@pytest.mark.slow  # forks or starts processes
def test_the_lock_does_not_need_fcntl(tmp_path: Path) -> None:
    """Windows has no fcntl: the lock comes from filelock, which uses LockFileEx there.
    Here fcntl is made unimportable and a new database is still created."""
    db = tmp_path / "new.db"
    code = (
        "import sys; sys.modules['fcntl'] = None\n"
        "from pathlib import Path; from netjob.db.open import open_store\n"
        f"open_store(Path({str(db)!r})).close(); print('made')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "made", done.stderr
    assert revision(db) == schema.HEAD


# ---------------------------------------------------------------- files written whole


@pytest.mark.slow  # forks or starts processes
def test_exports_are_replaced_whole_at_any_kill_point(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b"the old export\n")
    new = b"the new export\n" * 1000
    points = 0
    while True:
        finished = crash_at(points + 1, lambda: files.write_private(target, new))
        assert target.read_bytes() in {b"the old export\n", new}
        if finished:
            assert target.read_bytes() == new
            break
        points += 1
        if points < 3:
            assert target.read_bytes() == b"the old export\n"
    assert points == 3  # before the file's fsync, the rename, the folder's fsync
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.slow  # forks or starts processes
def test_restore_killed_at_any_point_leaves_a_whole_database(
    run: Run, sample: None, tmp_path: Path, db_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    run("backup", str(copy), ok=True)
    run("add", "company", "Hooli", ok=True)
    original = {f: (db_path.parent / f).read_bytes() for f in os.listdir(db_path.parent)}
    from netjob.services import backup

    points = 0
    while True:
        for leftover in db_path.parent.iterdir():
            leftover.unlink()
        for name, data in original.items():
            (db_path.parent / name).write_bytes(data)
        finished = crash_at(
            points + 1,
            lambda: backup.restore(db_path, source=copy, now=datetime(2026, 11, 20, 9, 0)),
        )
        names = sorted(r[0] for r in sqlite3.connect(db_path).execute("SELECT name FROM company"))
        assert names in (
            ["Acme Inc.", "Globex", "Hooli", "Initech"],  # the old one, whole
            ["Acme Inc.", "Globex", "Initech"],  # the restored one
        ), points + 1
        assert integrity(db_path) == "ok"
        if finished:
            assert names == ["Acme Inc.", "Globex", "Initech"]
            break
        points += 1
    print(f"restore: {points} kill points")
    assert points > 5


@pytest.mark.slow  # forks or starts processes
def test_a_full_disk_leaves_the_old_export(run: Run, sample: None, tmp_path: Path) -> None:
    import resource

    db = Path(os.environ["NETJOB_DB"])
    conn = sqlite3.connect(db)
    conn.executemany(
        "INSERT INTO company (name, name_key, motivation, advocacy, status, note, created_on, "
        "updated_on) VALUES (?, ?, 0, 0, 'backlog', ?, '2026-11-20', '2026-11-20')",
        [(f"Co {n}", f"co {n}", "n" * 200) for n in range(400)],
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    target = tmp_path / "export.json"
    target.write_text("the old export\n")
    target.chmod(0o600)

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))

    result = subprocess.run(
        [str(BIN), "export", "json", "-o", str(target)],
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: Cannot write {target}: File too large; it was left as it was."
    )
    assert target.read_text() == "the old export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    "args",
    [
        ("export", "json", "-o"),
        ("export", "csv", "--what", "log", "-o"),
        ("export", "vcard", "-o"),
        ("export", "ics", "-o"),
        ("week", "--markdown", "-o"),
        ("backup",),
    ],
)
def test_a_symlink_at_the_target_is_refused(
    run: Run, sample: None, tmp_path: Path, args: tuple[str, ...]
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("someone else's file\n")
    precious.chmod(0o644)
    link = tmp_path / "out"
    link.symlink_to(precious)
    assert error_line(run(*args, str(link))) == (
        f"Error: {link} is a symbolic link; netjob does not write through links. "
        "Give the real path, or remove the link."
    )
    assert precious.read_text() == "someone else's file\n"
    assert stat.S_IMODE(precious.stat().st_mode) == 0o644
    assert link.is_symlink()


def test_restore_refuses_a_symlinked_database(
    run: Run, sample: None, tmp_path: Path, db_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    run("backup", str(copy), ok=True)
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    result = run("--db", str(link), "restore", str(copy), "--yes")
    assert error_line(result) == (
        f"Error: {link} is a symbolic link; netjob does not write through links. "
        "Give the real path, or remove the link."
    )
    assert link.is_symlink()


def test_restore_while_another_netjob_has_the_database_open_changes_nothing(
    run: Run, sample: None, tmp_path: Path, db_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    run("backup", str(copy), ok=True)
    run("add", "company", "Hooli", ok=True)
    other = open_store(db_path)  # another terminal, mid-command
    assert other.value("SELECT COUNT(*) FROM company") == 4
    result = run("restore", str(copy), "--yes")
    assert error_line(result) == (
        f"Error: {db_path} is in use by another netjob; close it and restore again "
        "(nothing changed)."
    )
    assert other.value("SELECT COUNT(*) FROM company") == 4
    other.close()
    assert rows(db_path, "SELECT COUNT(*) FROM company") == [(4,)]
    assert sorted(p.name for p in db_path.parent.iterdir() if "netjob.db" in p.name) == [
        "netjob.db"
    ]  # no copy set aside, no temporary file


def test_restore_leaves_no_stale_write_ahead_log(
    run: Run, run_json, sample: None, tmp_path: Path, db_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    run("backup", str(copy), ok=True)
    run("add", "company", "Hooli", ok=True)
    run("restore", str(copy), "--yes", ok=True)
    assert sorted(c["name"] for c in run_json("list", "companies")) == [
        "Acme Inc.", "Globex", "Initech",
    ]  # fmt: skip
    assert integrity(db_path) == "ok"
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert not list(db_path.parent.glob(".*.tmp"))


# ---------------------------------------------------------------- damage and modes


def damage(db: Path) -> None:
    """Make free pages, then give the header a wrong free-page count: every query still
    works, SQLite's quick_check reports it."""
    gc.collect()  # the in-process commands' connections
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE filler (x TEXT)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 100)
    conn.commit()
    conn.execute("DROP TABLE filler")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(db.read_bytes())
    count = struct.unpack(">I", data[36:40])[0]
    assert count > 0
    data[36:40] = struct.pack(">I", count + 7)
    db.write_bytes(bytes(data))


def test_db_status_and_backup_run_quick_check(
    run: Run, run_json, sample: None, tmp_path: Path, db_path: Path
) -> None:
    assert run_json("db", "status")["quick_check"] == "ok"
    assert "Quick check        ok" in run("db", "status", ok=True).stdout
    good = run("backup", str(tmp_path / "good.db"), ok=True)
    assert "SQLite's quick_check found the database sound." in good.stderr
    damage(db_path)
    found = run_json("db", "status")["quick_check"]
    assert re.fullmatch(r"Main freelist: size is \d+ but should be \d+", found), found
    assert f"Quick check        DAMAGED: {found}" in run("db", "status", ok=True).stdout
    target = tmp_path / "bad.db"
    assert error_line(run("backup", str(target))) == (
        f"Error: {db_path} fails SQLite's quick_check ({found}); a backup would copy the "
        "damage. Keep your older backups; pass --force to copy it anyway."
    )
    assert not target.exists()
    forced = run("backup", str(target), "--force", ok=True)
    assert f"Backed up to {target}." in forced.stderr
    assert f"It holds the damage SQLite's quick_check found: {found}." in forced.stderr
    assert target.exists()


def test_a_read_only_database_leaves_writable_sidecars(
    run: Run, sample: None, db_path: Path
) -> None:
    gc.collect()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = DELETE")  # no -wal, no -shm
    conn.close()
    db_path.chmod(0o400)
    store = open_store(db_path)  # SQLite makes -wal and -shm with the file's mode, 0400
    assert store.value("SELECT COUNT(*) FROM company") == 3
    for suffix in ("-wal", "-shm"):
        extra = db_path.with_name(db_path.name + suffix)
        assert stat.S_IMODE(extra.stat().st_mode) == 0o600, extra
    store.close()
    db_path.chmod(0o600)  # giving write permission back is enough
    run("add", "company", "Hooli", ok=True)
    assert rows(db_path, "SELECT COUNT(*) FROM company") == [(4,)]


def test_sidecars_left_read_only_are_repaired(sample: None, db_path: Path) -> None:
    holder = open_store(db_path)  # keeps -wal and -shm in place
    holder.execute("INSERT INTO setting (key, value) VALUES ('k', 'v')")
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).chmod(0o400)  # as an older netjob left them
    store = open_store(db_path)
    for suffix in ("-wal", "-shm"):
        assert stat.S_IMODE(db_path.with_name(db_path.name + suffix).stat().st_mode) == 0o600
    assert store.value("SELECT value FROM setting WHERE key = 'k'") == "v"
    store.close()
    holder.close()
