"""Commands for the target list: the companies."""

from typing import Annotated

import typer

from netjob.choices import CompanySort, CompanyStatus
from netjob.cli.base import (
    add_app,
    confirm,
    edit_app,
    edited,
    given,
    list_app,
    open_store,
    remove_app,
    respond,
    show_app,
    today,
)
from netjob.cli.options import (
    LIST_LIMIT,
    AdvocacyOpt,
    AllOpt,
    CompanyArg,
    Edits,
    JsonOpt,
    MotivationOpt,
    NoteOpt,
    OptionBlock,
    PostingOpt,
    TagOpt,
    YesOpt,
    gathered,
    one_of,
)
from netjob.engine.words import sentence


class Profile(OptionBlock):
    """What `add company` and `edit company` both say about a company: the LAMP scores."""

    industry: Annotated[str | None, typer.Option(help="Industry.")] = None
    location: Annotated[str | None, typer.Option(help="Location.")] = None
    motivation: MotivationOpt = None
    posting: PostingOpt = None
    advocacy: AdvocacyOpt = None


@add_app.command("company")
@gathered("profile", Profile)
def add_company(
    name: Annotated[str, typer.Argument(help="Company name.")],
    website: Annotated[str | None, typer.Option(help="Website, e.g. acme.com.")] = None,
    profile: Profile = Profile(),
    status: Annotated[
        CompanyStatus,
        typer.Option(
            "--status", metavar="STATUS", help="backlog, active (being worked) or closed."
        ),
    ] = CompanyStatus.backlog,
    tag: TagOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a target company with its LAMP scores.

    Names are unique ignoring case, accents, punctuation and legal suffixes: "Acme Inc."
    and "ACME" are the same company.

    \b
    Examples:
      netjob add company "Acme Inc." --motivation 3 --posting 2 --advocacy
      netjob add company Globex --website globex.com --tag fintech --status active
    """
    from netjob.services import companies

    store = open_store()
    company = companies.add(
        store,
        name=name,
        today=today(),
        website=website,
        status=status,
        **{**profile.values(), "advocacy": bool(profile.advocacy)},
        tags=tag,
        note=note,
    )
    rank = f", LAMP rank {company.lamp_rank}" if company.lamp_rank else ""
    respond(company, as_json, sentence(f"Added company #{company.id} {company.name}{rank}"))


@list_app.command("companies")
def list_companies(
    status: Annotated[
        CompanyStatus | None,
        typer.Option(
            "--status", metavar="STATUS", help=f"Only this status: {one_of(CompanyStatus)}."
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help="Only with this tag.")] = None,
    sort: Annotated[
        CompanySort, typer.Option(metavar="ORDER", help=f"Order: {one_of(CompanySort)}.")
    ] = (CompanySort.lamp),
    show_all: AllOpt = False,
    duplicates: Annotated[
        bool,
        typer.Option("--duplicates", help="Likely pairs of one employer, to merge."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List target companies, in LAMP order by default.

    LAMP order: Motivation (high first), Posting (high first), Advocacy (yes
    first), then name. Rank counts companies that are not closed.

    \b
    Examples:
      netjob list companies
      netjob list companies --status active --json
      netjob list companies --duplicates
    """
    from netjob import render
    from netjob.services import companies

    store = open_store()
    if duplicates:
        from netjob.services.corrections import merge

        respond(merge.duplicate_companies(store), as_json, lambda p: render.pairs(p, "company"))
        return
    if as_json or show_all:
        found = companies.list_companies(store, status=status, tag=tag, sort=sort)
        respond(found, as_json, render.companies_stream if found else render.companies_table)
        return
    first, total = companies.first_companies(
        store, limit=LIST_LIMIT, status=status, tag=tag, sort=sort
    )
    render.companies_table(first)
    render.more(len(first), total)


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
    respond(detail, as_json, render.company_detail)


@edit_app.command("company")
@gathered("edits", Edits)
@gathered("profile", Profile)
def edit_company(
    company: CompanyArg,
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    website: Annotated[str | None, typer.Option(help='Website ("" clears it).')] = None,
    profile: Profile = Profile(),
    status: Annotated[
        CompanyStatus | None,
        typer.Option("--status", metavar="STATUS", help=f"{one_of(CompanyStatus)}."),
    ] = None,
    edits: Edits = Edits(),
    as_json: JsonOpt = False,
) -> None:
    """Change a company; only the options given change.

    \b
    Examples:
      netjob edit company acme --motivation 2 --status active
      netjob edit company "#3" --name "Acme Robotics" --untag old
    """
    from netjob.services import companies

    changed = given(
        name=name,
        website=website,
        status=status,
        **profile.values(),
    )
    edited("company", companies.edit, as_json, edits, query=company, changes=changed)


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
    parts = [f"{plan.contacts} contact(s)"] if plan.contacts else []
    parts += (
        [f"{plan.entries} log entr{'y' if plan.entries == 1 else 'ies'}"] if plan.entries else []
    )
    extra = f" and its {' and '.join(parts)}" if parts else ""
    confirm(
        f"Remove {plan.company.name} (#{plan.company.id}){extra}?",
        yes=yes,
        refuse=f"Removing {plan.company.name}{extra} needs confirmation: pass --yes.",
    )
    gone = companies.remove(store, query=f"#{plan.company.id}", cascade=cascade)
    render.done(sentence(f"Removed {gone.company.name}{extra}"))
