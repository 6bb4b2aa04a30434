"""Bringing your network in and taking your data out."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from netjob.cli import base, complete
from netjob.cli.base import (
    app,
    confirm,
    db_path,
    export_app,
    import_app,
    now,
    open_store,
    output_path,
    respond,
    today,
)
from netjob.cli.options import CreateCompanyOpt, JsonOpt, YesOpt

OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
]


def _write(text: str, output: Path | None, what: str) -> None:
    from netjob import render

    if output is None or str(output) == "-":  # -o - is stdout, as everywhere
        sys.stdout.write(text)
        return
    from netjob.db.files import write_private

    write_private(output_path(output), text)
    render.done(f"Wrote {what} to {output}.")


def _stream(write: Any, output: Path | None, what: str, label: str) -> None:
    """Call ``write(handle, progress)`` on stdout or on a new private file at ``output``;
    a progress bar on stderr when it is a terminal (and stdout is not)."""
    from netjob import render

    to_file = output is not None and str(output) != "-"
    seen = sys.stderr.isatty() and (to_file or not sys.stdout.isatty())
    progress = render.progress_reporter(label) if seen else None
    if output is None or str(output) == "-":
        write(sys.stdout, progress)
        return
    from netjob.db.files import replacing

    with replacing(output_path(output)) as temp, open(temp, "w", encoding="utf-8") as handle:
        write(handle, progress)
    render.done(f"Wrote {what} to {output}.")


@import_app.command("linkedin")
def import_linkedin(
    path: Annotated[Path, typer.Argument(help="Connections.csv from LinkedIn's data export.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report, change nothing.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Import LinkedIn connections into your network (not as contacts: promote the ones
    you want). A newer export updates in place, matched on the profile URL (or, for a
    row without one, on name and company).

    \b
    Examples:
      netjob import linkedin ~/Downloads/Connections.csv --dry-run
      netjob import linkedin ~/Downloads/Connections.csv
    """
    from netjob import render
    from netjob.services.imports import connections

    progress = render.progress_reporter("Importing connections") if base.is_interactive() else None
    found = connections.import_linkedin(
        open_store(), path=path, today=today(), dry_run=dry_run, progress=progress
    )
    respond(found, as_json, render.import_summary)


@import_app.command("json")
def import_json(
    path: Annotated[Path, typer.Argument(help="A file made by netjob export json.")],
    as_json: JsonOpt = False,
) -> None:
    """Restore a JSON export into an empty database, exactly.

    \b
    Example:
      netjob --db restored.db import json netjob-export.json
    """
    from netjob import render
    from netjob.paths import shown
    from netjob.services.transfer.json_import import import_json as restore_json

    seen = sys.stderr.isatty() and not as_json
    progress = render.progress_reporter("Importing") if seen else None
    counts = restore_json(open_store(), path=path, progress=progress)
    respond(counts, as_json, f"Imported {sum(counts.values())} rows into {shown(db_path())}.")


@export_app.command("json")
def export_json(
    output: OutputOpt = None,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Names, emails and notes replaced by pseudonyms (for a bug report or a coach).",
        ),
    ] = False,
) -> None:
    """Everything, as versioned JSON (netjob import json restores it).

    \b
    Examples:
      netjob export json -o netjob-export.json
      netjob export json --redact -o shareable.json
    """
    from netjob.services.transfer import json_export

    store, day = open_store(), today()
    _stream(
        lambda out, progress: json_export.write_json(
            store, out, today=day, redact=redact, progress=progress
        ),
        output,
        "everything",
        "Exporting",
    )


