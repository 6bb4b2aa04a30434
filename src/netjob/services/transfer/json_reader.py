"""Reading a netjob JSON export a row at a time, so memory does not grow with the file.

An export is one object: a few header members, then ``"tables": {name: [row, ...]}``.
:class:`ExportReader` reads the header members up to ``"tables"``, then yields each
table's rows as they come, each row decoded by the standard library's (C) decoder.
Anything it does not expect (the header after the tables, a table that is not a list,
broken JSON, text after the object) raises :class:`Unstreamable`; the caller then reads
the file whole with :func:`json.loads`, which gives the same errors as before (and the
same result for a valid file in an unusual layout).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

CHUNK = 1 << 20  # characters read at a time
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class Unstreamable(Exception):
    """The file is not laid out as netjob writes it: read it whole instead."""


class ExportReader:
    """The members of a JSON export, streamed. Use as a context manager."""

    def __init__(self, path: Path, progress: Callable[[int, int], None] | None = None) -> None:
        self.path = path
        self.size = path.stat().st_size
        self.progress = progress
        self.handle: TextIO = open(path, encoding="utf-8")  # noqa: SIM115
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self.read = 0  # characters read so far (for the progress bar: about the bytes)

    def __enter__(self) -> ExportReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    # ------------------------------------------------------------ the buffer

    def _fill(self) -> bool:
        """Read more of the file; False at its end."""
        if self.eof:
            return False
        try:
            chunk = self.handle.read(CHUNK)
        except (UnicodeDecodeError, ValueError) as error:
            raise Unstreamable(str(error)) from None
        if not chunk:
            self.eof = True
            if self.progress is not None:
                self.progress(self.size, self.size)
            return False
        self.read += len(chunk)
        if self.pos > CHUNK:  # drop what has been read
            self.buffer = self.buffer[self.pos :]
            self.pos = 0
        self.buffer += chunk
        if self.progress is not None:
            self.progress(min(self.read, self.size), self.size)
        return True

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            self.pos = _SPACE.match(self.buffer, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._fill():
                return ""

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise Unstreamable(f"expected {char!r}")
        self.pos += 1

    def _value(self) -> Any:
        """The next JSON value (a row, a key, a header value)."""
        self._peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except RecursionError:
                raise Unstreamable("too deep") from None
            except ValueError:  # JSONDecodeError, or a number too long to read
                if self._fill():
                    continue
                raise Unstreamable("not JSON") from None
            if end >= len(self.buffer) and self._fill():
                continue  # a number may go on in the next chunk: decode it again
            self.pos = end
            return value

    def _comma_or(self, close: str) -> bool:
        """After a member: True if another follows, False at ``close``."""
        char = self._peek()
        self.pos += 1
        if char == ",":
            return True
        if char == close:
            return False
        raise Unstreamable(f"expected ',' or {close!r}")

    # ------------------------------------------------------------ the export

    def header(self) -> dict[str, Any]:
        """The members before ``"tables"`` (the reader then stands at the tables)."""
        found: dict[str, Any] = {}
        self._expect("{")
        if self._peek() == "}":
            raise Unstreamable("no tables")
        while True:
            key = self._value()
            self._expect(":")
            if key == "tables":
                return found
            found[key] = self._value()
            if not self._comma_or("}"):
                raise Unstreamable("no tables")

    def tables(self) -> Iterator[tuple[str, Iterator[Any]]]:
        """Each table's name and its rows, in the file's order; each table's rows must be
        read before the next table is asked for."""
        self._expect("{")
        if self._peek() == "}":
            self.pos += 1
        else:
            while True:
                name = self._value()
                if not isinstance(name, str):
                    raise Unstreamable("a table name is not text")
                self._expect(":")
                if self._peek() != "[":
                    raise Unstreamable("a table is not a list")
                self.pos += 1
                yield name, self._rows()
                if not self._comma_or("}"):
                    break
        while self._comma_or("}"):  # members after the tables: read, unused
            self._value()
            self._expect(":")
            self._value()
        if self._peek() != "":
            raise Unstreamable("text after the export")

    def _rows(self) -> Iterator[Any]:
        if self._peek() == "]":
            self.pos += 1
            return
        while True:
            if self.batched:
                yield from self._batch()
            yield self._value()
            if not self._comma_or("]"):
                return

    batched = True  # until a batch fails: then a row at a time to the end

    def _batch(self) -> list[Any]:
        """The rows from here up to the last line break after a comma in the buffer (and
        before the table's end), read in one call: netjob writes a row to a line. A JSON
        string holds no raw line break, so such a cut falls between two values; if they
        are not whole rows (an indented file), the batch fails and rows are read one at a
        time from then on."""
        if len(self.buffer) - self.pos < CHUNK // 2:
            self._fill()
        # where an array ends ("]" then a line break is never inside a string): the
        # table's end, unless a row holds an array (then the batch fails)
        ends = [n for n in (self.buffer.find(e, self.pos) for e in ("],\n", "]\n")) if n >= 0]
        cut = self.buffer.rfind(",\n", self.pos, min(ends, default=len(self.buffer)))
        if cut <= self.pos:
            return []
        try:
            rows = _DECODER.decode("[" + self.buffer[self.pos : cut] + "]")
        except (ValueError, RecursionError):
            self.batched = False
            return []
        self.pos = cut + 1  # past the comma
        return list(rows)
