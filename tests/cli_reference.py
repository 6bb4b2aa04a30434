"""The CLI reference in docs/cli.md, generated from `--help` by cog.

Run `.venv/bin/cog -r docs/cli.md` after changing a command's help; a test runs
`--check` so the reference cannot go stale. The help is rendered as plain text
(Click's own formatter, Rich switched off): no box drawing, no colour, 80 columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

WIDTH = 80


def _commands() -> Iterator[tuple[list[str], Any]]:
    """Every command and group with the words that name it, in tree order."""
    import typer.main

    from netjob.cli import app

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        yield path, command
        children = getattr(command, "commands", {}) or {}
        for name in children:
            yield from walk(children[name], [*path, name])

    yield from walk(typer.main.get_command(app), [])


def command_paths() -> Iterator[list[str]]:
    """Every command and group, as the words that name it, in tree order."""
    for path, _ in _commands():
        yield path


def plain_helps() -> Iterator[tuple[list[str], str]]:
    """`netjob PATH --help` for every command, as plain text without trailing spaces."""
    contexts: dict[tuple[str, ...], Any] = {}
    for words, command in _commands():
        command.rich_markup_mode = None  # Click's plain formatter, not Rich panels
        settings = {"terminal_width": WIDTH, "max_content_width": WIDTH}
        settings.update(command.context_settings or {})
        ctx = command.context_class(
            command,
            info_name=words[-1] if words else "netjob",
            parent=contexts.get(tuple(words[:-1])) if words else None,
            **settings,
        )
        contexts[tuple(words)] = ctx
        text = command.get_help(ctx)
        yield words, "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def reference() -> str:
    helps = list(plain_helps())
    contents = "".join(
        f"- [`{' '.join(['netjob', *p])}`](#{'-'.join(['netjob', *p])})\n" for p, _ in helps
    )
    parts: list[str] = [contents]
    for path, text in helps:
        title = " ".join(["netjob", *path])
        parts.append(f"## `{title}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)
