"""Checks case.json: it reads (types, shapes, enums), its first step computes finite
values in float64 and at 60 digits, and every published number names a quantity of
that step (or the loss curve)."""

from __future__ import annotations

import math
from pathlib import Path

from ..case_file import read_case
from ..engine import first_step_samples, step
from ..number_systems import exact, float64
from ..outcome import Outcome
from ..quantities import step_quantities

FILE_NAME = "case.json"


def check(case_dir: Path) -> Outcome:
    case = read_case(case_dir / FILE_NAME)
    out = Outcome(case.file)
    if case.id != case_dir.name:
        out.failures.append(f'$.id is "{case.id}" but the folder is "{case_dir.name}"')
    names: set[str] = set()
    for N in (float64(), exact(60)):
        net, samples, training = case.network(N), case.samples(N), case.training(N)
        first = first_step_samples(samples, training)
        quantities = step_quantities(net, first, step(N, net, first, training))
        names = {name for name, _ in quantities}
        for name, value in quantities:
            if not math.isfinite(float(value)):
                out.failures.append(f"{name} is {float(value)} in {N.name}")
    curve = {f"loss@epoch[{e}]" for e in range(1, case.epochs + 1)}
    for k, pub in enumerate(case.published):
        if pub.quantity not in names | curve:
            out.failures.append(f'$.published[{k}].quantity "{pub.quantity}" is not a quantity of the first step')
    out.summary = f"{len(names)} quantities of the first step; {len(case.published)} published numbers name them"
    return out
