"""Restoring a JSON export into an empty database, a row at a time.

The file is read by :class:`netjob.services.transfer.json_reader.ExportReader` and inserted a
batch of rows at a time inside one transaction, so memory does not grow with the file.
Every key of the file is checked against the catalog's column names before it reaches
SQL, every setting against what `settings set` accepts.

A file written at an older schema is restored into a temporary database at that schema,
which the migrations then bring up to date (keeping every row, and dropping what is no
longer stored: the caches older versions exported are never believed), and copied from
there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from netjob.db import schema
from netjob.db.store import Store
from netjob.errors import Conflict, InvalidInput
from netjob.services.transfer import (
    BATCH,
    BOOLEANS,
    DEFERRED,
    FORMAT,
    RETIRED,
    TABLES,
    USER_TABLES,
    VERSION,
    Progress,
)

CACHE_KB = 16_384  # SQLite's page cache during an import (its default is 2 MB)


def import_json(store: Store, *, path: Path, progress: Progress | None = None) -> dict[str, int]:
    """Restore an export into an empty database, in one transaction.

    The file is read a row at a time and inserted a batch at a time; a file laid out
    otherwise than netjob writes it (see :mod:`netjob.services.transfer.json_reader`) is read
    whole instead, with the same result."""
    from netjob.services.transfer.json_reader import ExportReader, Unstreamable

    try:
        with ExportReader(path, progress) as reader:
            header = reader.header()
            if not {"format", "version", "schema"} <= header.keys():
                raise Unstreamable("the header comes after the tables")
            if _check_header(path, header) != schema.HEAD:
                return _import_older(store, path, str(header["schema"]))
            with store.transaction():
                return _restore(store, path, reader.tables())
    except FileNotFoundError:
        raise InvalidInput(f"No file {path}.") from None
    except Unstreamable:
        pass
    return _import_whole(store, path)


def _import_older(store: Store, path: Path, revision: str) -> dict[str, int]:
    """An export of an older schema: restored into a temporary database at ``revision``,
    upgraded there by the migrations, then copied into ``store`` (one transaction)."""
    import tempfile

    from netjob.db import migrate
    from netjob.db.open import open_store, open_unchanged
    from netjob.services.transfer.json_export import write_json

    with tempfile.TemporaryDirectory() as folder:
        older = Path(folder) / "older.db"
        older.touch(mode=0o600)
        migrate.upgrade(older, None, target=revision)
        at_revision = open_unchanged(older)
        try:
            _import_whole(at_revision, path, older=True)
        finally:
            at_revision.close()
        upgraded = open_store(older)
        copy = Path(folder) / "upgraded.json"
        try:
            with open(copy, "w", encoding="utf-8") as out:
                write_json(upgraded, out, today=_today_of(path))
        finally:
            upgraded.close()
        return import_json(store, path=copy)


def _today_of(path: Path) -> Any:
    """A day for the intermediate copy's header (its rows keep their own days)."""
    from datetime import date

    return date.fromtimestamp(path.stat().st_mtime)


def _import_whole(store: Store, path: Path, *, older: bool = False) -> dict[str, int]:
    """Read the whole file, then restore it (any layout; the errors of a bad file). An
    ``older`` one goes into a database at its own schema (see :func:`_import_older`)."""
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
    if not isinstance(data, dict):
        data = {}
    if _check_header(path, data) != schema.HEAD and not older:
        return _import_older(store, path, str(data["schema"]))
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput(f"{path} has no 'tables'.")
    known = (*TABLES, *RETIRED) if older else TABLES
    unknown = [name for name in tables if name not in known]
    if unknown:
        raise InvalidInput(f"{path}: unknown table '{unknown[0]}'; nothing was imported.")
    with store.transaction():
        return _restore(store, path, ((t, tables[t]) for t in TABLES if t in tables))


def _check_header(path: Path, data: dict[str, Any]) -> str:
    """The schema the file was written at (this netjob's or an older one)."""
    if data.get("format") != FORMAT:
        raise InvalidInput(f"{path} is not a netjob JSON export (no 'format': '{FORMAT}').")
    if data.get("version") != VERSION:
        raise InvalidInput(f"{path} is export version {data.get('version')}; this netjob reads "
                           f"version {VERSION}.")  # fmt: skip
    if data.get("schema") not in schema.REVISIONS:
        raise InvalidInput(
            f"{path} was exported at schema {data.get('schema')}, which this netjob (schema "
            f"{schema.HEAD}) does not know: import it with a newer netjob (pip install -U "
            "netjob)."
        )
    return str(data["schema"])


