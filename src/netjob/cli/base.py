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

from netjob import __version__
from netjob.cli.helptext import HelpGroup, NetjobTyper, rich_help
from netjob.errors import NetjobError

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime

    from netjob.cli.options import Edits
    from netjob.db.store import Store

ENV_DEBUG = "NETJOB_DEBUG"


class NetjobGroup(HelpGroup):
    """The single exit point for errors: one line on stderr, never a traceback."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        for arg in args:
            if "\x00" in arg:  # no path, name or note can hold one (the OS would refuse)
                shown = arg.replace("\x00", "\\x00")
                fail(f"'{shown}' holds a NUL byte (\\x00); give it without one.", code=2)
            if any("\ud800" <= c <= "\udfff" for c in arg):
                # Python keeps bytes that are not UTF-8 as lone surrogates (U+DC80-DCFF);
                # nothing can store or print them, so refuse before any command runs.
                shown = "".join(
                    f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else c for c in arg
                )
                fail(f"'{shown}' is not UTF-8 text; type it again in UTF-8.", code=2)
        return super().make_context(info_name, args, parent, **extra)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        rich_help(self, lambda: super(NetjobGroup, self).format_help(ctx, formatter))

    def invoke(self, ctx: Any) -> Any:
        import shlex

        # The command line (without netjob's own options, such as --db) labels what this
        # command records in the undo journal.
        label = shlex.join([*ctx._protected_args, *ctx.args])
        if "://" in label:
            from netjob.db.pg import masked

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

        from netjob.db.pg import scrubbed
        from netjob.paths import resolve_db

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


def _ascii_int(value: Any) -> int:
    """int() that takes only ASCII digits: Python's also reads Arabic-Indic and fullwidth
    digits, so `done` with an Arabic-Indic 3 would act on item 3."""
    if isinstance(value, str) and not value.strip().lstrip("+-").isascii():
        raise ValueError(value)
    return int(value)


def _only_ascii_numbers() -> None:
    """Every whole-number option and argument (ids, item numbers, scores, limits) reads
    ASCII digits only. Typer's parameter types are the vendored Click's; their conversion
    goes through ``IntParamType._number_class`` (tests/test_inert.py checks it holds)."""
    from typer._click import types

    types.IntParamType._number_class = staticmethod(_ascii_int)  # type: ignore[assignment]


_only_ascii_numbers()


app = NetjobTyper(
    cls=NetjobGroup,
    name="netjob",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _group(name: str, help: str) -> typer.Typer:
    """A command group (`netjob NAME ...`); groups are listed in the order made here."""
    group = NetjobTyper(cls=HelpGroup, help=help, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


add_app = _group("add", "Add a target company or a contact.")
list_app = _group("list", "List companies (LAMP order) or contacts.")
show_app = _group("show", "Show everything about one company or contact.")
edit_app = _group("edit", "Change a company, a contact or a log entry.")
remove_app = _group("remove", "Remove a company, a contact or a log entry.")
merge_app = _group("merge", "Make two records of one person or employer one.")
db_app = _group("db", "Where the database is and what it holds.")
settings_app = _group(
    "settings", "Every threshold of the method (3B7 days, targets, weights) is a setting."
)
import_app = _group(
    "import", "Bring data in: LinkedIn connections and messages, mail, calendars, a JSON export."
)
export_app = _group("export", "Take your data out: JSON (everything) or CSV.")
log_app = _group(
    "log",
    "Record what happened: outreach, replies, chats, thank-yous, referrals, applications.",
)
chat_app = _group("chat", "Mark a scheduled chat as held, move it or cancel it.")
advice_app = _group("advice", "Track advice from chats that you acted on.")
criteria_app = _group("criteria", "Your own criteria for judging a company, weighted 1-5.")

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


def output_path(output: Path) -> Path:
    """A file a command is about to write, refused if it is the database (its sidecars, a
    link to it, another spelling of its path) or a backup netjob keeps of it."""
    from netjob.db.files import refuse_overwriting_database

    target = db_path()
    refuse_overwriting_database(output, target if isinstance(target, Path) else None)
    return output


def open_store() -> "Store":
    from netjob.db.open import open_store as _open

    store = _open(db_path())
    store.journal_label = _state.get("label")
    return store


def now() -> "datetime":
    from netjob.clock import now as _now

    return _now()


def today() -> "date":
    from netjob.clock import today as _today

    return _today()


def when(text: str | None, *, future: bool = False) -> "date":
    """The day a --on/--until option names (today when not given); a bare weekday
    means the last one, or with ``future`` the next one."""
    from netjob.engine.dates import Towards, parse_day

    now = today()
    if text is None:
        return now
    return parse_day(text, today=now, towards=Towards.FUTURE if future else Towards.PAST)


def given(**values: Any) -> dict[str, Any]:
    """The values an option gave (not None): what an edit changes."""
    return {key: value for key, value in values.items() if value is not None}


def edited(
    what: str,
    action: "Callable[..., Any]",
    as_json: bool,
    edits: "Edits",
    *,
    changes: dict[str, Any],
    **given: Any,
) -> None:
    """Change a company or contact with the service ``action``: ``changes`` to its
    fields, ``edits`` to its tags and note; then say so."""
    from netjob.engine.words import sentence

    changes = {**changes, **({} if edits.note is None else {"note": edits.note})}
    updated = action(
        open_store(),
        today=today(),
        changes=changes,
        add_tags=edits.tag,
        remove_tags=edits.untag,
        **given,
    )
    respond(updated, as_json, sentence(f"Updated {what} #{updated.id} {updated.name}"))


def jsonable(data: Any) -> Any:
    """``data`` as JSON values: through its ``to_json()``, item by item for a list."""
    if isinstance(data, list):
        return [jsonable(item) for item in data]
    return data.to_json() if hasattr(data, "to_json") else data


def respond(data: Any, as_json: bool, human: "str | Callable[[Any], object]") -> None:
    """Print what a command found or did: ``data`` as JSON with --json, else ``human``
    (a sentence saying what was done, or a function that draws ``data``)."""
    from netjob import render

    if as_json:
        render.emit_json(jsonable(data))
    elif isinstance(human, str):
        render.done(human)
    else:
        human(data)


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


def main() -> None:
    """Console-script entry point."""
    import gc

    # A command lives for a fraction of a second and makes few reference cycles, but
    # reading a large search makes hundreds of thousands of objects that would be scanned
    # again and again: collecting rarely saves up to a third of that time (mypy does the
    # same).
    gc.set_threshold(100_000, 50, 100)
    try:
        app(prog_name="netjob")
    finally:
        gc.freeze()  # else the exit's last full collection walks every object once more
