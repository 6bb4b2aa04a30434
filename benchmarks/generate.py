"""Build a netjob database of a named size for benchmarks and golden tests.

    python benchmarks/generate.py PATH [--size heavy|power|1x] [--seed 7]

Sizes (companies / contacts / log entries / LinkedIn connections):

- ``heavy``: 60 / 600 / 5,000 / 30,000 -- a heavy real user;
- ``power``: 200 / 2,000 / 20,000 / 30,000 -- about four times that;
- ``1x``: 2,000 / 20,000 / 100,000 / none -- the old stress size, fifty times a user.

The search runs from Mon 5 Jan 2026 to :data:`TODAY` (Fri 20 Nov 2026, the tests' today),
and nothing in it is dated after the day it claims to be: a chat whose day lies ahead
is *scheduled* (logged on the day it was booked), every other entry happened on or
before TODAY and was logged on its own day. Some companies got applications (a few
through a contact) and interviews, some chats gave advice that was acted on.

The rows go in as a JSON export, through ``import json`` (either backend).
Deterministic: the same size and seed give the same database. In the 1x database
contact #1 is "busy" (400 entries) for timing a long timeline.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from netjob.engine.names import company_key, person_key

TODAY = date(2026, 11, 20)
START = date(2026, 1, 5)


@dataclass(frozen=True, slots=True)
class Size:
    companies: int
    contacts: int
    entries: int
    connections: int
    busy: int = 0  # entries of contact #1


SIZES = {
    "heavy": Size(60, 600, 5_000, 30_000),
    "power": Size(200, 2_000, 20_000, 30_000),
    "1x": Size(2_000, 20_000, 100_000, 0, busy=400),
}

FIRST = "Ana Ben Chloe Dev Elif Farid Grace Hiro Ines Jonas Kemi Luca Maya Nils Omar Priya".split()
LAST = "Abe Brown Costa Dubois Eze Fischer Garcia Haddad Ito Jensen Kim Lopez Moreau Novak".split()
WORDS = "Alpha Blue Cedar Delta Echo Fern Granite Harbor Iris Juniper Kite Lumen Maple".split()
KINDS = "Labs Systems Health Robotics Energy Analytics Foods Bio Logistics Media".split()
TITLES = ["Data Scientist", "Engineering Manager", "Product Manager", "Analyst", "Director"]
HOWS = ["alumni", "friend", "colleague", "referral", "cold", "other", None]
STATUSES = ["backlog"] * 8 + ["active", "closed"]
CHANNELS = ["email", "linkedin", None]
ADVICE = ["learn dbt", "talk to the platform team", "read the annual report", "try Kaggle"]

# Once they replied: the conversation goes on until the budget or TODAY runs out.
LATER = ["update", "reply", "note", "update", "reply", "referral_ask", "referral"]


Step = tuple[str, date, str | None, date]


def _thread(rng: random.Random, start: date, budget: int) -> list[Step]:
    """(kind, day, chat status, day logged) of one contact's log, ending by TODAY: an
    outreach (most are written to), a follow-up after about 7 business days if no reply,
    a reply from half of them; then times sent, a chat (scheduled on the day it was booked
    if its day lies ahead), a thank-you and a conversation that goes on."""
    steps: list[Step] = []
    day = start

    def step(kind: str, gap: tuple[int, int], status: str | None = None) -> bool:
        nonlocal day
        if len(steps) >= budget:
            return False
        booked = day
        day += timedelta(days=rng.randrange(*gap))
        if day > TODAY:
            if status == "held" and steps:
                steps.append((kind, day, "scheduled", booked))
            return False
        steps.append((kind, day, status, day))
        return True

    day -= timedelta(days=1)
    if rng.random() > 0.85 or not step("outreach", (1, 2)):
        return steps
    replied = rng.random() < 0.5
    chased = not replied or rng.random() < 0.3  # a follow-up before any reply
    if chased and (not step("follow_up", (9, 12)) or not replied):
        return steps
    if not step("reply", (1, 6)) or rng.random() > 0.95 or not step("update", (0, 2)):
        return steps
    if rng.random() < 0.75 and step("chat", (2, 10), "held") and rng.random() < 0.97:
        step("thanks", (0, 2))
    while step(rng.choice(LATER), (1, 6)):
        pass
    return steps


def _day(rng: random.Random, first: date, last: date = TODAY) -> date:
    return first + timedelta(days=rng.randrange(max(1, (last - first).days + 1)))


def rows(size: Size, seed: int = 7) -> dict[str, list[tuple[object, ...]]]:
    """The rows of each table, as tuples in the column order of :data:`COLUMNS`."""
    rng = random.Random(seed)
    found: dict[str, list[tuple[object, ...]]] = {table: [] for table in COLUMNS}
    companies = []
    for i in range(1, size.companies + 1):
        name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i:05d}"
        created = _day(rng, START, TODAY - timedelta(days=20))
        status = rng.choice(STATUSES)
        companies.append((i, created))
        found["company"].append(
            (i, name, company_key(name), rng.randrange(4), rng.choice([None, 1, 2, 3]),
             rng.random() < 0.3, status, created, created)
        )  # fmt: skip
        if i % 3 == 1:
            found["company_tag"].append((i, rng.choice(["remote", "fintech", "health", "climate"])))
    entry_id = 0

    def entry(*values: object) -> int:
        nonlocal entry_id
        entry_id += 1
        found["interaction"].append((entry_id, *values))
        return entry_id

    per_contact = max(1, 6 * size.entries // max(size.contacts, 1))  # repliers talk longer
    people: dict[int, list[int]] = {}
    for i in range(1, size.contacts + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        company_id, company_created = companies[rng.randrange(size.companies)]
        created = _day(rng, company_created)
        people.setdefault(company_id, []).append(i)
        found["contact"].append(
            (i, name, person_key(name), company_id, rng.choice(TITLES), rng.choice(HOWS),
             created, created)
        )  # fmt: skip
        budget = size.busy if i == 1 and size.busy else per_contact
        budget = min(budget, size.entries - entry_id)
        channel = rng.choice(CHANNELS)
        start = min(TODAY, created + timedelta(days=rng.randrange(30)))
        for kind, day, status, logged in _thread(rng, start, budget):
            chat_id = entry(
                kind, i, company_id, day, status, channel if kind != "chat" else None,
                logged, day if status == "scheduled" else None,
            )  # fmt: skip
            if status == "held" and rng.random() < 0.3:
                acted = _day(rng, day) if rng.random() < 0.5 else None
                found["tiara_note"].append(
                    (len(found["tiara_note"]) + 1, chat_id, "advice", rng.choice(ADVICE), acted)
                )
    for company_id, created in companies:
        if rng.random() >= 0.12 or entry_id >= size.entries + size.companies // 4:
            continue
        applied = _day(rng, created)
        there = people.get(company_id, [])
        via = rng.choice(there) if there and rng.random() < 0.4 else None
        entry("application", None, company_id, applied, None, None, applied, None, via)
        day = applied
        for stage in ("interviewing", "offer"):
            day += timedelta(days=rng.randrange(5, 25))
            if day > TODAY or rng.random() < 0.5:
                break
            entry("stage", None, company_id, day, None, None, day, None, None, stage)
    for n in range(1, size.companies // 20 + 1):
        contact = rng.randrange(1, size.contacts + 1)
        made = _day(rng, START)
        found["reminder"].append((n, contact, None, "check in", _day(rng, made), made))
    for n in range(1, size.connections + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} C{n}"
        company = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {rng.randrange(1, 3 * size.companies)}"
        found["connection"].append(
            (n, name, person_key(name), f"https://www.linkedin.com/in/c-{n}", company,
             company_key(company), rng.choice(TITLES), _day(rng, date(2015, 1, 1)), "linkedin",
             START, START)
        )  # fmt: skip
    return found


# Each table's columns for the tuples of :func:`rows` (a shorter tuple leaves the last
# ones out).
COLUMNS = {
    "company": "id name name_key motivation posting advocacy status created_on updated_on",
    "company_tag": "company_id tag",
    "contact": "id name name_key company_id title how created_on updated_on",
    "interaction": "id kind contact_id company_id occurred_on status channel logged_on "
    "planned_on via_contact_id detail",
    "tiara_note": "id interaction_id kind text acted_on",
    "reminder": "id contact_id company_id text due_on created_on",
    "connection": "id name name_key url company company_key position connected_on source "
    "imported_on updated_on",
}


def document(size: Size, *, seed: int = 7, connections: bool = True) -> dict[str, Any]:
    """The generated search as a netjob JSON export (what ``import json`` reads)."""
    from netjob.db import schema
    from netjob.services.transfer import FORMAT, VERSION

    tables: dict[str, list[dict[str, Any]]] = {}
    for table, found in rows(size, seed).items():
        if table == "connection" and not connections:
            continue
        names = COLUMNS[table].split()
        tables[table] = [
            {
                name: value.isoformat() if isinstance(value, date) else value
                for name, value in zip(names, row, strict=False)
            }
            for row in found
        ]
    return {"format": FORMAT, "version": VERSION, "schema": schema.HEAD, "tables": tables}


def build(
    target: Path | str,
    size: Size,
    *,
    seed: int = 7,
    connections: bool = True,
    fresh: bool = True,
) -> None:
    """Fill the database at ``target`` (a file, made anew when ``fresh``; or the URL of an
    empty server database) with the generated search, through ``import json``; without
    the LinkedIn network when ``connections`` is false."""
    import json
    import tempfile

    from netjob.db.open import open_store
    from netjob.services.transfer.json_import import import_json

    if fresh and isinstance(target, Path):
        for suffix in ("", "-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "generated.json"
        export.write_text(json.dumps(document(size, seed=seed, connections=connections)))
        store = open_store(target)
        try:
            import_json(store, path=export)
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--size", choices=sorted(SIZES), default="heavy")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    build(args.path, SIZES[args.size], seed=args.seed)
    print(f"wrote {args.path} ({args.size})")


if __name__ == "__main__":
    main()
