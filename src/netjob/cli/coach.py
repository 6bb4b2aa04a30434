"""`netjob next` and what acts on its items; reminders; settings."""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netjob.cli import complete
from netjob.cli.base import app, open_store, respond, settings_app, text_or_note, today
from netjob.cli.options import JsonOpt, NoteOpt

if TYPE_CHECKING:
    from netjob.db.store import Store
    from netjob.services.coach.done import Booking, NeedsTime

ItemsArg = Annotated[
    list[int],
    typer.Argument(
        metavar="ITEM...",
        help="The item numbers shown by next (several: one command, one undo).",
        autocompletion=complete.items,
    ),
]


def _when(text: str | None, *, future: bool) -> date:
    from netjob.engine.dates import Towards, parse_day

    now = today()
    if text is None:
        return now
    return parse_day(text, today=now, towards=Towards.FUTURE if future else Towards.PAST)


@app.command("next")
def next_(
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="Show the list as it stands on that day: tomorrow, mon, or a past day "
            "(then only what was logged up to it counts).",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="How many items (default 10).")
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="Every item.")] = False,
    explain: Annotated[
        bool, typer.Option("--explain", "-e", help="Show each item's score terms and prompts.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Print nothing; exit 1 if anything is overdue.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """What to do today, ranked and explained: the daily coach.

    Groups, in order: owed to someone (replies, thank-yous, chats to prepare),
    3B7 timers, after a conversation (leads, report-backs, referral asks),
    keeping the pipeline full, keeping in touch, list upkeep. Each item says why
    and gives the command that records doing it.

    \b
    Examples:
      netjob next
      netjob next --on mon --all
      netjob next --explain --limit 3
      netjob next --check || echo "something is overdue"
    """
    from netjob import render
    from netjob.engine.dates import Towards, parse_day
    from netjob.services.coach import daily

    now = today()
    day = now if on is None else parse_day(on, today=now, towards=Towards.FUTURE)
    store = open_store()
    wanted = None if show_all or check else (limit or daily.default_limit(store))
    found = daily.daily_list(store, on=day, today=now, limit=wanted)
    if check:
        overdue = any(item["overdue_days"] > 0 for item in found.items)
        raise typer.Exit(1 if overdue else 0)
    if as_json:
        render.emit_json(found.items)
        render.more(len(found.items), found.total)  # plain: --json loads no Rich
        return
    render.daily_list(found, explain=explain)
    _holidays_hint(store)


def _holidays_hint(store: "Store") -> None:
    """Once per database, while no holidays are set, say how to set them."""
    from netjob import render
    from netjob.services import settings

    if settings.hint_holidays_once(store, today()):
        render.info(
            "No holidays are set, so business days count them as working days.\n"
            "  netjob settings set holidays CC   (a country code: US, GB, DE-BY...)"
        )


@app.command("done")
def done(
    items: ItemsArg,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help="When you did it, if not today: yesterday, mon..."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Mark items of `next` as done: you did what they asked.

    An item that stands for a message (write to them, follow up, answer, thank
    them, report back, send an update, ask for a referral) records that entry,
    exactly as the item's own command would, dated today or --on; one `netjob
    undo` reverts the entry and the mark together. An item that books a chat asks
    for the time agreed (without a terminal, use the item's `log chat` command).
    Other items (reminders, list upkeep, finding contacts, preparing, saying what
    happened to a chat) are only marked. With several numbers, --json gives a list.

    \b
    Examples:
      netjob done 7
      netjob done 3 5 7
      netjob done 4 --on yesterday
    """
    from netjob.services.coach import done as service

    store, now = open_store(), today()
    day = _when(on, future=False)
    try:
        marked = service.mark_done(store, numbers=items, today=now, on=day)
    except service.NeedsTime as needed:
        booking = _ask_booking(needed)
        marked = service.mark_done(store, numbers=items, today=now, on=day, booking=booking)
    _said_done(marked, as_json, single=len(items) == 1)


def _ask_booking(needed: "NeedsTime") -> "Booking":
    """The time of the chat an item books, asked at a terminal (else the error stands)."""
    from netjob.cli.base import is_interactive
    from netjob.engine.dates import Towards, parse_moment
    from netjob.services.coach.done import Booking

    if not is_interactive():
        raise needed
    answer = typer.prompt(
        f"When is your chat with {needed.item.subject}? ('tue 14:00', '2026-12-01 9:30')",
        err=True,
    )
    day, moment = parse_moment(answer, today=today(), towards=Towards.FUTURE)
    return Booking(day, moment)


def _said_done(marked: list[dict[str, Any]], as_json: bool, *, single: bool) -> None:
    from netjob import render
    from netjob.cli.logged import hint
    from netjob.engine.labels import describe

    if as_json:
        respond(marked[0] if single else marked, True, "")
        return
    for result in marked:
        for warning in result["warnings"]:
            render.warn(warning)
        logged = result["logged"]
        extra = f" Logged {describe(logged)}." if logged else ""
        render.done(f"Item #{result['id']} done.{extra}")
    people = {r["logged"]["contact_id"] for r in marked if r["logged"]}
    if len(people) == 1:
        hint(people.pop())


@app.command("dismiss")
def dismiss(items: ItemsArg, as_json: JsonOpt = False) -> None:
    """Drop items of `next` for good (one comes back only if its facts change).

    \b
    Examples:
      netjob dismiss 12
      netjob dismiss 12 14
    """
    _set(items, "dismissed", None, as_json)


@app.command("snooze")
def snooze(
    items: ItemsArg,
    until: Annotated[
        str, typer.Option("--until", metavar="DATE", help="When it comes back: mon, +3d...")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Hide items of `next` until a later day (no touch is logged).

    \b
    Examples:
      netjob snooze 4 --until mon
      netjob snooze 4 6 --until +3d
    """
    _set(items, "snoozed", _when(until, future=True), as_json)


def _set(numbers: list[int], state: str, until: date | None, as_json: bool) -> None:
    from netjob import render
    from netjob.services.coach import item_states as items

    changed = items.set_state(
        open_store(), numbers=numbers, state=state, today=today(), until=until
    )
    if as_json:
        respond(changed[0] if len(numbers) == 1 else changed, True, "")
        return
    for result in changed:
        extra = f" until {result['until']}" if result["until"] else ""
        render.done(f"Item #{result['id']} {state}{extra}.")


@app.command("remind")
def remind(
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            help="Contact (or, with --company, company).",
            autocompletion=complete.targets,
        ),
    ],
    on: Annotated[str, typer.Option("--on", metavar="DATE", help="When: fri, +2w, 2026-12-01.")],
    text: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="What to remember (or --note).")
    ] = None,
    company: Annotated[bool, typer.Option("--company", help="TARGET is a company.")] = False,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Remind yourself of something on a day; it shows in `next` from then.

    \b
    Examples:
      netjob remind "Jane Doe" --note "ask about the January opening" --on +2w
      netjob remind --company acme "check the careers page" --on fri
    """
    from netjob.services import reminders

    found = reminders.remind(
        open_store(),
        target=target,
        text=text_or_note(text, note, what="A reminder"),
        due=_when(on, future=True),
        today=today(),
        company=company,
    )
    respond(found, as_json, f"Reminder #{found['id']} set for {found['due_on']}.")


@settings_app.command("list")
def settings_list(as_json: JsonOpt = False) -> None:
    """Show every setting, its value and its default.

    \b
    Example:
      netjob settings list
    """
    from netjob import render
    from netjob.services import settings

    respond(settings.list_settings(open_store()), as_json, render.settings_table)


@settings_app.command("set")
def settings_set(
    key: Annotated[str, typer.Argument(help="The setting (see settings list).")],
    value: Annotated[str, typer.Argument(help="The new value.")],
    as_json: JsonOpt = False,
) -> None:
    """Change a setting.

    \b
    Examples:
      netjob settings set follow_up_days 5
      netjob settings set holidays US
      netjob settings set holidays 2026-12-24,2026-12-31
    """
    from netjob.services import settings

    changed = settings.set_value(open_store(), key=key, value=value, today=today())
    respond(changed, as_json, f"{changed['key']} = {changed['value'] or '(none)'}")


@settings_app.command("reset")
def settings_reset(
    key: Annotated[str | None, typer.Argument(help="One setting; all when omitted.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Reset all without asking.")] = False,
) -> None:
    """Put a setting (or all of them) back to its default.

    \b
    Examples:
      netjob settings reset follow_up_days
      netjob settings reset --yes
    """
    from netjob import render
    from netjob.cli.base import confirm
    from netjob.services import settings

    if key is None:
        confirm(
            "Reset every setting to its default?",
            yes=yes,
            refuse="Resetting every setting needs confirmation: pass --yes.",
        )
    reset = settings.reset(open_store(), key=key)
    render.done(f"Reset {', '.join(reset) if reset else 'nothing (all were defaults)'}.")
