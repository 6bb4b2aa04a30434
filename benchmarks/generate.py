"""Build a large netjob database for benchmarks.

Rows go in through ``sqlite3.executemany`` (ORM ``add_all`` is 20-50x slower at
this size). Deterministic: the same seed gives the same database.

    python benchmarks/generate.py PATH [--companies 2000] [--contacts 20000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from netjob.engine.names import company_key, person_key
from netjob.store import open_store

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


def build(path: Path, *, companies: int, contacts: int, seed: int = 7) -> None:
    for suffix in ("", "-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.unlink()
    open_store(path).close()
    rng = random.Random(seed)
    start = date(2026, 1, 5)
    company_rows = []
    for i in range(1, companies + 1):
        name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i:05d}"
        created = start + timedelta(days=rng.randrange(300))
        company_rows.append(
            (i, name, company_key(name), rng.randrange(4), rng.choice([None, 1, 2, 3]),
             rng.random() < 0.3, rng.choice(STATUSES), created, created)
        )  # fmt: skip
    contact_rows = []
    for i in range(1, contacts + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        created = start + timedelta(days=rng.randrange(300))
        contact_rows.append(
            (i, name, person_key(name), rng.randrange(1, companies + 1), rng.choice(TITLES),
             rng.choice(HOWS), created, created)
        )  # fmt: skip
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
            [(i, rng.choice(["remote", "fintech", "health", "climate"])) for i in
             range(1, companies + 1, 3)],
        )  # fmt: skip
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--contacts", type=int, default=20000)
    args = parser.parse_args()
    build(args.path, companies=args.companies, contacts=args.contacts)
    print(f"wrote {args.path}")


if __name__ == "__main__":
    main()
