"""The daily list (`next`), the hint after a command, and the weekly review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netjob.engine.words import count
from netjob.render.console import hang, info, md, out, text

if TYPE_CHECKING:
    from datetime import date

    from rich.console import RenderableType
    from rich.text import Text

    from netjob.engine.model import DailyList


def next_hint(item: dict[str, Any] | None, today: date) -> None:
    """What `next` will ask about this person now, after a command touched them."""
    if item is None:
        return
    from netjob.engine.model import day

    when = "today" if item["from"] <= today else f"from {day(item['from'])}"
    info(f"Next ({when}): {item['action']}\n  $ {item['command']}")


def _short(iso: str) -> str:
    from datetime import date

    from netjob.engine.model import day

    return day(date.fromisoformat(iso))


def _due(item: dict[str, Any]) -> Text:
    days = item["overdue_days"]
    if days > 0:
        return text(f"overdue {count(days, 'day')}", "bold red")
    if days == 0:
        return text("due today", "yellow")
    return text(f"due {_short(item['due'])}", "dim")


def daily_list(found: DailyList, *, explain: bool = False) -> None:
    """The daily list, grouped by priority; each item's lines hang under its action."""
    console = out()
    from netjob.engine.model import day

    heading = f"{day(found.on)} {found.on.year}"
    if not found.items:
        console.print(text(f"Nothing due on {heading}.", "bold"))
        if found.suggestion:
            console.print(text(f"Best next move: {found.suggestion}"))
        return
    console.print(text(f"{heading} — {count(found.total, 'thing')} to do", "bold"))
    group = None
    for item in found.items:
        if item["group"] != group:
            group = item["group"]
            console.print()
            console.print(text(item["group_name"], "bold underline"))
        lines: list[RenderableType] = [
            text(item["action"], "bold"),
            text("") + _due(item) + text(" · ") + text(item["reason"]),  # each part its style
            hang(0, text("$ ", "green"), text(item["command"], "green")),
        ]
        if explain:
            terms = " + ".join(
                f"{name} {t['weight']:g} x {t['value']:.2f}" for name, t in item["terms"].items()
            )
            lines.append(text(f"score {item['score']:g} = {terms}", "dim"))
            lines += [hang(2, text(detail, "dim")) for detail in item["details"]]
        console.print(hang(2, text(f"#{item['id'] or '-'} ", "cyan"), *lines))
    more = found.total - len(found.items)
    if more > 0:
        info(f"{more} more: netjob next --all")


def _week_lines(found: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [
        (name, found["this_week"][name], found["last_week"][name]) for name in found["this_week"]
    ]


def week(found: dict[str, Any]) -> None:
    from rich.table import Table

    console = out()
    console.print(text(f"Week {found['from']} to {found['to']}", "bold"))
    table = Table(box=None, pad_edge=False)
    table.add_column("")
    table.add_column("This week", justify="right")
    table.add_column("Week before", justify="right")
    for name, now, before in _week_lines(found):
        trend = "green" if now > before else ("red" if now < before else "")
        table.add_row(text(name), text(now, trend), text(before))
    console.print(table)
    activity = found["activity_by_day"]
    console.print(text(f"Activity per day, 8 weeks from {activity['from']}:"))
    console.print(text(f"|{activity['sparkline']}|", "cyan"))
    median = found["median_days_to_reply"]
    console.print(text("Median days to a reply: " + ("—" if median is None else f"{median:g}")))
    console.print(text(f"Overdue now: {found['overdue']}"))
    if found["next_week"]:
        console.print(text("Top of the list for next week:", "bold"))
        for item in found["next_week"]:
            console.print(hang(2, text(f"#{item['id']} "), text(item["action"])))


def week_markdown(found: dict[str, Any]) -> str:
    """The weekly review as Markdown; user text is escaped (:func:`md`), shown as typed."""
    lines = [
        f"# Job search: week {found['from']} to {found['to']}",
        "",
        "| | This week | Week before |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {now} | {before} |" for name, now, before in _week_lines(found)]
    activity = found["activity_by_day"]
    median = found["median_days_to_reply"]
    lines += [
        "",
        f"Activity over 8 weeks from {activity['from']}: `{activity['sparkline']}`",
        "",
        f"Median days to a reply: {'—' if median is None else f'{median:g}'}  ",
        f"Overdue now: {found['overdue']}",
        "",
        "## Next week",
        "",
    ]
    lines += [f"- {md(item['action'])}" for item in found["next_week"]] or ["- (nothing due)"]
    return "\n".join(lines) + "\n"
