"""Human (Rich) and machine (JSON) views of what services return.

Data goes to stdout, messages to stderr. Text from people and files is shown,
never interpreted: every such text passes through :func:`safe` (and, inside
Markdown, :func:`md`) before Rich sees it, so a name like "[bold]x", "[/]" or
"[link=...]" is shown as typed, and control and bidi characters (ESC, U+202E...)
are shown as escapes and cannot restyle the terminal or reorder a line. Rich
gets :class:`~rich.text.Text` objects (never parsed as markup) and consoles that
parse no markup or emoji codes at all. JSON output is exact.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console
    from rich.text import Text

    from netjob.services.coach import DailyList
    from netjob.services.companies import Company, CompanyDetail
    from netjob.services.contacts import Contact
    from netjob.services.criteria import Criterion
    from netjob.services.status import DbStatus

# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides, isolates
# and marks (U+061C, U+200E/F, U+202A-E, U+2066-9); invisible separators and joiners that
# hide or reorder text (U+200B, U+2028/9, U+2060-4, U+FEFF, U+FFF9-B); lone surrogates.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value: object) -> str:
    """``value`` as text to show: control and bidi characters as escapes (ESC -> \\x1b,
    RIGHT-TO-LEFT OVERRIDE -> \\u202e). The one escaping function for human output."""
    text = "" if value is None else str(value)
    return _UNSAFE.sub(_escape, text)


_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_LINE_START = re.compile(r"^([ \t]*)(?:([-+=])|(\d+)([.)]))", re.MULTILINE)


def md(value: object) -> str:
    """``value`` made safe (:func:`safe`) and escaped for Markdown, so it reads as typed:
    no links, images, headings, lists, emphasis, code, HTML or entities."""
    text = _MD_ANYWHERE.sub(r"\\\1", safe(value))
    return _MD_LINE_START.sub(
        lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
        text,
    )


def out() -> Console:
    from rich.console import Console

    return Console(soft_wrap=False, highlight=False, markup=False, emoji=False)


def err() -> Console:
    from rich.console import Console

    sys.stdout.flush()  # keep data and messages in order on a shared terminal
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def text(value: object, style: str = "") -> Text:
    from rich.text import Text

    return Text(safe(value), style=style)


def emit_json(data: Any) -> None:
    """Indented for a person at a terminal; compact (and ~10x faster) for a pipe."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent, default=str) + "\n")


def error(message: str) -> None:
    err().print(text(f"Error: {message}", "red"))


def warn(message: str) -> None:
    err().print(text(f"Warning: {message}", "yellow"))


def info(message: str) -> None:
    err().print(text(message, "dim"))


def hint(message: str) -> None:
    """A plain line on stderr (no Rich: for `--json` paths that must stay light)."""
    sys.stdout.flush()
    sys.stderr.write(safe(message) + "\n")


def more(shown: int, total: int) -> None:
    """The "N more" line under a bounded listing."""
    if total > shown:
        hint(f"{total - shown} more: --all to see them.")


def _cell(value: object, width: int) -> str:
    cell = safe(value)
    return (cell[: width - 1] + "~" if len(cell) > width else cell).ljust(width)


def stream(header: list[tuple[str, int]], rows: Iterable[Sequence[object]]) -> None:
    """Rows as plain aligned lines, written as they come (`--all` of a long listing):
    no table is built, so the first line shows at once and memory stays flat."""
    write = sys.stdout.write
    write("  ".join(_cell(name, width) for name, width in header).rstrip() + "\n")
    for row in rows:
        write("  ".join(_cell(v, w) for v, (_, w) in zip(row, header, strict=True)).rstrip())
        write("\n")


def done(message: str) -> None:
    """Confirmation of a change; stderr, so stdout stays data."""
    err().print(text(message, "green"))


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _score(value: int | None) -> str:
    return "?" if value is None else str(value)


