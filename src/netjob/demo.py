"""A realistic small search for `netjob demo`, in its own database file.

The log is dated relative to the day the demo is built, so `netjob next` on it
always shows a search in progress: a thank-you due, a chat to prepare, 3B7
timers, a report-back, a referral ask, someone to keep in touch with.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from netjob.choices import AppStage, Channel, CompanyStatus, How
from netjob.db.open import open_store
from netjob.db.store import Store

COMPANY_FIELDS = tuple("name industry location motivation posting advocacy status tags".split())
COMPANIES: list[tuple[str, str, str, int, int | None, bool, CompanyStatus, list[str]]] = [
    ("Northwind Analytics", "Data platforms", "Remote", 3, 3, True, CompanyStatus.active, ["data"]),
    ("Acme Robotics", "Robotics", "Boston, MA", 3, 2, True, CompanyStatus.active, ["hardware"]),
    ("Globex Health", "Health tech", "Chicago, IL", 3, 2, False, CompanyStatus.active, ["health"]),
    ("Initech", "Fintech", "Austin, TX", 2, 3, True, CompanyStatus.active, ["fintech"]),
    ("Umbrella Energy", "Clean energy", "Denver, CO", 2, 2, False, CompanyStatus.active, []),
    ("Hooli", "Search & ads", "Mountain View, CA", 2, 1, True, CompanyStatus.backlog, ["bigtech"]),
    ("Stark Mobility", "EV charging", "Detroit, MI", 2, None, False, CompanyStatus.backlog, []),
    ("Wonka Foods", "Food science", "Portland, OR", 1, 2, False, CompanyStatus.backlog, []),
    ("Tyrell Bio", "Biotech", "San Diego, CA", 1, 1, True, CompanyStatus.backlog, ["health"]),
    ("Soylent Labs", "Nutrition", "Remote", 0, None, False, CompanyStatus.backlog, []),
    ("Cyberdyne Systems", "AI safety", "Seattle, WA", 3, 1, False, CompanyStatus.backlog, []),
    ("Vandelay Industries", "Logistics", "New York, NY", 1, 3, False, CompanyStatus.closed, []),
]

CONTACT_FIELDS = tuple("name company title how referred_by email".split())
CONTACTS: list[tuple[str, str, str, How, str | None, str | None]] = [
    (
        "Priya Raman",
        "Northwind Analytics",
        "Staff Data Engineer",
        How.alumni,
        None,
        "priya@northwind.example",
    ),
    ("Tom Becker", "Northwind Analytics", "Analytics Manager", How.cold, None, None),
    ("Ana Souza", "Northwind Analytics", "Director of Data", How.referral, "Priya Raman", None),
    ("Marcus Lee", "Acme Robotics", "Robotics Engineer", How.friend, None, "marcus@acme.example"),
    ("Helen Park", "Acme Robotics", "Engineering Manager", How.alumni, None, None),
    ("Diego Alvarez", "Acme Robotics", "Product Manager", How.referral, "Marcus Lee", None),
    ("Fatima Noor", "Globex Health", "Data Scientist", How.alumni, None, None),
    ("Chris Olsen", "Globex Health", "Head of Analytics", How.cold, None, None),
    ("Yuki Tanaka", "Initech", "Senior Analyst", How.colleague, None, "yuki@initech.example"),
    ("Ben Carter", "Initech", "Data Platform Lead", How.referral, "Yuki Tanaka", None),
    ("Olivia Grant", "Umbrella Energy", "Grid Data Analyst", How.alumni, None, None),
    ("Samir Haddad", "Umbrella Energy", "VP Operations", How.cold, None, None),
    ("Lena Fischer", "Hooli", "Staff Engineer", How.friend, None, None),
    ("Raj Patel", "Hooli", "Data Science Manager", How.alumni, None, None),
    ("Emma Wilson", "Stark Mobility", "Charging Network Analyst", How.cold, None, None),
    ("Noah Kim", "Wonka Foods", "R&D Data Lead", How.alumni, None, None),
    ("Grace Liu", "Tyrell Bio", "Bioinformatician", How.alumni, None, None),
    ("Owen Murphy", "Tyrell Bio", "Lab Automation Lead", How.linkedin, None, None),
    ("Zoe Martin", "Cyberdyne Systems", "Research Engineer", How.friend, None, None),
    ("Isaac Brown", "Cyberdyne Systems", "ML Platform Manager", How.cold, None, None),
    ("Maya Singh", "Vandelay Industries", "Ops Analyst", How.colleague, None, None),
    ("Lucas Rossi", "Globex Health", "Clinical Data Manager", How.cold, None, None),
    ("Sofia Costa", "Initech", "Risk Modeler", How.alumni, None, None),
    ("Ethan Wright", "Umbrella Energy", "Data Engineer", How.friend, None, None),
    ("Aisha Bello", "Northwind Analytics", "Customer Success Lead", How.other, None, None),
]


DEMO_ID = 0x6E6A646D  # "njdm": the application_id in a demo database's SQLite header
DEMO_ID_SQL = "PRAGMA application_id = 1852466285"  # DEMO_ID


def is_demo(path: Path) -> bool:
    """Whether ``path`` is a demo database this command wrote (read from its header)."""
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError:
        return False
    return header[:16] == b"SQLite format 3\x00" and header[68:72] == DEMO_ID.to_bytes(4, "big")


def build(path: Path, *, today: date, replace: bool = False) -> Store:
    """Write a fresh demo database at ``path`` (replacing an old demo, or with
    ``replace`` whatever is there) and open it."""
    from netjob.errors import InvalidInput
    from netjob.services import companies, contacts

    if (path.exists() or path.is_symlink()) and not (replace or is_demo(path)):
        raise InvalidInput(
            f"{path} is not a netjob demo database: pass --force to replace it, "
            "or choose another --path."
        )
    for suffix in ("", "-wal", "-shm"):
        leftover = path.with_name(path.name + suffix)
        if leftover.exists():
            leftover.unlink()
    store = open_store(path)
    store.execute(DEMO_ID_SQL)  # recognised by is_demo(), so a later demo may replace it
    for company in COMPANIES:
        companies.add(store, today=today, **_fields(COMPANY_FIELDS, company))
    for contact in CONTACTS:
        contacts.add(store, today=today, **_fields(CONTACT_FIELDS, contact))
    _log_history(store, today)
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the header's id into the file itself
    return store


def _fields(names: tuple[str, ...], row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(names, row, strict=True))


def _back(today: date, business_days: int) -> date:
    day = today
    while business_days:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            business_days -= 1
    return day


def _log_history(store: Store, today: date) -> None:
    """A search in progress, dated relative to ``today`` so `next` always has work."""
    from netjob.engine.tiara import ChatNotes
    from netjob.services import chats, log, reminders

    t = today
    log.outreach(store, contact="Priya Raman", on=_back(t, 7), today=t, channel=Channel.email)
    log.reply(store, contact="Priya Raman", on=_back(t, 5), today=t)
    notes = ChatNotes(note="Warm; offered to introduce me to Ana.")
    notes.items["trend"] = ["Teams are consolidating their data stacks"]
    notes.items["advice"] = ["Take the dbt fundamentals course"]
    chats.chat(
        store,
        contact="Priya Raman",
        day=_back(t, 1),
        at=None,
        today=t,
        notes=notes,
        fits=["culture=4", "growth=5"],
    )
    log.outreach(store, contact="Marcus Lee", on=_back(t, 5), today=t, channel=Channel.linkedin)
    log.reply(store, contact="Marcus Lee", on=_back(t, 3), today=t)
    chats.chat(store, contact="Marcus Lee", day=t + timedelta(days=1), at=time(10), today=t)
    log.outreach(store, contact="Fatima Noor", on=_back(t, 4), today=t, channel=Channel.email)
    log.outreach(store, contact="Olivia Grant", on=_back(t, 8), today=t, channel=Channel.linkedin)
    log.outreach(store, contact="Yuki Tanaka", on=_back(t, 12), today=t)
    log.reply(store, contact="Yuki Tanaka", on=_back(t, 11), today=t)
    advice = ChatNotes()
    advice.items["advice"] = ["Rebuild my portfolio around one end-to-end project"]
    chat = chats.chat(
        store,
        contact="Yuki Tanaka",
        day=_back(t, 8),
        at=None,
        today=t,
        notes=advice,
        ask_referral=True,
    )
    log.thanks(store, contact="Yuki Tanaka", on=_back(t, 8), today=t)
    chats.advice_done(store, advice_id=chat.entry["tiara"][0]["id"], on=_back(t, 1), today=t)
    log.outreach(store, contact="Raj Patel", on=t - timedelta(days=60), today=t)
    log.reply(store, contact="Raj Patel", on=t - timedelta(days=58), today=t)
    chats.chat(store, contact="Raj Patel", day=t - timedelta(days=50), at=None, today=t)
    log.thanks(store, contact="Raj Patel", on=t - timedelta(days=50), today=t)
    log.apply(
        store,
        company="Vandelay Industries",
        on=t - timedelta(days=40),
        today=t,
        role="Operations Analyst",
    )
    for stage, days_ago in ((AppStage.interviewing, 30), (AppStage.rejected, 20)):
        on = t - timedelta(days=days_ago)
        log.stage(store, company="Vandelay Industries", stage=stage, on=on, today=t)
    reminders.remind(
        store,
        target="Northwind Analytics",
        text="Check the careers page for the analytics engineer opening",
        due=t,
        today=t,
        company=True,
    )
