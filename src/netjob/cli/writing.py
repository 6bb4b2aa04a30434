"""Writing the message and preparing the chat: draft, check, prep."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from netjob.cli import base, complete
from netjob.cli.base import app, fail, open_store, respond
from netjob.cli.options import JsonOpt
from netjob.engine.words import article

ChannelOpt = Annotated[str, typer.Option("--channel", help="email or linkedin.")]


@app.command("draft")
def draft(
    contact: Annotated[
        str | None,
        typer.Argument(
            metavar="CONTACT", help="Contact name, prefix or #id.", autocompletion=complete.contacts
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="outreach, follow-up, reply, thanks, report-back, referral-ask or update "
            "(default: what `next` asks of this person now).",
            show_default=False,
        ),
    ] = None,
    channel: ChannelOpt = "email",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write it here.")] = None,
    templates: Annotated[
        bool, typer.Option("--templates", help="Show where templates live and stop.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """A short first draft filled from what netjob knows: the connection first, a
    question at the end; the thank-you names something they said.

    Without --kind, the draft is the message `next` asks of this person now: a first
    message, the one follow-up, times for a chat, a thank-you, a report-back, a
    referral ask or an update. When nothing is owed, it says why.

    At a terminal (and without -o) it opens $EDITOR, then checks what you wrote.

    \b
    Examples:
      netjob draft "Jane Doe"
      netjob draft "Jane Doe" --kind thanks -o thanks.txt
      netjob draft --templates
    """
    from netjob import render
    from netjob.services import writing

    if templates:
        render.templates(writing.user_templates(), writing.template_names())
        return
    if contact is None:
        fail("Name the contact to draft for (or pass --templates).", code=2)
    found = writing.draft(
        open_store(), contact=contact, kind=kind, channel=channel, today=base.today()
    )
    if as_json:
        render.emit_json(found.to_json())
        return
    if output is not None and str(output) == "-":  # -o - is stdout, as everywhere
        sys.stdout.write(found.text if found.text.endswith("\n") else found.text + "\n")
        render.checks(found.checks)
        return
    if output is not None:
        from netjob.db.files import write_private

        write_private(base.output_path(output), found.text)
        render.done(f"Wrote {article(found.kind)} draft for {found.contact} to {output}.")
        render.checks(found.checks)
        return
    if base.is_interactive():
        from netjob.editor import edit
        from netjob.engine import message_check

        written = edit(found.text) or found.text
        sys.stdout.write(render.safe(written))
        verdicts = message_check.check(
            written, channel=channel, first_message=found.kind == "outreach"
        )
        render.checks(verdicts)
        return
    sys.stdout.write(render.safe(found.text))  # shown: control and bidi characters escaped
    render.checks(found.checks)


@app.command("check")
def check(
    file: Annotated[
        str, typer.Argument(metavar="FILE|-", help="The message, or - to read standard input.")
    ] = "-",
    channel: ChannelOpt = "email",
    premium: Annotated[
        bool, typer.Option("--premium", help="LinkedIn premium: 300 characters.")
    ] = False,
    follow_up: Annotated[
        bool, typer.Option("--follow-up", help="Not a first message: job words are fine.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check a message against what works: under 75 words (LinkedIn: 200/300 characters),
    connection first, ends with a question, no job ask, about them, no attachment or link.

    Exits 1 when any point fails, so scripts can use it.

    \b
    Examples:
      netjob check draft.txt
      pbpaste | netjob check - --channel linkedin
    """
    from netjob import render
    from netjob.engine import message_check
    from netjob.errors import InvalidInput

    if channel not in {"email", "linkedin"}:
        raise InvalidInput(f"'{channel}' is not a channel; use email or linkedin.")
    text = _read(file)
    if not text.strip():
        raise InvalidInput("The message is empty.")
    verdicts = message_check.check(
        text, channel=channel, premium=premium, first_message=not follow_up
    )
    rows = [{"check": v.check, "ok": v.ok, "detail": v.detail, "fix": v.fix} for v in verdicts]
    respond(rows, as_json, lambda _: render.checks(verdicts, to_stdout=True))
    if not all(v.ok for v in verdicts):
        raise typer.Exit(1)


def _read(file: str) -> str:
    from netjob.errors import InvalidInput

    if file == "-":
        return sys.stdin.read()
    path = Path(file)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"No file {path}.") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text.") from None
    except OSError as error:
        raise InvalidInput(f"Cannot read {path}: {error.strerror}.") from None


@app.command("prep")
def prep(
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            help="Contact (or, with --company, company).",
            autocompletion=complete.targets,
        ),
    ],
    company: Annotated[bool, typer.Option("--company", help="TARGET is a company.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write it here.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """A one-page brief before a chat: who they are, how you're connected, what you've
    logged, earlier chats' notes and advice, criteria still unscored, TIARA questions.

    \b
    Examples:
      netjob prep "Jane Doe"
      netjob prep --company acme --markdown -o acme-brief.md
    """
    from netjob import render
    from netjob.services import writing

    found = writing.prep(open_store(), target=target, company=company)
    if as_json:
        render.emit_json(found)
        return
    text = render.prep_markdown(found)
    if output is not None and str(output) != "-":
        from netjob.db.files import write_private

        write_private(base.output_path(output), text)
        render.done(f"Wrote {output}.")
    elif markdown or output is not None:
        sys.stdout.write(text)
    else:
        render.prep(text)
