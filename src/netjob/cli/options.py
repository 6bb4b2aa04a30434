"""The options and arguments that several commands share, with their help.

Only Typer and stdlib here: `import netjob.cli` stays light.
"""

from typing import Annotated

import typer

from netjob.cli import complete

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="A tag (repeatable).")
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Free text note.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
CompanyArg = Annotated[
    str,
    typer.Argument(
        metavar="COMPANY", help="Company name, prefix or #id.", autocompletion=complete.companies
    ),
]
ContactArg = Annotated[
    str,
    typer.Argument(
        metavar="CONTACT", help="Contact name, prefix or #id.", autocompletion=complete.contacts
    ),
]
MotivationOpt = Annotated[
    int | None,
    typer.Option("--motivation", "-m", help="0-3 gut score (0 = don't know enough yet)."),
]
PostingOpt = Annotated[
    int | None,
    typer.Option("--posting", "-p", help="3 relevant posting open, 2 some posting, 1 none."),
]
AdvocacyOpt = Annotated[
    bool | None,
    typer.Option(
        "--advocacy/--no-advocacy",
        help="Is there a plausible advocate (alumnus, friend, shared affinity)?",
        show_default=False,
    ),
]
CreateCompanyOpt = Annotated[
    bool,
    typer.Option("--create-company", help="Add the company to your list if it is not there."),
]

DATES = "YYYY-MM-DD, today, yesterday, -3d, -1w or a weekday (mon = the last Monday)"
OnOpt = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help=f"When it happened (default today): {DATES}."),
]
TargetArg = Annotated[
    str,
    typer.Argument(
        metavar="TARGET",
        help="Contact (or, with --company, company) name, prefix or #id.",
        autocompletion=complete.targets,
    ),
]
IsCompanyOpt = Annotated[
    bool, typer.Option("--company", help="TARGET is a company, not a contact.")
]

LIST_LIMIT = 50  # rows a human listing shows without --all
AllOpt = Annotated[
    bool,
    typer.Option("--all", "-a", help="Every row, printed as it is read (no table)."),
]