@export_app.command("csv")
def export_csv(
    what: Annotated[
        str | None,
        typer.Option(
            "--what",
            metavar="companies|contacts|log",
            help="What to export (required): companies, contacts or log.",
        ),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Companies, contacts or the log as CSV for a spreadsheet.

    \b
    Example:
      netjob export csv --what log -o log.csv
    """
    from netjob.services.transfer.csv_export import export_csv

    if what is None:
        base.fail("export csv needs --what: companies, contacts or log.", code=2)
    store = open_store()
    _stream(
        lambda out, progress: export_csv(store, out, what=what, progress=progress),
        output,
        what,
        "Exporting",
    )


@app.command("who")
def who(
    company: Annotated[
        str | None,
        typer.Argument(
            metavar="COMPANY", help="Any company name.", autocompletion=complete.companies
        ),
    ] = None,
    targets: Annotated[
        bool, typer.Option("--targets", help="Every target company: who you know there.")
    ] = False,
    set_advocacy: Annotated[
        bool,
        typer.Option(
            "--set-advocacy",
            help="With --targets: record advocacy where you know someone (LAMP ranks may move).",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Who do I know there? Your contacts and imported network at a company
    ("Acme Inc." = "ACME, Inc" = "acme"; a close name is matched and shown).

    \b
    Examples:
      netjob who acme
      netjob who --targets
      netjob who --targets --set-advocacy
    """
    from netjob import render
    from netjob.errors import InvalidInput
    from netjob.services import network

    store = open_store()
    if set_advocacy and not targets:
        raise InvalidInput("--set-advocacy goes with --targets.")
    if targets:
        rows = network.who_targets(store, today=today(), set_advocacy=set_advocacy)
        respond(rows, as_json, render.who_targets)
        return
    if company is None:
        raise InvalidInput("Name a company, or pass --targets.")
    found = network.who(store, company=company)
    respond(found, as_json, render.who)


@app.command("promote")
def promote(
    connection: Annotated[
        str,
        typer.Argument(
            metavar="CONNECTION",
            help="A connection's name, prefix or #id.",
            autocompletion=complete.connections,
        ),
    ],
    create_company: CreateCompanyOpt = False,
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            metavar="TARGET",
            help="File them at this target (when their company could be several).",
            autocompletion=complete.companies,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Turn someone from your network into a contact at their company (the target that
    is the same employer: "AUTO TRADER" is filed at "Auto Trader UK").

    \b
    Examples:
      netjob promote "Dana Kim" --create-company
      netjob promote "José Martínez" --company "On the Beach"
    """
    from netjob.services import network

    added = network.promote(
        open_store(),
        connection=connection,
        today=today(),
        create_company=create_company,
        company=company,
    )
    where = f" at {added.company}" if added.company else ""
    respond(added, as_json, f"{added.name} is now contact #{added.id}{where}.")


@app.command("backup")
def backup(
    path: Annotated[
        Path | None, typer.Argument(help="Where (default: a dated file beside the database).")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Copy the database even if SQLite's quick_check fails."),
    ] = False,
) -> None:
    """A consistent copy of the live database, private to you, checked first
    (SQLite's quick_check) and written whole or not at all.

    \b
    Examples:
      netjob backup
      netjob backup ~/Dropbox/netjob-2026-11-20.db
    """
    from netjob import render
    from netjob.services import backup as backups

    written, problems = backups.backup(
        open_store(),
        target=output_path(path) if path is not None else None,
        today=today(),
        force=force,
    )
    render.done(f"Backed up to {written}.")
    if problems:
        render.warn(
            f"It holds the damage SQLite's quick_check found: "
            f"{backups.describe_problems(problems)}."
        )
    else:
        render.info("SQLite's quick_check found the database sound.")


@app.command("restore")
def restore(
    path: Annotated[Path, typer.Argument(help="A backup made by netjob backup.")],
    yes: YesOpt = False,
) -> None:
    """Replace the database with a backup (checked first; the current one is kept aside).

    \b
    Example:
      netjob restore ~/.local/share/netjob/netjob-backup-2026-11-20.db
    """
    from pathlib import Path as FilePath

    from netjob import render
    from netjob.errors import DatabaseProblem
    from netjob.services import backup as backups
    from netjob.services import undo

    live = db_path()
    if not isinstance(live, FilePath):
        raise DatabaseProblem(
            "netjob restore replaces a SQLite file; on PostgreSQL use "
            "pg_restore, or netjob import json into an empty database."
        )
    revision = backups.check_restorable(path)
    confirm(
        f"Replace {live} with {path} (schema {revision})?",
        yes=yes,
        refuse=f"Restoring over {live} needs confirmation: pass --yes.",
    )
    moment = now()
    aside = backups.restore(live, source=path, now=moment)
    # upgrades an older backup now (with its own copy first), and records the restore
    undo.restored(open_store(), source=path, aside=aside, now=moment)
    render.done(f"Restored {path} into {live}.")
    if aside is not None:
        render.info(f"The database it replaced is kept at {aside}.")


@import_app.command("vcard")
def import_vcard(
    path: Annotated[Path, typer.Argument(help="A .vcf file (one or many cards, vCard 3.0/4.0).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report, change nothing.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Import phone or Google/Apple contacts (.vcf) into your network; a card matching
    someone already there (LinkedIn URL, email, or name at the same company) updates them.

    \b
    Example:
      netjob import vcard ~/Downloads/contacts.vcf
    """
    from netjob import render
    from netjob.services.imports import vcards

    found = vcards.import_vcards(open_store(), path=path, today=today(), dry_run=dry_run)
    respond(found, as_json, render.import_summary)


@export_app.command("vcard")
def export_vcard(output: OutputOpt = None) -> None:
    """Your contacts as vCards (3.0), for a phone or an address book.

    \b
    Example:
      netjob export vcard -o contacts.vcf
    """
    from netjob.services.imports import vcards

    _write(vcards.export_vcards(open_store()), output, "your contacts")


@export_app.command("ics")
def export_ics(output: OutputOpt = None) -> None:
    """Scheduled chats, due follow-ups and reminders as calendar events (RFC 5545).
    Events keep their UIDs, so importing again updates rather than duplicates.

    \b
    Example:
      netjob export ics -o netjob.ics
    """
    from netjob.services import calendar

    data = calendar.export_ics(open_store(), today=today())
    _write(data.decode("utf-8"), output, "the calendar")
