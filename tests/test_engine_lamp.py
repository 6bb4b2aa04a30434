from __future__ import annotations

from netjob.engine.lamp import LampScores, lamp_key, lamp_sorted, ranked


def order(*scores: LampScores) -> list[str]:
    return [s.name for s in lamp_sorted(list(scores), lambda s: s)]


def test_motivation_first_then_posting_then_advocacy_then_name() -> None:
    assert order(
        LampScores("Delta", 2, 3, True),
        LampScores("Alpha", 3, 1, False),
        LampScores("Bravo", 3, 2, False),
        LampScores("Charlie", 3, 2, True),
        LampScores("Echo", 3, 2, True),
    ) == ["Charlie", "Echo", "Bravo", "Alpha", "Delta"]


def test_unchecked_posting_sorts_below_none() -> None:
    assert order(LampScores("Unknown", 2, None, False), LampScores("NoPost", 2, 1, False)) == [
        "NoPost",
        "Unknown",
    ]


def test_a_contact_counts_as_an_advocate_candidate() -> None:
    with_contact = LampScores("Zulu", 1, 1, False, contacts=1)
    stated = LampScores("Yankee", 1, 1, True)
    nobody = LampScores("Alpha", 1, 1, False)
    assert with_contact.has_advocate and stated.has_advocate and not nobody.has_advocate
    assert order(nobody, with_contact, stated) == ["Yankee", "Zulu", "Alpha"]


def test_name_tie_break_ignores_case() -> None:
    assert lamp_key(LampScores("acme", 1, 1, False)) < lamp_key(LampScores("Beta", 1, 1, False))


def test_ranked_numbers_the_open_companies_in_lamp_order_and_skips_the_closed() -> None:
    closed = {"Bravo"}
    found = ranked(
        [
            LampScores("Delta", 1, 1, False),
            LampScores("Bravo", 3, 3, True),
            LampScores("Alpha", 2, 2, False),
            LampScores("Charlie", 3, 1, False),
        ],
        lambda s: s,
        lambda s: s.name in closed,
    )
    assert [(s.name, rank) for s, rank in found] == [
        ("Bravo", None),
        ("Charlie", 1),
        ("Alpha", 2),
        ("Delta", 3),
    ]
