"""Checks output.txt, the output a program written for a case prints: python3 running the
case's program.py as it is (a separate process, numpy's float64, nothing of bpcheck's
runner) prints exactly this text."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..outcome import Outcome

FILE_NAME = "output.txt"


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    out = Outcome(file)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(case_dir / "program.py", Path(tmp) / "program.py")
        run = subprocess.run([sys.executable, "program.py"], cwd=tmp, capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        out.failures.append(f"program.py exits {run.returncode}: {run.stderr.strip().splitlines()[-1:]}")
        return out
    if run.stdout != file.read_text(encoding="utf-8"):
        out.failures.append("python3 program.py prints other text than output.txt")
        return out
    out.summary = f"python3 program.py prints these {len(run.stdout.splitlines())} lines exactly"
    return out
