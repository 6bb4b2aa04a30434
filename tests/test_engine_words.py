from netjob.engine import words


def test_counts_articles_and_full_stops() -> None:
    assert [words.count(n, "booster") for n in (0, 1, 2)] == [
        "0 boosters",
        "1 booster",
        "2 boosters",
    ]
    assert words.count(1, "person") == "1 person" and words.count(3, "reply") == "3 replies"
    assert [words.article(w) for w in ("outreach", "follow-up", "update", "thanks")] == [
        "an outreach",
        "a follow-up",
        "an update",
        "a thanks",
    ]
    assert words.sentence("Added contact #1 Jane Doe at Acme Inc.") == (
        "Added contact #1 Jane Doe at Acme Inc."
    )
    assert words.sentence("Added company #2 Globex") == "Added company #2 Globex."
