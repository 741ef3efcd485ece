"""The result of checking one file: a one-line summary and the failures, if any."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Outcome:
    file: Path
    summary: str = ""
    failures: list[str] = field(default_factory=list)
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    def line(self, base: Path | None = None) -> str:
        """One line: "ok", "skip" or "FAIL", the file (relative to base when inside it), and
        the summary, the reason for skipping, or the first failure and how many follow."""
        file = self.file
        if base is not None and file.is_relative_to(base):
            file = file.relative_to(base)
        if self.skipped is not None:
            return f"skip {file}: {self.skipped}"
        if self.ok:
            return f"ok   {file}: {self.summary}"
        more = f" (and {len(self.failures) - 1} more)" if len(self.failures) > 1 else ""
        return f"FAIL {file}: {self.failures[0]}{more}"
