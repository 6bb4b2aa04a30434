from __future__ import annotations

import pytest

from netjob.engine.names import company_key, did_you_mean, person_key, suggestions


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme Inc.", "acme"),
        ("ACME, Inc", "acme"),
        ("acme", "acme"),
        ("Acme Corp.", "acme"),
        ("Acme Holdings Ltd", "acme holdings"),
        ("Acme Co., Ltd.", "acme"),
        ("Société Générale S.A.", "societe generale s a"),
        ("Çafé Zürich GmbH", "cafe zurich"),
        ("ÇAFÉ ZÜRICH", "cafe zurich"),
        ("Company", "company"),
        ("  Big   Data   GmbH ", "big data"),
        ("AT&T", "at t"),
        ("\uff21\uff23\uff2d\uff25", "acme"),
    ],
)
def test_company_key(name: str, key: str) -> None:
    assert company_key(name) == key


def test_person_key_folds_case_and_space() -> None:
    assert person_key("  Jane   DOE ") == "jane doe"
    assert person_key("Jürgen Groß") == "jurgen gross"


def test_suggestions_rank_the_closest_first() -> None:
    pool = ["Jane Doe", "John Smith", "Janet Dole", "Zed"]
    found = suggestions("Jane Do", pool)
    assert found[0] == "Jane Doe"
    assert "Zed" not in found
    assert len(found) <= 3


def test_suggestions_empty_inputs() -> None:
    assert suggestions("x", []) == []
    assert suggestions("  ", ["Acme"]) == []


def test_did_you_mean_wording() -> None:
    assert did_you_mean([]) == ""
    assert did_you_mean(["A"]) == " Did you mean 'A'?"
    assert did_you_mean(["A", "B", "C"]) == " Did you mean 'A', 'B' or 'C'?"
