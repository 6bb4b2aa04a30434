"""The options and arguments that several commands share, with their help.

Only Typer and stdlib here: `import netjob.cli` stays light.
"""

import functools
import inspect
import typing
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from netjob.cli import complete

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="A tag (repeatable).")
]
UntagOpt = Annotated[
    list[str] | None, typer.Option("--untag", metavar="TAG", help="Remove a tag (repeatable).")
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


class OptionBlock:
    """Options several commands share (see :func:`gathered`): each annotated class
    attribute is an option, its value the default. (Not a dataclass: that module
    costs start-up time.)"""

    def __init__(self, **values: Any) -> None:
        for name in self.fields():
            setattr(self, name, values.get(name, getattr(type(self), name)))

    @classmethod
    def fields(cls) -> list[str]:
        return [name for klass in reversed(cls.__mro__) for name in inspect.get_annotations(klass)]

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.fields()}


class Edits(OptionBlock):
    """What both edit commands change besides a record's fields: tags and the note."""

    tag: TagOpt = None
    untag: UntagOpt = None
    note: NoteOpt = None


def one_of(choices: type[StrEnum]) -> str:
    """The values of a choice, for its help: 'backlog, active or closed'."""
    values = [str(choice) for choice in choices]
    return f"{', '.join(values[:-1])} or {values[-1]}"


def company_option(help: str) -> Any:
    """A --company/-c option naming a company (it completes from your list)."""
    return typer.Option("--company", "-c", help=help, autocompletion=complete.companies)


Command = Callable[..., Any]


def gathered(name: str, kind: type[OptionBlock]) -> Callable[[Command], Command]:
    """Share a block of options between commands: the command's parameter ``name``, a
    block of options ``kind``, is offered to Typer as the block's options (in its place,
    each with its own option and help), and reaches the command as one ``kind``."""
    fields = kind.fields()
    hints = typing.get_type_hints(kind, include_extras=True)

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        params: list[inspect.Parameter] = []
        for param in signature.parameters.values():
            if param.name != name:
                params.append(param)
                continue
            params += [
                param.replace(name=field, annotation=hints[field], default=getattr(kind, field))
                for field in fields
            ]

        @functools.wraps(command)
        def run(**given: Any) -> Any:
            given[name] = kind(**{field: given.pop(field) for field in fields})
            return command(**given)

        run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        run.__annotations__["return"] = signature.return_annotation
        del run.__wrapped__  # Typer reads the signature above, not the command's own
        return run

    return decorate
