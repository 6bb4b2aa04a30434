"""`netjob merge contact|company KEEP OTHER`: one record that arrived twice, made one."""

from typing import Annotated, Any

import typer

from netjob.cli import complete
from netjob.cli.base import confirm, merge_app, open_store, respond, today
from netjob.cli.options import JsonOpt, YesOpt


def _said(kind: str, merged: Any) -> str:
    moved = f", with {merged.entries} log entr{'y' if merged.entries == 1 else 'ies'}"
    return (
        f"Merged {kind} #{merged.other.id} {merged.other.name} into #{merged.kept.id} "
        f"{merged.kept.name}{moved if merged.entries else ''}; undo reverts it."
    )


@merge_app.command("contact")
def merge_contact(
    keep: Annotated[
        str,
        typer.Argument(
            metavar="KEEP", help="The contact to keep.", autocompletion=complete.contacts
        ),
    ],
    other: Annotated[
        str,
        typer.Argument(
            metavar="OTHER", help="The contact merged into it.", autocompletion=complete.contacts
        ),
    ],
    yes: YesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Merge contact OTHER into KEEP: every entry, note, lead, network link, reminder and
    tag moves to KEEP, which takes the emails, URLs and fields it lacks; OTHER goes.

    \b
    Examples:
      netjob list contacts --duplicates
      netjob merge contact "Jane Doe" "#42" --yes
    """
    _merge("contact", keep, other, yes=yes, as_json=as_json)


@merge_app.command("company")
def merge_company(
    keep: Annotated[
        str,
        typer.Argument(
            metavar="KEEP", help="The company to keep.", autocompletion=complete.companies
        ),
    ],
    other: Annotated[
        str,
        typer.Argument(
            metavar="OTHER", help="The company merged into it.", autocompletion=complete.companies
        ),
    ],
    yes: YesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Merge company OTHER into KEEP: its people, entries, ratings, reminders and tags move
    to KEEP (whose scores and status stay); OTHER goes.

    \b
    Examples:
      netjob list companies --duplicates
      netjob merge company "Acme Inc." "Acme Robotics" --yes
    """
    _merge("company", keep, other, yes=yes, as_json=as_json)


def _merge(kind: str, keep: str, other: str, *, yes: bool, as_json: bool) -> None:
    """Ask (unless --yes), then merge OTHER into KEEP with the service for ``kind``."""
    from netjob.services import resolve
    from netjob.services.corrections import merge

    store, now = open_store(), today()
    find = resolve.contact if kind == "contact" else resolve.company
    join = merge.contacts if kind == "contact" else merge.companies
    kept, gone = find(store, keep), find(store, other)
    if kept.id == gone.id:
        join(store, keep=f"#{kept.id}", other=f"#{gone.id}", today=now)  # refuses, saying why
    confirm(
        f"Merge {gone.label} (#{gone.id}) into {kept.label} (#{kept.id})?",
        yes=yes,
        refuse=f"Merging {gone.label} into {kept.label} needs confirmation: pass --yes.",
    )
    merged = join(store, keep=f"#{kept.id}", other=f"#{gone.id}", today=now)
    respond(merged, as_json, _said(kind, merged))
