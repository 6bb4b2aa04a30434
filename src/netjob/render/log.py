"""The log: a timeline, what came with an entry, stage history, the undo journal."""

from __future__ import annotations

from typing import Any

from netjob.render.console import info, out, text


def history(stages: list[dict[str, Any]]) -> None:
    line = "  ->  ".join(f"{s['stage']} {s['on']}" for s in stages)
    out().print(text("History: ", "dim") + text(line))


def entry_extras(e: dict[str, Any]) -> None:
    """What came with a logged entry: TIARA notes with ids, leads."""
    for item in e["tiara"]:
        acted = f" (acted on {item['acted_on']})" if item["acted_on"] else ""
        label = (
            f"  {item['kind']} #{item['id']}: "
            if item["kind"] == "advice"
            else (f"  {item['kind']}: ")
        )
        out().print(text(label, "dim") + text(item["text"] + acted))
    for lead in e["leads"]:
        out().print(text("  lead: ", "dim") + text(f"{lead['name']} (#{lead['id']})"))


def timeline(found: dict[str, Any]) -> None:
    from netjob.services.log import describe

    subject = found["subject"]
    out().print(text(f"Timeline of {subject['name']} (#{subject['id']})", "bold"))
    if not found["entries"]:
        info("Nothing logged yet.")
    for e in found["entries"]:
        line = describe(e)
        if e["channel"]:
            line += f" via {e['channel']}"
        if e["detail"] and e["kind"] not in {"stage", "status"}:
            line += f" — {e['detail']}"
        if e["via"]:
            line += f" (referred by {e['via']})"
        out().print(text(line))
        if e["note"] and e["kind"] != "note":
            out().print(text("  note: ", "dim") + text(e["note"]))
        if e.get("message"):
            first = e["message"].strip().splitlines()[0] if e["message"].strip() else ""
            out().print(text("  message: ", "dim") + text(first + " ..."))
        entry_extras(e)
    if found["history"]:
        history(found["history"])


def journal(found: list[dict[str, Any]]) -> None:
    """`undo --list`: the recorded commands, newest (the next to undo) first."""
    from rich.table import Table

    if not found:
        info("Nothing to undo: no command is recorded.")
        return
    table = Table(title="Commands undo can revert (newest first)", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("When", no_wrap=True)
    table.add_column("Command", overflow="fold")
    table.add_column("What changed", overflow="fold")
    from netjob.services.undo import short

    for r in found:
        table.add_row(text(r["id"]), text(r["at"]), text(short(r["command"])), text(r["summary"]))
    out().print(table)
