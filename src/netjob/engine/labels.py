"""How the log reads in one line: an entry, a kind of entry, a command line."""

from __future__ import annotations

from typing import Any

KIND_LABELS = {
    "outreach": "outreach",
    "follow_up": "follow-up",
    "reply": "reply",
    "chat": "chat",
    "thanks": "thank-you",
    "referral": "referral",
    "application": "application",
    "stage": "stage",
    "status": "status",
    "note": "note",
    "update": "update",
    "referral_ask": "referral ask",
}


def label(kind: str) -> str:
    """A kind of entry as a person reads it ('follow-up', 'thank-you')."""
    return KIND_LABELS.get(kind, kind)


def describe(e: dict[str, Any]) -> str:
    """One line for a person: 'outreach to Jane Doe (Acme) on 2026-11-20'."""
    kind = KIND_LABELS.get(e["kind"], e["kind"])
    who = e["contact"] or e["company"] or "?"
    if e["contact"] and e["company"]:
        who = f"{e['contact']} ({e['company']})"
    extra = ""
    if e["kind"] == "chat":
        extra = f" [{e['status']}]" + (f" at {e['time']}" if e["time"] else "")
    elif e["kind"] in {"stage", "status"} and e["detail"]:
        extra = f": {e['detail'].replace('>', ' -> ')}"
    elif e["kind"] == "note" and e["note"]:
        extra = f": {e['note']}"
    return f"{kind} #{e['id']} — {who}, {e['on']}{extra}"


def short(command: str | None, width: int = 100) -> str:
    """A command line as listed: long notes and messages cut to ``width`` characters."""
    if not command:
        return "(no command line)"
    line = f"netjob {command}"
    return line if len(line) <= width else line[: width - 1] + "…"
