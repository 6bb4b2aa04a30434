"""Writing files the user asked for: private to their owner, like the database."""

from __future__ import annotations

import os
from pathlib import Path

from netjob.errors import NetjobError


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` with mode 0600 (it holds other people's names)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(path, 0o600)
    except OSError as error:
        raise NetjobError(f"Cannot write {path}: {error.strerror}.") from None
