"""Reports: the pipeline board, the funnel, fit on your criteria."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from netjob.engine.words import count
from netjob.render.console import info, out, stream, text
from netjob.render.tables import Column, layout, left_out, show, table

if TYPE_CHECKING:
    from rich.text import Text


FIT_COLUMNS = [
    Column("Criterion", 9, wrap=12),
    Column("Weight", 6, right=True),
    Column("Score", 8, right=True),
    Column("When", 4),
    Column("From", 3),
]


def fit(found: dict[str, Any]) -> None:
    score, scored = found["score"], len(found["criteria"])
    title = "Fit: not scored yet"
    if score is not None:
        title = (
            f"Fit: {score:.2f} / 5 on {count(scored, 'criterion')}, "
            f"from {count(found['chats'], 'chat')}"
        )
    rows = [
        [
            text(c["criterion"]),
            text(c["weight"]),
            text(c["score"]),
            text(c["scored_on"]),
            text(f"chat #{c['chat_id']}" if c["chat_id"] else "rating"),
        ]
        for c in found["criteria"]
    ]
    if rows:
        show(title, FIT_COLUMNS, rows)
    else:
        out().print(text(title, "italic"))
    for flag in found["red_flags"]:
        out().print(text(f"Red flag ({flag['noted_on']}): ", "red") + text(flag["text"]))
    if found["unscored"]:
        info(f"Not scored yet: {', '.join(found['unscored'])}")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


BOARD_ROWS = 15  # rows of each status on the human board without --all; JSON has all


def _stage(r: dict[str, Any]) -> str:
    stage = r["application_stage"] or ""
    if r["outcome"]:
        stage = f"{stage} -> {r['outcome']}" if stage else r["outcome"]
    return str(stage)


def pipeline_stream(found: dict[str, Any]) -> None:
    """The whole board (`pipeline --all`) as plain lines, a section a status."""
    rows = found["companies"]
    if not rows:
        info("Your board is empty. Add a target: netjob add company NAME --motivation 0-3")
        return
    header = [("Rank", 5), ("Company", 30), ("People", 6), ("Last touch", 10), ("Stage", 20)]
    header.append(("Next step", 40))
    for status in ("active", "backlog", "closed"):
        members = [r for r in rows if r["status"] == status]
        if not members:
            continue
        sys.stdout.write(f"{status.capitalize()} ({len(members)})\n")
        stream(
            header,
            (
                [
                    r["lamp_rank"] or "-",
                    r["name"],
                    r["contacts"],
                    r["last_touch"] or "never",
                    _stage(r),
                    r["next_step"] or "",
                ]
                for r in members
            ),
        )
        sys.stdout.write("\n")


BOARD_COLUMNS = [
    Column("Rank", 8, right=True),
    Column("Company", 10, wrap=12),
    Column("People", 3, right=True),
    Column("Last touch", 5),
    Column("Stage", 6, wrap=10),
    Column("Next step", 9, wrap=24),
]


def pipeline(found: dict[str, Any], rows_per_status: int = 10**9) -> None:
    """The board: a table a status, all three in one layout (the same columns, the same
    widths), so the eye can run down a column from active to closed."""
    if not found["companies"]:
        info("Your board is empty. Add a target: netjob add company NAME --motivation 0-3")
        return
    sections: list[tuple[str, list[list[Text]], int]] = []
    for status in ("active", "backlog", "closed"):
        members = [r for r in found["companies"] if r["status"] == status]
        if not members:
            continue
        hidden = found["counts"].get(status, len(members)) - len(members[:rows_per_status])
        rows = [
            [
                text(r["lamp_rank"] if r["lamp_rank"] else "-"),
                text(r["name"], "bold"),
                text(r["contacts"]),
                text(r["last_touch"] or "never"),
                text(_stage(r)),
                text(r["next_step"] or ""),
            ]
            for r in members[:rows_per_status]
        ]
        sections.append((f"{status.capitalize()} ({len(rows)})", rows, hidden))
    columns = BOARD_COLUMNS
    if not any(row[4].plain for _, rows, _ in sections for row in rows):  # nothing applied to
        columns = [c for c in columns if c.header != "Stage"]
        sections = [(title, [row[:4] + row[5:] for row in rows], n) for title, rows, n in sections]
    widths = layout(columns, [row for _, rows, _ in sections for row in rows], out().width)
    for title, rows, hidden in sections:
        out().print(table(title, columns, rows, widths))
        if hidden > 0:
            info(f"{hidden} more {title.split()[0].lower()}: --all to see them.")
    left_out(columns, widths)


def funnel(found: dict[str, Any]) -> None:
    from rich.table import Table

    steps = found["steps"]
    console = out()
    if (
        steps[0]["count"] == 0
        and found["applications"]["cold"] + found["applications"]["referral"] == 0
    ):
        console.print(text("Nothing to count yet: the funnel starts with your first message."))
        info('Log one with: netjob log outreach "NAME"')
        return
    since = f" since {found['since']}" if found["since"] else ""
    table = Table(
        title=text(f"Funnel{since} (furthest stage reached)"),
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    table.add_column("Step", no_wrap=True)
    table.add_column("Count", justify="right")
    table.add_column("From previous", justify="right")
    table.add_column("", no_wrap=True)
    largest = max(s["count"] for s in steps) or 1
    from netjob.engine.reports import bar

    length = max(5, min(30, console.width - 46))  # what the three columns before leave
    for s in steps:
        unit = " companies" if s["step"] in {"application", "interview", "offer"} else ""
        table.add_row(
            text(s["step"] + unit),
            text(s["count"]),
            text(_pct(s["rate"])),
            text(bar(s["count"], largest, length), "green"),
        )
    console.print(table)
    reply = found["reply_rate"]
    console.print(text(f"Your reply rate: {_pct(reply)} of the people you wrote to answered."))
    networked = found["networked"]
    if networked["employers"]:  # like with like: interviews per employer, per application
        console.print(
            text(
                f"Interviews at {networked['interviews']} of "
                f"{count(networked['employers'], 'employer')} you networked into "
                f"({_pct(networked['interview_rate'])}), against about "
                f"{found['cold_interview_benchmark'] * 100:.0f}% of cold online applications "
                "(Workopolis)."
            )
        )
    ref, cold = found["referral_interview_rate"], found["cold_interview_rate"]
    if ref is not None and cold is not None:
        console.print(
            text(f"Interviews: {_pct(ref)} of referral applications, {_pct(cold)} of cold ones.")
        )
    b = found["behaviour"]
    console.print(
        text(
            f"Contacts: {count(b['booster'], 'booster')}, {count(b['obligate'], 'obligate')}, "
            f"{count(b['curmudgeon'], 'curmudgeon')}, {b['unknown']} not yet known."
        )
    )
    for name, group in found["split"].items():
        parts = ", ".join(
            f"{s['step']} {s['count']}" + (f" ({_pct(s['rate'])})" if s["rate"] is not None else "")
            for s in group
        )
        console.print(text(f"  {name}: ", "bold") + text(parts))


FIT_REPORT_COLUMNS = [
    Column("Company", 10, wrap=12),
    Column("Fit", 9, right=True),
    Column("Mot", 7, right=True),
    Column("Chats", 3, right=True),
    Column("Scores", 6, wrap=14),
    Column("Red flags", 5, wrap=12),
]


def fit_report(rows: list[dict[str, Any]]) -> None:
    if not rows:
        info(
            "No company is scored yet: netjob rate COMPANY culture=4 ... "
            "(or, after a chat, netjob chat done NAME --fit culture=4)."
        )
        return
    cells = []
    for r in rows:
        scores = ", ".join(f"{c['criterion']} {c['score']}" for c in r["criteria"])
        fit_text = "-" if r["fit"] is None else f"{r['fit']:.2f}"
        mark = " (rescore?)" if r["rescore"] else ""
        cells.append(
            [
                text(r["name"], "bold"),
                text(fit_text),
                text(f"{r['motivation']}{mark}"),
                text(r["chats"]),
                text(scores),
                text("; ".join(f["text"] for f in r["red_flags"]), "red"),
            ]
        )
    show("Fit on your criteria", FIT_REPORT_COLUMNS, cells)
    if any(r["rescore"] for r in rows):
        info(
            "'rescore?': what you learned disagrees with your motivation score; "
            "netjob edit company NAME --motivation 0-3"
        )
