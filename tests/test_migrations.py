"""Migrations keep every row, and the migrated schema matches the models."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import netjob.db.models  # noqa: F401  (registers the tables)
from netjob.db import migrate, schema
from netjob.db.open import open_store
from netjob.services.timeline import company_history, contact_history

pytestmark = pytest.mark.sqlite_only  # looks inside the SQLite file

# Rows written at the first revision, by raw SQL as an old netjob would have.
FIRST_REVISION_ROWS: dict[str, list[dict[str, object]]] = {
    "company": [
        {
            "id": 1,
            "name": "Acme Inc.",
            "name_key": "acme",
            "website": "https://acme.com",
            "industry": "Robotics",
            "location": "Boston",
            "motivation": 3,
            "posting": 2,
            "advocacy": 1,
            "status": "active",
            "note": "ünïcode ✓",
            "created_on": "2026-10-01",
            "updated_on": "2026-10-02",
        },
        {
            "id": 2,
            "name": "Globex",
            "name_key": "globex",
            "website": None,
            "industry": None,
            "location": None,
            "motivation": 0,
            "posting": None,
            "advocacy": 0,
            "status": "backlog",
            "note": None,
            "created_on": "2026-10-03",
            "updated_on": "2026-10-03",
        },
    ],
    "contact": [
        {
            "id": 1,
            "name": "Jane Doe",
            "name_key": "jane doe",
            "title": "Lead",
            "email": "jane@acme.com",
            "linkedin": None,
            "phone": None,
            "how": "alumni",
            "note": "x",
            "company_id": 1,
            "referred_by_id": None,
            "created_on": "2026-10-01",
            "updated_on": "2026-10-01",
        },
        {
            "id": 2,
            "name": "Sam Lee",
            "name_key": "sam lee",
            "title": None,
            "email": None,
            "linkedin": None,
            "phone": None,
            "how": "referral",
            "note": None,
            "company_id": 1,
            "referred_by_id": 1,
            "created_on": "2026-10-05",
            "updated_on": "2026-10-05",
        },
    ],
    "company_tag": [{"company_id": 1, "tag": "robots"}],
    "contact_tag": [{"contact_id": 2, "tag": "warm"}],
}


def test_revisions_constant_matches_the_scripts() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert scripts.get_heads() == [schema.HEAD]
    walked = [rev.revision for rev in scripts.walk_revisions("base", "heads")]
    assert list(reversed(walked)) == list(schema.REVISIONS)


def _fill(path: Path, rows: dict[str, list[dict[str, object]]]) -> None:
    conn = sqlite3.connect(path)
    for table, items in rows.items():
        for item in items:
            cols = ", ".join(item)
            marks = ", ".join("?" for _ in item)
            conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(item.values()))
    conn.commit()
    conn.close()


def _dump(path: Path, table: str, columns: list[str]) -> list[dict[str, object]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    found = [
        {c: row[c] for c in columns} for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
    ]
    conn.close()
    return found


def test_upgrade_from_the_first_revision_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    path.touch(mode=0o600)
    migrate.upgrade(path, None, target=schema.REVISIONS[0])
    _fill(path, FIRST_REVISION_ROWS)
    store = open_store(path)  # upgrades to head when the file is older
    assert store.value("SELECT version_num FROM alembic_version") == schema.HEAD
    store.close()
    for table, items in FIRST_REVISION_ROWS.items():
        assert _dump(path, table, list(items[0])) == items, table
    store = open_store(path)  # the history is worked out from the rows on read
    try:
        history = [
            (kind, subject, h["stage"], str(h["on"]))
            for kind, read in (("contact", contact_history), ("company", company_history))
            for subject in (1, 2)
            for h in read(store, subject)
        ]
    finally:
        store.close()
    assert history == [
        ("contact", 1, "identified", "2026-10-01"),
        ("contact", 2, "identified", "2026-10-05"),
        ("company", 1, "backlog", "2026-10-01"),
        ("company", 1, "active", "2026-10-02"),
        ("company", 2, "backlog", "2026-10-03"),
    ]
    criteria = _dump(path, "criterion", ["name", "weight"])
    assert [c["name"] for c in criteria] == [
        "mission",
        "culture",
        "work-life balance",
        "growth",
        "team",
    ]
    if schema.REVISIONS[0] != schema.HEAD:
        backup = migrate.backup_path(path, schema.REVISIONS[0])
        assert backup.exists()
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        for table, items in FIRST_REVISION_ROWS.items():
            assert _dump(backup, table, list(items[0])) == items, table


def test_migrated_schema_has_no_diff_against_the_models(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_backup_is_a_consistent_private_copy(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    store = open_store(path)
    _fill(path, {"company": FIRST_REVISION_ROWS["company"]})
    target = tmp_path / "copy.db"
    migrate.backup(path, target)
    store.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _dump(target, "company", ["id", "name"]) == [
        {"id": 1, "name": "Acme Inc."},
        {"id": 2, "name": "Globex"},
    ]


def test_upgrade_to_folded_keys_finds_accented_names(tmp_path: Path) -> None:
    """Keys stored by 0006 (case folded, accents kept) are recomputed: "cafe zurich"
    then finds "Çafé Zürich GmbH"; a clash keeps the older key, nothing is lost."""
    from netjob.services import resolve

    path = tmp_path / "accents.db"
    path.touch(mode=0o600)
    migrate.upgrade(path, None, target="0006")
    day = "2026-10-01"
    company = {"motivation": 1, "advocacy": 0, "status": "backlog", "created_on": day}
    company["updated_on"] = day
    _fill(
        path,
        {
            "company": [
                {"id": 1, "name": "Çafé Zürich GmbH", "name_key": "çafé zürich", **company},
                {"id": 2, "name": "Cafe", "name_key": "cafe", **company},
                {"id": 3, "name": "Café", "name_key": "café", **company},
            ],
            "contact": [
                {
                    "id": 1,
                    "name": "Jürgen Groß",
                    "name_key": "jürgen groß",
                    "company_id": 1,
                    "created_on": day,
                    "updated_on": day,
                }
            ],
            "criterion": [{"id": 90, "name": "Équipe", "name_key": "équipe", "weight": 2}],
            "connection": [
                {
                    "id": 1,
                    "name": "Zoë Ñúñez",
                    "name_key": "zoë ñúñez",
                    "company": "Çafé Zürich",
                    "company_key": "çafé zürich",
                    "source": "linkedin",
                    "imported_on": day,
                    "updated_on": day,
                }
            ],
        },
    )
    store = open_store(path)
    assert resolve.company(store, "cafe zurich").name == "Çafé Zürich GmbH"
    assert resolve.contact(store, "jurgen gross").name == "Jürgen Groß"
    store.close()
    keys = sorted(_dump(path, "company", ["id", "name_key"]), key=lambda row: str(row["id"]))
    assert keys == [
        {"id": 1, "name_key": "cafe zurich"},
        {"id": 2, "name_key": "cafe"},
        {"id": 3, "name_key": "café"},  # "cafe" was taken: the old key stays
    ]
    assert _dump(path, "contact", ["name_key"]) == [{"name_key": "jurgen gross"}]
    assert {"name_key": "equipe"} in _dump(path, "criterion", ["name_key"])
    assert _dump(path, "connection", ["name_key", "company_key"]) == [
        {"name_key": "zoe nunez", "company_key": "cafe zurich"}
    ]
