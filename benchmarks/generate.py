"""Build a large netjob database for benchmarks.

Rows go in through ``sqlite3.executemany`` (ORM ``add_all`` is 20-50x slower at
this size). Deterministic: the same seed gives the same database. Contact #1
is "busy" (hundreds of entries) for timing a long timeline.

    python benchmarks/generate.py PATH [--companies 2000] [--contacts 20000]
        [--entries 100000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from netjob.engine import facts, stages
from netjob.engine.names import company_key, person_key
from netjob.services import behaviour, derived, pending
from netjob.services.database import open_store

FIRST = [
    "Ana",
    "Ben",
    "Chloe",
    "Dev",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Luca",
    "Maya",
    "Nils",
    "Omar",
    "Priya",
]
LAST = [
    "Abe",
    "Brown",
    "Costa",
    "Dubois",
    "Eze",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kim",
    "Lopez",
    "Moreau",
    "Novak",
]
WORDS = [
    "Alpha",
    "Blue",
    "Cedar",
    "Delta",
    "Echo",
    "Fern",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kite",
    "Lumen",
    "Maple",
]
KINDS = [
    "Labs",
    "Systems",
    "Health",
    "Robotics",
    "Energy",
    "Analytics",
    "Foods",
    "Bio",
    "Logistics",
    "Media",
]
TITLES = ["Data Scientist", "Engineering Manager", "Product Manager", "Analyst", "Director"]
HOWS = ["alumni", "friend", "colleague", "referral", "cold", "other", None]
STATUSES = ["backlog"] * 8 + ["active", "closed"]


# A contact's thread, in order; each step happens with the given probability.
THREAD = [
    ("outreach", 1.0),
    ("follow_up", 0.4),
    ("reply", 0.5),
    ("chat", 0.6),
    ("thanks", 0.8),
    ("note", 0.5),
    ("referral", 0.2),
]


def _thread(rng: random.Random, start: date) -> list[tuple[str, date]]:
    day, steps = start, []
    for kind, chance in THREAD:
        if rng.random() > chance:
            break
        steps.append((kind, day))
        day += timedelta(days=rng.randrange(1, 10))
    return steps


def build(path: Path, *, companies: int, contacts: int, entries: int = 0, seed: int = 7) -> None:
    for suffix in ("", "-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.unlink()
    store = open_store(path)
    rules = behaviour.rules(store, date(2026, 11, 20))
    store.close()
    rng = random.Random(seed)
    start = date(2026, 1, 5)
    company_rows = []
    for i in range(1, companies + 1):
        name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i:05d}"
        created = start + timedelta(days=rng.randrange(300))
        company_rows.append(
            (
                i,
                name,
                company_key(name),
                rng.randrange(4),
                rng.choice([None, 1, 2, 3]),
                rng.random() < 0.3,
                rng.choice(STATUSES),
                created,
                created,
            )
        )
    contact_rows = []
    for i in range(1, contacts + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        created = start + timedelta(days=rng.randrange(300))
        contact_rows.append(
            (
                i,
                name,
                person_key(name),
                rng.randrange(1, companies + 1),
                rng.choice(TITLES),
                rng.choice(HOWS),
                created,
                created,
            )
        )
    entry_rows, stage_rows, summary_rows = [], [], []
    per_contact = max(1, entries // max(contacts, 1))
    next_id = 1
    for contact_id, _name, _key, company_id, _title, _how, created, _ in contact_rows:
        found: list[stages.Entry] = []
        logged: list[facts.LogEntry] = []
        budget = 400 if contact_id == 1 else per_contact
        while budget > 0 and next_id <= entries:
            start = created + timedelta(days=rng.randrange(0, 60))
            for kind, day in _thread(rng, start)[:budget]:
                status = "held" if kind == "chat" else None
                entry_rows.append((next_id, kind, contact_id, company_id, day, status, day))
                found.append(stages.Entry(next_id, kind, day, status))
                logged.append(facts.LogEntry(next_id, kind, day, status, logged_on=day))
                next_id += 1
                budget -= 1
        summary = facts.summarize(logged)
        summary_rows.append(
            {
                "contact_id": contact_id,
                **facts.as_columns(summary),
                **behaviour.columns(summary, rules),
            }
        )
        for stage in stages.contact_stages(created, found):
            stage_rows.append((contact_id, stage.stage, stage.on, stage.entry_id, stage.cause))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO company (id, name, name_key, motivation, posting, advocacy, status, "
            "created_on, updated_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            company_rows,
        )
        conn.executemany(
            "INSERT INTO contact (id, name, name_key, company_id, title, how, created_on, "
            "updated_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            contact_rows,
        )
        conn.executemany(
            "INSERT INTO company_tag (company_id, tag) VALUES (?, ?)",
            [
                (i, rng.choice(["remote", "fintech", "health", "climate"]))
                for i in range(1, companies + 1, 3)
            ],
        )
        conn.executemany(
            "INSERT INTO interaction (id, kind, contact_id, company_id, occurred_on, status, "
            "logged_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            entry_rows,
        )
        conn.executemany(
            "INSERT INTO stage_event (contact_id, stage, occurred_on, interaction_id, cause) "
            "VALUES (?, ?, ?, ?, ?)",
            stage_rows,
        )
        columns = list(summary_rows[0]) if summary_rows else []
        conn.executemany(
            f"INSERT INTO contact_log ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})",
            summary_rows,
        )
        conn.executemany(
            "INSERT INTO stage_event (company_id, stage, occurred_on, cause) VALUES (?, ?, ?, ?)",
            [(row[0], "backlog", row[7], "added") for row in company_rows],
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    store = open_store(path)
    with store.transaction():
        pending.rebuild_all(store)  # the stored `next` items, as every write keeps them
        derived.write_company_log(store, None)  # the funnel's per-company days, the same
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--contacts", type=int, default=20000)
    parser.add_argument("--entries", type=int, default=100000)
    args = parser.parse_args()
    build(args.path, companies=args.companies, contacts=args.contacts, entries=args.entries)
    print(f"wrote {args.path}")


if __name__ == "__main__":
    main()
