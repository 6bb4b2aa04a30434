"""Name keys and suggestions.

Company names are compared on a key that ignores case, punctuation and legal
suffixes, so "Acme Inc." and "ACME" are the same employer. People's names are
compared case-insensitively with white space folded.
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


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def company_key(name: str) -> str:
    """The identity of a company name: "ACME, Inc." -> "acme"."""
    words = _NON_WORD.sub(" ", _fold(name)).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def person_key(name: str) -> str:
    """The identity used to look a person up: case and spacing folded."""
    return " ".join(_fold(name).split())


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
        processor=utils.default_process,
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
