"""Name keys and suggestions.

Company names are compared on a key that ignores case, accents, punctuation and
legal suffixes, so "Acme Inc." and "ACME" are the same employer and "cafe zurich"
finds "Çafé Zürich GmbH". People's names are compared ignoring case and accents,
with white space folded.

The keys are stored (``name_key`` columns): when :func:`fold` changes, a
migration recomputes them (see migration 0007).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "lp",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "plc",
        "bv",
        "nv",
        "srl",
        "spa",
        "pty",
        "oy",
        "ab",
        "as",
        "kk",
        "pte",
        "pvt",
    }
)

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


# Letters that carry their accent in the letter itself (no decomposition), folded
# the way people type them on a plain keyboard.
_PLAIN_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "\u0131": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)
# Combining diacritical marks (accents) in the Latin, Greek and Cyrillic blocks; the
# vowel signs of other scripts (Devanagari, Thai...) are letters' parts and are kept.
_ACCENTS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


def _is_accent(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _ACCENTS)


def fold(text: str) -> str:
    """Case, width and accents folded: "Çafé ZÜRICH" -> "cafe zurich" (stdlib only)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not _is_accent(c))
    return unicodedata.normalize("NFC", plain).translate(_PLAIN_LETTERS).casefold()


def company_key(name: str) -> str:
    """The identity of a company name: "ACME, Inc." -> "acme"."""
    words = _NON_WORD.sub(" ", fold(name)).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def same_company(a: str, b: str) -> bool:
    """Whether two company keys (:func:`company_key`) name one employer: the same, or one
    is the other's first whole words ("auto trader" and "auto trader uk", "on the beach"
    and "on the beach group"): `who`, `who --targets` and `promote` match by this alone."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith(short + " ")


def person_key(name: str) -> str:
    """The identity used to look a person up: case and spacing folded."""
    return " ".join(fold(name).split())


def clean_name(name: str) -> str:
    """The display form of a name: surrounding and repeated spaces removed."""
    return " ".join(name.split())


def suggestions(query: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """Up to ``limit`` choices that look like ``query``, best first."""
    from rapidfuzz import fuzz, process, utils

    pool: Sequence[str] = list(dict.fromkeys(choices))
    if not pool or not query.strip():
        return []
    found = process.extract(
        query,
        pool,
        scorer=fuzz.WRatio,
        processor=lambda text: utils.default_process(fold(text)),
        limit=limit,
        score_cutoff=70,
    )
    return [str(match[0]) for match in found]


def did_you_mean(candidates: Sequence[str]) -> str:
    """' Did you mean 'A' or 'B'?' or '' when there is nothing to propose."""
    if not candidates:
        return ""
    quoted = [f"'{c}'" for c in candidates]
    listed = quoted[-1] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" Did you mean {listed}?"
