"""A realistic small search for `netjob demo`, in its own database file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netjob.choices import CompanyStatus, How
from netjob.store import Store, open_store

# name, industry, location, motivation, posting, advocacy, status, tags
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

# name, company, title, how, referred_by, email
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
    ("Owen Murphy", "Tyrell Bio", "Lab Automation Lead", How.referral, "Grace Liu", None),
    ("Zoe Martin", "Cyberdyne Systems", "Research Engineer", How.friend, None, None),
    ("Isaac Brown", "Cyberdyne Systems", "ML Platform Manager", How.cold, None, None),
    ("Maya Singh", "Vandelay Industries", "Ops Analyst", How.colleague, None, None),
    ("Lucas Rossi", "Globex Health", "Clinical Data Manager", How.referral, "Fatima Noor", None),
    ("Sofia Costa", "Initech", "Risk Modeler", How.alumni, None, None),
    ("Ethan Wright", "Umbrella Energy", "Data Engineer", How.friend, None, None),
    ("Aisha Bello", "Northwind Analytics", "Customer Success Lead", How.other, None, None),
]


def build(path: Path, *, today: date) -> Store:
    """Write a fresh demo database at ``path`` (replacing an old demo) and open it."""
    from netjob.services import companies, contacts

    for suffix in ("", "-wal", "-shm"):
        leftover = path.with_name(path.name + suffix)
        if leftover.exists():
            leftover.unlink()
    store = open_store(path)
    for name, industry, location, motivation, posting, advocacy, status, tags in COMPANIES:
        companies.add(
            store,
            name=name,
            today=today,
            industry=industry,
            location=location,
            motivation=motivation,
            posting=posting,
            advocacy=advocacy,
            status=status,
            tags=tags,
        )
    for name, company, title, how, referred_by, email in CONTACTS:
        contacts.add(
            store,
            name=name,
            today=today,
            company=company,
            title=title,
            how=how,
            referred_by=referred_by,
            email=email,
        )
    return store
