"""The command line: parse, resolve, call one service, render.

Start-up is a feature: this module imports only Typer and stdlib modules.
Services, the database layer and Rich tables are imported inside the commands
that need them, so `netjob --help` and `netjob --version` stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from netjob import __version__
from netjob.choices import CompanySort, CompanyStatus, How
from netjob.errors import NetjobError

if TYPE_CHECKING:
    from netjob.store import Store

ENV_DEBUG = "NETJOB_DEBUG"


class NetjobGroup(TyperGroup):
    """The single exit point for errors: one line on stderr, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NetjobError as error:
            fail(str(error))
        except KeyboardInterrupt:
            fail("Interrupted; nothing was saved.", code=130)
        except Exception as error:
            # Typer's own signals (exit, abort, usage errors) pass through.
            if type(error).__module__.split(".")[0] in {"typer", "click"}:
                raise
            if os.environ.get(ENV_DEBUG):
                raise
            fail(_describe_unexpected(error))


def _describe_unexpected(error: Exception) -> str:
    import sqlite3

    path = _state.get("path") or "the database"
    if isinstance(error, sqlite3.OperationalError):
        reason = str(error)
        if "locked" in reason or "busy" in reason:
            return f"{path} is busy (another netjob is writing); nothing was saved. Try again."
        if "readonly" in reason or "read-only" in reason:
            return f"{path} is read-only; nothing was saved. Check its permissions."
        if "disk is full" in reason or "full" in reason:
            return f"The disk holding {path} is full; nothing was saved."
        return f"Database error on {path}: {reason}. Nothing was saved."
    if isinstance(error, sqlite3.DatabaseError):
        return f"{path} looks damaged ({error}). Restore a backup or run with a new --db."
    if isinstance(error, OSError):
        return f"{error.strerror or error} ({error.filename or path})."
    return (
        f"Unexpected error: {type(error).__name__}: {error}. "
        f"Please report it; run again with {ENV_DEBUG}=1 for details."
    )


def fail(message: str, code: int = 1) -> NoReturn:
    from netjob import render

    render.error(message)
    raise typer.Exit(code)


def is_interactive() -> bool:
    """Whether there is a person at a terminal to answer a question."""
    return sys.stdin.isatty()


