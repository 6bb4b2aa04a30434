"""Issue 13, items 4-7: hostile input stays inert, errors do not mislead, settings act,
LinkedIn rows without a profile URL are kept.

Text from people and files is shown as typed in every human view (Rich markup,
Markdown, terminal escapes and bidi controls do nothing), exact in JSON, and
neutralised in CSV; identifiers from a file never reach SQL.

Inputs tried, typed and imported from a LinkedIn CSV and a vCard: Rich markup
([/], [link=...], [blink], :smile:), a raw OSC 8 hyperlink with BEL, bidi
controls (U+202E, U+202C, U+2066, U+2067, U+2069, U+200F), Markdown (headings,
links, images, emphasis, HTML, entities, code, lists) in names and notes, plus
30 generated names of those pieces; six CSV formula starts (=, +, -, @, tab,
CR); crafted import json files (four bad column keys, a bad table, a nested
value, a wrong type, bad settings, JSON nested 200,000 deep, a 5,000-digit
number); an empty alembic_version; a closed stdout pipe; '²', '٣', U+FF13 as
numbers and ids; ids past 2^63; dates past 9999; bytes that are not UTF-8;
eleven PostgreSQL URL forms that printed a password.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netjob.render.console import safe
from tests.conftest import POSTGRES, TODAY, Run, error_line
from tests.dbutil import rows

SRC = Path(__file__).resolve().parent.parent / "src" / "netjob"
BIN = Path(sys.executable).parent / "netjob"

# Rich markup that would close nothing ([/]: a crash), link, blink, or become an emoji.
MARKUP = "[/]Ev [link=https://e.x]Cl[/link] [blink]B[/blink] :smile:"
MARKUP_TOKENS = ("[/]Ev", "[link=https://e.x]Cl[/link]", "[blink]B[/blink]", ":smile:")
# Bidi override/isolates/marks and a raw OSC 8 hyperlink with BEL.
BIDI = "Ann \u202eeva\u202c \u2066x\u2069\u200f"
BIDI_SHOWN = ("\\u202eeva\\u202c", "\\u2066x\\u2069\\u200f")
OSC = "Osc \x1b]8;;https://e.x\x07Hi\x1b]8;;\x07"
OSC_SHOWN = "\\x1b]8;;https://e.x\\x07Hi\\x1b]8;;\\x07"
RAW = re.compile(
    "[\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\x07]"
)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich writes as to a colour terminal: live links and blinking would show here."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "300")  # no cell folds over lines


def inert(output: str) -> str:
    """Check ``output`` has no live link, blink, emoji or raw control/bidi character;
    return it without Rich's own styling, to look for the literal text."""
    assert "\x1b]8;" not in output, output  # OSC 8: a terminal hyperlink
    assert not re.search(r"\x1b\[(?:[0-9]+;)*5(?:;[0-9]+)*m", output), output  # blink
    assert "\U0001f604" not in output, output  # :smile: turned into an emoji
    assert not RAW.search(output), output
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert "\x1b" not in plain, output
    return plain


def folded(output: str) -> str:
    """Table cells fold long text over lines: join the cells' pieces back together."""
    return re.sub(r"[\s│┃|]+", "", output)


@pytest.fixture
def hostile(run: Run) -> None:
    """A company and contacts whose names and notes hold markup, bidi and escapes."""
    run("add", "company", MARKUP, "-m", "3", "--status", "active", "--note", MARKUP, ok=True)
    run("add", "contact", BIDI, "--company", "#1", "--title", MARKUP, "--note", OSC, ok=True)
    run("add", "contact", OSC, "--company", "#1", ok=True)
    run("log", "outreach", "#1", "--on", "2026-11-02", ok=True)
    run("log", "chat", "#2", "--on", "2026-11-18", "--advice", MARKUP, ok=True)
    run("rate", "#1", "culture=4", "--red-flag", MARKUP, ok=True)


def test_markup_names_are_shown_not_interpreted(run: Run, hostile: None, terminal: None) -> None:
    for args in (
        ("show", "company", "#1"),
        ("list", "companies"),
        ("pipeline",),
        ("fit",),
        ("who", "--targets"),
        ("show", "contact", "#1"),
        ("list", "contacts"),
        ("timeline", "#2"),
    ):
        result = run(*args, ok=True)
        plain = folded(inert(result.stdout))
        for token in MARKUP_TOKENS:
            assert folded(token) in plain, (args, result.stdout)
        inert(result.stderr)
    title = inert(run("show", "company", "#1", ok=True).stdout).splitlines()[0]
    assert title.startswith("[/]Ev [link=https://e.x]Cl[/link] [blink]B[/blink] :smile:")


