"""Companies and contacts: the lists, the stream of `--all`, and `show`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from netjob.engine.words import count
from netjob.render.console import info, out, safe, stream, text
from netjob.render.log import history
from netjob.render.reports import fit
from netjob.render.tables import Column, show

if TYPE_CHECKING:
    from netjob.services.companies import Company, CompanyDetail
    from netjob.services.contacts import Contact
    from netjob.services.criteria import Criterion
    from netjob.services.db_status import DbStatus


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _score(value: int | None) -> str:
    return "?" if value is None else str(value)


COMPANY_COLUMNS = [
    Column("Rank", 9, right=True),
    Column("Company", 10, wrap=14),
    Column("Status", 5),
    Column("Mot", 8, right=True),
    Column("Post", 6, right=True),
    Column("Adv", 4),
    Column("People", 3, right=True),
    Column("Tags", 2, wrap=10),
]


def companies_table(companies: Iterable[Company]) -> None:
    rows = list(companies)
    if not rows:
        info("No companies match. Add one with: netjob add company NAME --motivation 0-3")
        return
    cells = []
    for c in rows:
        adv = "yes" if c.advocacy else ("contact" if c.advocacy_derived else "no")
        cells.append(
            [
                text(c.lamp_rank if c.lamp_rank is not None else "-"),
                text(c.name, "bold" if c.status == "active" else ""),
                text(
                    c.status,
                    "green" if c.status == "active" else "dim" if c.status == "closed" else "",
                ),
                text(c.motivation),
                text(_score(c.posting)),
                text(adv),
                text(c.contacts),
                text(", ".join(c.tags)),
            ]
        )
    show("Target companies (LAMP order)", COMPANY_COLUMNS, cells)


def _fields(title: str, pairs: list[tuple[str, object]]) -> None:
    from rich.table import Table

    table = Table(
        title=text(title), title_justify="left", show_header=False, box=None, pad_edge=False
    )
    table.add_column("field", style="dim", no_wrap=True)
    table.add_column("value", overflow="fold")
    for label, value in pairs:
        if value is None or value == "":
            continue
        table.add_row(text(label), text(value))
    out().print(table)


def _kept(record: Company | Contact) -> list[tuple[str, object]]:
    """What every record shows last: its tags, note, and when it was added and changed."""
    return [
        ("Tags", ", ".join(record.tags)),
        ("Note", record.note),
        ("Added", record.created_on),
        ("Updated", record.updated_on),
    ]


def company_detail(detail: CompanyDetail) -> None:
    c = detail.company
    people = f"{count(c.contacts, 'contact')} there"
    advocacy = f"stated: {_yes(c.advocacy)}; derived: {_yes(c.advocacy_derived)} ({people})"
    _fields(
        f"{c.name}  (#{c.id})",
        [
            ("LAMP rank", c.lamp_rank if c.lamp_rank is not None else "- (closed)"),
            ("Status", c.status),
            (
                "Motivation",
                f"{c.motivation} / 3" + ("  (0 = don't know yet)" if not c.motivation else ""),
            ),
            ("Posting", "not checked yet" if c.posting is None else f"{c.posting} / 3"),
            ("Advocacy", advocacy),
            ("Website", c.website),
            ("Industry", c.industry),
            ("Location", c.location),
            *_kept(c),
        ],
    )
    if detail.fit.get("criteria") or detail.fit.get("red_flags"):
        fit(detail.fit)
    if detail.history:
        history(detail.history)
    if detail.people:
        rows = [
            [text(f"#{p['id']}"), text(p["name"]), text(p["title"]), text(p["how"])]
            for p in detail.people
        ]
        show("People", PEOPLE_COLUMNS, rows)
    else:
        info(f'No contacts yet: netjob add contact NAME --company "{safe(c.name)}"')


PEOPLE_COLUMNS = [
    Column("Id", 9, right=True),
    Column("Name", 10, wrap=12),
    Column("Title", 5, wrap=12),
    Column("How", 4),
]
CONTACT_COLUMNS = [
    Column("Id", 9, right=True),
    Column("Name", 10, wrap=12),
    Column("Company", 8, wrap=10),
    Column("Title", 5, wrap=10),
    Column("How", 4),
    Column("Tags", 2, wrap=8),
]


def contacts_table(contacts: Iterable[Contact], behaviour: dict[int, str] | None = None) -> None:
    found = list(contacts)
    if not found:
        info('No contacts match. Add one with: netjob add contact NAME --company "COMPANY"')
        return
    columns = CONTACT_COLUMNS + ([] if behaviour is None else [Column("Behaviour", 6)])
    rows = []
    for k in found:
        cells = [
            text(f"#{k.id}"),
            text(k.name, "bold"),
            text(k.company),
            text(k.title),
            text(k.how),
            text(", ".join(k.tags)),
        ]
        if behaviour is not None:
            cells.append(text(behaviour.get(k.id, "unknown")))
        rows.append(cells)
    show("Contacts", columns, rows)


def contacts_stream(contacts: Iterable[Contact], behaviour: dict[int, str] | None = None) -> None:
    header = [("Id", 7), ("Name", 28), ("Company", 26), ("Title", 24), ("How", 9), ("Tags", 20)]
    if behaviour is not None:
        header.append(("Behaviour", 10))
    stream(
        header,
        (
            [f"#{k.id}", k.name, k.company or "", k.title or "", k.how or "", ", ".join(k.tags)]
            + ([] if behaviour is None else [behaviour.get(k.id, "unknown")])
            for k in contacts
        ),
    )


def companies_stream(companies: Iterable[Company]) -> None:
    header = [("Rank", 5), ("Company", 32), ("Status", 8), ("Mot", 3), ("Post", 4)]
    header += [("Adv", 7), ("People", 6), ("Tags", 20)]
    stream(
        header,
        (
            [
                c.lamp_rank if c.lamp_rank is not None else "-",
                c.name,
                c.status,
                c.motivation,
                _score(c.posting),
                "yes" if c.advocacy else ("contact" if c.advocacy_derived else "no"),
                c.contacts,
                ", ".join(c.tags),
            ]
            for c in companies
        ),
    )


def contact_detail(k: Contact) -> None:
    referred = ", ".join(f"{p['name']} (#{p['id']})" for p in k.referred)
    _fields(
        f"{k.name}  (#{k.id})",
        [
            ("Company", k.company or "-"),
            ("Title", k.title),
            ("How you know them", k.how),
            ("Where it stands", k.state),
            ("Next", k.next_step),
            ("Referred by", f"{k.referred_by} (#{k.referred_by_id})" if k.referred_by else None),
            ("Referred you to", referred or None),
            ("Email", k.email),
            ("LinkedIn", k.linkedin),
            ("Phone", k.phone),
            *_kept(k),
        ],
    )
    if k.history:
        history(k.history)


def db_status(s: DbStatus) -> None:
    pairs: list[tuple[str, object]] = [
        ("Path", s.path),
        ("Schema", s.schema_version + (" (latest)" if s.schema_version == s.latest_schema else "")),
        ("Size", f"{s.size_bytes:,} bytes"),
    ]
    if s.quick_check is not None:
        found = "ok" if s.quick_check == "ok" else f"DAMAGED: {s.quick_check}"
        pairs.append(("Quick check", found))
    pairs += [(f"Rows: {table}", f"{n:,}") for table, n in s.rows.items()]
    _fields("netjob database", pairs)


def criteria_table(found: Iterable[Criterion]) -> None:
    rows = [[text(c.name), text(c.weight), text(c.scores)] for c in found]
    if not rows:
        info('No criteria. Add one with: netjob criteria add "remote work" --weight 4')
        return
    columns = [Column("Criterion", 9, wrap=12), Column("Weight", 8, right=True)]
    show("Your criteria", [*columns, Column("Scores given", 5, right=True)], rows)


def settings_table(found: list[dict[str, Any]]) -> None:
    rows = [
        [
            text(s["key"]),
            text(s["value"] or "(none)", "bold" if s["changed"] else ""),
            text(s["help"]),
        ]
        for s in found
    ]
    columns = [Column("Key", 9), Column("Value", 8, wrap=8, right=True)]
    show("Settings", [*columns, Column("What it is", 5, wrap=20)], rows)


def pairs(found: list[dict[str, Any]], kind: str) -> None:
    """`list contacts --duplicates`: the likely pairs, each with the command that merges it."""
    if not found:
        info(f"No likely duplicate {kind}s.")
        return

    def side(r: dict[str, Any]) -> str:
        at = f" ({r['company']})" if r.get("company") else ""
        return f"#{r['id']} {r['name']}{at}"

    for pair in found:
        keep, other = pair["keep"], pair["other"]
        out().print(text(f"{side(keep)}  ~  {side(other)}: {pair['why']}"))
        out().print(text(f'  $ netjob merge {kind} "#{keep["id"]}" "#{other["id"]}"', "dim"))
