"""Consoles, escaping and messages: the one place text meets the terminal.

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
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

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


_TAIL = re.compile(r"(?:\x1b\[[0-9;]*m| )+$")
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _codes(match: re.Match[str]) -> str:
    """The colour codes in a line's padding, without the spaces."""
    return "".join(_SGR.findall(match.group()))


class Trimmed:
    """Stdout as Rich sees it, with no line ending in a space. Rich pads wrapped text and
    table cells to the full width: invisible at a terminal, but noise in a pipe, a file or
    a copied line. Colour codes at the end of a line are kept; spaces at the end of a
    partial line are held until the rest of the line shows whether they end it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._held = ""

    def write(self, data: str) -> int:
        *whole, last = (self._held + data).split("\n")
        lines = [_TAIL.sub(_codes, line) for line in whole]
        tail = _TAIL.search(last)
        self._held = "" if tail is None else _SGR.sub("", tail.group())
        lines.append(last if tail is None else last[: tail.start()] + _codes(tail))
        self._stream.write("\n".join(lines))
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def out() -> Console:
    from rich.console import Console

    stream = cast("IO[str]", Trimmed(sys.stdout))
    return Console(file=stream, soft_wrap=False, highlight=False, markup=False, emoji=False)


def err() -> Console:
    from rich.console import Console

    sys.stdout.flush()  # keep data and messages in order on a shared terminal
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def text(value: object, style: str = "") -> Text:
    from rich.text import Text

    return Text(safe(value), style=style)


def hang(indent: int, label: Text, *lines: RenderableType) -> RenderableType:
    """``label`` at ``indent``, then ``lines`` beside it: a line that wraps goes on under
    the text, not under the label (a hanging indent)."""
    return _Hanging(indent, label, lines)


class _Hanging:
    """What a two-column ``Table.grid`` (the label not wrapped) in a ``Padding`` renders,
    drawn directly: a grid measures every cell first, which made `next`'s ten items cost
    more than finding them."""

    def __init__(self, indent: int, label: Text, lines: Sequence[RenderableType]) -> None:
        self.indent, self.label, self.lines = indent, label, lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.console import Group
        from rich.segment import Segment

        room = max(options.max_width - self.indent, 1)
        label_width = min(self.label.cell_len, room)
        cell = options.update(height=None, justify="left", overflow="ellipsis")
        label = console.render_lines(
            self.label, cell.update(width=label_width, no_wrap=True), pad=True
        )
        body = console.render_lines(
            Group(*self.lines), cell.update(width=max(room - label_width, 1), no_wrap=False)
        )
        margin = Segment(" " * self.indent)
        blank = Segment(" " * label_width)
        for n in range(max(len(label), len(body))):
            yield margin
            yield from label[n] if n < len(label) else [blank]
            if n < len(body):
                yield from body[n]
            yield Segment.line()


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
