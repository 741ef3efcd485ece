"""Checks replay.json (schema "bpcheck-replay", version 2) against bpref's own replays of the
programs, which share nothing with the file's generator (bpcheck runs the program's text
through its runner; bpref replays each program by its formulas, written out in
bpref/article_program.py and bpref/hmkcode_program.py, with a switch per bug):

- numbers: exactly the numbers program-output.json names, in its order; "exact" and
  "exactRerun" are our mpmath value at digits + 40 as numpy prints it, "float64" numpy's own
  printing of our float64 value; "match" is whether each is the printed string;
  "printedBy" the program line that prints it;
- constants: every constant agrees with the case (our replays use the source's numbers);
- ablation: for every variant, our replay with the same bugs undone (the patches mapped to
  our switches) gives the same matched, mismatched and not-printed numbers in both modes,
  and stops (or not) with the same numpy error on the same line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .. import hmkcode_program
from ..article_program import FLOAT64, as_numpy_prints, exact_replay, printed_numbers, replay
from ..binary import mpf_to_fraction
from ..input_error import Reader, read_json
from ..outcome import Outcome

FILE_NAME = "replay.json"
# Extra digits beyond the file's working digits for our exact runs.
HIGH_MARGIN = 40


@dataclass(frozen=True)
class Route:
    """Our replay of one case's program: patches → our switches, and a run giving
    (printed numbers by id, (line, message) where numpy stopped it, or None)."""

    switches: dict[str, str]
    run: Callable[[frozenset[str], int | None], tuple[dict[str, Any], tuple[int, str] | None]]
    printed_by: Callable[[str], int]


def _article_run(fixed: frozenset[str], digits: int | None):
    run = replay(200, fixed, FLOAT64) if digits is None else exact_replay(200, fixed, digits)
    keys = list(printed_numbers())
    ids = _article_ids()
    return {ids[k]: run.printed[key] for k, key in enumerate(keys) if key in run.printed}, run.error


def _article_ids() -> list[str]:
    return [f"e{e}-{a.lower()}" + ("" if a == "loss" else f"-{i}-{j}") for e, a, (i, j) in printed_numbers()]


def _hmkcode_run(fixed: frozenset[str], digits: int | None):
    values = hmkcode_program.replay(fixed) if digits is None else hmkcode_program.exact_replay(fixed, digits)
    return values, None


ROUTES = {
    "bp-worked-example-zh": Route(
        {
            "sqrt-loss": "sqrtLoss",
            "missing-learning-rate": "missingLearningRate",
            "row-l1-error": "rowL1Error",
            "row-broadcast-w0-update": "rowBroadcastW0Update",
        },
        _article_run,
        lambda id: 100 if id.endswith("loss") else 106,
    ),
    "hmkcode-2018": Route({"old-output-weights": "newOutputWeights"}, _hmkcode_run, hmkcode_program.PRINTED_BY.__getitem__),
}


def _float64_prints(x: Any) -> str:
    """numpy's printing of a float64 in an array (dragon4, 8 digits, trailing zeros dropped)."""
    return np.format_float_positional(np.float64(x), precision=8, unique=True, fractional=True, trim=".")


def _exact_prints(x: Any) -> str:
    return as_numpy_prints(mpf_to_fraction(x))


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    r = Reader(file)
    doc = r.obj(read_json(file), "$", ["schema", "version", "case", "settings", "constants", "numbers", "ablation"])
    if doc["schema"] != "bpcheck-replay" or doc["version"] != 2:
        raise r.fail("$.schema", 'expected "bpcheck-replay" version 2')
    out = Outcome(file)
    route = ROUTES.get(doc["case"])
    if route is None:
        out.failures.append(f'no replay of case "{doc["case"]}"\'s program exists in the cross-check')
        return out
    settings = r.obj(doc["settings"], "$.settings", ["digits", "rerunDigits"])
    digits = r.integer(settings["digits"], "$.settings.digits", 10, 100_000) + HIGH_MARGIN
    printed = read_json(case_dir / "program-output.json")["printed"]
    for k, c in enumerate(r.array(doc["constants"], "$.constants")):
        if r.obj(c, f"$.constants[{k}]", ["id", "agrees"])["agrees"] is not True:
            out.failures.append(f"$.constants[{k}] {c['id']}: the program's constant should agree with the case")
    numbers = r.array(doc["numbers"], "$.numbers", 1)
    if [n.get("id") for n in numbers] != [p["id"] for p in printed]:
        out.failures.append("$.numbers: not the printed numbers of program-output.json in their order")
        return out
    exact, _ = route.run(frozenset(), digits)
    doubles, _ = route.run(frozenset(), None)
    for k, (n, p) in enumerate(zip(numbers, printed)):
        where = f"$.numbers[{k}] {p['id']}"
        n = r.obj(n, f"$.numbers[{k}]", ["printed", "printedBy", "exact", "exactRerun", "float64", "match"])
        want = {
            "printed": p["printed"],
            "printedBy": route.printed_by(p["id"]),
            "exact": _exact_prints(exact[p["id"]]),
            "exactRerun": _exact_prints(exact[p["id"]]),
            "float64": _float64_prints(doubles[p["id"]]),
        }
        want["match"] = {"exact": want["exact"] == p["printed"], "float64": want["float64"] == p["printed"]}
        for key, value in want.items():
            if n[key] != value:
                out.failures.append(f"{where}: {key} is {n[key]!r}, our replay gives {value!r}")
    rows = r.array(doc["ablation"], "$.ablation", 1)
    for k, row in enumerate(rows):
        out.failures += _ablation_row(r, row, f"$.ablation[{k}]", route, printed, digits)
    out.summary = (
        f"{len(numbers)} printed numbers replayed (exact and float64 strings, matches, printing lines);"
        f" {len(rows)} ablation variants agree in both modes"
    )
    return out


def _ablation_row(r: Reader, row: Any, p: str, route: Route, printed: list[dict], digits: int) -> list[str]:
    row = r.obj(row, p, ["name", "patches", "exact", "float64"])
    patches = r.array(row["patches"], p + ".patches")
    unknown = [x for x in patches if x not in route.switches]
    if unknown:
        return [f"{p}: patches {unknown} have no switch in our replay"]
    fixed = frozenset(route.switches[x] for x in patches)
    failures = []
    for mode, mode_digits, prints in (("exact", digits, _exact_prints), ("float64", None, _float64_prints)):
        values, error = route.run(fixed, mode_digits)
        want: dict[str, list[str]] = {"matched": [], "mismatched": [], "notPrinted": []}
        for q in printed:
            if q["id"] not in values:
                want["notPrinted"].append(q["id"])
            else:
                want["matched" if prints(values[q["id"]]) == q["printed"] else "mismatched"].append(q["id"])
        got = r.obj(row[mode], f"{p}.{mode}", ["stop", "matched", "mismatched", "notPrinted"])
        for key, ids in want.items():
            if list(got[key]) != ids:
                failures.append(f"{p} {row['name']} ({mode}): {key} is {got[key]}, our replay gives {ids}")
        stop = got["stop"]
        recorded = None if stop is None else (stop["line"], stop["message"])
        if recorded != error or (stop is not None and stop["type"] != "ValueError"):
            failures.append(f"{p} {row['name']} ({mode}): stop is {recorded}, our replay gives {error}")
    return failures
