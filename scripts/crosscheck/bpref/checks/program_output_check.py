"""Checks program-output.json (schema "bpcheck-program-output", version 2): the printed
output it records is the source's, and every printed number it names is the number at its
place on its line.

- bp-worked-example-zh: the output lines are the article's §4 output (lines 117–142), as
  transcribed in bpref/article_program.py;
- hmkcode-2018: the output lines are output.txt's (which the output.txt check runs the
  program to confirm);
- every printed number is the n-th number of its line, found by this module's own reading
  of the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..article_program import PRINTED_LINES, PRINTED_OUTPUT
from ..input_error import Reader, read_json
from ..outcome import Outcome

FILE_NAME = "program-output.json"
# The cases whose program is replayed here, by their own routes.
REPLAYED = {"bp-worked-example-zh", "hmkcode-2018"}
# A number of printed output: not part of a word ("W0" holds none, "1th" holds 1).
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def expected_lines(case: str, case_dir: Path) -> list[tuple[int, str]]:
    """(line, text) of the output the source shows."""
    if case == "bp-worked-example-zh":
        return [(PRINTED_LINES[0] + k, t) for k, t in enumerate(PRINTED_OUTPUT.splitlines())]
    text = (case_dir / "output.txt").read_text(encoding="utf-8")
    return [(k + 1, t) for k, t in enumerate(text.splitlines())]


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    r = Reader(file)
    doc = r.obj(read_json(file), "$", ["schema", "version", "case", "output", "printed"])
    if doc["schema"] != "bpcheck-program-output" or doc["version"] != 2:
        raise r.fail("$.schema", 'expected "bpcheck-program-output" version 2')
    out = Outcome(file)
    if doc["case"] not in REPLAYED:
        out.failures.append(f'no replay of case "{doc["case"]}"\'s program exists in the cross-check')
        return out
    output = r.obj(doc["output"], "$.output", ["stdoutLine", "lines"])
    lines = []
    for k, item in enumerate(r.array(output["lines"], "$.output.lines", 1)):
        item = r.obj(item, f"$.output.lines[{k}]", ["line", "text"])
        lines.append((r.integer(item["line"], f"$.output.lines[{k}].line", 1, 10**6), r.string(item["text"], f"$.output.lines[{k}].text")))
    want = expected_lines(doc["case"], case_dir)
    if [n for n, _ in lines] != [n for n, _ in want]:
        out.failures.append(f"output lines are {lines[0][0]}–{lines[-1][0]}, expected {want[0][0]}–{want[-1][0]}")
        return out
    for (n, got), (_, text) in zip(lines, want):
        if got.rstrip() != text.rstrip():
            out.failures.append(f"line {n}: recorded {got!r}, the source shows {text!r}")
    by_line = dict(lines)
    printed = r.array(doc["printed"], "$.printed", 1)
    for k, p in enumerate(printed):
        p = r.obj(p, f"$.printed[{k}]", ["id", "line", "ordinal", "printed"])
        numbers = NUMBER.findall(by_line.get(p["line"], ""))
        if p["ordinal"] >= len(numbers) or numbers[p["ordinal"]] != p["printed"]:
            out.failures.append(f"$.printed[{k}] {p['id']}: {p['printed']!r} is not number {p['ordinal']} of line {p['line']}")
    out.summary = f"the {len(lines)} recorded lines are the source's; its {len(printed)} printed numbers stand where they say"
    return out
