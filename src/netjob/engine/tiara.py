"""TIARA chat notes: the editor template and how it is read back (METHOD section 3)."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("trend", "insight", "advice", "resource", "assignment")
HEADINGS = {
    "trend": ("Trends", "What trend is most affecting your business right now?"),
    "insight": ("Insights", "What has surprised you most about your job?"),
    "advice": ("Advice", "If you were me, what would you do right now to prepare?"),
    "resource": ("Resources", "What should I be sure to look into next?"),
    "assignment": ("Assignments", "Which projects are most common in your role?"),
}
NOTES_HEADING = "Notes"


@dataclass(slots=True)
class ChatNotes:
    items: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    note: str | None = None

    @property
    def empty(self) -> bool:
        return not self.note and not any(self.items.values())


def template(who: str, on: str) -> str:
    lines = [
        f"# TIARA notes for your chat with {who} on {on}.",
        "# One item per line under each heading; lines starting with # are ignored.",
        "# Save an empty file (or delete everything) to abort: nothing is recorded.",
        "",
    ]
    for kind in KINDS:
        heading, question = HEADINGS[kind]
        lines += [f"{heading}:", f"# {question}", ""]
    lines += [f"{NOTES_HEADING}:", "# Anything else: who else to talk to, next steps...", ""]
    return "\n".join(lines)


def parse(text: str) -> ChatNotes:
    """Read a filled-in template back; unknown text before any heading is a note."""
    notes = ChatNotes()
    by_heading = {HEADINGS[k][0].casefold(): k for k in KINDS}
    current: str | None = None
    free: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith(":") and line[:-1].strip().casefold() in {*by_heading, "notes"}:
            name = line[:-1].strip().casefold()
            current = by_heading.get(name)
            if name == "notes":
                current = None
            continue
        item = line.lstrip("-*• ").strip()
        if not item:
            continue
        if current is None:
            free.append(item)
        else:
            notes.items[current].append(item)
    notes.note = "\n".join(free) or None
    return notes
