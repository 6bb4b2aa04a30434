"""Writing: the message check, templates, the prep brief."""

from __future__ import annotations

import sys
from typing import Any

from netjob.engine.words import agree, count
from netjob.render.console import err, md, out, safe, text


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
    summary = "All six checks pass."
    if failed:
        summary = f"{failed} of {count(len(verdicts), 'check')} {agree(failed, 'fails', 'fail')}."
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
    from netjob.engine.labels import describe

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