# Names built from what Rich, Markdown and terminals act on, with letters between.
ACTIVE = (
    st.lists(
        st.sampled_from(
            [
                *"[]/=:#*_`<>&|~!()-+.\\ \t\n\r\x1b\x07\x9b",
                *"\u202e\u202c\u2066\u2069\u200f\u200b\ufeff",
                *("[/]", "[link=https://e.x]", "[blink]", ":smile:", "](https://e.x)", "a", "Zoë"),
            ]
        ),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .filter(lambda s: any(c.isalnum() for c in s))
)


_examples = itertools.count(1)


@pytest.mark.slow  # Hypothesis, 30 names through every view
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=ACTIVE)
def test_any_active_name_is_shown_inert_and_kept_exact(
    run: Run, run_json: Any, terminal: None, name: str
) -> None:
    name = f"{name} {next(_examples)}"  # two names may share a key ("[a]" and "a")
    added = run("add", "company", "--json", "-m", "2", "--note", name, "--", name, ok=True)
    stored = json.loads(added.stdout)
    assert stored["name"] == " ".join(name.split()) and stored["note"] == name.strip()
    company = f"#{stored['id']}"
    person = json.loads(
        run("add", "contact", "--json", "--company", company, "--note", name, "--", name).stdout
    )
    for args in (
        ("show", "company", company),
        ("show", "contact", f"#{person['id']}"),
        ("list", "contacts"),
        ("prep", f"#{person['id']}"),
    ):
        inert(run(*args, ok=True).stdout)
    markdown = run("prep", f"#{person['id']}", "--markdown", ok=True).stdout
    assert "[link=" not in markdown.replace("\\[link=", "") and not RAW.search(markdown)
    run("remove", "contact", f"#{person['id']}", "--yes", ok=True)
    run("remove", "company", company, "--yes", ok=True)


def test_bidi_and_escapes_are_shown_escaped_and_kept_exact_in_json(
    run: Run, run_json: Any, hostile: None, terminal: None
) -> None:
    for args in (("list", "contacts"), ("show", "company", "#1")):
        plain = folded(inert(run(*args, ok=True).stdout))
        for token in (*BIDI_SHOWN, OSC_SHOWN):
            assert folded(token) in plain, (args, plain)
    # the daily list: the thank-you owed to Osc after the chat
    assert folded(OSC_SHOWN) in folded(inert(run("next", "--all", ok=True).stdout))
    shown = inert(run("show", "contact", "#1", ok=True).stdout)
    assert shown.splitlines()[0].startswith("Ann \\u202eeva\\u202c \\u2066x\\u2069\\u200f  (#1)")
    assert folded(OSC_SHOWN) in folded(shown)  # the note
    assert folded(MARKUP) in folded(shown)  # the title
    assert [k["name"] for k in run_json("list", "contacts")] == [BIDI, OSC]
    assert run_json("show", "contact", "#1")["note"] == OSC
    run("add", "contact", "\u202eZed Q", "--company", "#1", ok=True)
    # (#1 is engaged through someone else: next asks no first message, so --kind says it)
    draft = run("draft", "\u202eZed", "--kind", "outreach", ok=True).stdout
    assert draft.startswith("Hi \\u202eZed,") and not RAW.search(draft) and "\x1b" not in draft


def test_messages_quoting_names_are_inert(run: Run, hostile: None, terminal: None) -> None:
    missing = run("show", "contact", "[blink]x\u202e")
    line = inert(error_line(missing))
    assert line.startswith("Error: No contact named '[blink]x\\u202e'. Did you mean 'Ann ")
    added = run("add", "company", "[link=https://e.x]New[/link]\u2067", "-m", "1", ok=True)
    assert inert(added.stderr).strip() == (
        "Added company #2 [link=https://e.x]New[/link]\\u2067, LAMP rank 2."
    )


