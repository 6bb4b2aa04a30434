"""Every threshold of the method is a setting with a default (METHOD: 'every
number here is a default a user can change')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from netjob.engine import validate
from netjob.errors import InvalidInput, NotFound


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    default: str
    help: str
    low: int | None = None
    high: int | None = None
    text: bool = False

    @property
    def is_number(self) -> bool:
        return self.low is not None


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting("second_contact_days", "3", "Business days without a reply from anyone at a "
                "company before writing to a second person there (the 3 of 3B7).", 1, 30),
        Setting("follow_up_days", "7", "Business days without a reply before the one "
                "follow-up (the 7 of 3B7).", 1, 60),
        Setting("unresponsive_days", "7", "Business days after the follow-up before a contact "
                "counts as unresponsive and is no longer chased.", 1, 60),
        Setting("settle_time_days", "2", "Business days after you answered a reply, with no "
                "chat scheduled yet, before one nudge to settle a time.", 1, 30),
        Setting("reply_within_days", "1", "Business days to answer someone who replied.", 0, 10),
        Setting("thanks_within_hours", "24", "Hours to send a thank-you after a chat.", 1, 168),
        Setting("referral_ask_days", "7", "Days after a good chat to ask for a referral.", 1, 60),
        Setting("referral_asks", "2", "How many times to ask for a referral at most.", 0, 5),
        Setting("keep_in_touch_days", "30", "Days between updates to people you chatted with.",
                1, 365),
        Setting("active_companies", "5", "How many employers to work at a time.", 1, 50),
        Setting("contacts_per_company", "2", "Starter contacts to find per active employer.",
                1, 10),
        Setting("target_companies", "40", "How many employers a full target list has.", 1, 500),
        Setting("networking_window_days", "60", "Days an outreach counts as 'networking there' "
                "for the cold-application warning.", 1, 365),
        Setting("next_limit", "10", "Items `netjob next` shows without --all.", 1, 500),
        Setting("weight_group", "10000", "Score weight of the priority group.", 0, 1000000),
        Setting("weight_overdue", "100", "Score weight of how overdue an item is.", 0, 1000000),
        Setting("weight_lamp", "1", "Score weight of the company's LAMP rank.", 0, 1000000),
        Setting("holidays", "", "Days that are not business days: a country code (US, GB, "
                "DE-BY...) via the holidays package, or dates (2026-12-24,2026-12-31)."),
        Setting("me.emails", "", "Your own email addresses, comma-separated (for "
                "`import mail` and `import calendar`: what you sent, what you received).",
                text=True),
        Setting("me.linkedin", "", "Your LinkedIn profile URL (for `import messages`; "
                "unset, the person in every conversation is taken to be you).", text=True),
    ]
}  # fmt: skip

_NUMBER = re.compile(r"-?[0-9]+")
_COUNTRY = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,3})?$")


def get_setting(key: str) -> Setting:
    found = SETTINGS.get(key.replace("-", "_"))
    if found is None:
        from netjob.engine.names import did_you_mean, suggestions

        hint = did_you_mean(suggestions(key, list(SETTINGS)))
        raise NotFound(f"No setting named '{key}'.{hint} See `netjob settings list`.")
    return found


def clean(key: str, value: str) -> str:
    """The stored form of ``value`` for ``key``, or InvalidInput saying what is accepted."""
    setting = get_setting(key)
    raw = value.strip()
    if setting.is_number:
        assert setting.low is not None and setting.high is not None
        # ASCII digits only: str.isdigit() takes '²' (which int() refuses) and int() takes
        # '٣'; a setting is written as the number it means, in 0-9.
        if not _NUMBER.fullmatch(raw) or not setting.low <= int(raw) <= setting.high:
            raise InvalidInput(
                f"{setting.key} must be a whole number from {setting.low} to {setting.high}, "
                f"not '{value}'."
            )
        return str(int(raw))
    if raw.casefold() in {"", "none", "off"}:
        return ""
    if setting.text:
        return _text_setting(setting.key, raw, value)
    if _COUNTRY.match(raw):
        return raw.upper()
    days = [part.strip() for part in raw.split(",") if part.strip()]
    try:
        return ",".join(date.fromisoformat(d).isoformat() for d in days)
    except ValueError:
        raise InvalidInput(
            f"'{value}' is not a holiday setting; give a country code (US, GB, DE-BY), a list "
            "of dates (2026-12-24,2026-12-31), or none."
        ) from None


def _is_email(text: str) -> bool:
    """An address as `add contact --email` takes it (the one rule, in validate)."""
    try:
        return validate.email(text) is not None
    except InvalidInput:
        return False


_PROFILE = re.compile(r"^(https?://)?([a-z]{2,3}\.)?linkedin\.com/in/[^/\s]+/?$", re.IGNORECASE)


def _text_setting(key: str, raw: str, value: str) -> str:
    if key == "me.emails":
        emails = [e.strip() for e in raw.split(",") if e.strip()]
        bad = [e for e in emails if not _is_email(e)]
        if bad:
            raise InvalidInput(
                f"me.emails takes email addresses separated by commas; '{bad[0]}' is not one."
            )
        return ",".join(e.casefold() for e in emails)
    if not _PROFILE.match(raw):
        raise InvalidInput(
            f"me.linkedin takes your profile URL, like https://www.linkedin.com/in/your-name, "
            f"not '{value}'."
        )
    return raw


def numbers(stored: dict[str, str]) -> dict[str, int]:
    """All numeric settings, stored values over defaults."""
    return {key: int(stored.get(key, s.default)) for key, s in SETTINGS.items() if s.is_number}
