"""Commands about the database itself, and the demo."""

from pathlib import Path
from typing import Annotated

import typer

from netjob.cli.base import app, db_app, db_path, open_store, respond, today
from netjob.cli.options import JsonOpt

# ---------------------------------------------------------------- database


@db_app.command("path")
def db_path_cmd() -> None:
    """Print the database file in use (touches nothing).

    \b
    Example:
      NETJOB_DB=~/search.db netjob db path
    """
    from netjob.paths import shown
    from netjob.render import safe

    typer.echo(safe(shown(db_path())))


@db_app.command("status")
def db_status(as_json: JsonOpt = False) -> None:
    """Print the schema version, file size, row counts and what SQLite's quick_check
    finds (a damaged file says so).

    \b
    Example:
      netjob db status --json
    """
    from netjob import render
    from netjob.services import db_status

    found = db_status.status(open_store())
    respond(found, as_json, render.db_status)


@app.command("demo")
def demo(
    path: Annotated[
        Path | None,
        typer.Option("--path", help="Where to write the demo database (default: demo.db)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a file at --path that is not a demo database."),
    ] = False,
) -> None:
    """Fill a separate demo database with a search in progress and show `next` on it.

    Your own database is never touched. Explore the demo with the printed
    NETJOB_DB=... prefix. A file at --path that is not a demo database is left
    alone unless you pass --force.

    \b
    Examples:
      netjob demo
      netjob demo --path /tmp/demo.db && netjob --db /tmp/demo.db list contacts
    """
    from netjob import demo as demo_data
    from netjob import render
    from netjob.paths import demo_db
    from netjob.services.coach import daily

    target = path or demo_db()
    now = today()
    store = demo_data.build(target, today=now, replace=force or path is None)
    render.daily_list(daily.daily_list(store, on=now, today=now, limit=10))
    render.info(f"Demo database: {target}")
    render.info(f'Explore it:    NETJOB_DB="{target}" netjob list companies')


@db_app.command("copy")
def db_copy(
    to: Annotated[
        str, typer.Option("--to", metavar="PATH|URL", help="An empty database: a file or a URL.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Copy the whole database into an empty one — SQLite to PostgreSQL or back — in one
    transaction, then compare the row counts of every table.

    \b
    Examples:
      netjob db copy --to postgresql://me@dbhost/netjob
      NETJOB_DB=postgresql://me@dbhost/netjob \\
          netjob db copy --to ~/netjob-local.db
    """
    from netjob.db.open import open_store as open_target
    from netjob.paths import shown
    from netjob.services.transfer.copy import copy

    target = to if "://" in to else str(Path(to).expanduser().absolute())
    counts = copy(open_store(), open_target(target), today=today())
    total = sum(c["target"] for c in counts.values())
    respond(
        counts, as_json, f"Copied {total} rows into {shown(target)}; every table's count matches."
    )
