"""Writing files: private to their owner, like the database, and never half-written.

Every file netjob writes (exports, drafts, reviews, backups, a restored
database) goes through :func:`replacing`: the bytes go to a temporary file in
the target's folder (mode 0600), which is synced and then renamed over the
target, and the folder is synced. A crash or a full disk leaves either the old
file or the new one, never a mix or an empty file. A symbolic link at the
target is refused rather than followed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
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
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise NetjobError(f"Cannot write {target}: {error.strerror}.") from None
    os.close(fd)  # mkstemp makes it 0600
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
    sync_folder(target.parent)


def write_private(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text is UTF-8) to ``path`` atomically, with mode 0600 (it holds
    other people's names)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(path) as temp, open(temp, "wb") as handle:
        handle.write(raw)
