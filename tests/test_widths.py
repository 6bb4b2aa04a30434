"""Every view fits the terminal: at 60, 80 and 120 columns no line of a listing or a
report is wider than the terminal, and none ends in a space (a wrapped line padded
to the width reads as a blank tail at a terminal and as noise in a pipe)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netjob import demo
from netjob.db.store import Store
from tests.conftest import TODAY, Run

WIDTHS = (60, 80, 120)

VIEWS: list[tuple[str, ...]] = [
    ("next",),
    ("next", "--explain"),
    ("next", "--all"),
    ("week",),
    ("pipeline",),
    ("funnel",),
    ("fit",),
    ("list", "companies"),
    ("list", "contacts"),
    ("list", "contacts", "--behaviour"),
    ("show", "company", "Northwind Analytics"),
    ("show", "company", "Vandelay Industries"),
    ("show", "company", "Zoetrope"),
    ("show", "contact", "Priya Raman"),
    ("show", "contact", "Bartholomew"),
    ("timeline", "Priya Raman"),
    ("timeline", "Yuki Tanaka"),
    ("timeline", "--company", "Vandelay Industries"),
    ("who", "Northwind Analytics"),
    ("who", "--targets"),
    ("criteria", "list"),
    ("settings", "list"),
    ("db", "status"),
    ("undo", "--list"),
    ("prep", "Marcus Lee"),
]
# Typer draws --help in Rich panels it pads to the width itself (the CLI's own console):
# they are held to the width here, and their padding is the CLI's to trim.
HELPS: list[tuple[str, ...]] = [
    ("--help",),
    ("next", "--help"),
    ("log", "--help"),
    ("log", "chat", "--help"),
    ("pipeline", "--help"),
    ("list", "contacts", "--help"),
]

LONG_COMPANY = "Zoetrope Interplanetary Logistics and Supply Chain Optimisation Group"


def _long_texts(store: Store) -> None:
    """What a real network holds besides the demo: long names, titles, notes and tags."""
    from netjob.services import companies, contacts, log

    companies.add(
        store,
        name=LONG_COMPANY,
        today=TODAY,
        industry="Logistics, freight forwarding and customs brokerage",
        location="Rotterdam, the Netherlands (hybrid, two days a week)",
        motivation=3,
        posting=2,
        advocacy=False,
        tags=["logistics", "supply-chain", "international", "series-c"],
        note="Their head of data spoke at the meetup about migrating off a 15-year-old "
        "warehouse; ask about the roadmap and who owns the platform team after the merger.",
    )
    contacts.add(
        store,
        name="Bartholomew Montgomery-Featherstonehaugh",
        today=TODAY,
        company=LONG_COMPANY,
        title="Principal Staff Engineer, Data Platform and Machine Learning Infrastructure",
        how=demo.How.alumni,
        email="bartholomew.montgomery-featherstonehaugh@zoetrope.example",
        tags=["conference-2026", "platform", "very-long-tag-that-does-not-break"],
    )
    log.outreach(store, contact="Bartholomew", on=TODAY, today=TODAY)


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo's database with a few long texts, as the database every view reads."""
    path = tmp_path / "demo.db"
    store = demo.build(path, today=TODAY)
    _long_texts(store)
    store.close()
    monkeypatch.setenv("NETJOB_DB", str(path))
    return path


def overflows(output: str, width: int) -> list[str]:
    """The lines of ``output`` wider than ``width`` or ending in a space."""
    return [line for line in output.splitlines() if len(line) > width or line != line.rstrip(" ")]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_view_fits_the_terminal(
    run: Run, demo_db: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    bad: dict[str, list[str]] = {}
    for view in VIEWS:
        result = run(*view, ok=True)
        assert result.stdout.strip(), view  # each view prints something to measure
        found = overflows(result.stdout, width) + [
            line for line in result.stderr.splitlines() if line != line.rstrip(" ")
        ]
        if found:
            bad[" ".join(view)] = found
    assert bad == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_help_fits_the_terminal(run: Run, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    for view in HELPS:
        output = run(*view, ok=True).stdout
        assert "Usage: netjob" in output
        assert [line for line in output.splitlines() if len(line) > width] == [], view
        assert [line for line in output.splitlines() if line.endswith(" ")] == [], view


def test_next_hangs_wrapped_lines_under_the_text(
    run: Run, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    lines = run("next", "--explain", ok=True).stdout.splitlines()
    items = [i for i, line in enumerate(lines) if line.startswith("  #")]
    assert len(items) == 10
    for first, after in zip(items, [*items[1:], len(lines)], strict=True):
        text_at = lines[first].index(" ", 3) + 1  # "  #10 Ask..." -> 6
        block = lines[first + 1 : after]
        block = block[: block.index("")] if "" in block else block  # up to the next group
        assert len(block) >= 3, lines[first:after]  # the action's wrap, why, $ command, score
        for line in block:  # under the action's first letter, never under the number
            assert line.startswith(" " * text_at) and line[text_at:].strip(), (lines[first], line)
    wrapped = lines[items[0] + 1]
    assert wrapped == "     opening", lines[items[0] : items[0] + 3]
    week = run("week", ok=True).stdout.splitlines()
    top = week.index("Top of the list for next week:")
    assert week[top + 1 : top + 3] == [
        "  #1 Check the careers page for the analytics engineer",
        "     opening",
    ]


def test_pipeline_tables_share_one_layout_and_keep_next_step_readable(
    run: Run, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for width, least in ((60, 24), (80, 24), (120, 40)):
        monkeypatch.setenv("COLUMNS", str(width))
        result = run("pipeline", ok=True)
        lines = result.stdout.splitlines()
        heads = [line for line in lines if line.startswith("┃") and "Next step" in line]
        assert len(heads) == 3 and len(set(heads)) == 1, heads  # the same columns, same widths
        assert len({len(line) for line in lines if line[:1] in "┏┃┡│└"}) == 1
        cells = [cell for cell in heads[0].split("┃") if cell]
        assert cells[0].strip() == "Rank" and cells[1].strip() == "Company"
        assert len(cells[-1]) - 2 >= least, (width, cells)
        assert max(len(line) for line in lines) <= width
        shown = [cell.strip() for cell in cells]
        if width == 120:
            assert shown == ["Rank", "Company", "People", "Last touch", "Stage", "Next step"]
            assert "Left out" not in result.stderr
        else:  # what did not fit is named, most useful first to stay
            gone = result.stderr.split("Left out at this width: ")[1].split(" (")[0].split(", ")
            assert set(gone) | set(shown) == {
                "Rank",
                "Company",
                "People",
                "Last touch",
                "Stage",
                "Next step",
            }
            assert gone[0] == "People"


def test_next_colours_only_the_due_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """'due today' in yellow, the reason in the terminal's own colour (the whole line
    took the due part's colour)."""
    import io

    from rich.console import Console

    from netjob.engine.model import DailyList
    from netjob.render import daily

    monkeypatch.delenv("NO_COLOR")
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=80)
    monkeypatch.setattr(daily, "out", lambda: console)
    item = {
        "id": 2,
        "group": 1,
        "group_name": "Owed to someone",
        "action": "Send Jane a thank-you note",
        "overdue_days": 0,
        "due": "2026-11-20",
        "reason": "You talked on Thu 19 Nov",
        "command": 'netjob log thanks "Jane"',
    }
    daily.daily_list(DailyList(on=TODAY, items=[item], total=1))
    why = next(line for line in buffer.getvalue().splitlines() if "You talked" in line).rstrip()
    assert why == "     \x1b[33mdue today\x1b[0m · You talked on Thu 19 Nov"
