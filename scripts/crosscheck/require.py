"""Fails with one line naming what to install when the cross-check cannot run.

Run before pytest so that a missing module never turns into a silent skip or a page of
import errors.
"""

from __future__ import annotations

import importlib.util
import sys

REQUIRED = ("numpy", "mpmath", "pytest")


def missing() -> list[str]:
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


if __name__ == "__main__":
    if sys.version_info < (3, 10):
        print(f"crosscheck: needs Python 3.10 or later (found {sys.version.split()[0]}); install python3 >= 3.10")
        sys.exit(1)
    absent = missing()
    if absent:
        print(f"crosscheck: missing Python packages {', '.join(absent)}; install them: python3 -m pip install {' '.join(absent)}")
        sys.exit(1)
