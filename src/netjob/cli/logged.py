"""What a log command says it did, and what `next` now asks about the person."""

from typing import TYPE_CHECKING, Any

from netjob.cli.base import open_store, respond, today, when

if TYPE_CHECKING:
    from collections.abc import Callable

    from netjob.services.log import Logged


def show(result: "Logged", as_json: bool, *, verb: str = "Logged", extra: str = "") -> None:
    """What a log command did (``verb`` the entry, plus ``extra``), then what comes next."""
    from netjob import render
    from netjob.engine.labels import describe

    for warning in result.warnings:
        render.warn(warning)

    def said(logged: "Logged") -> None:
        render.done(f"{verb} {describe(logged.entry)}.{extra}")
        render.entry_extras(logged.entry)
        hint(logged.entry["contact_id"])

    respond(result, as_json, said)


def record(action: "Callable[..., Logged]", on: str | None, as_json: bool, **given: Any) -> None:
    """Log what happened ``on`` (a --on value) with the service ``action``, then show it."""
    show(action(open_store(), on=when(on), today=today(), **given), as_json)


def rated(fits: list[str] | None, red_flags: list[str] | None) -> str:
    """' Rated culture=4; noted 1 red flag.' for a chat logged with --fit/--red-flag."""
    from netjob.engine.words import count

    said = []
    if fits:
        said.append(f"Rated {', '.join(fits)}")
    if red_flags:
        said.append(f"noted {count(len(red_flags), 'red flag')}")
    text = "; ".join(said)
    return f" {text[:1].upper()}{text[1:]}." if said else ""


def hint(contact_id: int | None) -> None:
    """After a command, what `next` now asks about the person (the same stored items)."""
    from netjob import render
    from netjob.services.coach import daily

    if contact_id is not None:
        now = today()
        render.next_hint(daily.next_for(open_store(), contact_id=contact_id, today=now), now)
