"""Commands for the target list: companies and the people there."""

from typing import Annotated, Any

import typer

from netjob.choices import CompanySort, CompanyStatus, How
from netjob.cli import complete
from netjob.cli.base import (
    AdvocacyOpt,
    CompanyArg,
    ContactArg,
    CreateCompanyOpt,
    JsonOpt,
    MotivationOpt,
    NoteOpt,
    PostingOpt,
    TagOpt,
    YesOpt,
    add_app,
    confirm,
    edit_app,
    list_app,
    open_store,
    remove_app,
    show_app,
    today,
)
from netjob.engine.words import sentence

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

    Names are unique ignoring case, accents, punctuation and legal suffixes: "Acme Inc."
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
        render.done(sentence(f"Added company #{company.id} {company.name}{rank}"))


LIST_LIMIT = 50  # rows a human listing shows without --all
AllOpt = Annotated[
    bool,
    typer.Option("--all", "-a", help="Every row, printed as it is read (no table)."),
]


@list_app.command("companies")
def list_companies(
    status: Annotated[CompanyStatus | None, typer.Option(help="Only this status.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help="Only with this tag.")] = None,
    sort: Annotated[CompanySort, typer.Option(help="Order: lamp, name or created.")] = (
        CompanySort.lamp
    ),
    show_all: AllOpt = False,
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

    store = open_store()
    if as_json or show_all:
        found = companies.list_companies(store, status=status, tag=tag, sort=sort)
        if as_json:
            render.emit_json([c.to_json() for c in found])
        elif found:
            render.companies_stream(found)
        else:
            render.companies_table(found)
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
        render.done(sentence(f"Updated company #{updated.id} {updated.name}"))


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


# ---------------------------------------------------------------- contacts


@add_app.command("contact")
def add_contact(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            "-c",
            help="Where they work (name or #id).",
            autocompletion=complete.companies,
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Job title.")] = None,
    email: Annotated[str | None, typer.Option(help="Email address.")] = None,
    linkedin: Annotated[str | None, typer.Option(metavar="URL", help="LinkedIn URL.")] = None,
    phone: Annotated[str | None, typer.Option(help="Phone number.")] = None,
    how: Annotated[How | None, typer.Option(help="How you know them.")] = None,
    referred_by: Annotated[
        str | None,
        typer.Option(
            metavar="CONTACT", help="Who gave you their name.", autocompletion=complete.contacts
        ),
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
        render.done(sentence(f"Added contact #{added.id} {added.name}{where}"))


@list_app.command("contacts")
def list_contacts(
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            "-c",
            help="Only people at this company.",
            autocompletion=complete.companies,
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help="Only with this tag.")] = None,
    behaviour: Annotated[
        bool,
        typer.Option(
            "--behaviour",
            "-b",
            help="Classify by reply speed: booster (within 3 business days), obligate "
            "(later), curmudgeon (no reply after the follow-up), unknown.",
        ),
    ] = False,
    show_all: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List contacts, by name (the first 50; --all for everyone).

    \b
    Examples:
      netjob list contacts --company acme
      netjob list contacts --behaviour
      netjob list contacts --tag alumni --json
    """
    from netjob import render
    from netjob.services import behaviour as behaviours
    from netjob.services import contacts

    store = open_store()
    bounded = not (as_json or show_all)
    found = contacts.list_contacts(
        store, company=company, tag=tag, limit=LIST_LIMIT if bounded else None
    )
    classes = None
    if behaviour:  # a page: the classes of its rows only
        shown = [k.id for k in found] if bounded else None
        classes = behaviours.behaviours(store, today=today(), ids=shown)
    if as_json:
        rows = [k.to_json() for k in found]
        if classes is not None:
            for row in rows:
                row["behaviour"] = classes.get(row["id"], "unknown")
        render.emit_json(rows)
        return
    if show_all and found:
        render.contacts_stream(found, classes)
    else:
        render.contacts_table(found, classes)
    if bounded:
        render.more(len(found), contacts.count_contacts(store, company=company, tag=tag))
    if classes is not None and found:
        if show_all:
            counts = behaviours.counted({k.id: classes.get(k.id, "unknown") for k in found})
        elif company is None and tag is None:
            counts = behaviours.tally(store, today=today())
        else:
            everyone = [k.id for k in contacts.list_contacts(store, company=company, tag=tag)]
            counts = behaviours.counted(behaviours.behaviours(store, today=today(), ids=everyone))
        render.info(", ".join(f"{n} {name}" for name, n in counts.items()))


@show_app.command("contact")
def show_contact(contact: ContactArg, as_json: JsonOpt = False) -> None:
    """Show a contact: company, how you know them, who referred whom.

    \b
    Example:
      netjob show contact "jane doe"
    """
    from netjob import render
    from netjob.services import contacts

    found = contacts.show(open_store(), query=contact, today=today())
    if as_json:
        render.emit_json(found.to_json())
    else:
        render.contact_detail(found)


@edit_app.command("contact")
def edit_contact(
    contact: ContactArg,
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            "-c",
            help="Move them to this company.",
            autocompletion=complete.companies,
        ),
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
        str | None,
        typer.Option(
            metavar="CONTACT", help="Who gave you their name.", autocompletion=complete.contacts
        ),
    ] = None,
    create_company: CreateCompanyOpt = False,
    cadence: Annotated[
        str | None,
        typer.Option(
            metavar="EVERY",
            help="Keep-in-touch cadence for them: 14d, 2w, never, or default (the setting).",
        ),
    ] = None,
    ask_referral: Annotated[
        bool | None,
        typer.Option(
            "--ask-referral/--no-ask-referral",
            help="Remind me to ask them for a referral after a chat.",
            show_default=False,
        ),
    ] = None,
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
      netjob edit contact "Jane Doe" --cadence 14d --ask-referral
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
        "cadence_days": cadence,
        "ask_referral": ask_referral,
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
        render.done(sentence(f"Updated contact #{updated.id} {updated.name}"))


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
    render.done(sentence(f"Removed {ref.label}"))