def test_prep_shows_names_and_notes_as_typed(run: Run, terminal: None) -> None:
    note = "# Heading\n[a](https://e.x) **bold** <b>x</b> &amp; `code`\n- item\n1. first"
    run("add", "company", "Acme [x](https://e.x)", "-m", "3", "--note", note, ok=True)
    run("add", "contact", "Dee *Star*", "--company", "#1", "--note", "![img](https://e.x/i)")
    rendered = inert(run("prep", "Dee", ok=True).stdout)
    for literal in (
        "Prep: Dee *Star*",
        "Acme [x](https://e.x)",
        "# Heading",
        "[a](https://e.x) **bold** <b>x</b> &amp; `code`",
        "- item",
        "1. first",
        "![img](https://e.x/i)",
    ):
        assert literal in rendered, (literal, rendered)
    markdown = run("prep", "Dee", "--markdown", ok=True).stdout
    assert markdown.startswith("# Prep: Dee \\*Star\\*\n")
    assert "## Acme \\[x\\](https://e.x)\n" in markdown
    assert (
        "\\# Heading\n\\[a\\](https://e.x) \\*\\*bold\\*\\* \\<b\\>x\\</b\\> \\&amp; \\`code\\`\n"
        "\\- item\n1\\. first"
    ) in markdown


def test_the_week_review_in_markdown_escapes_names(run: Run) -> None:
    run("add", "company", "Acme", "-m", "3", "--status", "active", ok=True)
    run("add", "contact", "[Eve](https://e.x) #1", "--company", "Acme", ok=True)
    run("log", "outreach", "#1", "--on", "2026-11-02", ok=True)
    review = run("week", "--markdown", ok=True).stdout
    assert "\\[Eve\\](https://e.x) \\#1" in review
    assert "[Eve](" not in review


def test_safe_and_md_escape_what_acts() -> None:
    from netjob.render.console import md

    assert safe("a\x1b[2Jb\x00\x7f\x9b\u202e\u2066\ufeff\u200b\ud83d") == (
        "a\\x1b[2Jb\\x00\\x7f\\x9b\\u202e\\u2066\\ufeff\\u200b\\ud83d"
    )
    assert safe("tab\tand\nnewline, Zoë Ångström 🙂 \u200d ok") == (
        "tab\tand\nnewline, Zoë Ångström 🙂 \u200d ok"
    )
    assert md("Acme Inc. (US) - 3 + 4 = 7!") == "Acme Inc. (US) - 3 + 4 = 7!"
    assert md("=== \n--- \n+ x\n> q\n12) y") == "\\=== \n\\--- \n\\+ x\n\\> q\n12\\) y"


def test_names_from_a_linkedin_csv_and_a_vcard_are_inert(
    run: Run, run_json: Any, tmp_path: Path, terminal: None
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        '"[blink]Lin[/blink]",\u202eKed,https://www.linkedin.com/in/lk,,"Evil [/] Co",'
        '"[link=https://e.x]CTO[/link]",1 Jan 2024\n',
        encoding="utf-8",
    )
    run("import", "linkedin", str(export), ok=True)
    card = tmp_path / "cards.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:[link=https://e.x]Vic[/link] \u2067Card\r\n"
        "ORG:Evil [/] Co\r\nTITLE:[blink]Boss[/blink]\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    run("import", "vcard", str(card), ok=True)
    who = folded(inert(run("who", "Evil [/] Co", ok=True).stdout))
    for token in (
        "[blink]Lin[/blink]\\u202eKed",
        "[link=https://e.x]CTO[/link]",
        "[link=https://e.x]Vic[/link]\\u2067Card",
        "[blink]Boss[/blink]",
    ):
        assert folded(token) in who, who
    promoted = run("promote", "[blink]Lin", "--create-company", ok=True)
    assert "[blink]Lin[/blink] \\u202eKed is now contact #1" in inert(promoted.stderr)
    shown = inert(run("show", "company", "Evil", ok=True).stdout)
    assert shown.startswith("Evil [/] Co  (#1)")
    assert folded("[blink]Lin[/blink] \\u202eKed") in folded(shown)
    contact = inert(run("show", "contact", "#1", ok=True).stdout)
    assert contact.startswith("[blink]Lin[/blink] \\u202eKed  (#1)")
    assert run_json("show", "contact", "#1")["name"] == "[blink]Lin[/blink] \u202eKed"


