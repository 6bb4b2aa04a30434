"""Commands that log the search: messages, replies, chats, applications, ratings."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netjob.choices import AppStage, Channel
from netjob.cli import base, complete
from netjob.cli.base import (
    CompanyArg,
    ContactArg,
    CreateCompanyOpt,
    JsonOpt,
    NoteOpt,
    YesOpt,
    app,
    confirm,
    fail,
    open_store,
    text_or_note,
    today,
)

if TYPE_CHECKING:
    from netjob.engine.tiara import ChatNotes
    from netjob.services.log import Logged

log_app = typer.Typer(
    help="Record what happened: outreach, replies, chats, thank-yous, referrals, applications.",
    no_args_is_help=True,
)
chat_app = typer.Typer(
    help="Mark a scheduled chat as held, move it or cancel it.", no_args_is_help=True
)
advice_app = typer.Typer(help="Track advice from chats that you acted on.", no_args_is_help=True)
criteria_app = typer.Typer(
    help="Your own criteria for judging a company, weighted 1-5.", no_args_is_help=True
)
app.add_typer(log_app, name="log")
app.add_typer(chat_app, name="chat")
app.add_typer(advice_app, name="advice")
app.add_typer(criteria_app, name="criteria")

DATES = "YYYY-MM-DD, today, yesterday, -3d, -1w or a weekday (mon = the last Monday)"
OnOpt = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help=f"When it happened (default today): {DATES}."),
]
TargetArg = Annotated[
    str,
    typer.Argument(
        metavar="TARGET",
        help="Contact (or, with --company, company) name, prefix or #id.",
        autocompletion=complete.targets,
    ),
]
IsCompanyOpt = Annotated[
    bool, typer.Option("--company", help="TARGET is a company, not a contact.")
]
Many = Annotated[list[str] | None, typer.Option()]


def _day(text: str | None) -> date:
    from netjob.engine.dates import Towards, parse_day

    now = today()
    return now if text is None else parse_day(text, today=now, towards=Towards.PAST)


def _show(result: "Logged", as_json: bool, *, verb: str = "Logged", extra: str = "") -> None:
    """What a log command did (``verb`` the entry, plus ``extra``), then what comes next."""
    from netjob import render
    from netjob.services.timeline import describe

    for warning in result.warnings:
        render.warn(warning)
    if as_json:
        render.emit_json(result.to_json())
    else:
        render.done(f"{verb} {describe(result.entry)}.{extra}")
        render.entry_extras(result.entry)
        _hint(result.entry["contact_id"])


def _rated(fits: list[str] | None, red_flags: list[str] | None) -> str:
    """' Rated culture=4; noted 1 red flag.' for a chat logged with --fit/--red-flag."""
    from netjob.engine.words import count

    said = []
    if fits:
        said.append(f"Rated {', '.join(fits)}")
    if red_flags:
        said.append(f"noted {count(len(red_flags), 'red flag')}")
    return f" {'; '.join(said)}." if said else ""


def _hint(contact_id: int | None) -> None:
    """After a command, what `next` now asks about the person (the same stored items)."""
    from netjob import render
    from netjob.services import standing

    if contact_id is not None:
        now = today()
        render.next_hint(standing.next_for(open_store(), contact_id=contact_id, today=now), now)


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

    _show(
        log.outreach(
            open_store(),
            contact=contact,
            on=_day(on),
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

    _show(log.reply(open_store(), contact=contact, on=_day(on), today=today(), note=note), as_json)


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

    _show(
        log.message(
            open_store(), kind="update", contact=contact, on=_day(on), today=today(), note=note
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

    _show(
        log.message(
            open_store(),
            kind="referral_ask",
            contact=contact,
            on=_day(on),
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

    _show(log.thanks(open_store(), contact=contact, on=_day(on), today=today(), note=note), as_json)


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
    _show(
        log.note(
            open_store(), target=target, text=said, on=_day(on), today=today(), company=company
        ),
        as_json,
    )


# ---------------------------------------------------------------- chats

TIARA_HELP = "(repeatable)"


def _notes(
    *,
    who: str,
    on: date,
    trend: list[str] | None,
    insight: list[str] | None,
    advice: list[str] | None,
    resource: list[str] | None,
    assignment: list[str] | None,
    note: str | None,
    other_input: bool,
    edit: bool,
) -> "ChatNotes":
    """Notes from the flags, or from $EDITOR on a TIARA template when none were given."""
    from netjob.engine import tiara

    notes = tiara.ChatNotes(note=note)
    given = {
        "trend": trend,
        "insight": insight,
        "advice": advice,
        "resource": resource,
        "assignment": assignment,
    }
    for kind, items in given.items():
        notes.items[kind] = list(items or [])
    if not notes.empty or other_input or not edit or not base.is_interactive():
        return notes
    written = edit_text(tiara.template(who, on.isoformat()))
    parsed = tiara.parse(written or "")
    if parsed.empty:
        fail("Empty notes: the chat was not recorded. Run again, or pass --no-edit.")
    return parsed


def edit_text(text: str) -> str | None:
    """Open $EDITOR on ``text`` (like `git commit`); None if nothing was saved."""
    from netjob.editor import edit

    return edit(text)


def _chat_args(
    trend: list[str] | None,
    insight: list[str] | None,
    advice: list[str] | None,
    resource: list[str] | None,
    assignment: list[str] | None,
) -> dict[str, Any]:
    return {
        "trend": trend,
        "insight": insight,
        "advice": advice,
        "resource": resource,
        "assignment": assignment,
    }


TrendOpt = Annotated[list[str] | None, typer.Option("--trend", help=f"A trend {TIARA_HELP}.")]
InsightOpt = Annotated[
    list[str] | None, typer.Option("--insight", help=f"An insight {TIARA_HELP}.")
]
AdviceOpt = Annotated[
    list[str] | None, typer.Option("--advice", help=f"Advice to act on {TIARA_HELP}.")
]
ResourceOpt = Annotated[
    list[str] | None, typer.Option("--resource", help=f"A resource to look into {TIARA_HELP}.")
]
AssignmentOpt = Annotated[
    list[str] | None, typer.Option("--assignment", help=f"A typical project {TIARA_HELP}.")
]
LeadOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lead",
        metavar="NAME[@COMPANY]",
        help="A name you were given; becomes a contact referred by this one.",
    ),
]
FitOpt = Annotated[
    list[str] | None,
    typer.Option("--fit", metavar="CRITERION=SCORE", help="What you learned, scored 1-5."),
]
RedFlagOpt = Annotated[
    list[str] | None, typer.Option("--red-flag", metavar="TEXT", help="A red flag you noticed.")
]
AskReferralOpt = Annotated[
    bool,
    typer.Option(
        "--ask-referral", help="They could vouch for you: remind me to ask for a referral."
    ),
]
EditOpt = Annotated[
    bool, typer.Option("--edit/--no-edit", help="Open $EDITOR for notes when none are given.")
]


@log_app.command("chat")
def log_chat(
    contact: ContactArg,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="DATETIME",
            help="When: 'tue 14:00', '2026-12-01 9:30', 'tomorrow 2pm'; a future one is scheduled.",
        ),
    ] = None,
    on: OnOpt = None,
    held: Annotated[
        bool | None,
        typer.Option(
            "--held/--scheduled", help="Override: it happened / it lies ahead.", show_default=False
        ),
    ] = None,
    trend: TrendOpt = None,
    insight: InsightOpt = None,
    advice: AdviceOpt = None,
    resource: ResourceOpt = None,
    assignment: AssignmentOpt = None,
    lead: LeadOpt = None,
    fit: FitOpt = None,
    red_flag: RedFlagOpt = None,
    note: NoteOpt = None,
    create_company: CreateCompanyOpt = False,
    ask_referral: AskReferralOpt = False,
    edit: EditOpt = True,
    as_json: JsonOpt = False,
) -> None:
    """Log an informational interview: scheduled if ahead, held if it happened.

    For a held chat, notes follow TIARA (trends, insights, advice, resources,
    assignments). With no note flags at a terminal, $EDITOR opens on a TIARA
    template; saving an empty file records nothing.

    \b
    Examples:
      netjob log chat "Jane Doe" --at "thu 14:00"
      netjob log chat jane --on yesterday --advice "learn dbt" --lead "Sam Lee@Acme" \\
          --fit culture=4 --insight "teams own their pipelines"
    """
    from netjob.engine.dates import Towards, parse_moment, parse_time
    from netjob.services import chats

    now = today()
    day, moment = _day(on), None
    if at is not None and on is not None:
        moment = parse_time(at)  # --on gives the day, --at only the time
    elif at is not None:
        day, moment = parse_moment(at, today=now, towards=Towards.FUTURE)
    store = open_store()
    status = chats.chat_status(day, moment, now, held)
    notes = _chat_notes(
        store,
        contact,
        day,
        status,
        note,
        edit,
        bool(lead or fit or red_flag),
        _chat_args(trend, insight, advice, resource, assignment),
    )
    result = chats.chat(
        store,
        contact=contact,
        day=day,
        at=moment,
        today=now,
        held=held,
        notes=notes,
        leads=lead or [],
        fits=fit or [],
        red_flags=red_flag or [],
        create_company=create_company,
        ask_referral=ask_referral,
    )
    _show(result, as_json, extra=_rated(fit, red_flag))


def _chat_notes(
    store: Any,
    contact: str,
    day: date,
    status: str,
    note: str | None,
    edit: bool,
    other_input: bool,
    flags: dict[str, Any],
) -> "ChatNotes":
    from netjob.engine import tiara
    from netjob.services import resolve

    if status != "held":
        notes = tiara.ChatNotes(note=note)
        for kind, items in flags.items():
            notes.items[kind] = list(items or [])
        return notes
    who = resolve.contact(store, contact).label
    return _notes(who=who, on=day, note=note, other_input=other_input, edit=edit, **flags)


ChatIdOpt = Annotated[
    int | None, typer.Option("--chat", metavar="ID", help="Which chat, if several are scheduled.")
]


@chat_app.command("done")
def chat_done(
    contact: ContactArg,
    on: OnOpt = None,
    chat: ChatIdOpt = None,
    trend: TrendOpt = None,
    insight: InsightOpt = None,
    advice: AdviceOpt = None,
    resource: ResourceOpt = None,
    assignment: AssignmentOpt = None,
    lead: LeadOpt = None,
    fit: FitOpt = None,
    red_flag: RedFlagOpt = None,
    note: NoteOpt = None,
    create_company: CreateCompanyOpt = False,
    ask_referral: AskReferralOpt = False,
    edit: EditOpt = True,
    as_json: JsonOpt = False,
) -> None:
    """Mark a scheduled chat as held and record what you learned (TIARA).

    \b
    Examples:
      netjob chat done "Jane Doe" --advice "talk to the platform team" --fit growth=5
      netjob chat done jane --on yesterday --no-edit
    """
    from netjob.services import chats, resolve

    store = open_store()
    now = today()
    day = _day(on) if on else now
    notes = _notes(
        who=resolve.contact(store, contact).label,
        on=day,
        note=note,
        other_input=bool(lead or fit or red_flag),
        edit=edit,
        **_chat_args(trend, insight, advice, resource, assignment),
    )
    result = chats.chat_done(
        store,
        contact=contact,
        today=now,
        on=_day(on) if on else None,
        chat_id=chat,
        notes=notes,
        leads=lead or [],
        fits=fit or [],
        red_flags=red_flag or [],
        create_company=create_company,
        ask_referral=ask_referral,
    )
    _show(result, as_json, extra=_rated(fit, red_flag))


@chat_app.command("move")
def chat_move(
    contact: ContactArg,
    at: Annotated[str, typer.Option("--at", metavar="DATETIME", help="The new date and time.")],
    chat: ChatIdOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Move a scheduled chat to another day or time.

    \b
    Example:
      netjob chat move "Jane Doe" --at "mon 10:00"
    """
    from netjob.engine.dates import Towards, parse_moment
    from netjob.services import chats

    now = today()
    day, moment = parse_moment(at, today=now, towards=Towards.FUTURE)
    _show(
        chats.chat_move(open_store(), contact=contact, day=day, at=moment, today=now, chat_id=chat),
        as_json,
        verb="Moved; rebooked as",
    )


