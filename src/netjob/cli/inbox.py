"""Log less: `import messages`, `import mail`, `import calendar`."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netjob.cli import base
from netjob.cli.base import fail, import_app, open_store, respond, today
from netjob.cli.options import JsonOpt, OptionBlock, YesOpt, gathered

if TYPE_CHECKING:
    from datetime import date

DryRunOpt = Annotated[
    bool,
    typer.Option("--dry-run", help="Show what would be logged, per contact; change nothing."),
]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="Only messages on or after this day."),
]
AddContactsOpt = Annotated[
    bool,
    typer.Option(
        "--add-contacts",
        help="Add the people you wrote with at your target companies as contacts.",
    ),
]
KeepTextOpt = Annotated[
    bool,
    typer.Option(
        "--keep-text", help="Store each message's text too (by default only its first line)."
    ),
]
PROGRESS_BYTES = 2 * 1024 * 1024


def _since(raw: str | None) -> "date | None":
    if raw is None:
        return None
    from netjob.engine import dates

    return dates.parse_day(raw, today=today())


def _progress(paths: list[Path], label: str) -> Any:
    """A progress bar on stderr, for large files at a terminal only."""
    if not base.is_interactive():
        return None
    size = 0
    for path in paths:
        try:
            size += path.stat().st_size if path.is_file() else PROGRESS_BYTES
        except OSError:
            continue
    if size < PROGRESS_BYTES:
        return None
    from netjob import render

    return render.progress_reporter(label)


class Options(OptionBlock):
    """What `import messages` and `import mail` share."""

    dry_run: DryRunOpt = False
    since: SinceOpt = None
    add_contacts: AddContactsOpt = False
    keep_text: KeepTextOpt = False
    yes: YesOpt = False
    as_json: JsonOpt = False


def _go(
    action: Any,
    *,
    dry_run: bool,
    since: str | None,
    yes: bool,
    as_json: bool,
    reading: tuple[list[Path], str] | None = None,
    **given: Any,
) -> None:
    """Run an import ``action`` with ``given``. Dry run: show the plan. At a terminal
    without --yes: show the plan, ask, then do it. Otherwise: do it and say what was done.
    ``reading``: the files read and a label, for a progress bar on large files."""
    from netjob import render

    store = open_store()
    day = _since(since)

    def run(dry_run: bool) -> Any:
        if reading is not None:
            given["progress"] = _progress(*reading)
        return action(store, today=today(), since=day, dry_run=dry_run, **given)

    ask = not dry_run and not yes and base.is_interactive()
    report = run(dry_run=dry_run or ask)
    if ask and report.changes:
        render.inbox_report(report)  # the plan, per contact
        question = f"Log these {report.logged} entries?"
        if not typer.confirm(question, default=False, err=True):
            fail("Cancelled; nothing was changed.")
        report = run(dry_run=False)
    respond(report, as_json, lambda found: render.inbox_report(found, brief=ask))


@import_app.command("messages")
@gathered("options", Options)
def import_messages(
    path: Annotated[Path, typer.Argument(help="messages.csv from LinkedIn's data export.")],
    options: Options = Options(),
) -> None:
    """Log your LinkedIn messages with contacts: outreach, follow-ups, replies, updates.
    Importing again (or a newer export) adds only new messages.

    \b
    Examples:
      netjob import messages ~/Downloads/messages.csv --dry-run
      netjob import messages ~/Downloads/messages.csv --since 2026-09-01
    """
    from netjob.services.imports import messages

    given = options.values()
    _go(messages.import_messages, path=path, reading=([path], "Reading messages"), **given)


@import_app.command("mail")
@gathered("options", Options)
def import_mail(
    paths: Annotated[
        list[Path], typer.Argument(help="An mbox file, a Maildir folder, or .eml files.")
    ],
    options: Options = Options(),
) -> None:
    """Log mail with contacts (set `netjob settings set me.emails YOU@...` first).
    Newsletters, no-reply senders, group mail and mail with no contact are skipped.

    \b
    Examples:
      netjob import mail ~/Downloads/Takeout/Mail/All\\ mail.mbox --dry-run
      netjob import mail ~/Mail/jane-reply.eml
    """
    from netjob.services.imports import messages

    given = options.values()
    _go(messages.import_mail, paths=paths, reading=(paths, "Reading mail"), **given)


@import_app.command("calendar")
def import_calendar(
    path: Annotated[Path, typer.Argument(help="An .ics calendar file.")],
    dry_run: DryRunOpt = False,
    since: SinceOpt = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Log events with a contact (attendee by email, or named in the title) as chats:
    scheduled on their day; for past ones, `next` asks what happened. A recurring
    event counts once, on its first day.

    \b
    Example:
      netjob import calendar ~/Downloads/calendar.ics --since 2026-10-01
    """
    from netjob.services.imports import messages

    _go(messages.import_calendar, path=path, dry_run=dry_run, since=since, yes=yes, as_json=as_json)
