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

    def line(self) -> str:
        if self.skipped is not None:
            return f"skip {self.file}: {self.skipped}"
        if self.ok:
            return f"ok   {self.file}: {self.summary}"
        more = f" (and {len(self.failures) - 1} more)" if len(self.failures) > 1 else ""
        return f"FAIL {self.file}: {self.failures[0]}{more}"