def test_csv_exports_neutralise_formulas(run: Run, tmp_path: Path) -> None:
    formulas = [
        '=HYPERLINK("https://e.x","Click")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+1)",
        "\tTabbed",
        "\rReturn",
    ]
    run("add", "company", "Plain Co", "-m", "2", "--note", formulas[0], ok=True)
    for n, text in enumerate(formulas):
        run("add", "contact", f"Person {n}", "--company", "Plain", ok=True)
        run("edit", "contact", f"Person {n}", "--title", text, ok=True)
        run("log", "note", "--", f"Person {n}", text, ok=True)
    run("add", "company", "=1+1 Corp", "-m", "1", ok=True)

    def table(what: str) -> list[dict[str, str]]:
        out = run("export", "csv", "--what", what, ok=True).stdout
        return list(csv.DictReader(io.StringIO(out)))

    companies = table("companies")
    assert [(c["name"], c["note"], c["motivation"]) for c in companies] == [
        ("Plain Co", "'" + formulas[0], "2"),
        ("'=1+1 Corp", "", "1"),
    ]
    typed = ["'" + f for f in formulas[:4]] + ["Tabbed", "Return"]  # typed text is stripped
    contacts = table("contacts")
    assert [c["title"] for c in contacts] == typed
    log = table("log")
    assert [entry["note"] for entry in log] == typed
    assert [entry["occurred_on"] for entry in log] == [TODAY.isoformat()] * len(formulas)
    # A tab or CR first can only come from a file: import one, export it again.
    data = json.loads(run("export", "json", ok=True).stdout)
    data["tables"]["company"][0]["note"] = "\tTabbed"
    data["tables"]["company"][1]["website"] = "\r=1+1"
    path = tmp_path / "tabs.json"
    path.write_text(json.dumps(data))
    target = str(tmp_path / "tabs.db")
    run("--db", target, "import", "json", str(path), ok=True)
    out = run("--db", target, "export", "csv", "--what", "companies", ok=True).stdout
    found = list(csv.DictReader(io.StringIO(out, newline="")))
    # (a CR is written as LF, which the csv module quotes: a bare CR would split the row)
    assert [(c["note"], c["website"]) for c in found] == [("'\tTabbed", ""), ("", "'\n=1+1")]
    assert run("export", "csv", "--what", "contacts", ok=True).stdout.startswith(
        "id,name,company,title"
    )


def _export(run: Run, tmp_path: Path) -> dict[str, Any]:
    run("add", "company", "Acme", "-m", "3", ok=True)
    run("export", "json", "-o", str(tmp_path / "x.json"), ok=True)
    data: dict[str, Any] = json.loads((tmp_path / "x.json").read_text())
    return data


@pytest.mark.parametrize(
    "key",
    [
        "name) SELECT datname, 'x' FROM pg_database --",
        "name_key, note",
        "NAME",
        "website\u202e",
    ],
)
def test_import_json_refuses_keys_that_are_not_columns(
    run: Run, tmp_path: Path, db_path: Path, key: str
) -> None:
    data = _export(run, tmp_path)
    data["tables"]["company"][0][key] = "injected"
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(data))
    target = tmp_path / "new.db"
    failed = run("--db", str(target), "import", "json", str(path))
    assert error_line(failed) == (
        f"Error: {path}: table 'company' has no column '{safe(key)}'; nothing was imported."
    )
    assert sqlite3.connect(target).execute("SELECT COUNT(*) FROM company").fetchone() == (0,)


def test_import_json_refuses_unknown_tables(run: Run, tmp_path: Path) -> None:
    data = _export(run, tmp_path)
    data["tables"]["sqlite_master; DROP TABLE company"] = []
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(data))
    failed = run("--db", str(tmp_path / "new.db"), "import", "json", str(path))
    assert error_line(failed) == (
        f"Error: {path}: unknown table 'sqlite_master; DROP TABLE company'; nothing was imported."
    )


def test_import_json_refuses_values_that_do_not_fit(run: Run, tmp_path: Path) -> None:
    data = _export(run, tmp_path)
    data["tables"]["company"][0]["note"] = {"nested": ["object"]}
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(data))
    target = str(tmp_path / "new.db")
    assert error_line(run("--db", target, "import", "json", str(path))) == (
        f"Error: {path}: 'company.note' holds a JSON dict, not a value; nothing was imported."
    )
    data["tables"]["company"][0]["note"] = None
    data["tables"]["company"][0]["id"] = "not a number"
    path.write_text(json.dumps(data))
    line = error_line(run("--db", target, "import", "json", str(path)))
    assert line.startswith(f"Error: {path}: a row of 'company' does not fit: "), line


def test_a_clean_export_still_round_trips(run: Run, run_json: Any, tmp_path: Path) -> None:
    _export(run, tmp_path)
    target = tmp_path / "new.db"
    run("--db", str(target), "import", "json", str(tmp_path / "x.json"), ok=True)
    assert [c["name"] for c in run_json("--db", str(target), "list", "companies")] == ["Acme"]


