"""Checks replay.json (schema "bpcheck-replay", version 1) against bpref's own replay of the
article's §4 program (bpref/article_program.py), which shares nothing with the file's
generator.

- settings: numpy's print options are numpy's defaults (those the replay prints with); the
  code's learning rate is 1 and the text's is the 0.01 of §1.2;
- bugs: the same four switches, on the same source lines;
- shapes: (line, expression, shape) of the first epoch's loop body, as written and with
  every bug fixed, are numpy's own in our replay;
- numbers: exactly the numbers the article printed (epoch, array, index, digits); each
  exact value correctly rounded to every recorded digit (min(shownDigits, certifiedDigits)
  digits, against mpmath at digits + 40, certified by a run at digits + 10); its "numpy"
  string is our exact value as numpy prints it; "result" is whether that is the printed
  string;
- ablation: for every variant recorded, our exact replay with the same bugs fixed gives the
  same matched, mismatched and not-printed numbers, and stops (or not) with the same numpy
  shape error on the same line.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..article_program import BUGS, TEXT_LEARNING_RATE, Run, as_numpy_prints, exact_replay, printed_numbers, replay
from ..binary import mpf_to_fraction
from ..input_error import Reader, read_json
from ..outcome import Outcome
from ..recorded_digits import judge_exact
from .program_output_check import REPLAYED

FILE_NAME = "replay.json"
ARRAYS = ("loss", "W0", "W1")
# Extra digits beyond the file's working digits for our two mpmath runs (as for golden.json).
LOW_MARGIN, HIGH_MARGIN = 10, 40

Key = tuple[int, str, tuple[int, int]]


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    r = Reader(file)
    doc = r.obj(read_json(file), "$", ["schema", "version", "case", "settings", "bugs", "shapes", "numbers", "ablation"])
    if doc["schema"] != "bpcheck-replay" or doc["version"] != 1:
        raise r.fail("$.schema", 'expected "bpcheck-replay" version 1')
    out = Outcome(file)
    if doc["case"] not in REPLAYED:
        out.failures.append(f'no replay of case "{doc["case"]}"\'s program exists in the cross-check')
        return out
    settings = r.obj(doc["settings"], "$.settings", ["digits", "guardDigits", "shownDigits", "numpy", "learningRate"])
    shown = r.integer(settings["shownDigits"], "$.settings.shownDigits", 1, 100_000)
    base = max(60, r.integer(settings["digits"], "$.settings.digits", 1, 100_000))
    out.failures += _settings(r, settings)
    out.failures += _bugs(r, doc["bugs"])
    out.failures += _shapes(r, doc["shapes"])
    numbers = _numbers(r, doc["numbers"])
    printed = printed_numbers()
    recorded = {key: digits for _, key, digits in numbers}
    if recorded != printed or len(numbers) != len(printed) or len({i for i, _, _ in numbers}) != len(numbers):
        out.failures.append(_coverage(numbers, printed))
        return out
    epochs = max(epoch for epoch, _, _ in printed)
    out.failures += _judge_numbers(r, doc["numbers"], shown, base, epochs)
    ids = {key: printed_id for printed_id, key, _ in numbers}
    rows = r.array(doc["ablation"], "$.ablation", 1)
    for k, row in enumerate(rows):
        out.failures += _ablation_row(r, row, f"$.ablation[{k}]", ids, base, epochs)
    out.summary = (
        f"{len(numbers)} printed numbers replayed (exact digits, numpy strings, results);"
        f" {len(rows)} ablation variants agree"
    )
    return out


def _settings(r: Reader, settings: dict) -> list[str]:
    failures = []
    options = r.obj(settings["numpy"], "$.settings.numpy", ["precision", "floatmode", "linewidth"])
    mine = np.get_printoptions()
    for key in ("precision", "floatmode", "linewidth"):
        if options[key] != mine[key]:
            failures.append(f"$.settings.numpy.{key} is {options[key]!r}, numpy prints with {mine[key]!r}")
    rates = r.obj(settings["learningRate"], "$.settings.learningRate", ["code", "text"])
    for key, want in (("code", "1"), ("text", TEXT_LEARNING_RATE)):
        if Fraction(r.decimal(rates[key], f"$.settings.learningRate.{key}")) != Fraction(want):
            failures.append(f"$.settings.learningRate.{key} is {rates[key]}, the program's is {want}")
    return failures


def _bugs(r: Reader, bugs: Any) -> list[str]:
    recorded = {}
    for k, bug in enumerate(r.array(bugs, "$.bugs")):
        bug = r.obj(bug, f"$.bugs[{k}]", ["name", "lines"])
        lines = r.array(bug["lines"], f"$.bugs[{k}].lines", 1)
        recorded[r.choice(bug["name"], f"$.bugs[{k}].name", tuple(BUGS))] = tuple(lines)
    if recorded != BUGS:
        return [f"bugs are {recorded}, the replay's switches are {BUGS}"]
    return []


def _shapes(r: Reader, shapes: Any) -> list[str]:
    shapes = r.obj(shapes, "$.shapes", ["asWritten", "corrected"])
    failures = []
    for key, fixed in (("asWritten", frozenset()), ("corrected", frozenset(BUGS))):
        recorded = []
        for k, item in enumerate(r.array(shapes[key], f"$.shapes.{key}", 1)):
            p = f"$.shapes.{key}[{k}]"
            item = r.obj(item, p, ["line", "name", "shape"])
            recorded.append((item["line"], r.string(item["name"], p + ".name"), tuple(_pair(r, item["shape"], p + ".shape"))))
        mine = replay(1, fixed).shapes
        for k, (got, want) in enumerate(zip(recorded, mine)):
            if got != want:
                failures.append(f"$.shapes.{key}[{k}] is line {got[0]} {got[1]} {got[2]}, numpy gives line {want[0]} {want[1]} {want[2]}")
                break
        if len(recorded) != len(mine):
            failures.append(f"$.shapes.{key} has {len(recorded)} lines, the replay {len(mine)}")
    return failures


def _numbers(r: Reader, numbers: Any) -> list[tuple[str, Key, str]]:
    """(printedId, (epoch, array, index), printed digits) of every recorded number."""
    found = []
    for k, n in enumerate(r.array(numbers, "$.numbers", 1)):
        p = f"$.numbers[{k}]"
        n = r.obj(n, p, ["tcId", "printedId", "epoch", "array", "index", "printed", "exact", "certifiedDigits", "numpy", "result"])
        key = (
            r.integer(n["epoch"], p + ".epoch", 1, 10**6),
            r.choice(n["array"], p + ".array", ARRAYS),
            _pair(r, n["index"], p + ".index"),
        )
        found.append((r.string(n["printedId"], p + ".printedId"), key, r.string(n["printed"], p + ".printed")))
    return found


def _coverage(numbers: list[tuple[str, Key, str]], printed: dict[Key, str]) -> str:
    recorded = {key: digits for _, key, digits in numbers}
    for key, digits in printed.items():
        if recorded.get(key) != digits:
            return f"$.numbers: the article prints {digits} at epoch {key[0]} {key[1]}{list(key[2])}, the file records {recorded.get(key)}"
    extra = sorted(set(recorded) - set(printed))
    if extra:
        return f"$.numbers: epoch {extra[0][0]} {extra[0][1]}{list(extra[0][2])} is not a printed number"
    return f"$.numbers: {len(numbers)} entries with {len({i for i, _, _ in numbers})} ids, expected one per printed number ({len(printed)})"


def _judge_numbers(r: Reader, numbers: list, shown: int, base: int, epochs: int) -> list[str]:
    low = exact_replay(epochs, frozenset(), base + LOW_MARGIN)
    high = exact_replay(epochs, frozenset(), base + HIGH_MARGIN)
    failures = []
    if [n["tcId"] for n in numbers] != list(range(1, len(numbers) + 1)):
        failures.append("$.numbers: tcId is not 1..N in file order")
    for k, n in enumerate(numbers):
        p = f"$.numbers[{k}]"
        key = (n["epoch"], n["array"], tuple(n["index"]))
        where = f"{p} {n['printedId']}"
        certified = r.integer(n["certifiedDigits"], p + ".certifiedDigits", 0, 100_000)
        exact = r.decimal(n["exact"], p + ".exact")
        failures += [f"{where}: {m}" for m in judge_exact(exact, min(shown, certified), high.printed[key], low.printed[key])]
        numpy_string = as_numpy_prints(mpf_to_fraction(high.printed[key]))
        if n["numpy"] != numpy_string:
            failures.append(f"{where}: numpy is {n['numpy']!r}, numpy prints the value as {numpy_string!r}")
        result = "match" if numpy_string == n["printed"] else "mismatch"
        if n["result"] != result:
            failures.append(f"{where}: result is {n['result']!r}, the replay gives {result!r}")
    return failures


def _ablation_row(r: Reader, row: Any, p: str, ids: dict[Key, str], base: int, epochs: int) -> list[str]:
    row = r.obj(row, p, ["name", "fixed", "error", "matched", "mismatched", "notPrinted"])
    fixed = frozenset(r.choice(b, f"{p}.fixed[{k}]", tuple(BUGS)) for k, b in enumerate(r.array(row["fixed"], p + ".fixed")))
    where = f"{p} {row['name']}"
    run = exact_replay(epochs, fixed, base)
    failures = []
    want = _sorted_ablation(run, ids)
    for key in ("matched", "mismatched", "notPrinted"):
        got = sorted(r.array(row[key], f"{p}.{key}"))
        if got != want[key]:
            failures.append(f"{where}: {key} is {got}, the replay gives {want[key]}")
    recorded = None
    if row["error"] is not None:
        error = r.obj(row["error"], p + ".error", ["line", "code", "message"])
        recorded = (error["line"], error["message"])
    if recorded != run.error:
        failures.append(f"{where}: error is {recorded}, the replay gives {run.error}")
    return failures


def _sorted_ablation(run: Run, ids: dict[Key, str]) -> dict[str, list[str]]:
    """The printed numbers ``run`` reproduces, prints with other digits, or never prints."""
    printed = printed_numbers()
    groups: dict[str, list[str]] = {"matched": [], "mismatched": [], "notPrinted": []}
    for key, digits in printed.items():
        if key not in run.printed:
            groups["notPrinted"].append(ids[key])
        elif as_numpy_prints(mpf_to_fraction(run.printed[key])) == digits:
            groups["matched"].append(ids[key])
        else:
            groups["mismatched"].append(ids[key])
    return {k: sorted(v) for k, v in groups.items()}


def _pair(r: Reader, value: Any, path: str) -> tuple[int, int]:
    items = r.array(value, path, 2)
    if len(items) != 2:
        raise r.fail(path, "expected [row, column]")
    return (r.integer(items[0], path + "[0]", 0, 10**6), r.integer(items[1], path + "[1]", 0, 10**6))
