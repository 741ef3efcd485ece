"""Checks trajectories.json (schema "bpcheck-trajectories", version 1): the corrected
program, i.e. the case's network trained by bpref's engine (its loss, batch mode and update
order from case.json) for ``settings.epochs`` epochs at each group's learning rate.

For every recorded value (loss@epoch[e] for e = 1..epochs, then every final weight
W[l][j][i] in canonical order):
- exact: correctly rounded to every recorded digit (min(shownDigits, certifiedDigits) digits)
  agrees with mpmath at digits + 40, certified by a run at digits + 10;
- float64: numpy's own float64 training lies within FLOAT64_ULP_BOUND ulps of the recorded
  value rounded to binary64. A loss ½(y − ŷ)² of one output cancels as ŷ approaches y (at
  rate 1 it falls to 4e-12, and numpy's value is then ~4·10^5 of its own ulps away although
  ŷ is right to an ulp), so for a half-sse case with one sample and one output each loss is
  judged through the error it stands for, e = √(2L) = |y − ŷ|: numpy's e within
  FLOAT64_ULP_BOUND ulps of y (the spacing of binary64 numbers at |y|).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import numpy as np

from ..binary import BINARY64, mpf_to_fraction, round_to_binary, ulp_distance
from ..case_file import Case, read_case
from ..engine import Training, train
from ..input_error import Reader, read_json
from ..number_systems import exact, float64
from ..outcome import Outcome
from ..recorded_digits import judge_exact
from ..quantities import training_quantities
from .golden_check import FLOAT64_ULP_BOUND, HIGH_MARGIN, LOW_MARGIN

FILE_NAME = "trajectories.json"


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    r = Reader(file)
    doc = r.obj(read_json(file), "$", ["schema", "version", "case", "settings", "groups"])
    if doc["schema"] != "bpcheck-trajectories" or doc["version"] != 1:
        raise r.fail("$.schema", 'expected "bpcheck-trajectories" version 1')
    case = read_case(case_dir / "case.json")
    out = Outcome(file)
    if doc["case"] != case.id:
        out.failures.append(f'$.case is "{doc["case"]}" but case.json has id "{case.id}"')
        return out
    settings = r.obj(doc["settings"], "$.settings", ["digits", "guardDigits", "shownDigits", "epochs"])
    base = max(60, r.integer(settings["digits"], "$.settings.digits", 1, 100_000))
    shown = r.integer(settings["shownDigits"], "$.settings.shownDigits", 1, 100_000)
    epochs = r.integer(settings["epochs"], "$.settings.epochs", 1, 100_000)
    worst = {"weight": 0.0, "loss": 0.0}
    groups = r.array(doc["groups"], "$.groups", 1)
    count = 0
    for g, group in enumerate(groups):
        p = f"$.groups[{g}]"
        group = r.obj(group, p, ["id", "learningRate", "loss", "final"])
        rate = r.decimal(group["learningRate"], p + ".learningRate")
        records = _records(r, group, p)
        high = trajectory(case, rate, epochs, base + HIGH_MARGIN)
        expected = [name for name, _ in high]
        recorded = [name for name, _, _, _ in records]
        if recorded != expected:
            out.failures.append(f"{p}: {_first_difference(recorded, expected)}")
            continue
        low = trajectory(case, rate, epochs, base + LOW_MARGIN)
        doubles = trajectory(case, rate, epochs, None)
        for k, (name, value, certified, where) in enumerate(records):
            where = f"{where} {name} (rate {rate})"
            out.failures += [f"{where}: {m}" for m in judge_exact(value, min(shown, certified), high[k][1], low[k][1])]
            kind, distance = float64_distance(case, name, value, doubles[k][1])
            worst[kind] = max(worst[kind], distance)
            if distance > FLOAT64_ULP_BOUND:
                unit = "ulps of y (loss judged through √(2L))" if kind == "loss" and _loss_by_root(case) else "ulps"
                out.failures.append(
                    f"{where}: numpy float64 {float(doubles[k][1])!r} is {distance:.3g} {unit} from {value}"
                    f" (bound {FLOAT64_ULP_BOUND})"
                )
        count += len(records)
    out.summary = (
        f"{count} values at {len(groups)} learning rates agree to their digits; numpy float64 within"
        f" {worst['weight']:g} ulps (weights) and {worst['loss']:.3g} ulps"
        f"{' of y (√(2L))' if _loss_by_root(case) else ''} (losses)"
    )
    return out


# Trajectories computed in this process, by (network, data and training of the case, rate,
# epochs, digits): the tests check several copies of the same case.
_computed: dict[tuple, list[tuple[str, Any]]] = {}


def trajectory(case: Case, rate: str, epochs: int, digits: int | None) -> list[tuple[str, Any]]:
    """(name, value) of loss@epoch[1..epochs] and the final weights W[l][j][i], the case
    trained at ``rate`` for ``epochs`` epochs in mpmath at ``digits`` digits (numpy float64
    when None); computed once per process."""
    key = (repr((case.layers, case.loss, case.data, case.batch, case.update_order, case.update_biases)), rate, epochs, digits)
    if key not in _computed:
        N = float64() if digits is None else exact(digits)
        training = Training(N.from_decimal(rate), epochs, case.batch, case.update_order, case.update_biases)
        curve, final = train(N, case.network(N), case.samples(N), training)
        quantities = training_quantities(curve, final)
        _computed[key] = [(name.removesuffix("@final"), v) for name, v in quantities if not name.startswith("b[")]
    return _computed[key]


def float64_distance(case: Case, name: str, recorded: str, double: Any) -> tuple[str, float]:
    """("loss" | "weight", distance) between numpy's float64 value and the recorded one:
    binary64 ulps from the recorded value rounded to binary64, except for the losses of a
    half-sse case with one sample and one output, whose e = √(2L) are compared in units of
    the binary64 spacing at |y|."""
    kind = "loss" if name.startswith("loss@") else "weight"
    if kind == "loss" and _loss_by_root(case):
        ctx = mpmath.MPContext()
        ctx.dps = 60
        root = lambda q: ctx.sqrt(2 * ctx.mpf(q.numerator) / q.denominator)  # noqa: E731
        difference = mpf_to_fraction(abs(root(Fraction(float(double))) - root(Fraction(recorded))))
        spacing = Fraction(float(np.spacing(abs(np.float64(case.data[0][1][0])))))
        return kind, float(difference / spacing)
    return kind, ulp_distance(float(double), round_to_binary(Fraction(recorded), BINARY64))


def _loss_by_root(case: Case) -> bool:
    return case.loss == "half-sse" and len(case.data) == 1 and len(case.data[0][1]) == 1


def _records(r: Reader, group: dict, p: str) -> list[tuple[str, str, int, str]]:
    """(name, value, certifiedDigits, JSON path) of the group's losses, then its final weights."""
    records = []
    for key in ("loss", "final"):
        for k, item in enumerate(r.array(group[key], f"{p}.{key}", 1)):
            q = f"{p}.{key}[{k}]"
            item = r.obj(item, q, ["name", "value", "certifiedDigits"])
            records.append(
                (
                    r.string(item["name"], q + ".name"),
                    r.decimal(item["value"], q + ".value"),
                    r.integer(item["certifiedDigits"], q + ".certifiedDigits", 0, 100_000),
                    q,
                )
            )
    return records


def _first_difference(recorded: list[str], expected: list[str]) -> str:
    for k, (got, want) in enumerate(zip(recorded, expected)):
        if got != want:
            return f"value {k + 1} is {got}, expected {want}"
    return f"{len(recorded)} values, expected {len(expected)}"

