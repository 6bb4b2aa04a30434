"""Your own criteria for judging a company, and rating companies on them."""

from typing import Annotated

import typer

from netjob.cli import complete
from netjob.cli.base import app, confirm, criteria_app, open_store, respond, when
from netjob.cli.chats import RedFlagOpt
from netjob.cli.options import CompanyArg, JsonOpt, OnOpt, YesOpt


@criteria_app.command("list")
def criteria_list(as_json: JsonOpt = False) -> None:
    """List your criteria with their weights.

    \b
    Example:
      netjob criteria list
    """
    from netjob import render
    from netjob.services import criteria

    respond(criteria.list_criteria(open_store()), as_json, render.criteria_table)


WeightOpt = Annotated[int, typer.Option("--weight", "-w", help="How much it matters, 1-5.")]


@criteria_app.command("add")
def criteria_add(
    name: Annotated[str, typer.Argument(help="e.g. 'remote work'.")],
    weight: WeightOpt = 3,
    as_json: JsonOpt = False,
) -> None:
    """Add a criterion of your own.

    \b
    Example:
      netjob criteria add "remote work" --weight 5
    """
    from netjob.services import criteria

    added = criteria.add(open_store(), name=name, weight=weight)
    respond(added, as_json, f"Added criterion '{added.name}' (weight {added.weight}).")


@criteria_app.command("weight")
def criteria_weight(
    name: Annotated[str, typer.Argument(help="The criterion.", autocompletion=complete.criteria)],
    weight: Annotated[int, typer.Argument(help="How much it matters, 1-5.")],
    as_json: JsonOpt = False,
) -> None:
    """Change how much a criterion matters.

    \b
    Example:
      netjob criteria weight culture 5
    """
    from netjob.services import criteria

    changed = criteria.set_weight(open_store(), name=name, weight=weight)
    respond(changed, as_json, f"'{changed.name}' now weighs {changed.weight}.")


@criteria_app.command("remove")
def criteria_remove(
    name: Annotated[str, typer.Argument(help="The criterion.", autocompletion=complete.criteria)],
    yes: YesOpt = False,
) -> None:
    """Remove a criterion and the scores given on it (asks first).

    \b
    Example:
      netjob criteria remove team --yes
    """
    from netjob import render
    from netjob.services import criteria

    store = open_store()
    found = next(
        c for c in criteria.list_criteria(store) if c.id == criteria.resolve_criterion(store, name)
    )
    scores = f" and its {found.scores} score(s)" if found.scores else ""
    confirm(
        f"Remove '{found.name}'{scores}?",
        yes=yes,
        refuse=f"Removing '{found.name}'{scores} needs confirmation: pass --yes.",
    )
    criteria.remove(store, name=f"{found.name}")
    render.done(f"Removed criterion '{found.name}'{scores}.")


@app.command("rate")
def rate(
    company: CompanyArg,
    ratings: Annotated[
        list[str] | None,
        typer.Argument(metavar="CRITERION=SCORE...", help="Scores 1-5 on your criteria."),
    ] = None,
    red_flag: RedFlagOpt = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score a company on your criteria (1-5) outside a chat, or note a red flag.

    \b
    Examples:
      netjob rate acme culture=4 growth=3
      netjob rate globex --red-flag "long hours described as normal"
    """
    from netjob import render
    from netjob.services import criteria

    found = criteria.rate(
        open_store(), company=company, ratings=ratings or [], red_flags=red_flag or [], on=when(on)
    )
    respond(found, as_json, render.fit)
