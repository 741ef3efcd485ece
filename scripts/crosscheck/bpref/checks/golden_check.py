"""Checks golden.json against this package's own derivation.

For every recorded quantity:
- its name and place match the canonical order (first-step, then training), ids 1..N;
- exact: the recorded string stands for d = min(recordedDigits, certifiedDigits)
  significant digits; it must be our mpmath value correctly rounded to d digits (within
  half a unit of its d-th digit: every digit is right), and our own two runs at different
  precisions must agree to at least d digits;
- float64, float32: the value is the correctly rounded binary64/binary32 of our exact
  value, written as the shortest decimal string that reads back as it;
- our numpy float64 run lies within FLOAT64_ULP_BOUND binary64 ulps of the recorded float64.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..binary import (
    BINARY32,
    BINARY64,
    BinaryFormat,
    mpf_to_fraction,
    round_to_binary,
    same_decimal,
    shortest,
    ulp_distance,
)
from ..case_file import read_case
from ..golden_file import GoldenQuantity, read_golden
from ..number_systems import exact, float64
from ..outcome import Outcome
from ..quantity_name import Name, parse_name
from ..recorded_digits import judge_exact
from ..reference import GROUPS, reference_groups

FILE_NAME = "golden.json"

# Largest distance in binary64 ulps allowed between numpy's float64 run and the correctly
# rounded exact value. Measured on the seed case: at most 4 ulps in the first step and 11
# over its 200-epoch loss curve and final weights (tests/test_float64_agreement.py). The
# bound leaves room for another libm's exp/log/tanh and for error growing over epochs,
# and still catches a wrong operation order or a value rounded through float32 (millions
# of ulps). It suits well-conditioned quantities only: where a value is the small
# difference of large ones (a loss near 0, a cancelling dot product) float64 loses
# relative accuracy and the distance in ulps grows without bound.
FLOAT64_ULP_BOUND = 32

# Extra digits beyond the derivation's working digits for our two mpmath runs.
LOW_MARGIN, HIGH_MARGIN = 10, 40


def parse_float(s: str) -> float:
    return {"Infinity": math.inf, "-Infinity": -math.inf, "NaN": math.nan}.get(s) or float(s)


def check(case_dir: Path) -> Outcome:
    golden = read_golden(case_dir / FILE_NAME)
    case = read_case(case_dir / "case.json")
    out = Outcome(golden.file)
    if golden.case != case.id:
        out.failures.append(f'$.case is "{golden.case}" but case.json has id "{case.id}"')
        return out
    base = max(60, golden.working_digits)
    low = reference_groups(case, exact(base + LOW_MARGIN))
    high = reference_groups(case, exact(base + HIGH_MARGIN))
    doubles = reference_groups(case, float64())

    recorded_ids = [q.id for g in golden.groups for q in g.quantities]
    if recorded_ids != list(range(1, len(recorded_ids) + 1)):
        out.failures.append("quantity ids are not 1..N in file order")
    if [g.id for g in golden.groups] != list(GROUPS):
        out.failures.append(f"groups are {[g.id for g in golden.groups]}, expected {list(GROUPS)}")
        return out

    worst_ulps = 0.0
    residues = 0
    for group in golden.groups:
        expected_names = [name for name, _ in high[group.id]]
        recorded_names = [q.name for q in group.quantities]
        if recorded_names != expected_names:
            out.failures.append(f"group {group.id}: {_first_difference(recorded_names, expected_names)}")
            continue
        by_name = {**dict(high["first-step"]), **dict(high[group.id])}
        for k, q in enumerate(group.quantities):
            where = f"{group.id} #{q.id} {q.name}"
            lo, hi, dbl = low[group.id][k][1], high[group.id][k][1], doubles[group.id][k][1]
            if q.certified_digits == 0:
                # No digit survives the rerun: a sum that cancels to zero (a softmax layer's
                # shared-bias gradient Σ_j (ŷ_j − y_j)), recorded as its rounding residue.
                residues += 1
                out.failures += [f"{where}: {m}" for m in _judge_residue(q, hi, base)]
                continue
            out.failures += [f"{where}: {m}" for m in _judge(q, lo, hi, golden.recorded_digits)]
            distance = ulp_distance(float(dbl), parse_float(q.float64)) / _cancellation(q.name, by_name)
            worst_ulps = max(worst_ulps, distance)
            if distance > FLOAT64_ULP_BOUND:
                out.failures.append(
                    f"{where}: numpy float64 {float(dbl)!r} is {distance:g} ulps from float64 {q.float64}"
                    f" (bound {FLOAT64_ULP_BOUND})"
                )
    count = len(recorded_ids)
    tail = f"; {residues} cancel to zero" if residues else ""
    out.summary = f"{count} quantities agree (exact digits, float64/float32 rounding; numpy float64 within {worst_ulps:g} ulps{tail})"
    return out


def _judge(q: GoldenQuantity, lo: Any, hi: Any, recorded_digits: int) -> list[str]:
    failures = judge_exact(q.exact, min(recorded_digits, q.certified_digits), hi, lo)
    for key, fmt in (("float64", BINARY64), ("float32", BINARY32)):
        failures += _judge_binary(key, getattr(q, key), mpf_to_fraction(hi), fmt)
    return failures


def _cancellation(name: str, values: dict[str, Any]) -> float:
    """How many times larger than the result the terms of an update are: W' = W + ΔW (and
    b' = b + Δb), and the parameters after training, W@final = W + (W@final − W), lose that
    factor of relative accuracy in float64, so their ulp distance is measured in ulps of the
    largest term."""
    q = parse_name(name)
    value = float(values[name])
    result = abs(value)
    if not result:
        return 1.0
    if q.kind in ("W'", "b'"):
        before, change = (Name("W" if q.kind == "W'" else "b", q.index, q.sample, q.time),
                          Name("DeltaW" if q.kind == "W'" else "Deltab", q.index, q.sample, q.time))
        terms = [abs(float(values.get(str(n), 0))) for n in (before, change)]
    elif q.time == ("final", 0):
        start = float(values.get(str(Name(q.kind, q.index)), 0))
        terms = [abs(start), abs(value - start)]
    else:
        return 1.0
    return max(1.0, max(terms) / result)


def _judge_residue(q: GoldenQuantity, hi: Any, digits: int) -> list[str]:
    """A value certified to no digit: both it and ours must be below 10^−digits."""
    tiny = Fraction(1, 10**digits)
    failures = []
    if abs(Fraction(q.exact)) > tiny or abs(mpf_to_fraction(hi)) > tiny:
        failures.append(f"exact {q.exact} is certified to no digit but is not below 1e-{digits} (ours {float(hi):.3g})")
    for key in ("float64", "float32"):
        if abs(parse_float(getattr(q, key))) > float(tiny):
            failures.append(f"{key} {getattr(q, key)} of a value certified to no digit is not below 1e-{digits}")
    return failures


def _judge_binary(key: str, text: str, exact_value: Fraction, fmt: BinaryFormat) -> list[str]:
    want = round_to_binary(exact_value, fmt)
    got = parse_float(text)
    if fmt is BINARY32 and math.isfinite(got):
        # The recorded string names the binary32 value it reads back as.
        got = round_to_binary(Fraction(text), fmt)
    if not (got == want or (math.isnan(got) and math.isnan(want))):
        return [f"{key} {text} is not the correctly rounded {fmt.name} {shortest(want, fmt)}"]
    if math.isfinite(want) and not same_decimal(text, shortest(want, fmt)):
        return [f"{key} {text} is not the shortest round-trip string {shortest(want, fmt)}"]
    return []


def _first_difference(recorded: list[str], expected: list[str]) -> str:
    for k, (r, e) in enumerate(zip(recorded, expected)):
        if r != e:
            return f"quantity {k + 1} is {r}, expected {e}"
    return f"{len(recorded)} quantities, expected {len(expected)}"
