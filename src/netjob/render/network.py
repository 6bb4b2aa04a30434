"""Your network: imports, `who`, and what an inbox import logged."""

from __future__ import annotations

from typing import Any

from netjob.engine.words import count
from netjob.render.console import done, err, hang, info, out, text, warn
from netjob.render.tables import Column, show


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
        if found.get("network"):
            info("Nobody in your network either; where you know people: netjob who --targets")
        else:
            info("Import your network: netjob import linkedin Connections.csv")
        return
    if found["contacts"]:
        console.print(text(f"Contacts at {name}:", "bold"))
        for k in found["contacts"]:
            title = f", {k['title']}" if k["title"] else ""
            console.print(hang(2, text(f"#{k['id']} "), text(f"{k['name']}{title}")))
    if found["connections"]:
        console.print(text("In your network:", "bold"))
        for c in found["connections"]:
            position = f", {c['position']}" if c["position"] else ""
            promoted = f" (contact #{c['contact_id']})" if c["contact_id"] else ""
            console.print(hang(2, text(f"#{c['id']} "), text(f"{c['name']}{position}{promoted}")))
        info('Make one a contact: netjob promote "NAME"')


WHO_COLUMNS = [
    Column("Rank", 8, right=True),
    Column("Company", 10, wrap=12),
    Column("Contacts", 7, right=True),
    Column("Network", 6, right=True),
    Column("Advocacy", 5, wrap=8),
]


def _advocacy(r: dict[str, Any]) -> str:
    if r["advocacy_set"]:
        return "set now"
    if r["advocate_found"]:
        return "no (someone known)"
    return "yes" if r["advocacy"] else "no"


def who_targets(rows: list[dict[str, Any]]) -> None:
    if not rows:
        info("No target companies yet.")
        return
    fields = [(r["lamp_rank"] or "-", r["name"], r["contacts"], r["connections"]) for r in rows]
    cells = [[*map(text, f), text(_advocacy(r))] for f, r in zip(fields, rows, strict=True)]
    show("Who you know at your targets", WHO_COLUMNS, cells)
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
    from netjob.engine.labels import label

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
    parts = [f"{verb} {count(found.logged, 'entry')} for {count(len(found.contacts), 'contact')}"]
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
