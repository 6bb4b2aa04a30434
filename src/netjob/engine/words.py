"""Counts and articles for messages: "1 booster", "2 boosters", "an outreach"."""

from __future__ import annotations

IRREGULAR = {
    "person": "people",
    "reply": "replies",
    "company": "companies",
    "entry": "entries",
    "criterion": "criteria",
}


def plural(word: str, count: int) -> str:
    """``word`` as it reads after ``count``."""
    if count == 1:
        return word
    return IRREGULAR.get(word, word + "s")


def count(number: int, word: str) -> str:
    """'1 booster', '2 boosters', '0 replies'."""
    return f"{number} {plural(word, number)}"


def agree(number: int, one: str, many: str) -> str:
    """The verb that goes with ``number``: agree(1, "is", "are") -> 'is'."""
    return one if number == 1 else many


def article(word: str) -> str:
    """'an outreach', 'a follow-up', 'an update'."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def sentence(text: str) -> str:
    """End with one full stop, whatever the last word ('Acme Inc.' stays 'Acme Inc.')."""
    return text if text.endswith((".", "!", "?")) else text + "."
