"""Tables that fit the terminal: a column keeps the width of its longest cell when it
can, text columns wrap down to a floor, and when even the floors do not fit, the
columns that matter least are left out (and a line on stderr says which)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from netjob.render.console import info, out, text

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

CHROME = 3  # a border and a space either side, a column (plus one border a table)
WORD = 16  # the longest word a wrapping column makes room for
SHORT = 24  # a wrapping column up to this long is given its whole width first


@dataclass(frozen=True)
class Column:
    """``keep``: the higher, the longer it stays as the terminal narrows. ``wrap``: 0 for
    a column that never wraps (numbers, dates, words), else the narrowest it may get."""

    header: str
    keep: int
    wrap: int = 0
    right: bool = False


def layout(columns: Sequence[Column], rows: Sequence[Sequence[Text]], room: int) -> list[int]:
    """The width of each column in ``room`` characters; 0 for a column left out."""
    lengths = [sorted(row[i].cell_len for row in rows) or [0] for i in range(len(columns))]
    natural = [max(len(c.header), found[-1]) for c, found in zip(columns, lengths, strict=True)]
    # A wrapping column may narrow to its floor (but not below its longest word, up to
    # WORD): under that, each of its lines would break inside a word.
    words = [
        max((len(w) for row in rows for w in row[i].plain.split()), default=0)
        for i in range(len(columns))
    ]
    floor = [
        min(n, max(c.wrap, len(c.header), min(w, WORD))) if c.wrap else n
        for n, c, w in zip(natural, columns, words, strict=True)
    ]
    kept = list(range(len(columns)))
    while len(kept) > 1 and sum(floor[i] + CHROME for i in kept) + 1 > room:
        kept.remove(min(kept, key=lambda i: (columns[i].keep, -i)))
    widths = [floor[i] if i in kept else 0 for i in range(len(columns))]
    spare = room - 1 - sum(widths[i] + CHROME for i in kept)
    # Spare room goes first to the columns whose cells are short (9 in 10 of them up to
    # SHORT long), so that they read whole; then to each column up to the length 9 cells
    # in 10 fit within; then up to its longest cell. One long name does not take the
    # room that a column of long cells needs.
    typical = [
        max(floor[i], found[-(-(len(found) - 1) * 9 // 10)]) for i, found in enumerate(lengths)
    ]
    short = [t if t <= SHORT else f for t, f in zip(typical, floor, strict=True)]
    for target in (short, typical, natural):
        growing = [i for i in kept if columns[i].wrap and widths[i] < target[i]]
        while spare > 0 and growing:  # a character at a time to the most squeezed column
            i = min(growing, key=lambda i: (widths[i] / target[i], -target[i]))
            widths[i] += 1
            spare -= 1
            if widths[i] == target[i]:
                growing.remove(i)
    return widths


def table(
    title: str | None,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Text]],
    widths: Sequence[int] | None = None,
) -> Table:
    """A table of ``rows`` laid out for the terminal (or in the given ``widths``, so that
    several tables can share one layout)."""
    from rich.table import Table

    if widths is None:
        widths = layout(columns, rows, out().width)
    found = Table(title=text(title) if title else None, title_justify="left")
    for column, width in zip(columns, widths, strict=True):
        if width:
            justify: Literal["left", "right"] = "right" if column.right else "left"
            found.add_column(
                column.header,
                justify=justify,
                width=width,
                overflow="fold",
                no_wrap=not column.wrap,
            )
    for row in rows:
        found.add_row(*(cell for cell, width in zip(row, widths, strict=True) if width))
    return found


def left_out(columns: Sequence[Column], widths: Sequence[int]) -> None:
    """Say which columns did not fit (``--json`` has them all)."""
    gone = [c.header for c, width in zip(columns, widths, strict=True) if not width]
    if gone:
        info(f"Left out at this width: {', '.join(gone)} (a wider terminal or --json shows them).")


def show(title: str | None, columns: Sequence[Column], rows: Sequence[Sequence[Text]]) -> None:
    """Print a fitted table, and say which columns it left out."""
    widths = layout(columns, rows, out().width)
    out().print(table(title, columns, rows, widths))
    left_out(columns, widths)
