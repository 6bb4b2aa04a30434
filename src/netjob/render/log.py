"""The log: a timeline, what came with an entry, stage history, the undo journal."""

from __future__ import annotations

from typing import Any

from netjob.render.console import hang, info, out, text
from netjob.render.tables import Column, show

JOURNAL_COLUMNS = [
    Column("#", 9, right=True),
    Column("When", 5),
    Column("Command", 8, wrap=16),
    Column("What changed", 7, wrap=16),
]


def history(stages: list[dict[str, Any]]) -> None:
    line = "  ->  ".join(f"{s['stage']} {s['on']}" for s in stages)
    out().print(hang(0, text("History: ", "dim"), text(line)))


def entry_extras(e: dict[str, Any]) -> None:
    """What came with a logged entry: TIARA notes with ids, leads."""
    for item in e["tiara"]:
        acted = f" (acted on {item['acted_on']})" if item["acted_on"] else ""
        label = (
            f"{item['kind']} #{item['id']}: " if item["kind"] == "advice" else f"{item['kind']}: "
        )
        out().print(hang(2, text(label, "dim"), text(item["text"] + acted)))
    for lead in e["leads"]:
        out().print(hang(2, text("lead: ", "dim"), text(f"{lead['name']} (#{lead['id']})")))


def timeline(found: dict[str, Any]) -> None:
    from netjob.engine.labels import describe

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
        what, dash, rest = line.partition(" — ")  # "chat #9 — " hangs, the rest wraps under
        out().print(hang(0, text(what + dash), text(rest)) if dash else text(line))
        if e["note"] and e["kind"] != "note":
            out().print(hang(2, text("note: ", "dim"), text(e["note"])))
        if e.get("message"):
            first = e["message"].strip().splitlines()[0] if e["message"].strip() else ""
            out().print(hang(2, text("message: ", "dim"), text(first + " ...")))
        entry_extras(e)
    if found["history"]:
        history(found["history"])


def journal(found: list[dict[str, Any]]) -> None:
    """`undo --list`: the recorded commands, newest (the next to undo) first."""
    if not found:
        info("Nothing to undo: no command is recorded.")
        return
    from netjob.engine.labels import short

    rows = [
        [text(r["id"]), text(r["at"]), text(short(r["command"])), text(r["summary"])] for r in found
    ]
    show("Commands undo can revert (newest first)", JOURNAL_COLUMNS, rows)