@chat_app.command("cancel")
def chat_cancel(contact: ContactArg, chat: ChatIdOpt = None, as_json: JsonOpt = False) -> None:
    """Cancel a scheduled chat (it stays in the timeline as cancelled).

    \b
    Example:
      netjob chat cancel "Jane Doe"
    """
    from netjob.services import chats

    _show(
        chats.chat_cancel(open_store(), contact=contact, today=today(), chat_id=chat),
        as_json,
        verb="Cancelled",
    )


@advice_app.command("done")
def advice_done(
    advice_id: Annotated[
        int,
        typer.Argument(
            metavar="ID", help="The advice id (see timeline).", autocompletion=complete.advice
        ),
    ],
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record that you acted on advice; telling the adviser is the best follow-up.

    \b
    Example:
      netjob advice done 4
    """
    from netjob import render
    from netjob.services import chats

    found = chats.advice_done(open_store(), advice_id=advice_id, on=_day(on), today=today())
    if as_json:
        render.emit_json(found)
    else:
        render.done(f"Acted on advice #{found['id']} from {found['contact']}: {found['text']}.")
        _hint(found["contact_id"])


# ---------------------------------------------------------------- companies


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

    _show(
        log.referral(
            open_store(),
            contact=contact,
            on=_day(on),
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

    _show(
        log.apply(
            open_store(),
            company=company,
            on=_day(on),
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

    _show(
        log.stage(
            open_store(), company=company, stage=stage, on=_day(on), today=today(), note=note
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
    from netjob.services import timeline as service

    found = service.timeline(open_store(), target=target, company=company)
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


# ---------------------------------------------------------------- criteria and fit


@criteria_app.command("list")
def criteria_list(as_json: JsonOpt = False) -> None:
    """List your criteria with their weights.

    \b
    Example:
      netjob criteria list
    """
    from netjob import render
    from netjob.services import criteria

    found = criteria.list_criteria(open_store())
    if as_json:
        render.emit_json([c.to_json() for c in found])
    else:
        render.criteria_table(found)


WeightOpt = Annotated[int, typer.Option("--weight", "-w", help="How much it matters, 1-5.")]


@criteria_app.command("add")
def criteria_add(
    name: Annotated[str, typer.Argument(help="e.g. 'remote work'.")],
    weight: WeightOpt = 3,
    as_json: JsonOpt = False,
) -> None:
    """Add a criterion of your own.

    \b
    Example:
      netjob criteria add "remote work" --weight 5
    """
    from netjob import render
    from netjob.services import criteria

    added = criteria.add(open_store(), name=name, weight=weight)
    if as_json:
        render.emit_json(added.to_json())
    else:
        render.done(f"Added criterion '{added.name}' (weight {added.weight}).")


@criteria_app.command("weight")
def criteria_weight(
    name: Annotated[str, typer.Argument(help="The criterion.", autocompletion=complete.criteria)],
    weight: Annotated[int, typer.Argument(help="How much it matters, 1-5.")],
    as_json: JsonOpt = False,
) -> None:
    """Change how much a criterion matters.

    \b
    Example:
      netjob criteria weight culture 5
    """
    from netjob import render
    from netjob.services import criteria

    changed = criteria.set_weight(open_store(), name=name, weight=weight)
    if as_json:
        render.emit_json(changed.to_json())
    else:
        render.done(f"'{changed.name}' now weighs {changed.weight}.")


@criteria_app.command("remove")
def criteria_remove(
    name: Annotated[str, typer.Argument(help="The criterion.", autocompletion=complete.criteria)],
    yes: YesOpt = False,
) -> None:
    """Remove a criterion and the scores given on it (asks first).

    \b
    Example:
      netjob criteria remove team --yes
    """
    from netjob import render
    from netjob.services import criteria

    store = open_store()
    found = next(
        c for c in criteria.list_criteria(store) if c.id == criteria.resolve_criterion(store, name)
    )
    scores = f" and its {found.scores} score(s)" if found.scores else ""
    confirm(
        f"Remove '{found.name}'{scores}?",
        yes=yes,
        refuse=f"Removing '{found.name}'{scores} needs confirmation: pass --yes.",
    )
    criteria.remove(store, name=f"{found.name}")
    render.done(f"Removed criterion '{found.name}'{scores}.")


@app.command("rate")
def rate(
    company: CompanyArg,
    ratings: Annotated[
        list[str] | None,
        typer.Argument(metavar="CRITERION=SCORE...", help="Scores 1-5 on your criteria."),
    ] = None,
    red_flag: RedFlagOpt = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score a company on your criteria (1-5) outside a chat, or note a red flag.

    \b
    Examples:
      netjob rate acme culture=4 growth=3
      netjob rate globex --red-flag "long hours described as normal"
    """
    from netjob import render
    from netjob.services import criteria

    found = criteria.rate(
        open_store(), company=company, ratings=ratings or [], red_flags=red_flag or [], on=_day(on)
    )
    if as_json:
        render.emit_json(found)
    else:
        render.fit(found)