app = typer.Typer(
    cls=NetjobGroup,
    name="netjob",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
add_app = typer.Typer(help="Add a target company or a contact.", no_args_is_help=True)
list_app = typer.Typer(help="List companies (LAMP order) or contacts.", no_args_is_help=True)
show_app = typer.Typer(help="Show everything about one company or contact.", no_args_is_help=True)
edit_app = typer.Typer(help="Change a company or contact.", no_args_is_help=True)
remove_app = typer.Typer(help="Remove a company or contact.", no_args_is_help=True)
db_app = typer.Typer(help="Where the database is and what it holds.", no_args_is_help=True)
app.add_typer(add_app, name="add")
app.add_typer(list_app, name="list")
app.add_typer(show_app, name="show")
app.add_typer(edit_app, name="edit")
app.add_typer(remove_app, name="remove")
app.add_typer(db_app, name="db")

_state: dict[str, Any] = {"db": None, "path": None}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netjob {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="Database file to use (default: NETJOB_DB, else netjob.db in your data folder).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Network into a job: keep your target companies and the people there, and
    find the next move.

    \b
    Start with:
      netjob demo                      see it work on a sample search
      netjob add company "Acme" --motivation 3 --posting 2
      netjob add contact "Jane Doe" --company Acme --how alumni
      netjob list companies            your targets in LAMP order
    """
    _state["db"] = db


def db_path() -> Path:
    from netjob.paths import resolve_db

    path = resolve_db(_state["db"])
    _state["path"] = path
    return path


def open_store() -> Store:
    from netjob.store import open_store as _open

    return _open(db_path())


def today() -> Any:
    from netjob.clock import today as _today

    return _today()


def confirm(question: str, *, yes: bool, refuse: str) -> None:
    """Ask ``question`` unless ``yes``; with no terminal, fail with ``refuse``."""
    if yes:
        return
    if not is_interactive():
        fail(refuse)
    if not typer.confirm(question, default=False, err=True):
        fail("Cancelled; nothing was changed.")


# ---------------------------------------------------------------- options

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="A tag (repeatable).")
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Free text note.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
CompanyArg = Annotated[str, typer.Argument(metavar="COMPANY", help="Company name, prefix or #id.")]
ContactArg = Annotated[str, typer.Argument(metavar="CONTACT", help="Contact name, prefix or #id.")]
MotivationOpt = Annotated[
    int | None,
    typer.Option("--motivation", "-m", help="0-3 gut score (0 = don't know enough yet)."),
]
PostingOpt = Annotated[
    int | None,
    typer.Option("--posting", "-p", help="3 relevant posting open, 2 some posting, 1 none."),
]
AdvocacyOpt = Annotated[
    bool | None,
    typer.Option(
        "--advocacy/--no-advocacy",
        help="Is there a plausible advocate (alumnus, friend, shared affinity)?",
        show_default=False,
    ),
]
CreateCompanyOpt = Annotated[
    bool,
    typer.Option("--create-company", help="Add the company to your list if it is not there."),
]


# ---------------------------------------------------------------- companies


@add_app.command("company")
def add_company(
    name: Annotated[str, typer.Argument(help="Company name.")],
    website: Annotated[str | None, typer.Option(help="Website, e.g. acme.com.")] = None,
    industry: Annotated[str | None, typer.Option(help="Industry.")] = None,
    location: Annotated[str | None, typer.Option(help="Location.")] = None,
    motivation: MotivationOpt = None,
    posting: PostingOpt = None,
    advocacy: AdvocacyOpt = None,
    status: Annotated[
        CompanyStatus, typer.Option(help="backlog, active (being worked) or closed.")
    ] = CompanyStatus.backlog,
    tag: TagOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a target company with its LAMP scores.

    Names are unique ignoring case, punctuation and legal suffixes: "Acme Inc."
    and "ACME" are the same company.

    \b
    Examples:
      netjob add company "Acme Inc." --motivation 3 --posting 2 --advocacy
      netjob add company Globex --website globex.com --tag fintech --status active
    """
    from netjob import render
    from netjob.services import companies

    store = open_store()
    company = companies.add(
        store,
        name=name,
        today=today(),
        website=website,
        industry=industry,
        location=location,
        motivation=motivation,
        posting=posting,
        advocacy=bool(advocacy),
        status=status,
        tags=tag,
        note=note,
    )
    if as_json:
        render.emit_json(company.to_json())
    else:
        rank = f", LAMP rank {company.lamp_rank}" if company.lamp_rank else ""
        render.done(f"Added company #{company.id} {company.name}{rank}.")


@list_app.command("companies")
def list_companies(
    status: Annotated[CompanyStatus | None, typer.Option(help="Only this status.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help="Only with this tag.")] = None,
    sort: Annotated[CompanySort, typer.Option(help="Order: lamp, name or created.")] = (
        CompanySort.lamp
    ),
    as_json: JsonOpt = False,
) -> None:
    """List target companies, in LAMP order by default.

    LAMP order: Motivation (high first), Posting (high first), Advocacy (yes
    first), then name. Rank counts companies that are not closed.

    \b
    Examples:
      netjob list companies
      netjob list companies --status active --json
    """
    from netjob import render
    from netjob.services import companies

    found = companies.list_companies(open_store(), status=status, tag=tag, sort=sort)
    if as_json:
        render.emit_json([c.to_json() for c in found])
    else:
        render.companies_table(found)


@show_app.command("company")
def show_company(company: CompanyArg, as_json: JsonOpt = False) -> None:
    """Show a company: scores, LAMP rank, advocacy (stated and derived), people.

    \b
    Example:
      netjob show company acme
    """
    from netjob import render
    from netjob.services import companies

    detail = companies.show(open_store(), query=company)
    if as_json:
        render.emit_json(detail.to_json())
    else:
        render.company_detail(detail)


@edit_app.command("company")
def edit_company(
    company: CompanyArg,
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    website: Annotated[str | None, typer.Option(help='Website ("" clears it).')] = None,
    industry: Annotated[str | None, typer.Option(help="Industry.")] = None,
    location: Annotated[str | None, typer.Option(help="Location.")] = None,
    motivation: MotivationOpt = None,
    posting: PostingOpt = None,
    advocacy: AdvocacyOpt = None,
    status: Annotated[CompanyStatus | None, typer.Option(help="backlog, active or closed.")] = None,
    tag: TagOpt = None,
    untag: Annotated[
        list[str] | None, typer.Option("--untag", metavar="TAG", help="Remove a tag (repeatable).")
    ] = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Change a company; only the options given change.

    \b
    Examples:
      netjob edit company acme --motivation 2 --status active
      netjob edit company "#3" --name "Acme Robotics" --untag old
    """
    from netjob import render
    from netjob.services import companies

    given = {
        "name": name,
        "website": website,
        "industry": industry,
        "location": location,
        "motivation": motivation,
        "posting": posting,
        "advocacy": advocacy,
        "status": status,
        "note": note,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    updated = companies.edit(
        open_store(),
        query=company,
        today=today(),
        changes=changes,
        add_tags=tag,
        remove_tags=untag,
    )
    if as_json:
        render.emit_json(updated.to_json())
    else:
        render.done(f"Updated company #{updated.id} {updated.name}.")


@remove_app.command("company")
def remove_company(
    company: CompanyArg,
    cascade: Annotated[bool, typer.Option(help="Also remove the company's contacts.")] = False,
    yes: YesOpt = False,
) -> None:
    """Remove a company (asks first). Refuses if it has contacts, unless --cascade.

    \b
    Example:
      netjob remove company globex --cascade --yes
    """
    from netjob import render
    from netjob.services import companies

    store = open_store()
    plan = companies.remove(store, query=company, cascade=cascade, dry_run=True)
    extra = f" and its {plan.contacts} contact(s)" if plan.contacts else ""
    confirm(
        f"Remove {plan.company.name} (#{plan.company.id}){extra}?",
        yes=yes,
        refuse=f"Removing {plan.company.name}{extra} needs confirmation: pass --yes.",
    )
    gone = companies.remove(store, query=f"#{plan.company.id}", cascade=cascade)
    render.done(f"Removed {gone.company.name}{extra}.")


# ---------------------------------------------------------------- contacts


@add_app.command("contact")
def add_contact(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    company: Annotated[
        str | None, typer.Option("--company", "-c", help="Where they work (name or #id).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Job title.")] = None,
    email: Annotated[str | None, typer.Option(help="Email address.")] = None,
    linkedin: Annotated[str | None, typer.Option(metavar="URL", help="LinkedIn URL.")] = None,
    phone: Annotated[str | None, typer.Option(help="Phone number.")] = None,
    how: Annotated[How | None, typer.Option(help="How you know them.")] = None,
    referred_by: Annotated[
        str | None, typer.Option(metavar="CONTACT", help="Who gave you their name.")
    ] = None,
    create_company: CreateCompanyOpt = False,
    tag: TagOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a contact, usually at one of your target companies.

    A company not on your list yet is added only if you say so (asked at a
    terminal, or --create-company).

    \b
    Examples:
      netjob add contact "Jane Doe" --company Acme --title "Data Lead" --how alumni
      netjob add contact "Sam Lee" -c Acme --referred-by "Jane Doe"
    """
    from netjob import render
    from netjob.services import contacts

    store = open_store()
    fields: dict[str, Any] = {
        "name": name,
        "company": company,
        "title": title,
        "email": email,
        "linkedin": linkedin,
        "phone": phone,
        "how": how,
        "referred_by": referred_by,
        "tags": tag,
        "note": note,
    }
    try:
        added = contacts.add(store, today=today(), create_company=create_company, **fields)
    except contacts.UnknownCompany as unknown:
        confirm(
            f"'{unknown.name}' is not on your company list.{unknown.hint} Add it?",
            yes=False,
            refuse=str(unknown),
        )
        added = contacts.add(store, today=today(), create_company=True, **fields)
    if as_json:
        render.emit_json(added.to_json())
    else:
        where = f" at {added.company}" if added.company else ""
        render.done(f"Added contact #{added.id} {added.name}{where}.")


@list_app.command("contacts")
def list_contacts(
    company: Annotated[
        str | None, typer.Option("--company", "-c", help="Only people at this company.")
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help="Only with this tag.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List contacts, by name.

    \b
    Examples:
      netjob list contacts --company acme
      netjob list contacts --tag alumni --json
    """
    from netjob import render
    from netjob.services import contacts

    found = contacts.list_contacts(open_store(), company=company, tag=tag)
    if as_json:
        render.emit_json([k.to_json() for k in found])
    else:
        render.contacts_table(found)


@show_app.command("contact")
def show_contact(contact: ContactArg, as_json: JsonOpt = False) -> None:
    """Show a contact: company, how you know them, who referred whom.

    \b
    Example:
      netjob show contact "jane doe"
    """
    from netjob import render
    from netjob.services import contacts

    found = contacts.show(open_store(), query=contact)
    if as_json:
        render.emit_json(found.to_json())
    else:
        render.contact_detail(found)


@edit_app.command("contact")
def edit_contact(
    contact: ContactArg,
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    company: Annotated[
        str | None, typer.Option("--company", "-c", help="Move them to this company.")
    ] = None,
    no_company: Annotated[
        bool, typer.Option("--no-company", help="They no longer work at a target company.")
    ] = False,
    title: Annotated[str | None, typer.Option(help="Job title.")] = None,
    email: Annotated[str | None, typer.Option(help='Email ("" clears it).')] = None,
    linkedin: Annotated[str | None, typer.Option(metavar="URL", help="LinkedIn URL.")] = None,
    phone: Annotated[str | None, typer.Option(help="Phone number.")] = None,
    how: Annotated[How | None, typer.Option(help="How you know them.")] = None,
    referred_by: Annotated[
        str | None, typer.Option(metavar="CONTACT", help="Who gave you their name.")
    ] = None,
    create_company: CreateCompanyOpt = False,
    tag: TagOpt = None,
    untag: Annotated[
        list[str] | None, typer.Option("--untag", metavar="TAG", help="Remove a tag (repeatable).")
    ] = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Change a contact; only the options given change.

    \b
    Examples:
      netjob edit contact "Jane Doe" --title "VP Data" --email jane@acme.com
      netjob edit contact "#12" --company Globex --create-company
    """
    from netjob import render
    from netjob.services import contacts

    given = {
        "name": name,
        "title": title,
        "email": email,
        "linkedin": linkedin,
        "phone": phone,
        "how": how,
        "note": note,
    }
    updated = contacts.edit(
        open_store(),
        query=contact,
        today=today(),
        changes={k: v for k, v in given.items() if v is not None},
        company=company,
        no_company=no_company,
        create_company=create_company,
        referred_by=referred_by,
        add_tags=tag,
        remove_tags=untag,
    )
    if as_json:
        render.emit_json(updated.to_json())
    else:
        render.done(f"Updated contact #{updated.id} {updated.name}.")


@remove_app.command("contact")
def remove_contact(contact: ContactArg, yes: YesOpt = False) -> None:
    """Remove a contact (asks first).

    \b
    Example:
      netjob remove contact "#12" --yes
    """
    from netjob import render
    from netjob.services import contacts

    store = open_store()
    ref = contacts.remove(store, query=contact, dry_run=True)
    confirm(
        f"Remove {ref.label} (#{ref.id})?",
        yes=yes,
        refuse=f"Removing {ref.label} needs confirmation: pass --yes.",
    )
    contacts.remove(store, query=f"#{ref.id}")
    render.done(f"Removed {ref.label}.")


# ---------------------------------------------------------------- database


@db_app.command("path")
def db_path_cmd() -> None:
    """Print the database file in use (touches nothing).

    \b
    Example:
      NETJOB_DB=~/search.db netjob db path
    """
    typer.echo(str(db_path()))


@db_app.command("status")
def db_status(as_json: JsonOpt = False) -> None:
    """Print the schema version, file size and row counts.

    \b
    Example:
      netjob db status --json
    """
    from netjob import render
    from netjob.services import status

    found = status.status(open_store())
    if as_json:
        render.emit_json(found.to_json())
    else:
        render.db_status(found)


@app.command("demo")
def demo(
    path: Annotated[
        Path | None,
        typer.Option("--path", help="Where to write the demo database (default: demo.db)."),
    ] = None,
) -> None:
    """Fill a separate demo database with a sample search and show it.

    Your own database is never touched. Explore the demo with the printed
    NETJOB_DB=... prefix.

    \b
    Examples:
      netjob demo
      netjob demo --path /tmp/demo.db && netjob --db /tmp/demo.db list contacts
    """
    from netjob import demo as demo_data
    from netjob import render
    from netjob.paths import demo_db
    from netjob.services import companies

    target = path or demo_db()
    store = demo_data.build(target, today=today())
    render.companies_table(companies.list_companies(store))
    render.info(f"Demo database: {target}")
    render.info(f'Explore it:    NETJOB_DB="{target}" netjob list contacts')


def main() -> None:
    """Console-script entry point."""
    app(prog_name="netjob")
