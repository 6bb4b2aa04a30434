"""Enumerations used as CLI option types.

Stdlib only: the CLI module imports this at start-up, so it must stay cheap.
"""

from enum import StrEnum


class CompanyStatus(StrEnum):
    backlog = "backlog"
    active = "active"
    closed = "closed"


class How(StrEnum):
    """How the user knows (or came to) a contact."""

    alumni = "alumni"
    friend = "friend"
    colleague = "colleague"
    linkedin = "linkedin"
    referral = "referral"
    cold = "cold"
    other = "other"


class CompanySort(StrEnum):
    lamp = "lamp"
    name = "name"
    created = "created"


class Channel(StrEnum):
    email = "email"
    linkedin = "linkedin"
    phone = "phone"
    in_person = "in-person"
    other = "other"


class AppStage(StrEnum):
    """Where an application stands after it was sent."""

    interviewing = "interviewing"
    offer = "offer"
    accepted = "accepted"
    rejected = "rejected"
    withdrawn = "withdrawn"
