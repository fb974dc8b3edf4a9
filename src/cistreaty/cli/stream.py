"""stdout and stderr behind the last line of defence (`textsafe.last_line`).

Every command escapes what it prints from files at its own boundary; this wrapper, installed by
`main`, catches anything one of them forgets, before it reaches a terminal or a CI log. Text is
passed on line by line, so a line start is always seen as one.
"""

from __future__ import annotations

import io
import sys

from ..textsafe import last_line


class SafeStream(io.TextIOBase):
    def __init__(self, raw):
        self._raw = raw
        self._tail = ""  # the unfinished last line, not written yet
        self._line_open = False  # part of the current line is already written

    # click and rich look at these to decide whether to wrap or colour the stream.
    @property
    def encoding(self):
        return self._raw.encoding

    @property
    def errors(self):
        return self._raw.errors

    @property
    def buffer(self):
        self.flush()
        return self._raw.buffer

    def isatty(self) -> bool:
        return self._raw.isatty()

    def fileno(self) -> int:
        return self._raw.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        data = self._tail + text
        cut = data.rfind("\n") + 1
        done, self._tail = data[:cut], data[cut:]
        if done:
            self._raw.write(last_line(done, self._line_open))
            self._line_open = False
        return len(text)

    def write_commands(self, text: str) -> int:
        """Whole lines that are workflow commands on purpose: only characters are escaped."""
        self.write("")
        if self._tail:
            self._raw.write(last_line(self._tail + "\n", self._line_open))
            self._tail = ""
        self._raw.write(last_line(text, commands=True))
        self._line_open = not text.endswith("\n")
        return len(text)

    def flush(self) -> None:
        # A tail of blanks stays back: a runner strips them, so the next write decides what the line is.
        if self._tail.strip():
            self._raw.write(last_line(self._tail, self._line_open))
            self._tail, self._line_open = "", True
        self._raw.flush()

    def close(self) -> None:
        if self._tail:
            self._raw.write(last_line(self._tail, self._line_open))
            self._tail = ""
        self._raw.flush()


def install() -> None:
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, SafeStream) and hasattr(stream, "buffer"):
            setattr(sys, name, SafeStream(stream))


def finish() -> None:
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, SafeStream):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
