"""require.py: silent and exit 0 when numpy, mpmath and pytest import; otherwise one line
naming what to install and exit 1 (never a skip)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REQUIRE = Path(__file__).resolve().parents[1] / "require.py"


def test_with_every_package_present_it_prints_nothing_and_exits_0():
    result = subprocess.run([sys.executable, str(REQUIRE)], capture_output=True, text=True, timeout=30)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_without_site_packages_it_names_the_missing_packages_in_one_line():
    # -S leaves out site-packages, where numpy, mpmath and pytest are installed.
    result = subprocess.run([sys.executable, "-S", str(REQUIRE)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "crosscheck: missing Python packages numpy, mpmath, pytest; install them: python3 -m pip install numpy mpmath pytest"
    ]
