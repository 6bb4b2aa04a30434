"""The Typer application, its error exit point and what commands share.

Start-up is a feature: the CLI modules import only Typer and stdlib modules.
Services, the database layer and Rich tables are imported inside the commands
that need them, so `netjob --help` and `netjob --version` stay fast.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from netjob import __version__
from netjob.cli import complete
from netjob.errors import NetjobError

if TYPE_CHECKING:
    from datetime import date

    from netjob.store import Store

ENV_DEBUG = "NETJOB_DEBUG"


class NetjobGroup(TyperGroup):
    """The single exit point for errors: one line on stderr, never a traceback."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        for arg in args:
            if any("\ud800" <= c <= "\udfff" for c in arg):
                # Python keeps bytes that are not UTF-8 as lone surrogates (U+DC80-DCFF);
                # nothing can store or print them, so refuse before any command runs.
                shown = "".join(
                    f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else c for c in arg
                )
                fail(f"'{shown}' is not UTF-8 text; type it again in UTF-8.", code=2)
        return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        import shlex

        # The command line (without netjob's own options, such as --db) labels what this
        # command records in the undo journal.
        label = shlex.join([*ctx._protected_args, *ctx.args])
        if "://" in label:
            from netjob.pgstore import masked

            label = masked(label)  # a server URL's password is never stored
        _state["label"] = label
        try:
            return super().invoke(ctx)
        except NetjobError as error:
            fail(str(error))
        except KeyboardInterrupt:
            fail("Interrupted; nothing was saved.", code=130)
        except BrokenPipeError:
            _stop_quietly()
        except Exception as error:
            # Typer's own signals (exit, abort, usage errors) pass through.
            if type(error).__module__.split(".")[0] in {"typer", "click"}:
                raise
            if os.environ.get(ENV_DEBUG):
                raise
            fail(_describe_unexpected(error))


def _stop_quietly() -> NoReturn:
    """The reader of stdout went away (`netjob list contacts | head`): stop without a word,
    with status 1 as Rich does. Python's advice: point stdout at /dev/null first, so the
    interpreter's last flush cannot fail again."""
    import contextlib

    # ValueError: no real file descriptor (a test runner's buffer)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(1)


def _could_not_save(reason: str) -> str:
    """A constraint said no: a bug in netjob (or a race), never damage to the file."""
    return (
        f"netjob could not save that: {reason}. Nothing was changed; please report it "
        f"(run again with {ENV_DEBUG}=1 for details)."
    )


def _describe_unexpected(error: Exception) -> str:
    import sqlite3

    path = _state.get("path") or "the database"
    if isinstance(error, sqlite3.IntegrityError):
        return _could_not_save(str(error))
    if isinstance(error, sqlite3.OperationalError):
        reason = str(error)
        if "locked" in reason or "busy" in reason:
            return f"{path} is busy (another netjob is writing); nothing was saved. Try again."
        if "readonly" in reason or "read-only" in reason:
            return f"{path} is read-only; nothing was saved. Check its permissions."
        if "disk is full" in reason or "full" in reason:
            return f"The disk holding {path} is full; nothing was saved."
        if "disk i/o error" in reason.casefold():
            return f"Could not write to {path} (is the disk full?); nothing was saved."
        return f"Database error on {path}: {reason}. Nothing was saved."
    if isinstance(error, sqlite3.DatabaseError):
        return f"{path} looks damaged ({error}). Restore a backup or run with a new --db."
    if isinstance(error, OverflowError):
        return f"A number or date you gave is out of range ({error}); nothing was saved."
    if isinstance(error, OSError):
        return f"{error.strerror or error} ({error.filename or path})."
    if type(error).__module__.startswith("psycopg"):
        import psycopg

        from netjob.paths import resolve_db
        from netjob.pgstore import scrubbed

        text = str(error).strip()
        reason = scrubbed(text.splitlines()[0], str(resolve_db(_state["db"]))) if text else ""
        if isinstance(error, psycopg.IntegrityError):
            return _could_not_save(reason or type(error).__name__)
        return f"Database error on {path}: {reason or type(error).__name__}. Nothing was saved."
    return (
        f"Unexpected error: {type(error).__name__}: {error}. "
        f"Please report it; run again with {ENV_DEBUG}=1 for details."
    )


def fail(message: str, code: int = 1) -> NoReturn:
    from netjob import render

    render.error(message)
    raise typer.Exit(code)


def is_interactive() -> bool:
    """Whether there is a person at a terminal to answer a question."""
    return sys.stdin.isatty()


app = typer.Typer(
    cls=NetjobGroup,
    name="netjob",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
add_app = typer.Typer(help="Add a target company or a contact.", no_args_is_help=True)
list_app = typer.Typer(help="List companies (LAMP order) or contacts.", no_args_is_help=True)
show_app = typer.Typer(help="Show everything about one company or contact.", no_args_is_help=True)
edit_app = typer.Typer(help="Change a company or contact.", no_args_is_help=True)
remove_app = typer.Typer(help="Remove a company or contact.", no_args_is_help=True)
db_app = typer.Typer(help="Where the database is and what it holds.", no_args_is_help=True)
app.add_typer(add_app, name="add")
app.add_typer(list_app, name="list")
app.add_typer(show_app, name="show")
app.add_typer(edit_app, name="edit")
app.add_typer(remove_app, name="remove")
app.add_typer(db_app, name="db")

_state: dict[str, Any] = {"db": None, "path": None, "label": None}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netjob {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="Database file to use (default: NETJOB_DB, else netjob.db in your data folder).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Network into a job: keep your target companies and the people there, and
    find the next move.

    \b
    Start with:
      netjob demo                      see it work on a sample search
      netjob add company "Acme" --motivation 3 --posting 2
      netjob add contact "Jane Doe" --company Acme --how alumni
      netjob list companies            your targets in LAMP order
    """
    _state["db"] = db


def db_path() -> "Path | str":
    """The database in use: a file path, or a server URL."""
    from netjob.paths import checked_db, shown

    target = checked_db(_state["db"])
    _state["path"] = shown(target)
    return target


def open_store() -> "Store":
    from netjob.services.database import open_store as _open

    store = _open(db_path())
    store.journal_label = _state.get("label")
    return store


def today() -> "date":
    from netjob.clock import today as _today

    return _today()


def confirm(question: str, *, yes: bool, refuse: str) -> None:
    """Ask ``question`` unless ``yes``; with no terminal, fail with ``refuse``."""
    if yes:
        return
    if not is_interactive():
        fail(refuse)
    if not typer.confirm(question, default=False, err=True):
        fail("Cancelled; nothing was changed.")


def text_or_note(text: str | None, note: str | None, *, what: str) -> str:
    """The text given positionally (kept for compatibility) or with --note: one of the two."""
    if text is not None and note is not None:
        fail(f"{what} takes its text once: as an argument or with --note, not both.", code=2)
    if text is None and note is None:
        fail(f"{what} needs its text: add it in quotes or with --note.", code=2)
    return text if text is not None else str(note)


# ---------------------------------------------------------------- options

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


def main() -> None:
    """Console-script entry point."""
    app(prog_name="netjob")
