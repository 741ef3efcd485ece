"""pytest setup for the cross-check: bpref and the test helpers import from here."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE / "tests")]


def pytest_sessionfinish(session, exitstatus):
    # pytest exits 5 when it collects nothing; keep that a failure and say why.
    if session.testscollected == 0:
        print(f"\ncrosscheck: no tests collected under {HERE / 'tests'}; the cross-check did not run")
