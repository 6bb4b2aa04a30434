"""`--help` at a terminal of 80 columns: paragraphs wrapped by Rich, examples as written.

Help is written as paragraphs; the terminal's width decides where a line breaks. A
line that ends before the next word would have fitted was broken by hand.
"""

from __future__ import annotations

import itertools

import pytest
from typer.testing import CliRunner

from netjob.cli import app
from tests.cli_reference import command_paths

WIDTH = 80
TEXT = WIDTH - 2  # Rich pads the help text with one space on each side
PATHS = list(command_paths())


def help_at(width: int, path: list[str]) -> list[str]:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def description(lines: list[str]) -> list[list[str]]:
    """The paragraphs between the usage line and the first panel, as printed."""
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Usage:"))
    paragraphs: list[list[str]] = [[]]
    for line in lines[start + 1 :]:
        if line.startswith("╭"):
            break
        if line.strip():
            paragraphs[-1].append(line.rstrip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p and not p[0].strip().startswith("Usage:")]


def is_example(paragraph: list[str]) -> bool:
    return paragraph[0].strip() in {"Example:", "Examples:", "Start with:"}


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "netjob" for p in PATHS])
def test_help_fits_80_columns_and_breaks_only_where_rich_wraps(path: list[str]) -> None:
    lines = help_at(WIDTH, path)
    assert max(len(line) for line in lines) <= WIDTH
    top = lines[: next(i for i, line in enumerate(lines) if line.startswith("╭"))]
    blank = [not line.strip() for line in top]
    assert not any(a and b for a, b in itertools.pairwise(blank[1:])), top  # one blank line
    for paragraph in description(lines):
        if is_example(paragraph):
            # an example line too long for the terminal would wrap to the margin
            for line in paragraph[1:]:
                assert line.startswith("   "), (path, paragraph)
            continue
        for line, after in itertools.pairwise(paragraph):
            next_word = after.split()[0]
            assert len(line.strip()) + 1 + len(next_word) > TEXT, (
                f"`netjob {' '.join(path)} --help` breaks a line by hand: {line.strip()!r}"
            )


def joined(lines: list[str]) -> str:
    """The text as a reader takes it in: wrapped lines (and panel cells) joined."""
    return " ".join(" ".join(line.replace("│", " ").split()) for line in lines if line.strip())


def test_a_long_sentence_reads_whole_at_80_and_60_columns() -> None:
    sentence = (
        'Names are unique ignoring case, accents, punctuation and legal suffixes: "Acme Inc." '
        'and "ACME" are the same company.'
    )
    for width in (80, 60):
        assert sentence in joined(help_at(width, ["add", "company"]))
    undo = joined(help_at(80, ["undo"]))
    assert "netjob keeps the last 50 commands; a command that failed changed nothing" in undo


def test_choice_lists_do_not_break_inside_a_word_in_usage_or_options() -> None:
    stage = help_at(WIDTH, ["log", "stage"])
    usage = next(line for line in stage if "Usage:" in line)
    assert usage.strip() == "Usage: netjob log stage [OPTIONS] {COMPANY} {STAGE}"
    board = help_at(WIDTH, ["add", "company"])
    status = next(line for line in board if line.startswith("│ --status"))
    assert "STATUS" in status and "backlog, active (being worked) or" in status
    channel = joined(help_at(WIDTH, ["log", "outreach"]))
    assert "How you wrote: email, linkedin, phone, in-person or other." in channel
