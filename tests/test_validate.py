from __future__ import annotations

import pytest

from netjob.engine import validate
from netjob.errors import InvalidInput
from tests.conftest import Run, error_line


@pytest.mark.parametrize("good", ["jane@acme.com", "j.doe+jobs@mail.acme.co.uk", " x@y.io "])
def test_good_emails(good: str) -> None:
    assert validate.email(good) == good.strip()


@pytest.mark.parametrize(
    "bad", ["jane", "jane@", "@acme.com", "jane@acme", "a b@c.com", "a@@b.com"]
)
def test_bad_emails(bad: str) -> None:
    with pytest.raises(InvalidInput, match="is not an email address"):
        validate.email(bad)


def test_empty_email_means_none() -> None:
    assert validate.email("") is None
    assert validate.email(None) is None


def test_url_adds_scheme_and_rejects_garbage() -> None:
    assert validate.url("acme.com") == "https://acme.com"
    assert validate.url("http://acme.com/jobs?x=1") == "http://acme.com/jobs?x=1"
    for bad in ["not a url", "ftp://acme.com", "https://", "acme"]:
        with pytest.raises(InvalidInput, match="is not a valid URL"):
            validate.url(bad)


def test_linkedin_must_be_linkedin() -> None:
    assert validate.linkedin("linkedin.com/in/jane") == "https://linkedin.com/in/jane"
    assert (
        validate.linkedin("https://www.linkedin.com/in/jane") == "https://www.linkedin.com/in/jane"
    )
    with pytest.raises(InvalidInput, match="is not a LinkedIn URL"):
        validate.linkedin("https://example.com/in/jane")


def test_scores_are_bounded() -> None:
    assert validate.score(3, field="Motivation", low=0, high=3) == 3
    assert validate.score(None, field="Posting", low=1, high=3) is None
    with pytest.raises(InvalidInput, match="Posting must be a whole number from 1 to 3, not 0"):
        validate.score(0, field="Posting", low=1, high=3)


def test_tags_fold_and_dedupe() -> None:
    assert validate.tags(["Fintech", "fintech ", "Remote  First"]) == ["fintech", "remote first"]
    with pytest.raises(InvalidInput, match="tag cannot be empty"):
        validate.tags([" "])


def test_me_emails_are_checked_as_contact_emails_are(run: Run) -> None:
    for bad in ("[bold]x@y.z", "pat@seeker.example, [red]a@b.example"):
        refused = run("settings", "set", "me.emails", bad)
        assert refused.exit_code == 1 and "is not one" in error_line(refused)
        contact = run("add", "contact", "Pat Q", "--email", bad.split(", ")[-1])
        assert "is not an email address" in error_line(contact)
    run("settings", "set", "me.emails", "Pat@Seeker.example, pat.q+jobs@mail.example", ok=True)
    listed = run("settings", "list", "--json", ok=True).stdout
    assert "pat@seeker.example,pat.q+jobs@mail.example" in listed
