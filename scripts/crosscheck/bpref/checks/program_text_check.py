"""Checks program.py, a published program's text: it is Python, holds exactly the source
lines program-output.json says, and (for the seed) its numbered lines are the ones the
article's replay in bpref/article_program.py stands for."""

from __future__ import annotations

import ast
from pathlib import Path

from ..input_error import Reader, read_json
from ..outcome import Outcome

FILE_NAME = "program.py"
# Lines of the seed's program that its replay (article_program.py) transcribes, as written.
SEED_LINES = {
    98: "\tLoss = 0.5*np.abs(l2_error)**0.5",
    100: '\tprint("The Current Loss:", 0.5*np.abs(l2_error)**0.5)',
    102: "\tl1_error = l2_delta*W1",
    104: "\tW1 += l2_delta*l1.T",
    105: "\tW0 += l0.T.dot(l1_delta)",
}


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    out = Outcome(file)
    text = file.read_text(encoding="utf-8")
    try:
        ast.parse(text)
    except SyntaxError as e:
        out.failures.append(f"line {e.lineno}: not Python ({e.msg})")
        return out
    po = case_dir / "program-output.json"
    r = Reader(po)
    source = r.obj(read_json(po), "$", ["source"])["source"]
    first, last = source["program"]["firstLine"], source["program"]["lastLine"]
    lines = text.splitlines()
    if len(lines) != last - first + 1:
        out.failures.append(f"{len(lines)} lines, program-output.json says source lines {first}–{last}")
        return out
    if case_dir.name == "bp-worked-example-zh":
        for n, want in SEED_LINES.items():
            if lines[n - first] != want:
                out.failures.append(f"line {n} is {lines[n - first]!r}, the article's is {want!r}")
    out.summary = f"Python, source lines {first}–{last}"
    return out