def _restore(store: Store, path: Path, tables: Iterable[tuple[str, Any]]) -> dict[str, int]:
    """Insert the tables' rows (in foreign-key order) into an empty database."""
    from netjob.services.transfer.json_reader import Unstreamable

    for table in USER_TABLES:
        if store.value(f"SELECT COUNT(*) FROM {table}"):
            raise Conflict(
                "The database is not empty; import into a new one: "
                "netjob --db new.db import json FILE."
            )
    for table in ("criterion", "setting"):
        if _columns(store, table):  # not at the first revisions
            store.execute(f"DELETE FROM {table}")  # seeded: replaced by the file's
    if store.is_sqlite:  # fewer pages spilled to the log mid-transaction (memory stays bounded)
        store.execute(f"PRAGMA cache_size = -{CACHE_KB}")
    # An older file is restored at its own schema first, which may lack later tables.
    present = tuple(t for t in TABLES if _columns(store, t))
    counts = dict.fromkeys(present, 0)
    later: list[tuple[str, int, dict[str, Any]]] = []
    seen = -1
    indexes = _indexes_aside(store)
    with store.loading(present):  # recorded for undo as a whole, not a trigger a row
        for table, rows in tables:
            if table not in present:
                raise InvalidInput(f"{path}: unknown table '{table}'; nothing was imported.")
            if TABLES.index(table) <= seen:
                raise Unstreamable("tables out of order")  # read whole, inserted in order
            seen = TABLES.index(table)
            if not isinstance(rows, list | Iterator):
                raise InvalidInput(f"{path}: '{table}' is not a list of rows.")
            counts[table] = _insert_rows(store, path, table, rows, later)
        for sql in indexes:
            store.execute(sql)
        for table, row_id, held in later:
            store.update(table, row_id, held)
    if not store.is_sqlite:
        _after_import_on_server(store)
    return counts


def _indexes_aside(store: Store) -> list[str]:
    """Drop SQLite's plain (not unique) indexes for the import, and return the statements
    that make them again: building an index over the rows at the end costs a fraction of
    keeping it current row by row. Inside the import's transaction."""
    if not store.is_sqlite:
        return []
    found = store.rows(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE INDEX%'"
    )
    for r in found:
        name = str(r["name"]).replace('"', '""')
        store.execute(f'DROP INDEX "{name}"')
    return [str(r["sql"]) for r in found]


def _insert_rows(
    store: Store,
    path: Path,
    table: str,
    rows: Iterable[Any],
    later: list[tuple[str, int, dict[str, Any]]],
) -> int:
    """Insert one table's rows a batch at a time; the columns of a cycle (DEFERRED) are
    kept in ``later``. A batch whose rows all have the keys of its first, each a column,
    is checked once and its values taken in C (:func:`_plain`); any other is checked and
    grouped a row at a time (:func:`_rowwise`)."""
    columns = _columns(store, table)
    count = 0
    it = iter(rows)
    while batch := list(islice(it, BATCH)):
        count += len(batch)
        plain = _plain(store, path, table, batch, columns, later)
        for names, values in [plain] if plain else _rowwise(path, table, batch, columns, later):
            _insert_batch(store, path, table, names, values)
    return count


