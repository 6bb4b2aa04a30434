"""`netjob edit entry` and `netjob remove entry`: put one log entry right."""

from typing import Annotated

import typer

from netjob.choices import AppStage, Channel
from netjob.cli.base import confirm, edit_app, open_store, remove_app, respond, today, when
from netjob.cli.options import JsonOpt, YesOpt, one_of

EntryArg = Annotated[
    int, typer.Argument(metavar="ENTRY", help="The entry's id, as `netjob timeline` shows it.")
]


@edit_app.command("entry")
def edit_entry(
    entry_id: EntryArg,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="Its day: yesterday, mon, ...")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="HH:MM", help="A held chat's time.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help='Its note ("" clears it).')] = None,
    channel: Annotated[
        Channel | None,
        typer.Option("--channel", metavar="CHANNEL", help=f"A message's: {one_of(Channel)}."),
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help="An application's role.")] = None,
    url: Annotated[
        str | None, typer.Option("--url", help='An application\'s posting URL ("" clears it).')
    ] = None,
    stage: Annotated[
        AppStage | None,
        typer.Option("--stage", metavar="STAGE", help=f"A stage entry's: {one_of(AppStage)}."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Correct one entry of the log; `next` and the reports follow at once.

    \b
    Examples:
      netjob edit entry 41 --on yesterday
      netjob edit entry 41 --channel email --note "sent from my phone"
      netjob edit entry 57 --stage interviewing
    """
    from netjob.cli.logged import hint
    from netjob.engine.dates import parse_time
    from netjob.engine.labels import describe
    from netjob.services.corrections import entries

    changed = entries.edit(
        open_store(),
        entry_id=entry_id,
        today=today(),
        on=when(on) if on is not None else None,
        at=parse_time(at) if at is not None else None,
        note=note,
        channel=channel,
        role=role,
        url=url,
        stage=stage,
    )

    def said(found: dict[str, object]) -> None:
        from netjob import render

        render.done(f"Changed {describe(changed)}.")
        contact_id = changed["contact_id"]
        hint(contact_id if isinstance(contact_id, int) else None)

    respond(changed, as_json, said)


@remove_app.command("entry")
def remove_entry(
    entry_id: EntryArg,
    cascade: Annotated[
        bool,
        typer.Option(
            "--cascade",
            help="Also remove the TIARA notes and ratings made with it; contacts made from "
            "its leads stay.",
        ),
    ] = False,
    yes: YesOpt = False,
) -> None:
    """Remove one entry of the log (shows it and asks first).

    An entry an import brought in stays removed when the same or a newer file is
    imported again.

    \b
    Examples:
      netjob remove entry 41
      netjob remove entry 9 --cascade --yes
    """
    from netjob import render
    from netjob.cli.logged import hint
    from netjob.engine.labels import describe
    from netjob.services.corrections import entries

    store, now = open_store(), today()
    found = entries.remove(store, entry_id=entry_id, today=now, cascade=cascade, dry_run=True)
    shown = describe(found.entry)
    with_it = f", with {found.dependents}" if found.dependents else ""
    confirm(
        f"Remove {shown}{with_it}?",
        yes=yes,
        refuse=f"Removing entry #{entry_id} needs confirmation: pass --yes.",
    )
    entries.remove(store, entry_id=entry_id, today=now, cascade=cascade)
    render.done(f"Removed {shown}{with_it}.")
    contact_id = found.entry["contact_id"]
    hint(contact_id if isinstance(contact_id, int) else None)
