"""Opening the user's editor on a text, like `git commit` does."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from netjob.errors import NetjobError


def editor_command() -> list[str]:
    raw = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(raw)


def edit(text: str, *, suffix: str = ".txt") -> str | None:
    """The edited text, or None if the editor left the file unchanged.

    The file is private (0600): chat notes can be confidential.
    """
    fd, name = tempfile.mkstemp(prefix="netjob-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        before = path.stat().st_mtime_ns
        command = [*editor_command(), str(path)]
        try:
            done = subprocess.run(command, check=False)
        except FileNotFoundError:
            raise NetjobError(
                f"Cannot start the editor '{command[0]}'; set EDITOR, or pass the notes as "
                "options (see --help)."
            ) from None
        if done.returncode != 0:
            raise NetjobError(f"The editor exited with status {done.returncode}; nothing saved.")
        edited = path.read_text(encoding="utf-8")
        if path.stat().st_mtime_ns == before and edited == text:
            return None
        return edited
    finally:
        path.unlink(missing_ok=True)
