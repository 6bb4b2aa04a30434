"""Help as paragraphs the terminal wraps, with no line ending in a space.

Typer's Rich help joins only a command's first paragraph and pads every line to the
panel's width; these classes give every command and group netjob's own help.
"""

import inspect
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from collections.abc import Callable

    from typer.models import CommandFunctionType


class HelpGroup(TyperGroup):
    """A command group whose help has no line ending in a space."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        trimmed(lambda: super(HelpGroup, self).format_help(ctx, formatter))


def paragraphs(text: str) -> str:
    """Help written as paragraphs: each paragraph's lines joined into one, so that the
    terminal's width decides where it wraps. A block marked with a \\b line (the
    examples) keeps its lines as written."""
    blocks = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        block if block.startswith("\b") else " ".join(line.strip() for line in block.splitlines())
        for block in blocks
    )


def rich_help(command: Any, show: "Callable[[], None]") -> None:
    """Run ``show`` with ``command``'s help as Typer's Rich help wants it. Click's plain
    help needs the \\b markers; Rich would print each as a blank line. Typer dedents
    all paragraphs after the first as one text, ignoring its first line: an empty one
    keeps the examples' indentation."""
    written = command.help
    if command.rich_markup_mode is None or not written:
        trimmed(show)
        return
    first, _, rest = written.partition("\n\n")
    command.help = f"{first}\n\n\n{rest.replace(chr(8) + chr(10), '')}" if rest else first
    try:
        trimmed(show)
    finally:
        command.help = written


def trimmed(show: "Callable[[], None]") -> None:
    """Run ``show`` with no line of its output ending in a space: Typer's Rich help pads
    every line to the panel's width (noise in a pipe, a file or a copied line)."""
    import sys

    from netjob.render.console import Trimmed

    real = sys.stdout
    sys.stdout = Trimmed(real)
    try:
        show()
    finally:
        sys.stdout = real


class NetjobCommand(TyperCommand):
    """A command whose help is paragraphs, wrapped at the terminal's width."""

    def __init__(self, *args: Any, help: str | None = None, **options: Any) -> None:
        super().__init__(*args, help=paragraphs(help) if help else help, **options)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        rich_help(self, lambda: super(NetjobCommand, self).format_help(ctx, formatter))


class NetjobTyper(typer.Typer):
    """Typer whose commands are :class:`NetjobCommand`."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **options: Any
    ) -> "Callable[[CommandFunctionType], CommandFunctionType]":
        return super().command(name, cls=cls or NetjobCommand, **options)
