"""Commands for the target list: the people at your target companies."""

from typing import Annotated, Any

import typer

from netjob.choices import How
from netjob.cli import base, complete
from netjob.cli.base import confirm, edited, given, open_store, respond, today
from netjob.cli.options import (
    LIST_LIMIT,
    AllOpt,
    ContactArg,
    CreateCompanyOpt,
    Edits,
    JsonOpt,
    NoteOpt,
    OptionBlock,
    TagOpt,
    YesOpt,
    company_option,
    gathered,
    one_of,
)
from netjob.engine.words import sentence


class Person(OptionBlock):
    """What `add contact` and `edit contact` both say about someone."""

    linkedin: Annotated[str | None, typer.Option(metavar="URL", help="LinkedIn URL.")] = None
    phone: Annotated[str | None, typer.Option(help="Phone number.")] = None
    how: Annotated[
        How | None, typer.Option("--how", metavar="HOW", help=f"How you know them: {one_of(How)}.")
    ] = None
    referred_by: Annotated[
        str | None,
        typer.Option(
            metavar="CONTACT", help="Who gave you their name.", autocompletion=complete.contacts
        ),
    ] = None
    create_company: CreateCompanyOpt = False

    def details(self) -> dict[str, Any]:
        return {"linkedin": self.linkedin, "phone": self.phone, "how": self.how}


@base.add_app.command("contact")
@gathered("person", Person)
def add_contact(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    company: Annotated[str | None, company_option("Where they work (name or #id).")] = None,
    title: Annotated[str | None, typer.Option(help="Job title.")] = None,
    email: Annotated[str | None, typer.Option(help="Email address.")] = None,
    person: Person = Person(),
    tag: TagOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a contact, usually at one of your target companies.

    A company not on your list yet is added only if you say so (asked at a
    terminal, or --create-company).

    \b
    Examples:
      netjob add contact "Jane Doe" -c Acme --title "Data Lead" --how alumni
      netjob add contact "Sam Lee" -c Acme --referred-by "Jane Doe"
    """
    from netjob.services import contacts

    store = open_store()
    fields: dict[str, Any] = {
        "name": name,
        "company": company,
        "title": title,
        "email": email,
        "referred_by": person.referred_by,
        "tags": tag,
        "note": note,
        **person.details(),
    }
    try:
        added = contacts.add(store, today=today(), create_company=person.create_company, **fields)
    except contacts.UnknownCompany as unknown:
        confirm(
            f"'{unknown.name}' is not on your company list.{unknown.hint} Add it?",
            yes=False,
            refuse=str(unknown),
        )
        added = contacts.add(store, today=today(), create_company=True, **fields)
    where = f" at {added.company}" if added.company else ""
    respond(added, as_json, sentence(f"Added contact #{added.id} {added.name}{where}"))


@base.list_app.command("contacts")
def list_contacts(
    company: Annotated[str | None, company_option("Only people at this company.")] = None,
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
    duplicates: Annotated[
        bool,
        typer.Option(
            "--duplicates", help="Likely pairs of one person (email, profile, names alike)."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List contacts, by name (the first 50; --all for everyone).

    \b
    Examples:
      netjob list contacts --company acme
      netjob list contacts --behaviour
      netjob list contacts --tag alumni --json
      netjob list contacts --duplicates
    """
    from netjob import render
    from netjob.services import behaviour as behaviours
    from netjob.services import contacts

    store = open_store()
    if duplicates:
        from netjob.services.corrections import merge

        respond(merge.duplicate_contacts(store), as_json, lambda p: render.pairs(p, "contact"))
        return
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


@base.show_app.command("contact")
def show_contact(contact: ContactArg, as_json: JsonOpt = False) -> None:
    """Show a contact: company, how you know them, who referred whom.

    \b
    Example:
      netjob show contact "jane doe"
    """
    from netjob import render
    from netjob.services import contacts

    found = contacts.show(open_store(), query=contact, today=today())
    respond(found, as_json, render.contact_detail)


@base.edit_app.command("contact")
@gathered("edits", Edits)
@gathered("person", Person)
def edit_contact(
    contact: ContactArg,
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    company: Annotated[str | None, company_option("Move them to this company.")] = None,
    no_company: Annotated[
        bool, typer.Option("--no-company", help="They no longer work at a target company.")
    ] = False,
    title: Annotated[str | None, typer.Option(help="Job title.")] = None,
    email: Annotated[str | None, typer.Option(help='Email ("" clears it).')] = None,
    person: Person = Person(),
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
    edits: Edits = Edits(),
    as_json: JsonOpt = False,
) -> None:
    """Change a contact; only the options given change.

    \b
    Examples:
      netjob edit contact "Jane Doe" --title "VP Data" --email jane@acme.com
      netjob edit contact "#12" --company Globex --create-company
      netjob edit contact "Jane Doe" --cadence 14d --ask-referral
    """
    from netjob.services import contacts

    edited(
        "contact",
        contacts.edit,
        as_json,
        edits,
        query=contact,
        changes=given(
            name=name,
            title=title,
            email=email,
            cadence_days=cadence,
            ask_referral=ask_referral,
            **person.details(),
        ),
        company=company,
        no_company=no_company,
        create_company=person.create_company,
        referred_by=person.referred_by,
    )


@base.remove_app.command("contact")
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