def _plain(
    store: Store,
    path: Path,
    table: str,
    batch: list[Any],
    columns: dict[str, str],
    later: list[tuple[str, int, dict[str, Any]]],
) -> tuple[list[str], list[tuple[Any, ...]]] | None:
    """The column names and value tuples of a batch of rows as netjob writes them (every
    row an object with the same keys, each a column), or None for any other batch. On
    SQLite a nested value in a column only bound, never read here, is left to the
    database to refuse (see :func:`_insert_batch`)."""
    first = batch[0]
    if not isinstance(first, dict) or not first or set(map(type, batch)) != {dict}:
        return None
    names = list(first)
    if set(map(len, batch)) != {len(names)} or any(n not in columns for n in names):
        return None
    get = itemgetter(*names)
    try:
        values = list(map(get, batch)) if len(names) > 1 else [(get(r),) for r in batch]
    except KeyError:
        return None  # another key set of the same size
    if (not store.is_sqlite or table in _READ) and _nested(values):
        return None  # refused by name a row at a time
    if table == "interaction" and (
        "logged_on" not in names or not all(map(itemgetter(names.index("logged_on")), values))
    ):
        return None  # a day logged to fill in
    spots = [names.index(c) for c in DEFERRED.get(table, ()) if c in names]
    if spots and "id" not in names:
        return None
    if table == "setting":
        for row in batch:
            _check_setting(path, row)
    for column in set(BOOLEANS.get(table, ())) & set(names):  # 0/1 or true/false: a bool
        at = names.index(column)
        values = [v if v[at] is None else (*v[:at], bool(v[at]), *v[at + 1 :]) for v in values]
    if spots:
        key = names.index("id")
        for n, v in enumerate(values):
            if any(v[at] for at in spots):
                held = {names[at]: v[at] for at in spots if v[at]}
                later.append((table, _row_id(path, table, v[key], held), held))
                values[n] = tuple(None if at in spots else x for at, x in enumerate(v))
    return names, values


def _row_id(path: Path, table: str, value: Any, held: dict[str, Any]) -> int:
    """The id of a row whose ``held`` columns are filled in after every row exists."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    raise InvalidInput(
        f"{path}: a row of '{table}' sets {', '.join(sorted(held))} but has no whole-number "
        "id to set it on; nothing was imported."
    )


def _nested(values: list[tuple[Any, ...]]) -> bool:
    return not _NESTED.isdisjoint(map(type, chain.from_iterable(values)))


def _rowwise(
    path: Path,
    table: str,
    batch: list[Any],
    columns: dict[str, str],
    later: list[tuple[str, int, dict[str, Any]]],
) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
    """The rows of a batch checked one by one, in runs of rows with the same columns."""
    deferred, booleans = DEFERRED.get(table, ()), BOOLEANS.get(table, ())
    run: list[tuple[Any, ...]] = []
    shape: list[str] = []
    for row in batch:
        if not isinstance(row, dict):
            raise InvalidInput(f"{path}: a row of '{table}' is not an object.")
        row = _mapped(path, table, row, columns)  # refuses a bad key or a nested value
        if table == "setting":
            _check_setting(path, row)
        if table == "interaction" and "logged_on" in columns and not row.get("logged_on"):
            row["logged_on"] = row.get("occurred_on")
        if deferred:
            held = {c: row.pop(c) for c in deferred if row.get(c)}
            if held:
                later.append((table, _row_id(path, table, row.get("id"), held), held))
        for column in booleans:  # SQLite keeps booleans as 0/1; a server wants true/false
            if row.get(column) is not None:
                row[column] = bool(row[column])
        if list(row) != shape:
            if run:
                yield shape, run
            run, shape = [], list(row)
        run.append(tuple(row.values()))
    if run:
        yield shape, run


_NESTED = {dict, list}
_READ = {"setting", *BOOLEANS, *DEFERRED}  # tables whose values are read here, not only bound


def _insert_batch(
    store: Store, path: Path, table: str, names: list[str], values: list[tuple[Any, ...]]
) -> None:
    """Rows with the same columns in one statement (the columns are the schema's own, see
    :func:`_mapped`)."""
    try:
        store.load(table, names, values)
    except Exception as error:
        if not _database_error(error):
            raise
        for row in values:  # a nested value SQLite could not bind: named as _mapped names it
            if _nested([row]):
                _mapped(path, table, dict(zip(names, row, strict=True)), {n: n for n in names})
        reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise InvalidInput(f"{path}: a row of '{table}' does not fit: {reason}.") from None


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
    from netjob.services.settings import INTERNAL

    key, value = row.get("key"), row.get("value")
    if key in INTERNAL:
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


def _after_import_on_server(store: Store) -> None:
    """Rows came with their ids: move each id sequence past them (PostgreSQL)."""
    for table in TABLES:
        if table in {"company_tag", "contact_tag", "setting"}:
            continue
        store.value(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        )
