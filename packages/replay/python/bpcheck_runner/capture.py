"""The program's stdout, captured line by line with the program line that printed each."""

from __future__ import annotations

import sys
from typing import Any

PROGRAM_FILENAME = "<program>"


class OutputLimit(BaseException):
    """The program printed more than the runner keeps (a BaseException, so `except Exception` cannot swallow it)."""


class OutputComplete(BaseException):
    """The program has printed every line asked for: the run stops there, since nothing it
    prints later is read (a BaseException, as OutputLimit)."""


def program_line() -> int | None:
    """The line of the program being executed by the innermost program frame on the stack."""
    frame: Any = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == PROGRAM_FILENAME:
            return frame.f_lineno
        frame = frame.f_back
    return None


class LineRecorder:
    """A text stream for sys.stdout: keeps each line's text and the program line whose write
    began it; with `stop_after_lines`, raises OutputComplete once that many lines have ended."""

    def __init__(self, limit_chars: int, stop_after_lines: int | None = None) -> None:
        self.lines: list[dict[str, Any]] = []
        self._text: list[str] = []
        self._line: int | None = None
        self._open = False
        self._chars = 0
        self._limit = limit_chars
        self._stop_after = stop_after_lines

    def write(self, s: str) -> int:
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if self.complete():  # a write from the program's own `finally:` or `except BaseException:`
            raise OutputComplete
        self._chars += len(s)
        if self._chars > self._limit:
            raise OutputLimit(f"the program printed more than {self._limit} characters")
        line = program_line()
        pieces = s.split("\n")
        for k, piece in enumerate(pieces):
            if k > 0:
                self._end_line()
                if self.complete():
                    raise OutputComplete
            # A line begins with the first write that puts text or its newline on it.
            if not self._open and (piece or k < len(pieces) - 1):
                self._open, self._line = True, line
            self._text.append(piece)
        return len(s)

    def _end_line(self) -> None:
        self.lines.append({"text": "".join(self._text), "line": self._line})
        self._text, self._line, self._open = [], None, False

    def complete(self) -> bool:
        """Every line asked for has ended."""
        return self._stop_after is not None and len(self.lines) >= self._stop_after

    def finish(self) -> list[dict[str, Any]]:
        """Every line written; a last line without its newline counts as a line."""
        if self._open and "".join(self._text):
            self._end_line()
        return self.lines

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True