def companies_table(companies: Iterable[Company]) -> None:
    from rich.table import Table

    rows = list(companies)
    if not rows:
        info("No companies match. Add one with: netjob add company NAME --motivation 0-3")
        return
    table = Table(title=text("Target companies (LAMP order)"), title_justify="left", expand=False)
    table.add_column("Rank", justify="right", no_wrap=True)
    table.add_column("Company", overflow="fold", min_width=16)
    table.add_column("Status", no_wrap=True)
    table.add_column("Mot", justify="right", no_wrap=True)
    table.add_column("Post", justify="right", no_wrap=True)
    table.add_column("Adv", no_wrap=True)
    table.add_column("People", justify="right", no_wrap=True)
    table.add_column("Tags", overflow="fold")
    for c in rows:
        adv = "yes" if c.advocacy else ("contact" if c.advocacy_derived else "no")
        table.add_row(
            text(c.lamp_rank if c.lamp_rank is not None else "-"),
            text(c.name, "bold" if c.status == "active" else ""),
            text(
                c.status, "green" if c.status == "active" else "dim" if c.status == "closed" else ""
            ),
            text(c.motivation),
            text(_score(c.posting)),
            text(adv),
            text(c.contacts),
            text(", ".join(c.tags)),
        )
    out().print(table)


def _fields(title: str, pairs: list[tuple[str, object]]) -> None:
    from rich.table import Table

    table = Table(
        title=text(title), title_justify="left", show_header=False, box=None, pad_edge=False
    )
    table.add_column("field", style="dim", no_wrap=True)
    table.add_column("value", overflow="fold")
    for label, value in pairs:
        if value is None or value == "":
            continue
        table.add_row(text(label), text(value))
    out().print(table)


def company_detail(detail: CompanyDetail) -> None:
    c = detail.company
    people = f"{c.contacts} contact{'s' if c.contacts != 1 else ''} there"
    advocacy = f"stated: {_yes(c.advocacy)}; derived: {_yes(c.advocacy_derived)} ({people})"
    _fields(
        f"{c.name}  (#{c.id})",
        [
            ("LAMP rank", c.lamp_rank if c.lamp_rank is not None else "- (closed)"),
            ("Status", c.status),
            (
                "Motivation",
                f"{c.motivation} / 3" + ("  (0 = don't know yet)" if not c.motivation else ""),
            ),
            ("Posting", "not checked yet" if c.posting is None else f"{c.posting} / 3"),
            ("Advocacy", advocacy),
            ("Website", c.website),
            ("Industry", c.industry),
            ("Location", c.location),
            ("Tags", ", ".join(c.tags)),
            ("Note", c.note),
            ("Added", c.created_on),
            ("Updated", c.updated_on),
        ],
    )
    if detail.fit.get("criteria") or detail.fit.get("red_flags"):
        fit(detail.fit)
    if detail.history:
        history(detail.history)
    if detail.people:
        from rich.table import Table

        table = Table(title=text("People"), title_justify="left")
        table.add_column("Id", justify="right")
        table.add_column("Name", overflow="fold")
        table.add_column("Title", overflow="fold")
        table.add_column("How")
        for p in detail.people:
            table.add_row(text(f"#{p['id']}"), text(p["name"]), text(p["title"]), text(p["how"]))
        out().print(table)
    else:
        info(f'No contacts yet: netjob add contact NAME --company "{safe(c.name)}"')


def contacts_table(contacts: Iterable[Contact], behaviour: dict[int, str] | None = None) -> None:
    from rich.table import Table

    rows = list(contacts)
    if not rows:
        info('No contacts match. Add one with: netjob add contact NAME --company "COMPANY"')
        return
    table = Table(title=text("Contacts"), title_justify="left")
    table.add_column("Id", justify="right", no_wrap=True)
    table.add_column("Name", overflow="fold", ratio=2)
    table.add_column("Company", overflow="fold", ratio=2)
    table.add_column("Title", overflow="fold", ratio=2)
    table.add_column("How", no_wrap=True)
    table.add_column("Tags", overflow="fold", ratio=1)
    if behaviour is not None:
        table.add_column("Behaviour", no_wrap=True)
    for k in rows:
        cells = [
            text(f"#{k.id}"),
            text(k.name, "bold"),
            text(k.company),
            text(k.title),
            text(k.how),
            text(", ".join(k.tags)),
        ]
        if behaviour is not None:
            cells.append(text(behaviour.get(k.id, "unknown")))
        table.add_row(*cells)
    out().print(table)


