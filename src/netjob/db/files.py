"""Writing files: private to their owner, like the database, and never half-written.

Every file netjob writes (exports, drafts, reviews, backups, a restored
database) goes through :func:`replacing`: the bytes go to a temporary file in
the target's folder (mode 0600), which is synced and then renamed over the
target, and the folder is synced. A crash or a full disk leaves either the old
file or the new one, never a mix or an empty file. A symbolic link at the
target is refused rather than followed. A writer killed half-way (the only way
to leave its temporary file behind) is cleaned up after by the next write to the
same target: it removes the temporary files of that target that no writer holds.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from netjob.errors import Conflict, InvalidInput, NetjobError


def refuse_link(path: Path) -> None:
    """A symbolic link at ``path`` is refused: writing would land wherever it points."""
    if path.is_symlink():
        raise InvalidInput(
            f"{path} is a symbolic link; netjob does not write through links. "
            "Give the real path, or remove the link."
        )


SIDECARS = ("-wal", "-shm", "-journal", ".lock")


def _same(a: Path, b: Path) -> bool:
    """The same file, however spelled (links, relative paths); False if either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.absolute() == b.absolute()


def refuse_overwriting_database(target: Path, database: Path | None) -> None:
    """Refuse to write a file over the open database, one of its sidecar files or a backup
    netjob keeps beside it (``NAME-backup-DAY.db``, ``NAME.before-restore-...``)."""
    if database is None:
        return
    guarded = [database, *(database.with_name(database.name + s) for s in SIDECARS)]
    if any(_same(target, g) for g in guarded):
        raise InvalidInput(
            f"{target} is your netjob database (or one of its files); writing there would "
            "replace it. Choose another file name."
        )
    kept = (f"{database.stem}-backup-", f"{database.name}.before-restore-")
    name = target.name
    beside = _same(target.absolute().parent, database.absolute().parent)
    if name.startswith(kept) and target.exists() and beside:
        raise InvalidInput(
            f"{target} is a backup netjob keeps of your database; choose another file name."
        )


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows opens no folders; its renames are journaled by NTFS
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # Windows syncs only handles open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _discard(temp: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{temp}{extra}")


# What tempfile.mkstemp puts between the prefix and the suffix (8 of these characters).
_RANDOM = "[abcdefghijklmnopqrstuvwxyz0123456789_]" * 8
# A temporary file younger than this may be a writer's that has not locked it yet.
_GRACE_SECONDS = 5.0


def _hold(fd: int) -> None:
    """Mark a temporary file as being written: a lock its writer holds until it is done
    (the system drops it when the process dies). Windows has no flock: there a file
    that is open cannot be removed, which serves the same end."""
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _held(path: Path) -> bool:
    try:
        import fcntl
    except ImportError:
        return False  # removing it fails while it is open (Windows)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True  # gone, or not ours to read: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops the lock just taken
    return False


def remove_stale(target: Path) -> None:
    """Remove the temporary files a killed writer left beside ``target``
    (``.NAME.XXXXXXXX.tmp``, with a database copy's SQLite sidecars)."""
    pattern = os.path.join(glob.escape(str(target.parent)), glob.escape(f".{target.name}."))
    for name in glob.glob(f"{pattern}{_RANDOM}.tmp"):
        temp = Path(name)
        with contextlib.suppress(OSError):
            if time.time() - temp.stat().st_mtime < _GRACE_SECONDS or _held(temp):
                continue
        _discard(temp)


@contextlib.contextmanager
def replacing(target: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Yield an empty private temporary file beside ``target``; when the block ends
    without error it is synced and renamed over ``target``. On error it is removed and
    ``target`` is left exactly as it was.

    With ``overwrite=False`` an existing ``target`` is refused (checked again just before
    the rename)."""
    refuse_link(target)
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name.")
    if not overwrite and target.exists():
        raise Conflict(f"{target} exists; choose another name or remove it first.")
    remove_stale(target)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise NetjobError(f"Cannot write {target}: {error.strerror}.") from None
    _hold(fd)  # mkstemp makes it 0600; the descriptor stays open until the end, locked
    temp = Path(name)
    try:
        yield temp
        sync_file(temp)
        refuse_link(target)
        if not overwrite and target.exists():
            raise Conflict(f"{target} exists; choose another name or remove it first.")
        os.replace(temp, target)
    except OSError as error:
        _discard(temp)
        raise NetjobError(
            f"Cannot write {target}: {error.strerror or error}; it was left as it was."
        ) from None
    except BaseException:
        _discard(temp)
        raise
    finally:
        os.close(fd)
    sync_folder(target.parent)


def write_private(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text is UTF-8) to ``path`` atomically, with mode 0600 (it holds
    other people's names)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(path) as temp, open(temp, "wb") as handle:
        handle.write(raw)
