"""Checks program-output.json (schema "bpcheck-program-output", version 1): the printed
output it records, line by line, is what the article's §4 program prints when replayed
here (bpref/article_program.py). Only "output" ({line, text} items) is judged; the
program's annotations (notes and the rest) are facts about the source, not computations."""

from __future__ import annotations

from pathlib import Path

from ..article_program import PRINTED_LINES, replay_differences
from ..input_error import Reader, read_json
from ..outcome import Outcome

FILE_NAME = "program-output.json"
# The cases whose source program is replayed here.
REPLAYED = {"bp-worked-example-zh"}


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    r = Reader(file)
    doc = r.obj(read_json(file), "$", ["schema", "version", "case", "output"])
    if doc["schema"] != "bpcheck-program-output" or doc["version"] != 1:
        raise r.fail("$.schema", 'expected "bpcheck-program-output" version 1')
    out = Outcome(file)
    if doc["case"] not in REPLAYED:
        out.failures.append(f'no replay of case "{doc["case"]}"\'s program exists in the cross-check')
        return out
    lines = []
    for k, item in enumerate(r.array(doc["output"], "$.output", 1)):
        item = r.obj(item, f"$.output[{k}]", ["line", "text"])
        lines.append((r.integer(item["line"], f"$.output[{k}].line", 1, 10**6), r.string(item["text"], f"$.output[{k}].text")))
    numbers = [n for n, _ in lines]
    if numbers != list(range(PRINTED_LINES[0], PRINTED_LINES[1] + 1)):
        out.failures.append(f"output lines are {numbers[0]}–{numbers[-1]}, expected {PRINTED_LINES[0]}–{PRINTED_LINES[1]}")
        return out
    out.failures += replay_differences("\n".join(text for _, text in lines) + "\n")
    out.summary = f"the replayed program prints the {len(lines)} recorded lines digit for digit"
    return out
