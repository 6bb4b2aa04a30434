"""Drafts, the six-point check and the prep brief."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from netjob.engine import message_check
from tests.conftest import Run, error_line

GOOD = (
    "Hi Jane,\n\nPriya Raman suggested I contact you. I'm curious how your team decides which "
    "data products to build. Would you have 20 minutes next week to share your advice?\n\n"
    "Thanks,\nSam\n"
)

# message -> expected verdict per check (length, question, connection, no-job-ask,
# about-them, no-attachment)
CASES: list[tuple[str, tuple[bool, bool, bool, bool, bool, bool]]] = [
    (GOOD, (True, True, True, True, True, True)),
    (
        "Hi Jane,\n\nFellow Northwestern alum here! Would you share how you got into analytics?",
        (True, True, True, True, True, True),
    ),
    (
        "Hello,\n\nI am looking for a job. Do you have any openings on your team?\n\nBest,\nSam",
        (True, True, False, False, True, True),
    ),
    (
        "Hi,\n\nI enjoyed your talk on dbt at PyData. What surprised you most about building it?",
        (True, True, True, True, True, True),
    ),
    (
        "Hi Jane,\n\nPriya suggested I reach out. I attached my resume for your review.\n\nThanks",
        (True, False, True, False, False, False),
    ),
    (
        "Hi,\n\nWe met at the meetup last week. Could I send you my CV? It is at https://cv.me/sam"
        " and I think I would fit well.",
        (True, False, True, False, False, False),
    ),
    (
        "Hi Jane, " + "I have done many projects and I like data a lot. " * 10 + "Can we talk?",
        (False, True, False, True, False, True),
    ),
    (
        "Dear Ms Doe,\n\nI came across your work on the platform team. Is your team hiring?",
        (True, True, True, False, True, True),
    ),
    (
        "Hi,\n\nI'm Sam. I'm a data analyst. I'm moving to Boston. I'd love my next step to be in "
        "climate. Would you chat?",
        (True, True, False, True, False, True),
    ),
    (
        "Hi Jane,\n\nAs a fellow Wildcat, what advice would you give someone entering your field?"
        "\n\nVisit www.sam.dev for more.",
        (True, False, True, True, True, False),
    ),
    (
        "Hi Jane,\n\nYour colleague Ben Cho recommended I ask you. How did you move from "
        "consulting into product?",
        (True, True, True, True, True, True),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_six_point_check_verdicts(text: str, expected: tuple[bool, ...]) -> None:
    verdicts = message_check.check(text)
    assert [v.check for v in verdicts] == [
        "length",
        "question",
        "connection",
        "no-job-ask",
        "about-them",
        "no-attachment",
    ]
    assert tuple(v.ok for v in verdicts) == expected, [(v.check, v.detail) for v in verdicts]
    assert all(v.fix for v in verdicts if not v.ok)


def test_linkedin_character_limits() -> None:
    note = "Hi Jane, fellow alum here! " + "x" * 160 + " Would you share your advice?"
    assert len(note) > 200
    assert not message_check.check_length(note, "linkedin").ok
    assert message_check.check_length(note, "linkedin", premium=True).ok
    assert message_check.check_length(note, "linkedin").detail.endswith("(LinkedIn note limit 200)")


def test_job_words_are_fine_after_the_first_message() -> None:
    text = "Hi Jane,\n\nThanks again! Would you refer me for the opening?"
    assert not message_check.check_job_words(text).ok
    assert message_check.check_job_words(text, first_message=False).ok


def test_check_command(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = run("check", str(good), ok=True)
    assert "All six checks pass." in result.stdout
    bad = run("check", "-", input="Hello,\n\nI need a job. Here is my resume.\n")
    assert bad.exit_code == 1
    assert "FAIL question: asks no question" in bad.stdout
    assert "fix: Ask for insight and advice instead" in bad.stdout
    assert "4 of 6 checks fail." in bad.stdout
    as_json = json.loads(run("check", str(good), "--json", ok=True).stdout)
    assert [v["ok"] for v in as_json] == [True] * 6
    assert error_line(run("check", str(tmp_path / "nope.txt"))) == (
        f"Error: No file {tmp_path / 'nope.txt'}."
    )
    assert error_line(run("check", "-", input="  \n")) == "Error: The message is empty."
    assert error_line(run("check", str(good), "--channel", "fax")) == (
        "Error: 'fax' is not a channel; use email or linkedin."
    )


@pytest.fixture
def people(run: Run, sample: None) -> None:
    run("add", "contact", "Al Umni", "--company", "Globex", "--how", "alumni", ok=True)
    run("add", "contact", "Cole Dee", "--company", "Initech", "--how", "cold", ok=True)


@pytest.mark.parametrize(
    ("contact", "opening"),
    [
        ("Al Umni", "Fellow alum here: I found you through our alumni network."),
        ("Sam Lee", "Jane Doe suggested I contact you."),
        ("Cole Dee", "I came across your work on the team at Initech and was impressed."),
    ],
)
def test_outreach_drafts_by_connection(run_json, people: None, contact: str, opening: str) -> None:
    found = run_json("draft", contact)
    first_name = contact.split()[0]
    assert found["text"].startswith(f"Hi {first_name},\n\n{opening}")
    assert found["text"].rstrip().endswith("Thanks,")
    assert [c["ok"] for c in found["checks"]] == [True] * 6
    linkedin = run_json("draft", contact, "--channel", "linkedin")
    inline = opening if opening.startswith(("I ", "Jane")) else opening[0].lower() + opening[1:]
    assert linkedin["text"].startswith(f"Hi {first_name}, {inline} ")  # one sentence goes on
    assert len(linkedin["text"].strip()) <= 200


def test_drafts_after_a_chat(run: Run, run_json, people: None, tmp_path: Path) -> None:
    sent = tmp_path / "sent.txt"
    sent.write_text("Hi Jane,\nJust wondering how you like Acme?\n")
    logged = run_json("log", "outreach", "Jane Doe", "--draft", str(sent), "--on", "2026-11-02")
    assert logged["message"] == sent.read_text()
    follow = run_json("draft", "Jane Doe", "--kind", "follow-up")
    assert "> Just wondering how you like Acme?" in follow["text"]
    chat = run_json(
        "log",
        "chat",
        "Jane Doe",
        "--on",
        "2026-11-18",
        "--insight",
        "teams own their pipelines",
        "--advice",
        "learn dbt",
    )
    thanks = run_json("draft", "Jane Doe", "--kind", "thanks")["text"]
    assert "Thank you for your time on Wed 18 Nov." in thanks
    assert 'What you said about "teams own their pipelines" has stayed with me.' in thanks
    run("advice", "done", str(chat["tiara"][1]["id"]), ok=True)
    report = run_json("draft", "Jane Doe", "--kind", "report-back")["text"]
    assert 'you suggested: "learn dbt"' in report
    ask = run_json("draft", "Jane Doe", "--kind", "referral-ask")["text"]
    assert "Would you feel comfortable referring me" in ask and "Acme Inc." in ask
    update = run_json("draft", "Jane Doe", "--kind", "update")["text"]
    assert 'Your advice ("learn dbt") has been a real help.' in update
    assert error_line(run("draft", "Jane Doe", "--kind", "poem")).startswith(
        "Error: 'poem' is not a draft kind"
    )


def test_user_templates_override(
    run: Run, run_json, people: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("platformdirs.user_config_path", lambda app: tmp_path / "cfg" / app)
    folder = tmp_path / "cfg" / "netjob" / "templates"
    folder.mkdir(parents=True)
    (folder / "outreach.txt").write_text("Yo $first_name! $connection Coffee?\n")
    found = run_json("draft", "Al Umni")
    assert (
        found["text"]
        == "Yo Al! Fellow alum here: I found you through our alumni network. Coffee?\n"
    )
    assert found["template"] == str(folder / "outreach.txt")
    listing = run("draft", "--templates", ok=True).stdout
    assert f"Your templates folder:\n{folder}\n" in listing and "outreach.txt (yours)" in listing
    out = tmp_path / "d.txt"
    result = run("draft", "Al Umni", "-o", str(out), ok=True)
    assert out.read_text().startswith("Yo Al!") and "Wrote an outreach draft" in result.stderr


def test_prep_brief(run: Run, run_json, people: None, tmp_path: Path) -> None:
    run(
        "log",
        "chat",
        "Jane Doe",
        "--on",
        "2026-11-18",
        "--advice",
        "learn dbt",
        "--fit",
        "culture=4",
        "--no-edit",
        ok=True,
    )
    brief = run_json("prep", "Sam Lee")
    assert brief["contact"]["connection"] == "Jane Doe suggested I contact you."
    assert brief["company"]["name"] == "Acme Inc."
    assert [n["text"] for n in brief["advice"]] == ["learn dbt"]
    assert "culture" not in brief["unscored"] and "growth" in brief["unscored"]
    assert [q["topic"] for q in brief["questions"]] == [
        "Trends",
        "Insights",
        "Advice",
        "Resources",
        "Assignments",
    ]
    out = tmp_path / "brief.md"
    run("prep", "--company", "acme", "-o", str(out), ok=True)
    text = out.read_text()
    assert text.startswith("# Prep: Acme Inc.") and "- advice: learn dbt" in text
    assert "**Trends:** What trend is most affecting your business right now?" in text
    human = run("prep", "Sam Lee", ok=True).stdout
    assert "Prep: Sam Lee" in human and "Who else should I talk to?" in human


def test_draft_and_check_in_a_terminal_with_editor(
    sample: None, db_path: Path, tmp_path: Path
) -> None:
    """netjob draft at a real (pseudo) terminal: $EDITOR edits, then the check runs."""
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        "printf 'Hi Jane,\\n\\nI need a job at your company. My resume is attached.\\n' > \"$1\"\n"
    )
    editor.chmod(0o755)
    env = {**os.environ, "EDITOR": str(editor), "COLUMNS": "100"}  # the test's database
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "netjob"), "draft", "Sam Lee"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(master)
    output = b"".join(chunks).decode("utf-8", "replace")
    assert "I need a job at your company. My resume is attached." in output
    assert "FAIL no-job-ask" in output and "FAIL no-attachment" in output
    assert "checks fail." in output


def test_prep_for_someone_with_no_company(run: Run, run_json, sample: None) -> None:
    run("log", "outreach", "Bob Stone", "--on", "2026-11-18", ok=True)
    brief = run_json("prep", "Bob Stone")
    assert brief["company"] is None and brief["unscored"] == []
    assert [e["kind"] for e in brief["timeline"]] == ["outreach"]
    assert (
        brief["contact"]["connection"] == "I came across your work on the team and was impressed."
    )


HOWS = [
    ("alumni", None),
    ("friend", None),
    ("colleague", None),
    ("linkedin", None),
    ("other", None),
    ("cold", None),
    (None, None),
    ("referral", "Jane Doe"),
]


@pytest.mark.slow  # 144 drafts through the CLI
def test_every_template_passes_the_check_for_every_way_of_knowing_someone(
    run: Run, run_json, sample: None
) -> None:
    """Each kind, channel and connection, with and without a company: `netjob check` passes
    (first messages with every check, later ones with --follow-up) and the text reads right."""
    from netjob.services.writing import DRAFT_KINDS

    checked = 0
    for n, (how, referrer) in enumerate(HOWS):
        for company in ("Globex", None):
            name = f"Pat Quinn{n}{'c' if company else 'n'}"
            args = ["add", "contact", name]
            args += ["--company", company] if company else []
            args += ["--how", how] if how else []
            args += ["--referred-by", referrer] if referrer else []
            run(*args, ok=True)
            for kind in DRAFT_KINDS:
                channels = (
                    ("email", "linkedin") if kind in {"outreach", "follow-up"} else ("email",)
                )
                for channel in channels:
                    text = run_json("draft", name, "--kind", kind, "--channel", channel)["text"]
                    later = [] if kind == "outreach" else ["--follow-up"]
                    result = run("check", "-", "--channel", channel, *later, "--json", input=text)
                    failed = [v for v in json.loads(result.stdout) if not v["ok"]]
                    assert failed == [], (how, company, kind, channel, text)
                    assert result.exit_code == 0
                    assert "your company" not in text, text  # no company sentence without one
                    first = text.splitlines()[0]
                    assert not re.match(r"Hi \w+, (?!I\b|I'|Jane)[A-Z]", first), first
                    checked += 1
    assert checked == len(HOWS) * 2 * (len(DRAFT_KINDS) + 2)


def test_a_draft_says_what_next_thinks(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def on_day(day: str) -> None:
        monkeypatch.setenv("NETJOB_TODAY", day)

    on_day("2026-11-02")
    run("add", "company", "Acme", "--motivation", "3", "--posting", "3", "--status", "active")
    for name in ("Ann Lee", "Ben Cho"):
        run("add", "contact", name, "--company", "Acme", ok=True)
        run("log", "outreach", name, ok=True)
    on_day("2026-11-04")
    run("log", "reply", "Ann Lee", ok=True)  # Acme is heard from: Ben's follow-up goes
    run("add", "contact", "Cal Diaz", "--company", "Acme", ok=True)
    assert error_line(run("draft", "Ben Cho")) == (
        "Error: Nothing to write to Ben Cho now: someone at Acme answered after you wrote, so "
        "their follow-up was cancelled (the people who talk to you are the way in now). Pass "
        "--kind to draft one anyway."
    )
    assert error_line(run("draft", "Cal Diaz")) == (
        "Error: Nothing to write to Cal Diaz now: someone at Acme already talks to you, so "
        "`next` asks for no new first message there (the names they give you are the way "
        "in). Pass --kind outreach to draft one anyway."
    )
    assert run("draft", "Cal Diaz", "--kind", "outreach", ok=True).stdout.startswith("Hi Cal")
    run("log", "chat", "Ann Lee", "--on", "2026-11-04", "--held", "--advice", "learn dbt")
    update = run("draft", "Ann Lee", "--kind", "update", ok=True).stdout
    assert "real help" not in update  # the advice was not acted on
    advice = json.loads(run("timeline", "Ann Lee", "--json", ok=True).stdout)
    tiara = [t["id"] for e in advice["entries"] for t in e["tiara"]]
    run("advice", "done", str(tiara[0]), ok=True)
    report = run("draft", "Ann Lee", "--kind", "update", ok=True).stdout
    assert 'Your advice ("learn dbt") has been a real help.' in report
