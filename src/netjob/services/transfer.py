"""Taking your data out and back: JSON (everything), CSV (for spreadsheets), backups.

The JSON export is versioned: ``{"format": "netjob-export", "version": 1,
"schema": "<revision>", "exported_on": ..., "tables": {table: [row, ...]}}``
with every row of every table, ids included, so ``import json`` restores an
empty database exactly.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from netjob import schema
from netjob.connect import peek_revision
from netjob.errors import Conflict, DatabaseProblem, InvalidInput
from netjob.store import Store

FORMAT = "netjob-export"
VERSION = 1
# In an order that satisfies foreign keys; the two cycles (contact.referred_by_id,
# contact.source_interaction_id) are filled in after the rows exist.
TABLES = (
    "company", "contact", "interaction", "tiara_note", "stage_event", "criterion", "fit_score",
    "red_flag", "company_tag", "contact_tag", "contact_log", "setting", "next_item", "reminder",
    "pending_item", "connection", "imported_message",
)  # fmt: skip
DEFERRED = {"contact": ("referred_by_id", "source_interaction_id")}
USER_TABLES = ("company", "contact", "interaction", "connection", "reminder")


DERIVED = ("stage_event", "contact_log", "pending_item")
ORDER_BY = {
    "company_tag": "company_id, tag",
    "contact_tag": "contact_id, tag",
    "contact_log": "contact_id",
    "setting": "key",
    "pending_item": "key",
}
REDACTED = "[redacted]"


def _redact(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """Names, emails and free text replaced by stable pseudonyms (Person 12, Company 3)."""
    from netjob.engine.names import company_key, person_key

    row = dict(row)
    if table == "company":
        row["name"] = f"Company {row['id']}"
        row["name_key"] = company_key(row["name"])
        row["website"] = None
    elif table in {"contact", "connection"}:
        row["name"] = f"Person {row['id']}" if table == "contact" else f"Connection {row['id']}"
        row["name_key"] = person_key(row["name"])
        row["email"] = f"person-{row['id']}@example.invalid" if row.get("email") else None
        for column in ("linkedin", "phone", "url"):
            if column in row:
                row[column] = None
        if table == "connection" and row.get("company"):
            row["company"] = f"Employer of {row['name']}"
            row["company_key"] = company_key(row["company"])
    for column in ("note", "message", "text", "position"):
        if row.get(column):
            row[column] = REDACTED
    if table == "interaction":
        row["url"] = None
    if table == "imported_message":  # Message-IDs and profile URLs name people
        row["source_key"] = f"{row['source']}-{row['id']}"
    return row


def export_json(store: Store, *, today: date, redact: bool = False) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        if redact and table in DERIVED:
            tables[table] = []  # they hold names; import recomputes them
            continue
        order = ORDER_BY.get(table, "id")
        rows = [dict(row) for row in store.rows(f"SELECT * FROM {table} ORDER BY {order}")]
        tables[table] = [_redact(table, row) for row in rows] if redact else rows
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": schema.HEAD,
        "exported_on": today.isoformat(),
        "redacted": redact,
        "tables": tables,
    }


def import_json(store: Store, *, path: Path) -> dict[str, int]:
    """Restore an export into an empty database, in one transaction."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"No file {path}.") from None
    except (UnicodeDecodeError, ValueError) as error:  # JSONDecodeError; a 5,000-digit number
        raise InvalidInput(f"{path} is not a netjob JSON export: {error}.") from None
    except RecursionError:
        raise InvalidInput(
            f"{path} is not a netjob JSON export: it nests deeper than Python can read "
            "(an export is tables of flat rows)."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f"{path} is not a netjob JSON export (no 'format': '{FORMAT}').")
    if data.get("version") != VERSION:
        raise InvalidInput(f"{path} is export version {data.get('version')}; this netjob reads "
                           f"version {VERSION}.")  # fmt: skip
    if data.get("schema") != schema.HEAD:
        raise InvalidInput(
            f"{path} was exported at schema {data.get('schema')}; this netjob is at "
            f"{schema.HEAD}. Import it with the netjob that wrote it, then open that database "
            "here (it upgrades itself)."
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput(f"{path} has no 'tables'.")
    unknown = [name for name in tables if name not in TABLES]
    if unknown:
        raise InvalidInput(f"{path}: unknown table '{unknown[0]}'; nothing was imported.")
    counts: dict[str, int] = {}
    with store.transaction():
        columns = {table: _columns(store, table) for table in TABLES}
        for table in USER_TABLES:
            if store.value(f"SELECT COUNT(*) FROM {table}"):
                raise Conflict(
                    "The database is not empty; import into a new one: "
                    "netjob --db new.db import json FILE."
                )
        for table in ("criterion", "setting", "stage_event", "contact_log", "pending_item"):
            store.execute(f"DELETE FROM {table}")  # seeded or derived: replaced by the file's
        later: list[tuple[str, int, dict[str, Any]]] = []
        for table in TABLES:
            rows = tables.get(table, [])
            if not isinstance(rows, list):
                raise InvalidInput(f"{path}: '{table}' is not a list of rows.")
            for row in rows:
                if not isinstance(row, dict):
                    raise InvalidInput(f"{path}: a row of '{table}' is not an object.")
                values = _mapped(path, table, row, columns[table])
                if table == "setting":
                    _check_setting(path, values)
                if table == "interaction" and not values.get("logged_on"):
                    values["logged_on"] = values.get("occurred_on")
                held = {c: values.pop(c) for c in DEFERRED.get(table, ()) if values.get(c)}
                try:
                    store.insert(table, _typed(table, values))
                except Exception as error:
                    if not _database_error(error):
                        raise
                    reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
                    raise InvalidInput(
                        f"{path}: a row of '{table}' does not fit: {reason}."
                    ) from None
                if held:
                    later.append((table, int(values["id"]), held))
            counts[table] = len(rows)
        for table, row_id, held in later:
            store.update(table, row_id, held)
        if not store.is_sqlite:
            _after_import_on_server(store)
        if not any(tables.get(t) for t in DERIVED):
            from netjob.services import derived

            derived.rebuild_all(store)  # a redacted export leaves them out
    return counts


def _columns(store: Store, table: str) -> dict[str, str]:
    """The columns of ``table`` as the database has them (``table`` is one of TABLES)."""
    if store.is_sqlite:
        sql = "SELECT name FROM pragma_table_info(:t)"
    else:
        sql = (
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = :t"
        )
    return {str(r[0]): str(r[0]) for r in store.rows(sql, {"t": table})}


def _check_setting(path: Path, row: dict[str, Any]) -> None:
    """A setting from a file is held to what `settings set` accepts: every command reads them."""
    from netjob.engine import settings as defs
    from netjob.errors import NetjobError
    from netjob.services.settings import HOLIDAY_CACHE

    key, value = row.get("key"), row.get("value")
    if key == HOLIDAY_CACHE:
        return
    try:
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvalidInput("key and value must be text")
        defs.get_setting(key)
        if defs.clean(key, value) != value:
            raise InvalidInput(f"'{value}' is not in the form netjob stores")
    except NetjobError as error:
        raise InvalidInput(
            f"{path}: setting '{key}' cannot be imported ({str(error).rstrip('.')}); "
            "nothing was imported."
        ) from None


def _database_error(error: Exception) -> bool:
    """A row the database refused (either backend), as opposed to a bug."""
    return isinstance(error, sqlite3.Error) or type(error).__module__.startswith("psycopg")


def _mapped(path: Path, table: str, row: dict[str, Any], columns: dict[str, str]) -> dict[str, Any]:
    """A file's row keyed by the schema's own column names; a key that is not a column of
    ``table`` is refused by name, so no identifier from the file reaches SQL."""
    mapped = {}
    for key, value in row.items():
        column = columns.get(key)
        if column is None:
            raise InvalidInput(
                f"{path}: table '{table}' has no column '{key}'; nothing was imported."
            )
        if isinstance(value, dict | list):
            raise InvalidInput(
                f"{path}: '{table}.{column}' holds a JSON {type(value).__name__}, not a value; "
                "nothing was imported."
            )
        mapped[column] = value
    return mapped


BOOLEANS = {
    "company": ("advocacy",),
    "contact": ("ask_referral",),
    "imported_message": ("created",),
}


def _typed(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """SQLite keeps booleans as 0/1; a server wants true/false."""
    for column in BOOLEANS.get(table, ()):
        if column in values and values[column] is not None:
            values[column] = bool(values[column])
    return values


def _after_import_on_server(store: Store) -> None:
    """Rows came with their ids: move each id sequence past them (PostgreSQL)."""
    for table in TABLES:
        if table in {"company_tag", "contact_tag", "contact_log", "setting", "pending_item"}:
            continue
        store.value(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        )


def copy(source: Store, target: Store, *, today: date) -> dict[str, dict[str, int]]:
    """Copy a whole database into an empty one (either backend), then compare row counts."""
    import tempfile

    data = export_json(source, today=today)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.json"
        path.write_text(json.dumps(data, default=str), encoding="utf-8")
        import_json(target, path=path)
    counts = {
        table: {
            "source": int(source.value(f"SELECT COUNT(*) FROM {table}")),
            "target": int(target.value(f"SELECT COUNT(*) FROM {table}")),
        }
        for table in TABLES
    }
    differ = [t for t, c in counts.items() if c["source"] != c["target"]]
    if differ:
        raise DatabaseProblem(f"The copy differs in {', '.join(differ)}; check the target.")
    return counts


def export_csv(store: Store, *, what: str) -> str:
    """Companies, contacts or the log as CSV text (UTF-8, a header row)."""
    queries = {
        "companies": (
            "SELECT id, name, status, motivation, posting, advocacy, website, industry, "
            "location, note, created_on, updated_on FROM company ORDER BY id"
        ),
        "contacts": (
            "SELECT k.id, k.name, c.name AS company, k.title, k.email, k.linkedin, k.phone, "
            "k.how, r.name AS referred_by, k.note, k.created_on FROM contact k "
            "LEFT JOIN company c ON c.id = k.company_id "
            "LEFT JOIN contact r ON r.id = k.referred_by_id ORDER BY k.id"
        ),
        "log": (
            "SELECT i.id, i.occurred_on, i.kind, i.status, k.name AS contact, "
            "c.name AS company, i.channel, i.detail, i.url, i.note FROM interaction i "
            "LEFT JOIN contact k ON k.id = i.contact_id "
            "LEFT JOIN company c ON c.id = i.company_id ORDER BY i.occurred_on, i.id"
        ),
    }
    if what not in queries:
        raise InvalidInput(f"'{what}' cannot be exported as CSV; use companies, contacts or log.")
    cursor = store.execute(queries[what])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = [d[0] for d in cursor.description]
    writer.writerow(columns)
    for row in cursor.fetchall():
        writer.writerow([csv_cell(row[n]) for n in range(len(columns))])
    return buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a spreadsheet may read it: booleans as 1/0 whichever the database;
    text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed
    with a single quote (OWASP's rule against CSV injection); line breaks as LF, which
    the csv module quotes (a bare CR it would leave unquoted, splitting the row)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        if value.startswith(FORMULA_STARTS):
            value = "'" + value
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


# ---------------------------------------------------------------- backup and restore


def default_backup(path: Path, today: date) -> Path:
    target = path.with_name(f"{path.stem}-backup-{today.isoformat()}.db")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.stem}-backup-{today.isoformat()}-{n}.db")
        n += 1
    return target


def backup(
    store: Store, *, target: Path | None, today: date, force: bool = False
) -> tuple[Path, list[str]]:
    """A consistent copy of the live database (SQLite's online backup), mode 0600, written
    to a temporary file that is synced and renamed into place.

    The live file is checked first (``PRAGMA quick_check``): a damaged one is refused
    unless ``force``, so a bad copy cannot push out a good one. Returns where the copy
    went and what quick_check found (empty when the file is sound)."""
    from netjob.migrate import backup as online_backup
    from netjob.store import quick_check

    if not store.is_sqlite:
        raise DatabaseProblem(
            "netjob backup copies a SQLite file; on PostgreSQL use pg_dump (or netjob export "
            "json, which works on both)."
        )
    destination = target or default_backup(store.path, today)
    if destination.resolve() == store.path.resolve():
        raise InvalidInput("The backup cannot be the database itself.")
    problems = quick_check(store) or []
    if problems and not force:
        raise DatabaseProblem(
            f"{store.path} fails SQLite's quick_check ({describe_problems(problems)}); a backup "
            "would copy the damage. Keep your older backups; pass --force to copy it anyway."
        )
    try:
        online_backup(store.path, destination)
    except sqlite3.Error as error:
        raise DatabaseProblem(f"Cannot write the backup to {destination}: {error}.") from None
    return destination, problems


def describe_problems(problems: list[str]) -> str:
    """The first thing quick_check found, and how many more."""
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    return f"{problems[0]}{more}"


def check_restorable(source: Path) -> str:
    """The schema revision of a backup, or a clear error if it is not a netjob database."""
    if not source.is_file():
        raise InvalidInput(f"No file {source}.")
    revision = peek_revision(source)
    if revision is None:
        raise DatabaseProblem(f"{source} is empty, not a netjob backup.")
    if revision not in schema.REVISIONS:
        raise DatabaseProblem(
            f"{source} was written by a newer netjob (schema {revision}); upgrade netjob first."
        )
    return revision


def restore(live: Path, *, source: Path) -> Path | None:
    """Replace the database at ``live`` with ``source``; the old one is kept aside
    (its path is returned). ``live`` must not be open.

    The copy of ``source`` is written beside ``live``, synced, and renamed over it, so a
    crash leaves either the old database or the restored one, never an empty file."""
    from netjob.exports import refuse_link, replacing
    from netjob.migrate import backup as online_backup

    check_restorable(source)
    if source.resolve() == live.resolve():
        raise InvalidInput("That is the database in use; restore from a backup file.")
    refuse_link(live)
    aside = None
    if live.exists():
        from netjob.clock import now

        _retire_wal(live)  # refuses before anything is written if another netjob has it open
        stamp = now().strftime("%Y%m%d-%H%M%S")
        aside = live.with_name(f"{live.name}.before-restore-{stamp}")
        n = 2
        while aside.exists() or aside.is_symlink():
            aside = live.with_name(f"{live.name}.before-restore-{stamp}-{n}")
            n += 1
        online_backup(live, aside)
    elif not live.parent.exists():
        live.parent.mkdir(parents=True, mode=0o700)
    with replacing(live) as temp:
        copy_from = sqlite3.connect(source)
        try:
            into = sqlite3.connect(temp)
            try:
                copy_from.backup(into)
            finally:
                into.close()
        finally:
            copy_from.close()
        if live.exists():
            _retire_wal(live)  # again: a command may have run since
    return aside


def _retire_wal(live: Path) -> None:
    """Fold the live file's write-ahead log into it and remove ``-wal``/``-shm``, so no
    stale log can meet the file renamed into its place."""
    import gc

    gc.collect()  # connections this process no longer uses (a library caller's, a test's)
    conn = sqlite3.connect(live, timeout=2)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "busy"  # another connection holds the log
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise DatabaseProblem(
            f"{live} is in use by another netjob; close it and restore again (nothing changed)."
        )
    for suffix in ("-wal", "-shm"):
        extra = live.with_name(live.name + suffix)
        if extra.exists():
            extra.unlink()