# What the services' SQL f-strings may interpolate, each reviewed: names and fragments
# written in netjob's own code, never a value from a user or a file (those are :params).
SQL_INTERPOLATIONS = {
    "table": "a table named in the code: transfer.TABLES/USER_TABLES, tags.TABLES, literals",
    "order": "transfer.ORDER_BY, a literal dict keyed by those tables; timeline: a literal "
    "ORDER BY",
    "column": "a column chosen by the code: tags.TABLES, summaries' literal columns; undo: a "
    "catalog column name, quoted",
    "marks": "placeholders ':k0, :k1, ...' numbered by a count",
    "where": "Store.in_list() (a literal column IN numbered placeholders) or literal WHERE "
    "clauses with :params",
    "' AND '.join(clauses)": "contacts.list_contacts: literal clauses with :params",
    "only": "criteria.fit_all: a literal WHERE with :id",
    "sql": "summaries.stored_logs: a literal SELECT",
    "_SELECT": "contacts: a module constant",
    "_COMPANY_SQL": "resolve: a module constant",
    "_CONTACT_SQL": "resolve: a module constant",
    "_CONTACTS_SQL": "coach.facts: a module constant",
    "_ENTRY_COLUMNS": "coach.summaries: a module constant (interaction's columns)",
    "_CHANGED_SINCE": "coach.summaries: a module constant (who changed since a day, :on)",
    "int(limit)": "contacts: an int",
    "bounded": "contacts: '' or ' LIMIT <int>'",
    "test": "undo: '=' or '>', chosen by the journal row's kind",
    # undo replays its journal: the table named by a journal row is used only when it is
    # one of Store.tables() (the catalog), and only catalog column names are interpolated.
    "columns": "undo: column names read from the catalog (Store.table_columns), quoted; "
    "transfer: a file's keys mapped to the catalog's column names (_mapped refuses others)",
    "sets": "undo: catalog column names = numbered placeholders ':v0, :v1, ...'",
    "_as_stored(store, table)": "transfer: catalog column names, quoted (a date CAST to TEXT)",
}
SQL_WORDS = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|JOIN|ORDER BY|GROUP BY|SET|AND|OR|IN|IS|"
    r"VALUES|LIMIT)\b"
)


def test_no_sql_is_built_from_outside_text_in_the_services() -> None:
    unreviewed, formatted = [], []
    for path in sorted((SRC / "services").rglob("*.py")):
        source = path.read_text()
        for match in re.finditer(r"\bf(\"[^\"\n]*\"|'[^'\n]*')", source):
            if SQL_WORDS.search(match.group(1)):
                for expression in re.findall(r"\{([^{}]*)\}", match.group(1)):
                    if expression not in SQL_INTERPOLATIONS:
                        unreviewed.append((path.name, expression, match.group(0)))
        for match in re.finditer(r"(\"[^\"\n]*\"|'[^'\n]*')\s*(%\s*[\w(]|\.format\()", source):
            if SQL_WORDS.search(match.group(1)):
                formatted.append((path.name, match.group(0)))
    assert unreviewed == [] and formatted == []


# ---------------------------------------------------------------- errors that mislead


