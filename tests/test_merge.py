"""`netjob merge contact|company KEEP OTHER` and `list ... --duplicates`: one person or
employer that arrived twice made one, `next` following, one undo reverting it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.conftest import Run, error_line


def items(run: Run) -> list[tuple[str, str]]:
    found = json.loads(run("next", "--all", "--json", ok=True).stdout)
    return [(i["rule"], i["subject"]) for i in found if i["group"] < 6]


def as_json(run: Run, *args: str) -> Any:
    return json.loads(run(*args, "--json", ok=True).stdout)


def test_two_records_of_one_person_are_merged_and_next_follows(
    run: Run, on_day: Callable[[str], None]
) -> None:
    on_day("2026-11-16")
    run("add", "company", "Acme", "--motivation", "3", "--posting", "3", "--status", "active")
    run("add", "contact", "Jane Doe", "--company", "Acme", "--how", "alumni", "--tag", "data")
    run("log", "outreach", "Jane Doe", "--on", "2026-11-09", ok=True)
    run("add", "contact", "Jane M. Doe", "--company", "Acme", "--email", "jane@acme.example")
    run("log", "reply", "Jane M. Doe", "--on", "2026-11-10", ok=True)  # from a mailbox
    pairs = as_json(run, "list", "contacts", "--duplicates")
    assert [(p["keep"]["name"], p["other"]["name"], p["why"]) for p in pairs] == [
        ("Jane Doe", "Jane M. Doe", "names alike")
    ]
    shown = run("list", "contacts", "--duplicates", ok=True).stdout
    assert 'netjob merge contact "#1" "#2"' in shown
    assert error_line(run("merge", "contact", "Jane Doe", "Jane M. Doe")) == (
        "Error: Merging Jane M. Doe (Acme) into Jane Doe (Acme) needs confirmation: pass --yes."
    )
    assert error_line(run("merge", "contact", "Jane Doe", "#1", "--yes")) == (
        "Error: Both name the same contact, Jane Doe (Acme) (#1)."
    )
    said = run("merge", "contact", "Jane Doe", "Jane M. Doe", "--yes", ok=True).stderr
    assert (
        said
        == "Merged contact #2 Jane M. Doe into #1 Jane Doe, with 1 log entry; undo reverts it.\n"
    )
    jane = as_json(run, "show", "contact", "Jane Doe")
    assert (jane["email"], jane["how"], jane["tags"]) == ("jane@acme.example", "alumni", ["data"])
    assert [e["kind"] for e in as_json(run, "timeline", "Jane Doe")["entries"]] == [
        "reply",
        "outreach",
    ]
    assert error_line(run("show", "contact", "#2")) == "Error: No contact with id #2."
    assert ("reply", "Jane Doe") in items(run)  # one person, who answered: a reply is owed
    on_day("2026-11-18")
    assert ("7b-follow-up", "Jane Doe") not in items(run)

    run("undo", "--yes", ok=True)
    assert [k["name"] for k in as_json(run, "list", "contacts")] == ["Jane Doe", "Jane M. Doe"]
    assert items(run) == [("reply", "Jane M. Doe")]  # two records again


def test_two_records_of_one_employer_are_merged(run: Run, on_day: Callable[[str], None]) -> None:
    on_day("2026-11-16")
    run("add", "company", "Acme", "--motivation", "3", "--posting", "3", "--tag", "robots")
    run("add", "company", "Acme Robotics", "--website", "acme.example", "--tag", "uk")
    run("add", "contact", "Ben Cho", "--company", "Acme Robotics", ok=True)
    run("log", "outreach", "Ben Cho", "--on", "2026-11-10", ok=True)
    run("log", "apply", "Acme Robotics", "--via", "Ben Cho", ok=True)
    pairs = as_json(run, "list", "companies", "--duplicates")
    assert [(p["keep"]["name"], p["other"]["name"]) for p in pairs] == [("Acme", "Acme Robotics")]
    said = run("merge", "company", "Acme", "Acme Robotics", "--yes", ok=True).stderr
    assert said.startswith("Merged company #2 Acme Robotics into #1 Acme, with ")
    acme = as_json(run, "show", "company", "Acme")
    assert (acme["website"], acme["motivation"]) == ("https://acme.example", 3)
    assert sorted(acme["tags"]) == ["robots", "uk"]
    assert [p["name"] for p in acme["people"]] == ["Ben Cho"]
    board = as_json(run, "pipeline")["companies"]
    assert [(c["name"], c["application_stage"]) for c in board] == [("Acme", "applied")]
    assert as_json(run, "list", "companies", "--duplicates") == []
    run("undo", "--yes", ok=True)
    assert sorted(c["name"] for c in as_json(run, "list", "companies")) == ["Acme", "Acme Robotics"]