def contacts_stream(contacts: Iterable[Contact], behaviour: dict[int, str] | None = None) -> None:
    header = [("Id", 7), ("Name", 28), ("Company", 26), ("Title", 24), ("How", 9), ("Tags", 20)]
    if behaviour is not None:
        header.append(("Behaviour", 10))
    stream(
        header,
        (
            [f"#{k.id}", k.name, k.company or "", k.title or "", k.how or "", ", ".join(k.tags)]
            + ([] if behaviour is None else [behaviour.get(k.id, "unknown")])
            for k in contacts
        ),
    )


def companies_stream(companies: Iterable[Company]) -> None:
    header = [("Rank", 5), ("Company", 32), ("Status", 8), ("Mot", 3), ("Post", 4)]
    header += [("Adv", 7), ("People", 6), ("Tags", 20)]
    stream(
        header,
        (
            [
                c.lamp_rank if c.lamp_rank is not None else "-",
                c.name,
                c.status,
                c.motivation,
                _score(c.posting),
                "yes" if c.advocacy else ("contact" if c.advocacy_derived else "no"),
                c.contacts,
                ", ".join(c.tags),
            ]
            for c in companies
        ),
    )


def contact_detail(k: Contact) -> None:
    referred = ", ".join(f"{p['name']} (#{p['id']})" for p in k.referred)
    _fields(
        f"{k.name}  (#{k.id})",
        [
            ("Company", k.company or "-"),
            ("Title", k.title),
            ("How you know them", k.how),
            ("Where it stands", k.state),
            ("Next", k.next_step),
            ("Referred by", f"{k.referred_by} (#{k.referred_by_id})" if k.referred_by else None),
            ("Referred you to", referred or None),
            ("Email", k.email),
            ("LinkedIn", k.linkedin),
            ("Phone", k.phone),
            ("Tags", ", ".join(k.tags)),
            ("Note", k.note),
            ("Added", k.created_on),
            ("Updated", k.updated_on),
        ],
    )
    if k.history:
        history(k.history)


def db_status(s: DbStatus) -> None:
    pairs: list[tuple[str, object]] = [
        ("Path", s.path),
        ("Schema", s.schema_version + (" (latest)" if s.schema_version == s.latest_schema else "")),
        ("Size", f"{s.size_bytes:,} bytes"),
    ]
    if s.quick_check is not None:
        found = "ok" if s.quick_check == "ok" else f"DAMAGED: {s.quick_check}"
        pairs.append(("Quick check", found))
    pairs += [(f"Rows: {table}", f"{n:,}") for table, n in s.rows.items()]
    _fields("netjob database", pairs)


def history(stages: list[dict[str, Any]]) -> None:
    line = "  ->  ".join(f"{s['stage']} {s['on']}" for s in stages)
    out().print(text("History: ", "dim") + text(line))