def test_a_constraint_error_is_not_called_damage(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise sqlite3.IntegrityError("UNIQUE constraint failed: company.name_key")

    monkeypatch.setattr("netjob.services.companies.add", refused)
    line = error_line(run("add", "company", "Acme", "-m", "1"))
    assert line == (
        "Error: netjob could not save that: UNIQUE constraint failed: company.name_key. "
        "Nothing was changed; please report it (run again with NETJOB_DEBUG=1 for details)."
    )
    assert "damaged" not in line and "backup" not in line


def test_deeply_nested_json_is_refused_in_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    assert error_line(run("import", "json", str(path))) == (
        f"Error: {path} is not a netjob JSON export: it nests deeper than Python can read "
        "(an export is tables of flat rows)."
    )


@pytest.mark.sqlite_only
def test_an_empty_alembic_version_gives_one_clear_line(run: Run, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM alembic_version")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    assert error_line(run("list", "companies")) == (
        f"Error: {db_path} holds netjob tables but no schema revision (its alembic_version "
        "table is empty), so netjob cannot tell how to open it. Restore a backup, or run "
        "with a new --db."
    )
    assert db_path.read_bytes() == before


@pytest.mark.postgres_only
def test_an_empty_alembic_version_on_a_server_gives_one_clear_line(run: Run) -> None:
    from netjob.db.open import open_store

    store = open_store(os.environ["NETJOB_DB"])
    store.execute("DELETE FROM alembic_version")
    store.close()
    assert error_line(run("list", "companies")) == (
        "Error: That PostgreSQL database holds netjob tables but no schema revision (its "
        "alembic_version table is empty), so netjob cannot tell how to open it. Restore a "
        "backup, or run with a new --db."
    )


@pytest.mark.parametrize("args", [("list", "contacts"), ("list", "contacts", "--json")])
def test_a_closed_pipe_ends_quietly(run: Run, args: tuple[str, ...]) -> None:
    for n in range(3):
        run("add", "contact", f"Person {n}", ok=True)
    whole = subprocess.run([str(BIN), *args], capture_output=True, text=True)
    assert "Person 2" in whole.stdout  # there is output to lose
    read, write = os.pipe()
    os.close(read)  # as `| head` does once it has its lines
    try:
        done = subprocess.run([str(BIN), *args], stdout=write, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (1, "")  # no "Broken pipe" traceback or line


@pytest.mark.parametrize("value", ["²", "٣", "\uff13", "1²"])
def test_unicode_digits_in_a_setting_give_a_clear_line(run: Run, run_json: Any, value: str) -> None:
    assert error_line(run("settings", "set", "follow_up_days", value)) == (
        f"Error: follow_up_days must be a whole number from 1 to 60, not '{value}'."
    )
    found = {s["key"]: s["value"] for s in run_json("settings", "list")}
    assert found["follow_up_days"] == "7"


def test_unicode_digits_in_ids_and_cadences_give_a_clear_line(run: Run, sample: None) -> None:
    assert error_line(run("show", "contact", "#²")) == (
        "Error: '#²' is not an id; ids look like #12."
    )
    assert error_line(run("edit", "contact", "Jane Doe", "--cadence", "²d")) == (
        "Error: '²d' is not a cadence; write 14d, 2w, 30 (days), never, or default."
    )


@pytest.mark.parametrize(
    "args",
    [
        ("done", "\u0663"),
        ("dismiss", "\u0663"),
        ("snooze", "\uff13", "--until", "fri"),
        ("advice", "done", "\u0662"),
        ("chat", "move", "Jane Doe", "--at", "mon 10:00", "--chat", "\u0661\u0662"),
        ("next", "-n", "\u0663"),
        ("add", "company", "Hooli", "--motivation", "\uff13"),
    ],
)
def test_unicode_digits_are_not_numbers_anywhere(
    run: Run, run_json: Any, sample: None, args: tuple[str, ...]
) -> None:
    run("next", ok=True)  # items get their numbers
    before = run_json("next", "--all")
    refused = run(*args)
    assert refused.exit_code == 2 and "is not a valid int" in refused.stderr, refused.stderr
    assert run_json("next", "--all") == before
    assert sorted(c["name"] for c in run_json("list", "companies")) == [
        "Acme Inc.",
        "Globex",
        "Initech",
    ]


def test_bytes_that_are_not_utf8_are_refused_before_anything_runs(db_path: Path) -> None:
    env = {**os.environ}
    done = subprocess.run(
        [os.fsencode(BIN), b"add", b"company", b"Bad\xffByte"], capture_output=True, env=env
    )
    assert done.returncode == 2
    assert (
        done.stderr.decode() == "Error: 'Bad\\xffByte' is not UTF-8 text; type it again in UTF-8.\n"
    )
    if not POSTGRES:
        assert rows(db_path, "SELECT COUNT(*) FROM company") == [(0,)]


# Each: a URL, the secret that must never show, and how `db path` shows it.
URLS = [
    ("postgresql://me@127.0.0.1:1/db?password=Sekr3t", "Sekr3t",
     "postgresql://me@127.0.0.1:1/db?password=***"),
    ("postgresql://me:Sek%zzr3t@127.0.0.1:1/db", "Sek%zzr3t", "postgresql://me:***@127.0.0.1:1/db"),
    ("postgresql://me:Sek%2Fr3t@127.0.0.1:1/db", "Sek/r3t", "postgresql://me:***@127.0.0.1:1/db"),
    ("postgresql://me:Sekr3t@[127.0.0.1:1/db", "Sekr3t", "postgresql://me:***@***/db"),
    ("postgresql://me:Sek/r3t@127.0.0.1:1/db", "r3t", "postgresql://me:***@127.0.0.1:1/db"),
    ("postgresql://me:Sek@r3t@127.0.0.1:1/db", "r3t", "postgresql://me:***@127.0.0.1:1/db"),
    ("postgresql://me:Sekr3t@127.0.0.1:port/db", "Sekr3t", "postgresql://me:***@***/db"),
    ("postgres://me:Sekr3t@127.0.0.1:1/db?sslmode=bogus&application_name=nj",
     "Sekr3t", "postgres://me:***@127.0.0.1:1/db?sslmode=bogus&application_name=nj"),
    ("postgresql://me:@127.0.0.1:1/db", "", "postgresql://me:***@127.0.0.1:1/db"),
    ("postgresql://me:Sekr3t@127.0.0.1:1/db#Sekr3t", "Sekr3t",
     "postgresql://me:***@127.0.0.1:1/db#***"),
    ("postgresql://u%ZZ:Sekr3t@127.0.0.1:1/db?a", "Sekr3t", "postgresql://***@127.0.0.1:1/db?***"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "secret", "shown"), URLS)
def test_a_server_password_never_shows(run: Run, url: str, secret: str, shown: str) -> None:
    path = run("--db", url, "db", "path", ok=True)
    assert path.stdout == shown + "\n"
    failed = run("--db", url, "list", "companies")
    line = error_line(failed)
    assert line.startswith(f"Error: Cannot connect to {shown}: ")
    for output in (path.stdout, path.stderr, failed.stdout, failed.stderr):
        for piece in (secret, "Sek", "r3t"):
            assert not piece or piece not in output, (piece, output)


def test_masking_and_scrubbing_of_driver_messages() -> None:
    from netjob.db.pg import masked, scrubbed

    url = "postgresql://me:pass@word/s3cret@127.0.0.1/db"
    assert masked(url) == "postgresql://me:***@127.0.0.1/db"
    assert masked("/home/me/netjob.db") == "/home/me/netjob.db"
    assert masked("postgresql:///netjob?host=/var/run/postgresql&password=x&port=5433") == (
        "postgresql:///netjob?host=/var/run/postgresql&password=***&port=5433"
    )
    message = 'invalid URI "postgresql://me:pass@word/s3cret@127.0.0.1/db": token "word/s3cret"'
    assert scrubbed(message, url) == (
        'invalid URI "postgresql://me:***@127.0.0.1/db": token "***/***"'
    )
    # A piece of a password too short to replace safely withholds the whole message.
    assert scrubbed("host 'x@h' not found", "postgresql://me:pw:x@h/db") == (
        "(the driver's message is withheld: it may quote the password)"
    )


# ---------------------------------------------------------------- settings and the clock


def test_networking_window_days_is_read(run: Run, run_json: Any, sample: None) -> None:
    run_json("log", "outreach", "Jane Doe", "--on", "2026-10-01")  # 50 days before today
    run("settings", "set", "networking_window_days", "30", ok=True)
    assert run_json("log", "apply", "acme", "--role", "A")["warnings"] == []
    run("undo", "--yes", ok=True)
    run("settings", "set", "networking_window_days", "50", ok=True)
    warned = run_json("log", "apply", "acme", "--role", "A")["warnings"]
    assert warned[0].startswith(
        "You are networking at Acme Inc. (you wrote to Jane Doe on 2026-10-01)."
    )


# Only the clock asks the system for the date (NETJOB_TODAY overrides it there).
CLOCK_ALLOWED = {("clock.py", "date.today()"), ("clock.py", "datetime.now()")}


def test_one_clock() -> None:
    found = set()
    for path in SRC.rglob("*.py"):
        for call in re.findall(
            r"\b(?:date\.today|datetime\.now|datetime\.today)\(\)", path.read_text()
        ):
            found.add((str(path.relative_to(SRC)), call))
    assert found <= CLOCK_ALLOWED, sorted(found - CLOCK_ALLOWED)
    assert ("clock.py", "date.today()") in found


@pytest.mark.sqlite_only
def test_restore_stamps_the_kept_copy_with_netjobs_day(
    run: Run, sample: None, tmp_path: Path, db_path: Path
) -> None:
    backup = tmp_path / "b.db"
    run("backup", str(backup), ok=True)
    run("restore", str(backup), "--yes", ok=True)
    kept = [p.name for p in db_path.parent.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and kept[0].startswith("netjob.db.before-restore-20261120-")


# ---------------------------------------------------------------- LinkedIn rows without a URL

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
NO_URLS = (
    "Ann,Lee,,,Acme,CTO,1 Jan 2024\n"
    "Ann,Lee,,,Globex,Analyst,2 Jan 2024\n"  # same name, another company: someone else
    "Bo,Ng,,,,,\n"  # no company, no date
    ",,https://www.linkedin.com/in/nobody,,Acme,,3 Jan 2024\n"  # no name: the only skip
    "Cy,Dee,https://www.linkedin.com/in/cy,,Acme,PM,4 Jan 2024\n"
    "ann,LEE,,,ACME Inc.,Chief Technology Officer,1 Jan 2024\n"  # Ann Lee at Acme again
)


def test_linkedin_rows_without_a_url_import_once(
    run: Run, run_json: Any, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + NO_URLS, encoding="utf-8")
    first = run_json("import", "linkedin", str(path))
    assert (first["added"], first["updated"], first["unchanged"]) == (4, 0, 0)
    assert first["skipped"] == [
        {"line": 5, "reason": "no name"},
        {"line": 7, "reason": "ann LEE: same name and company, no URL, twice"},
    ]
    expected = [
        ("Ann Lee", None, "Acme", "acme", "CTO", "2024-01-01"),
        ("Ann Lee", None, "Globex", "globex", "Analyst", "2024-01-02"),
        ("Bo Ng", None, None, None, None, None),
        ("Cy Dee", "https://www.linkedin.com/in/cy", "Acme", "acme", "PM", "2024-01-04"),
    ]
    query = (
        "SELECT name, url, company, company_key, position, connected_on FROM connection ORDER BY id"
    )
    assert rows(db_path, query) == expected
    again = run_json("import", "linkedin", str(path))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert rows(db_path, query) == expected
    newer = tmp_path / "newer.csv"
    newer.write_text(HEADER + NO_URLS.replace("Acme,CTO", "Acme,VP"), encoding="utf-8")
    third = run_json("import", "linkedin", str(newer))
    assert (third["added"], third["updated"], third["unchanged"]) == (0, 1, 3)
    assert rows(db_path, query)[0] == ("Ann Lee", None, "Acme", "acme", "VP", "2024-01-01")
    assert rows(db_path, "SELECT COUNT(*) FROM connection") == [(4,)]


def test_out_of_range_numbers_dates_and_odd_urls_give_a_clear_line(
    run: Run, run_json: Any, sample: None
) -> None:
    assert error_line(run("show", "company", "#99999999999999999999")) == (
        "Error: '#99999999999999999999' is not an id; ids look like #12."
    )
    done = error_line(run("done", "99999999999999999999"))  # a server may just not find it
    assert POSTGRES or done == (
        "Error: A number or date you gave is out of range (Python int too large to convert "
        "to SQLite INTEGER); nothing was saved."
    )
    assert error_line(run("log", "chat", "Jane Doe", "--on", "9999-12-31")) == (
        "Error: A chat on 9999-12-31 is more than a year ahead; book it for a day within a "
        "year (YYYY-MM-DD, tomorrow, or a weekday such as thu)."
    )
    assert error_line(run("edit", "company", "Acme", "--website", "[/]")) == (
        "Error: '[/]' is not a valid website (expected https://example.com/... or example.com)."
    )
    assert error_line(run("settings", "set", "holidays", "mon")).startswith(
        "Error: 'MON' is not a country (or subdivision) the holidays package knows: "
    )
    assert run_json("show", "company", "Acme")["website"] is None


def test_import_json_holds_settings_to_what_settings_set_accepts(
    run: Run, run_json: Any, tmp_path: Path
) -> None:
    run("settings", "set", "follow_up_days", "5", ok=True)
    run("settings", "set", "holidays", "2026-12-24,2026-12-31", ok=True)
    data = _export(run, tmp_path)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(data))
    target = str(tmp_path / "good.db")
    run("--db", target, "import", "json", str(good), ok=True)
    found = {s["key"]: s["value"] for s in run_json("--db", target, "settings", "list")}
    assert (found["follow_up_days"], found["holidays"]) == ("5", "2026-12-24,2026-12-31")
    for key, value, reason in [
        ("follow_up_days", "²", "follow_up_days must be a whole number from 1 to 60, not '²'"),
        ("follow_up_days", "05", "'05' is not in the form netjob stores"),
        ("no_such", "1", "No setting named 'no_such'. See `netjob settings list`"),
    ]:
        data["tables"]["setting"] = [{"key": key, "value": value}]
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(data))
        failed = run("--db", str(tmp_path / f"{key}.db"), "import", "json", str(bad))
        assert error_line(failed) == (
            f"Error: {bad}: setting '{key}' cannot be imported ({reason}); nothing was imported."
        )
    digits = tmp_path / "digits.json"
    digits.write_text('{"format": "netjob-export", "version": ' + "1" * 5000 + "}")
    assert error_line(run("import", "json", str(digits))).startswith(
        f"Error: {digits} is not a netjob JSON export: Exceeds the limit (4300 digits)"
    )
