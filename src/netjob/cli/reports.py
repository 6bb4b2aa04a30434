"""Reports: the pipeline board, the funnel, fit, and the weekly review."""

from pathlib import Path
from typing import Annotated

import typer

from netjob.cli.base import app, open_store, output_path, respond, today
from netjob.cli.options import JsonOpt


@app.command("pipeline")
def pipeline(
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", "-a", help="Every company, as plain lines (the board shows 15 a status)."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """The board: companies by status (active first) with LAMP rank, people, last touch,
    application stage and the next step.

    \b
    Example:
      netjob pipeline
    """
    from netjob import render
    from netjob.services import reports

    bounded = not (as_json or show_all)
    found = reports.pipeline(
        open_store(), today=today(), limit=render.BOARD_ROWS if bounded else None
    )
    if show_all:
        respond(found, as_json, render.pipeline_stream)
    else:
        respond(found, as_json, lambda board: render.pipeline(board, render.BOARD_ROWS))


@app.command("funnel")
def funnel(
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only stages reached since this day.")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            metavar="channel|how|company",
            help="Split by first channel, how you know "
            "them (applications: referral vs cold), or company.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Contacted -> replied -> chatted -> referral -> application -> interview -> offer,
    counting the furthest stage reached, with conversion rates.

    \b
    Examples:
      netjob funnel
      netjob funnel --by channel --since -8w
    """
    from netjob import render
    from netjob.engine.dates import Towards, parse_day
    from netjob.errors import InvalidInput
    from netjob.services import reports

    if by is not None and by not in {"channel", "how", "company"}:
        raise InvalidInput(f"'{by}' is not a way to split the funnel; use channel, how or company.")
    now = today()
    start = parse_day(since, today=now, towards=Towards.PAST) if since else None
    found = reports.funnel(open_store(), since=start, by=by, today=now)
    respond(found, as_json, render.funnel)


@app.command("fit")
def fit(as_json: JsonOpt = False) -> None:
    """Companies ranked by how well they fit your own criteria, with red flags, and a
    marker where fit and motivation disagree (time to rescore).

    \b
    Example:
      netjob fit --json
    """
    from netjob import render
    from netjob.services import reports

    found = reports.fit_report(open_store())
    respond(found, as_json, render.fit_report)


@app.command("week")
def week(
    on: Annotated[
        str | None, typer.Option(metavar="DATE", help="The last day of the week (default today).")
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Markdown for a mentor or coach.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (with --markdown).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The weekly review: what you did against the week before, 8 weeks of activity,
    median days to reply, what is overdue, and the top 5 for next week.

    \b
    Examples:
      netjob week
      netjob week --markdown -o review.md
    """
    from netjob import render
    from netjob.engine.dates import Towards, parse_day
    from netjob.services import week as weekly

    now = today()
    day = parse_day(on, today=now, towards=Towards.PAST) if on else now
    found = weekly.week(open_store(), on=day, today=now)
    if as_json or not markdown:
        respond(found, as_json, render.week)
    else:
        text = render.week_markdown(found)
        if output is None or str(output) == "-":
            typer.echo(text, nl=False)
        else:
            from netjob.db.files import write_private

            write_private(output_path(output), text)
            render.done(f"Wrote {output}.")
