"""`netjob next` and what acts on its items; reminders; settings."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from netjob.cli import complete
from netjob.cli.base import app, open_store, respond, settings_app, text_or_note, today
from netjob.cli.options import JsonOpt, NoteOpt

if TYPE_CHECKING:
    from netjob.db.store import Store

ItemArg = Annotated[
    int,
    typer.Argument(
        metavar="ITEM", help="The item number shown by next.", autocompletion=complete.items
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
def done(item: ItemArg, as_json: JsonOpt = False) -> None:
    """Mark an item of `next` as done (when you did it without logging it).

    \b
    Example:
      netjob done 7
    """
    _set(item, "done", None, as_json)


@app.command("dismiss")
def dismiss(item: ItemArg, as_json: JsonOpt = False) -> None:
    """Drop an item of `next` for good (it comes back only if its facts change).

    \b
    Example:
      netjob dismiss 12
    """
    _set(item, "dismissed", None, as_json)


@app.command("snooze")
def snooze(
    item: ItemArg,
    until: Annotated[
        str, typer.Option("--until", metavar="DATE", help="When it comes back: mon, +3d...")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Hide an item of `next` until a later day (no touch is logged).

    \b
    Example:
      netjob snooze 4 --until mon
    """
    _set(item, "snoozed", _when(until, future=True), as_json)


def _set(item: int, state: str, until: date | None, as_json: bool) -> None:
    from netjob.services.coach import item_states as items

    changed = items.set_state(open_store(), number=item, state=state, today=today(), until=until)
    extra = f" until {changed['until']}" if changed["until"] else ""
    respond(changed, as_json, f"Item #{item} {state}{extra}.")


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
