"""Checks on values users type: scores, emails, URLs, tags.

Each returns the cleaned value or raises InvalidInput with a message that says
what was wrong and what is accepted.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from netjob.errors import InvalidInput

# No spaces, brackets, quotes or list separators (markup such as "[bold]" is not an address).
_EMAIL = re.compile(
    r"^[^@\s<>()\[\]{},;:\"\\]+@[^@\s<>()\[\]{},;:\"\\]+\.[^@\s<>()\[\]{},;:\"\\.]{2,}$"
)
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", re.I)


def score(value: int | None, *, field: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if not low <= value <= high:
        raise InvalidInput(f"{field} must be a whole number from {low} to {high}, not {value}.")
    return value


def email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _EMAIL.match(value):
        raise InvalidInput(f"'{value}' is not an email address (expected name@example.com).")
    return value


def url(value: str | None, *, field: str = "URL") -> str | None:
    """An http(s) URL; a bare domain such as "acme.com" gets "https://" added."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    candidate = value if "://" in value else f"https://{value}"
    try:
        parts = urlsplit(candidate)
        host = parts.hostname or ""
    except ValueError:  # "Invalid IPv6 URL" for a stray '[' or ']'
        parts, host = urlsplit(""), ""
    if parts.scheme not in {"http", "https"} or not _HOST.match(host) or " " in candidate:
        raise InvalidInput(
            f"'{value}' is not a valid {field} (expected https://example.com/... or example.com)."
        )
    return candidate


def linkedin(value: str | None) -> str | None:
    checked = url(value, field="LinkedIn URL")
    if checked is None:
        return None
    host = urlsplit(checked).hostname or ""
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        raise InvalidInput(
            f"'{value}' is not a LinkedIn URL (expected https://www.linkedin.com/in/...)."
        )
    return checked


def tags(values: list[str] | None) -> list[str]:
    """Tags folded to lower case, duplicates dropped, order kept."""
    cleaned: list[str] = []
    for raw in values or []:
        tag = " ".join(raw.split()).casefold()
        if not tag:
            raise InvalidInput("A tag cannot be empty.")
        if tag not in cleaned:
            cleaned.append(tag)
    return cleaned


def text(value: str | None) -> str | None:
    """Free text: stripped; empty means 'none'."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def rating(text: str) -> tuple[str, int]:
    """'work-life balance=4' -> ('work-life balance', 4); scores are 1-5."""
    name, sep, value = text.rpartition("=")
    name = " ".join(name.split())
    if not sep or not name:
        raise InvalidInput(f"'{text}' is not a rating; write CRITERION=SCORE, e.g. culture=4.")
    try:
        number = int(value.strip())
    except ValueError:
        raise InvalidInput(f"'{text}': the score must be a whole number from 1 to 5.") from None
    score(number, field=f"The score for {name}", low=1, high=5)
    return name, number


def lead(text: str) -> tuple[str, str | None]:
    """'Sam Lee@Acme' -> ('Sam Lee', 'Acme'); 'Sam Lee' -> ('Sam Lee', None)."""
    name, sep, company = text.rpartition("@")
    if not sep:
        name, company = text, ""
    name, company = " ".join(name.split()), " ".join(company.split())
    if not name or (sep and not company):
        raise InvalidInput(f"'{text}' is not a lead; write NAME or NAME@COMPANY.")
    return name, company or None


def cadence(value: str | int | None) -> int | None:
    """Keep-in-touch cadence: '14d', '2w', '30' (days) or 'never' (0); '' = the default."""
    if value is None or isinstance(value, int):
        return value
    raw = value.strip().casefold()
    if raw in {"", "default"}:
        return None
    if raw in {"never", "off", "0"}:
        return 0
    unit = 7 if raw.endswith("w") else 1
    number = raw.rstrip("dw")
    if not (number.isascii() and number.isdigit()) or not 0 < int(number) * unit <= 3650:
        raise InvalidInput(
            f"'{value}' is not a cadence; write 14d, 2w, 30 (days), never, or default."
        )
    return int(number) * unit
