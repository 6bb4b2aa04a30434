"""Chats (informational interviews): log one, mark it held, move or cancel it; and
the advice from chats that you acted on."""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netjob.cli import base, complete
from netjob.cli.base import advice_app, chat_app, fail, open_store, respond, today, when
from netjob.cli.logged import hint, rated, show
from netjob.cli.options import (
    ContactArg,
    CreateCompanyOpt,
    JsonOpt,
    NoteOpt,
    OnOpt,
    OptionBlock,
    gathered,
)

if TYPE_CHECKING:
    from netjob.engine.tiara import ChatNotes

TIARA_HELP = "(repeatable)"
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


class ChatFlags(OptionBlock):
    """What a held chat's command line says: TIARA notes, leads, fits, red flags."""

    trend: TrendOpt = None
    insight: InsightOpt = None
    advice: AdviceOpt = None
    resource: ResourceOpt = None
    assignment: AssignmentOpt = None
    lead: LeadOpt = None
    fit: FitOpt = None
    red_flag: RedFlagOpt = None
    note: NoteOpt = None
    create_company: CreateCompanyOpt = False
    ask_referral: AskReferralOpt = False
    edit: EditOpt = True

    def given(self) -> "ChatNotes":
        from netjob.engine import tiara

        notes = tiara.ChatNotes(note=self.note)
        for kind in tiara.KINDS:
            notes.items[kind] = list(getattr(self, kind) or [])
        return notes

    def notes(self, store: Any, contact: str, on: date) -> "ChatNotes":
        """The notes given, or from $EDITOR on a TIARA template when none were given
        (at a terminal, unless --no-edit or leads, fits or red flags were given)."""
        from netjob.engine import tiara
        from netjob.services import resolve

        notes = self.given()
        other_input = self.lead or self.fit or self.red_flag
        if not notes.empty or other_input or not self.edit or not base.is_interactive():
            return notes
        who = resolve.contact(store, contact).label
        parsed = tiara.parse(edit_text(tiara.template(who, on.isoformat())) or "")
        if parsed.empty:
            fail("Empty notes: the chat was not recorded. Run again, or pass --no-edit.")
        return parsed

    def record(self) -> dict[str, Any]:
        """What the log service takes besides the notes."""
        return {
            "leads": self.lead or [],
            "fits": self.fit or [],
            "red_flags": self.red_flag or [],
            "create_company": self.create_company,
            "ask_referral": self.ask_referral,
        }


def edit_text(text: str) -> str | None:
    """Open $EDITOR on ``text`` (like `git commit`); None if nothing was saved."""
    from netjob.editor import edit

    return edit(text)


@gathered("flags", ChatFlags)
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
    flags: ChatFlags = ChatFlags(),
    as_json: JsonOpt = False,
) -> None:
    """Log an informational interview: scheduled if ahead, held if it happened.

    For a held chat, notes follow TIARA (trends, insights, advice, resources,
    assignments). With no note flags at a terminal, $EDITOR opens on a TIARA
    template; saving an empty file records nothing.

    \b
    Examples:
      netjob log chat "Jane Doe" --at "thu 14:00"
      netjob log chat jane --on yesterday --advice "learn dbt" \\
          --lead "Sam Lee@Acme" --fit culture=4 \\
          --insight "teams own their pipelines"
    """
    from netjob.engine.dates import Towards, parse_moment, parse_time
    from netjob.services import chats

    now = today()
    day, moment = when(on), None
    if at is not None and on is not None:
        moment = parse_time(at)  # --on gives the day, --at only the time
    elif at is not None:
        day, moment = parse_moment(at, today=now, towards=Towards.FUTURE)
    store = open_store()
    held_now = chats.chat_status(day, moment, now, held) == "held"
    result = chats.chat(
        store,
        contact=contact,
        day=day,
        at=moment,
        today=now,
        held=held,
        notes=flags.notes(store, contact, day) if held_now else flags.given(),
        **flags.record(),
    )
    show(result, as_json, extra=rated(flags.fit, flags.red_flag))


ChatIdOpt = Annotated[
    int | None, typer.Option("--chat", metavar="ID", help="Which chat, if several are scheduled.")
]


@chat_app.command("done")
@gathered("flags", ChatFlags)
def chat_done(
    contact: ContactArg,
    on: OnOpt = None,
    chat: ChatIdOpt = None,
    flags: ChatFlags = ChatFlags(),
    as_json: JsonOpt = False,
) -> None:
    """Mark a scheduled chat as held and record what you learned (TIARA).

    \b
    Examples:
      netjob chat done "Jane Doe" --fit growth=5 \\
          --advice "talk to the platform team"
      netjob chat done jane --on yesterday --no-edit
    """
    from netjob.services import chats

    store = open_store()
    now = today()
    result = chats.chat_done(
        store,
        contact=contact,
        today=now,
        on=when(on) if on else None,
        chat_id=chat,
        notes=flags.notes(store, contact, when(on)),
        **flags.record(),
    )
    show(result, as_json, extra=rated(flags.fit, flags.red_flag))


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
    show(
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

    show(
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

    found = chats.advice_done(open_store(), advice_id=advice_id, on=when(on), today=today())

    def said(advice: dict[str, Any]) -> None:
        render.done(f"Acted on advice #{advice['id']} from {advice['contact']}: {advice['text']}.")
        hint(advice["contact_id"])

    respond(found, as_json, said)
