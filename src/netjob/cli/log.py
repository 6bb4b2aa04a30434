"""Commands that log the search: messages, notes, referrals, applications; the
timeline and undo. Chats live in :mod:`netjob.cli.chats`."""

from pathlib import Path
from typing import Annotated

import typer

from netjob.choices import AppStage, Channel
from netjob.cli import complete
from netjob.cli.base import (
    app,
    confirm,
    log_app,
    open_store,
    respond,
    text_or_note,
)
from netjob.cli.chats import log_chat
from netjob.cli.logged import record
from netjob.cli.options import (
    CompanyArg,
    ContactArg,
    IsCompanyOpt,
    JsonOpt,
    NoteOpt,
    OnOpt,
    TargetArg,
    YesOpt,
    company_option,
    one_of,
)

# ---------------------------------------------------------------- messages


@log_app.command("outreach")
def log_outreach(
    contact: ContactArg,
    channel: Annotated[
        Channel | None,
        typer.Option("--channel", metavar="CHANNEL", help=f"How you wrote: {one_of(Channel)}."),
    ] = None,
    follow_up: Annotated[
        bool | None,
        typer.Option(
            "--follow-up/--first", help="Force follow-up or first message.", show_default=False
        ),
    ] = None,
    on: OnOpt = None,
    note: NoteOpt = None,
    draft: Annotated[
        Path | None,
        typer.Option("--draft", metavar="FILE", help="The message you sent, stored with it."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Log a message you sent; a second one to the same person is the follow-up.

    \b
    Examples:
      netjob log outreach "Jane Doe" --channel linkedin
      netjob log outreach jane --on yesterday --note "asked about the data team"
      netjob log outreach jane --draft message.txt
    """
    from netjob.services import log

    text = None
    if draft is not None:
        from netjob.cli.writing import _read

        text = _read(str(draft))

    record(
        log.outreach,
        on,
        as_json,
        contact=contact,
        channel=channel,
        follow_up=follow_up,
        note=note,
        message=text,
    )


def _message(name: str, action: str, doc: str, **fixed: str) -> None:
    """Register `netjob log NAME CONTACT [--on] [--note] [--json]`, logged by the
    service function ``action`` (with ``fixed`` arguments)."""

    def command(
        contact: ContactArg, on: OnOpt = None, note: NoteOpt = None, as_json: JsonOpt = False
    ) -> None:
        from netjob.services import log

        record(getattr(log, action), on, as_json, contact=contact, note=note, **fixed)

    command.__doc__ = doc
    log_app.command(name)(command)


_message(
    "reply",
    "reply",
    """Log that someone answered (any reply stops that company's 3B7 timers).

    \b
    Example:
      netjob log reply "Jane Doe" --note "happy to chat next week"
    """,
)
_message(
    "update",
    "message",
    """Log an update you sent: keeping in touch, or reporting back on advice.

    \b
    Examples:
      netjob log update "Jane Doe" --note "started the dbt course you suggested"
    """,
    kind="update",
)
_message(
    "ask",
    "message",
    """Log that you asked someone for a referral (netjob suggests at most two asks).

    \b
    Example:
      netjob log ask "Jane Doe" --note "the Data Engineer opening"
    """,
    kind="referral_ask",
)
_message(
    "thanks",
    "thanks",
    """Log the thank-you after a chat (due within 24 hours).

    \b
    Example:
      netjob log thanks "Jane Doe"
    """,
)


@log_app.command("note")
def log_note(
    target: TargetArg,
    text: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="The note (or --note).")
    ] = None,
    company: IsCompanyOpt = False,
    on: OnOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Log a free note about a contact or a company (--company, or a company's
    whole name when no contact has it).

    \b
    Examples:
      netjob log note "Jane Doe" --note "moving to the platform team in January"
      netjob log note --company acme "hiring freeze until Q2"
    """
    from netjob.services import log

    said = text_or_note(text, note, what="A note")
    record(log.note, on, as_json, target=target, text=said, company=company)


# Registered here so that `netjob log --help` lists it in its place, after the notes.
log_app.command("chat")(log_chat)


@log_app.command("referral")
def log_referral(
    contact: ContactArg,
    company: Annotated[str | None, company_option("Where (default: their company).")] = None,
    role: Annotated[str | None, typer.Option(help="The role they referred you for.")] = None,
    on: OnOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Log that a contact referred you.

    \b
    Example:
      netjob log referral "Jane Doe" --company acme --role "Data Engineer"
    """
    from netjob.services import log

    record(log.referral, on, as_json, contact=contact, company=company, role=role, note=note)


@log_app.command("apply")
def log_apply(
    company: CompanyArg,
    role: Annotated[str | None, typer.Option(help="The role.")] = None,
    url: Annotated[str | None, typer.Option(help="The posting.")] = None,
    via: Annotated[
        str | None,
        typer.Option(
            metavar="CONTACT",
            help="Who referred you (else: cold).",
            autocompletion=complete.contacts,
        ),
    ] = None,
    on: OnOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Log an application, through a contact (--via) or cold.

    Applying cold where you are networking undercuts the conversation: netjob
    warns, and records it all the same.

    \b
    Examples:
      netjob log apply acme --role "Data Engineer" --via "Jane Doe"
      netjob log apply globex --url https://globex.example/jobs/42
    """
    from netjob.services import log

    record(log.apply, on, as_json, company=company, role=role, url=url, via=via, note=note)


@log_app.command("stage")
def log_stage(
    company: CompanyArg,
    stage: Annotated[
        AppStage,
        typer.Argument(
            metavar="STAGE", help=f"Where the application stands now: {one_of(AppStage)}."
        ),
    ],
    on: OnOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Log an application's next stage: interviewing, offer, accepted, rejected, withdrawn.

    \b
    Example:
      netjob log stage acme interviewing --on mon
    """
    from netjob.services import log

    record(log.stage, on, as_json, company=company, stage=stage, note=note)


# ---------------------------------------------------------------- timeline, undo


@app.command("timeline")
def timeline(target: TargetArg, company: IsCompanyOpt = False, as_json: JsonOpt = False) -> None:
    """Everything logged with a contact or (--company) a company, newest first.

    \b
    Examples:
      netjob timeline "Jane Doe"
      netjob timeline --company acme --json
    """
    from netjob import render
    from netjob.services import timeline as service

    found = service.timeline(open_store(), target=target, company=company)
    respond(found, as_json, render.timeline)


@app.command("undo")
def undo(
    show_list: Annotated[
        bool, typer.Option("--list", help="Show the recorded commands instead, newest first.")
    ] = False,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Revert the last command that changed something (shows it and asks first).

    Whatever it was (a log entry, chat done/move/cancel, advice done, add, edit, remove,
    remind, rate, settings, done/dismiss/snooze, a whole import), every table goes back to
    what it was before it. Run it again to go one more command back. netjob keeps the last
    50 commands; a command that failed changed nothing and is not recorded. Undo itself is
    not recorded: there is no redo.

    \b
    Examples:
      netjob undo --list
      netjob undo
    """
    from netjob import render
    from netjob.services import undo as service

    store = open_store()
    if show_list:
        found = service.recent(store)
        respond(found, as_json, render.journal)
        return
    last = service.latest(store)
    line = render.safe(service.describe(last))  # shown, never interpreted by the terminal
    confirm(f"Undo {line}?", yes=yes, refuse=f"Undoing {line} needs confirmation: pass --yes.")
    undone = service.undo(store, journal_id=last["id"])
    respond(undone, as_json, render.safe(service.described_undone(undone)))
