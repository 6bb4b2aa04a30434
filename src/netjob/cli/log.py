"""Commands that log the search: messages, notes, referrals, applications; the
timeline and undo. Chats live in :mod:`netjob.cli.chats`."""

from pathlib import Path
from typing import Annotated

import typer

from netjob.choices import AppStage, Channel
from netjob.cli import complete
from netjob.cli.base import app, confirm, log_app, open_store, text_or_note, today, when
from netjob.cli.chats import log_chat
from netjob.cli.logged import show
from netjob.cli.options import (
    CompanyArg,
    ContactArg,
    IsCompanyOpt,
    JsonOpt,
    NoteOpt,
    OnOpt,
    TargetArg,
    YesOpt,
)

# ---------------------------------------------------------------- messages


@log_app.command("outreach")
def log_outreach(
    contact: ContactArg,
    channel: Annotated[Channel | None, typer.Option(help="How you wrote.")] = None,
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

    show(
        log.outreach(
            open_store(),
            contact=contact,
            on=when(on),
            today=today(),
            channel=channel,
            follow_up=follow_up,
            note=note,
            message=text,
        ),
        as_json,
    )


@log_app.command("reply")
def log_reply(
    contact: ContactArg, on: OnOpt = None, note: NoteOpt = None, as_json: JsonOpt = False
) -> None:
    """Log that someone answered (any reply stops that company's 3B7 timers).

    \b
    Example:
      netjob log reply "Jane Doe" --note "happy to chat next week"
    """
    from netjob.services import log

    show(log.reply(open_store(), contact=contact, on=when(on), today=today(), note=note), as_json)


@log_app.command("update")
def log_update(
    contact: ContactArg, on: OnOpt = None, note: NoteOpt = None, as_json: JsonOpt = False
) -> None:
    """Log an update you sent: keeping in touch, or reporting back on advice.

    \b
    Examples:
      netjob log update "Jane Doe" --note "started the dbt course you suggested"
    """
    from netjob.services import log

    show(
        log.message(
            open_store(), kind="update", contact=contact, on=when(on), today=today(), note=note
        ),
        as_json,
    )


@log_app.command("ask")
def log_ask(
    contact: ContactArg, on: OnOpt = None, note: NoteOpt = None, as_json: JsonOpt = False
) -> None:
    """Log that you asked someone for a referral (netjob suggests at most two asks).

    \b
    Example:
      netjob log ask "Jane Doe" --note "the Data Engineer opening"
    """
    from netjob.services import log

    show(
        log.message(
            open_store(),
            kind="referral_ask",
            contact=contact,
            on=when(on),
            today=today(),
            note=note,
        ),
        as_json,
    )


@log_app.command("thanks")
def log_thanks(
    contact: ContactArg, on: OnOpt = None, note: NoteOpt = None, as_json: JsonOpt = False
) -> None:
    """Log the thank-you after a chat (due within 24 hours).

    \b
    Example:
      netjob log thanks "Jane Doe"
    """
    from netjob.services import log

    show(log.thanks(open_store(), contact=contact, on=when(on), today=today(), note=note), as_json)


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
    show(
        log.note(
            open_store(), target=target, text=said, on=when(on), today=today(), company=company
        ),
        as_json,
    )


# Registered here so that `netjob log --help` lists it in its place, after the notes.
log_app.command("chat")(log_chat)


@log_app.command("referral")
def log_referral(
    contact: ContactArg,
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            "-c",
            help="Where (default: their company).",
            autocompletion=complete.companies,
        ),
    ] = None,
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

    show(
        log.referral(
            open_store(),
            contact=contact,
            on=when(on),
            today=today(),
            company=company,
            role=role,
            note=note,
        ),
        as_json,
    )


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

    show(
        log.apply(
            open_store(),
            company=company,
            on=when(on),
            today=today(),
            role=role,
            url=url,
            via=via,
            note=note,
        ),
        as_json,
    )


@log_app.command("stage")
def log_stage(
    company: CompanyArg,
    stage: Annotated[AppStage, typer.Argument(help="Where the application stands now.")],
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

    show(
        log.stage(
            open_store(), company=company, stage=stage, on=when(on), today=today(), note=note
        ),
        as_json,
    )


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
    from netjob.services import log

    found = log.timeline(open_store(), target=target, company=company)
    if as_json:
        render.emit_json(found)
    else:
        render.timeline(found)


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
        if as_json:
            render.emit_json(found)
        else:
            render.journal(found)
        return
    last = service.latest(store)
    line = render.safe(service.describe(last))  # shown, never interpreted by the terminal
    confirm(f"Undo {line}?", yes=yes, refuse=f"Undoing {line} needs confirmation: pass --yes.")
    undone = service.undo(store, journal_id=last["id"])
    if as_json:
        render.emit_json(undone)
        return
    render.done(f"Undid {line}.")
