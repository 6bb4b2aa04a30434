"""The CLI reference in README.md, generated from `--help` by cog.

Run `python -m cogapp -r README.md` after changing a command's help; a test
runs `--check` so the README cannot go stale.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

WIDTH = "88"


def command_paths() -> Iterator[list[str]]:
    """Every command and group, as the words that name it, in tree order."""
    import typer.main

    from netjob.cli import app

    def walk(command: object, path: list[str]) -> Iterator[list[str]]:
        yield path
        children = getattr(command, "commands", {}) or {}
        for name in children:
            yield from walk(children[name], [*path, name])

    yield from walk(typer.main.get_command(app), [])


def reference() -> str:
    os.environ["TERMINAL_WIDTH"] = WIDTH
    os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
    from typer.testing import CliRunner

    from netjob.cli import app

    runner = CliRunner()
    parts: list[str] = []
    for path in command_paths():
        result = runner.invoke(app, [*path, "--help"], prog_name="netjob", env={"NO_COLOR": "1"})
        title = " ".join(["netjob", *path])
        body = "\n".join(line.rstrip() for line in result.stdout.strip("\n").splitlines())
        parts.append(f"### `{title}`\n\n```\n{body}\n```\n")
    return "\n".join(parts)