def fit(found: dict[str, Any]) -> None:
    from rich.table import Table

    score, scored = found["score"], len(found["criteria"])
    title = "Fit: not scored yet"
    if score is not None:
        title = f"Fit: {score:.2f} / 5 on {scored} criteria, from {found['chats']} chat(s)"
    table = Table(title=text(title), title_justify="left")
    table.add_column("Criterion", overflow="fold")
    table.add_column("Weight", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("When")
    table.add_column("From")
    for c in found["criteria"]:
        source = f"chat #{c['chat_id']}" if c["chat_id"] else "rating"
        table.add_row(
            text(c["criterion"]),
            text(c["weight"]),
            text(c["score"]),
            text(c["scored_on"]),
            text(source),
        )
    if found["criteria"]:
        out().print(table)
    else:
        out().print(text(title, "italic"))
    for flag in found["red_flags"]:
        out().print(text(f"Red flag ({flag['noted_on']}): ", "red") + text(flag["text"]))
    if found["unscored"]:
        info(f"Not scored yet: {', '.join(found['unscored'])}")


def criteria_table(found: Iterable[Criterion]) -> None:
    from rich.table import Table

    rows = list(found)
    if not rows:
        info('No criteria. Add one with: netjob criteria add "remote work" --weight 4')
        return
    table = Table(title=text("Your criteria"), title_justify="left")
    table.add_column("Criterion", overflow="fold")
    table.add_column("Weight", justify="right")
    table.add_column("Scores given", justify="right")
    for c in rows:
        table.add_row(text(c.name), text(c.weight), text(c.scores))
    out().print(table)


def next_hint(item: dict[str, Any] | None, today: date) -> None:
    """What `next` will ask about this person now, after a command touched them."""
    if item is None:
        return
    from netjob.engine.coach import day

    when = "today" if item["from"] <= today else f"from {day(item['from'])}"
    info(f"Next ({when}): {item['action']}\n  $ {item['command']}")


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
    from netjob.services.timeline import describe

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


def _short(day: str) -> str:
    from datetime import date

    d = date.fromisoformat(day)
    return f"{d:%a} {d.day} {d:%b}"


def _due(item: dict[str, Any]) -> Text:
    days = item["overdue_days"]
    if days > 0:
        return text(f"overdue {days} day{'s' if days != 1 else ''}", "bold red")
    if days == 0:
        return text("due today", "yellow")
    return text(f"due {_short(item['due'])}", "dim")


def daily_list(found: DailyList, *, explain: bool = False) -> None:
    """The daily list, grouped by priority; fits 80 columns."""
    from rich.padding import Padding

    console = out()
    heading = f"{found.on:%a} {found.on.day} {found.on:%b %Y}"
    if not found.items:
        console.print(text(f"Nothing due on {heading}.", "bold"))
        if found.suggestion:
            console.print(text(f"Best next move: {found.suggestion}"))
        return
    count = f"{found.total} thing{'s' if found.total != 1 else ''} to do"
    console.print(text(f"{heading} — {count}", "bold"))
    group = None
    for item in found.items:
        if item["group"] != group:
            group = item["group"]
            console.print()
            console.print(text(item["group_name"], "bold underline"))
        console.print(
            Padding(
                text(f"#{item['id'] or '-'} ", "cyan") + text(item["action"], "bold"),
                (0, 0, 0, 2),
                expand=False,
            )
        )
        why = _due(item) + text(" · ") + text(item["reason"])
        console.print(Padding(why, (0, 0, 0, 5), expand=False))
        console.print(Padding(text("$ " + item["command"], "green"), (0, 0, 0, 5), expand=False))
        if explain:
            terms = " + ".join(
                f"{name} {t['weight']:g} x {t['value']:.2f}" for name, t in item["terms"].items()
            )
            score = text(f"score {item['score']:g} = {terms}", "dim")
            console.print(Padding(score, (0, 0, 0, 5), expand=False))
            for detail in item["details"]:
                console.print(Padding(text(detail, "dim"), (0, 0, 0, 7), expand=False))
    more = found.total - len(found.items)
    if more > 0:
        info(f"{more} more: netjob next --all")


def settings_table(found: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(title=text("Settings"), title_justify="left")
    table.add_column("Key", no_wrap=True)
    table.add_column("Value", justify="right")
    table.add_column("What it is", overflow="fold")
    for s in found:
        value = s["value"] or "(none)"
        table.add_row(text(s["key"]), text(value, "bold" if s["changed"] else ""), text(s["help"]))
    out().print(table)


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


def pipeline(found: dict[str, Any], rows_per_status: int = 10**9) -> None:
    from rich.table import Table

    rows = found["companies"]
    if not rows:
        info("Your board is empty. Add a target: netjob add company NAME --motivation 0-3")
        return
    console = out()
    for status in ("active", "backlog", "closed"):
        members = [r for r in rows if r["status"] == status]
        if not members:
            continue
        hidden = found["counts"].get(status, len(members)) - len(members[:rows_per_status])
        members = members[:rows_per_status]
        table = Table(title=text(f"{status.capitalize()} ({len(members)})"), title_justify="left")
        table.add_column("Rank", justify="right", no_wrap=True)
        table.add_column("Company", overflow="fold", min_width=12)
        table.add_column("People", justify="right", no_wrap=True)
        table.add_column("Last touch", no_wrap=True)
        table.add_column("Stage", overflow="fold")
        table.add_column("Next step", overflow="fold", ratio=2)
        for r in members:
            stage = r["application_stage"] or ""
            if r["outcome"]:
                stage = f"{stage} -> {r['outcome']}" if stage else r["outcome"]
            table.add_row(
                text(r["lamp_rank"] if r["lamp_rank"] else "-"),
                text(r["name"], "bold"),
                text(r["contacts"]),
                text(r["last_touch"] or "never"),
                text(stage),
                text(r["next_step"] or ""),
            )
        console.print(table)
        if hidden > 0:
            info(f"{hidden} more {status}: --all to see them.")


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

    for s in steps:
        unit = " companies" if s["step"] in {"application", "interview", "offer"} else ""
        table.add_row(
            text(s["step"] + unit),
            text(s["count"]),
            text(_pct(s["rate"])),
            text(bar(s["count"], largest, 30), "green"),
        )
    console.print(table)
    reply = found["reply_rate"]
    console.print(
        text(
            f"Your reply rate: {_pct(reply)} of the people you wrote to answered — against "
            f"about {found['cold_interview_benchmark'] * 100:.0f}% of cold online applicants "
            "who get an interview (Workopolis)."
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
            f"Contacts: {b['booster']} boosters, {b['obligate']} obligates, "
            f"{b['curmudgeon']} curmudgeons, {b['unknown']} not yet known."
        )
    )
    for name, group in found["split"].items():
        parts = ", ".join(
            f"{s['step']} {s['count']}" + (f" ({_pct(s['rate'])})" if s["rate"] is not None else "")
            for s in group
        )
        console.print(text(f"  {name}: ", "bold") + text(parts))


def fit_report(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    if not rows:
        info("No company is scored yet: netjob rate COMPANY culture=4 ... (or --fit in a chat).")
        return
    table = Table(title=text("Fit on your criteria"), title_justify="left")
    table.add_column("Company", overflow="fold", min_width=12)
    table.add_column("Fit", justify="right", no_wrap=True)
    table.add_column("Mot", justify="right", no_wrap=True)
    table.add_column("Chats", justify="right", no_wrap=True)
    table.add_column("Scores", overflow="fold", ratio=2)
    table.add_column("Red flags", overflow="fold", ratio=1)
    for r in rows:
        scores = ", ".join(f"{c['criterion']} {c['score']}" for c in r["criteria"])
        fit_text = "-" if r["fit"] is None else f"{r['fit']:.2f}"
        mark = " (rescore?)" if r["rescore"] else ""
        table.add_row(
            text(r["name"], "bold"),
            text(fit_text),
            text(f"{r['motivation']}{mark}"),
            text(r["chats"]),
            text(scores),
            text("; ".join(f["text"] for f in r["red_flags"]), "red"),
        )
    out().print(table)
    if any(r["rescore"] for r in rows):
        info(
            "'rescore?': what you learned disagrees with your motivation score; "
            "netjob edit company NAME --motivation 0-3"
        )


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
            console.print(text(f"  #{item['id']} {item['action']}"))


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


def checks(verdicts: list[Any], *, to_stdout: bool = False) -> None:
    """The six-point check: a line per point, with how to fix what failed."""
    if not verdicts:
        return
    console = out() if to_stdout else err()
    for v in verdicts:
        mark = text("  ok   ", "green") if v.ok else text("  FAIL ", "bold red")
        console.print(mark + text(f"{v.check}: {v.detail}"))
        if v.fix:
            console.print(text(f"         fix: {v.fix}", "dim"))
    failed = sum(not v.ok for v in verdicts)
    summary = "All six checks pass." if not failed else f"{failed} of {len(verdicts)} checks fail."
    console.print(text(summary, "bold"))


def templates(folder: Any, names: list[str]) -> None:
    console = out()
    console.print(text("Your templates folder:", "bold"))
    sys.stdout.write(f"{safe(folder)}\n")
    console.print(text("A file there with one of these names replaces the shipped one:"))
    for name in names:
        mine = " (yours)" if (folder / name).is_file() else ""
        console.print(text(f"  {name}{mine}"))
    console.print(
        text(
            "Placeholders: $first_name $name $company $title $connection $referrer "
            "$chat_day $learned $advice $advice_line $quoted"
        )
    )


def prep_markdown(found: dict[str, Any]) -> str:
    """The prep brief as Markdown; user text is escaped (:func:`md`), shown as typed."""
    lines: list[str] = []
    person, company = found["contact"], found["company"]
    title = person["name"] if person else (company["name"] if company else "?")
    lines += [f"# Prep: {md(title)}", ""]
    if person:
        role = f"{md(person['title'])}, " if person["title"] else ""
        where = md(company["name"]) if company else "no company"
        lines += [f"**Who:** {role}{where}  ", f"**Connection:** {md(person['connection'])}"]
        for label in ("email", "linkedin", "note"):
            if person[label]:
                lines.append(f"  \n**{label.capitalize()}:** {md(person[label])}")
        lines.append("")
    if company:
        facts = [md(company[k]) for k in ("industry", "location", "website") if company[k]]
        lines += [f"## {md(company['name'])}", "", " · ".join(facts) or "(no details)", ""]
        if company["note"]:
            lines += [md(company["note"]), ""]
    lines += ["## So far", ""]
    from netjob.services.timeline import describe

    lines += [f"- {md(describe(e))}" for e in found["timeline"]] or ["- Nothing logged yet."]
    if found["notes"]:
        lines += ["", "## Notes from earlier chats", ""]
        for n in found["notes"]:
            acted = f" (acted on {n['acted_on']})" if n["acted_on"] else ""
            lines.append(f"- {n['kind']}: {md(n['text'])}{acted} — {md(n['with'])}, {n['on']}")
    if found["unscored"]:
        lines += ["", "## Still to learn (your criteria, unscored)", ""]
        lines += [f"- {md(name)}" for name in found["unscored"]]
    lines += ["", "## Questions (TIARA)", ""]
    lines += [f"- **{q['topic']}:** {q['question']}" for q in found["questions"]]
    lines += ["", "## Close", ""] + [f"- {q}" for q in found["close"]]
    return "\n".join(lines) + "\n"


def prep(markdown: str) -> None:
    from rich.markdown import Markdown

    out().print(Markdown(markdown))


def progress_reporter(label: str) -> Any:
    """A callback (done, total) drawing a progress bar on stderr."""
    from rich.progress import Progress

    progress = Progress(console=err(), transient=True)
    task: list[Any] = []

    def report(done: int, total: int) -> None:
        if not task:
            progress.start()
            task.append(progress.add_task(label, total=total))
        progress.update(task[0], completed=done)
        if done >= total:
            progress.stop()

    return report


def import_summary(found: Any) -> None:
    prefix = "Dry run: would import" if found.dry_run else "Imported"
    done(
        f"{prefix} {found.added} new, {found.updated} updated, {found.unchanged} unchanged, "
        f"{len(found.skipped)} skipped."
    )
    for skip in found.skipped[:20]:
        info(f"  line {skip['line']}: {skip['reason']}")
    if len(found.skipped) > 20:
        info(f"  ... and {len(found.skipped) - 20} more (--json lists them all)")
    if not found.dry_run and found.added:
        info("See who you know at your targets: netjob who --targets")


def who(found: dict[str, Any]) -> None:
    console = out()
    name = found["company"]
    if found["matched"]:
        info(f"No exact match for '{name}'; showing '{found['matched']}'.")
    if not found["contacts"] and not found["connections"]:
        console.print(text(f"You know nobody at {name} yet."))
        info("Import your network: netjob import linkedin Connections.csv")
        return
    if found["contacts"]:
        console.print(text(f"Contacts at {name}:", "bold"))
        for k in found["contacts"]:
            title = f", {k['title']}" if k["title"] else ""
            console.print(text(f"  #{k['id']} {k['name']}{title}"))
    if found["connections"]:
        console.print(text("In your network:", "bold"))
        for c in found["connections"]:
            position = f", {c['position']}" if c["position"] else ""
            promoted = f" (contact #{c['contact_id']})" if c["contact_id"] else ""
            console.print(text(f"  #{c['id']} {c['name']}{position}{promoted}"))
        info('Make one a contact: netjob promote "NAME"')


def who_targets(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    if not rows:
        info("No target companies yet.")
        return
    table = Table(title=text("Who you know at your targets"), title_justify="left")
    table.add_column("Rank", justify="right")
    table.add_column("Company", overflow="fold")
    table.add_column("Contacts", justify="right")
    table.add_column("Network", justify="right")
    table.add_column("Advocacy")
    for r in rows:
        adv = "yes" if r["advocacy"] else "no"
        if r["advocacy_set"]:
            adv = "set now"
        elif r["advocate_found"]:
            adv = "no (someone known)"
        table.add_row(
            text(r["lamp_rank"] or "-"),
            text(r["name"]),
            text(r["contacts"]),
            text(r["connections"]),
            text(adv),
        )
    out().print(table)
    found = [r["name"] for r in rows if r["advocate_found"] and not r["advocacy_set"]]
    changed = [r["name"] for r in rows if r["advocacy_set"]]
    if changed:
        done(f"Advocacy set for {', '.join(changed)}; their LAMP ranks may move.")
    elif found:
        info(
            f"You know someone at {', '.join(found)} but advocacy is not set there; "
            "record it with: netjob who --targets --set-advocacy"
        )


def inbox_report(found: Any, *, brief: bool = False) -> None:
    """What an import of messages, mail or a calendar would log, per contact (dry run),
    or logged, and what it skipped and why; on stderr (``--json`` puts it on stdout).
    ``brief``: the plan was shown just before."""
    from netjob.services.inbox import label

    console = err()
    if found.owner_inferred and not brief:
        if found.owner:
            info(
                f"Taking {found.owner} (in every conversation) to be you; "
                "set it with `netjob settings set me.linkedin URL`."
            )
        else:
            info(
                "Could not tell which participant is you; messages with people who are not "
                "contacts are counted by the other person. Set `netjob settings set "
                "me.linkedin URL`."
            )
    for warning in found.warnings:
        warn(warning)
    if found.dry_run:
        for contact in sorted(found.contacts.values(), key=lambda c: c["contact"].casefold()):
            where = f" ({contact['company']})" if contact["company"] else ""
            console.print(text(f"{contact['contact']}{where}", "bold"))
            for e in contact["entries"]:
                extra = f" at {e['time']}" if e.get("time") else ""
                note = f": {e['note']}" if e.get("note") else ""
                console.print(text(f"  {e['on']} {label(e['kind'])}{extra}{note}"))
    verb = "Would log" if found.dry_run else "Logged"
    parts = [f"{verb} {found.logged} entries for {len(found.contacts)} contacts"]
    if not found.changes:
        parts = ["Nothing new to log"]
    if found.already:
        parts.append(f"{found.already} already imported")
    if found.linked:
        parts.append(f"{found.linked} already in the log by hand")
    (info if found.dry_run else done)("; ".join(parts) + ".")
    if found.added_contacts:
        who = ", ".join(f"{c['name']} ({c['company']})" for c in found.added_contacts[:10])
        hidden = len(found.added_contacts) - 10
        info(f"New contacts: {who}" + (f" and {hidden} more." if hidden > 0 else "."))
    if found.skipped:
        reasons = sorted(found.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
        info("Skipped: " + ", ".join(f"{n} {reason}" for reason, n in reasons) + ".")
    if found.not_contacts:
        top = sorted(found.not_contacts.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(f"{company} {n}" for company, n in top[:8])
        more = f", and {len(top) - 8} more" if len(top) > 8 else ""
        info(f"With people who are not contacts, by company: {shown}{more}.")
        if not found.added_contacts:
            info("Add the ones at your targets with --add-contacts.")
    if not found.dry_run and found.logged:
        info("See what is owed now: netjob next (undo the whole import: netjob undo)")


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
