"""Checks case.json: it reads (types, shapes, enums, version 1 or 2), its worked example
computes finite values in float64 and at 60 digits, every published number names a
quantity of it (or of the loss curve) in the case's layout, every symbol points at
quantities that exist, and published ids are unique."""

from __future__ import annotations

import math
from pathlib import Path

from ..case_file import read_case
from ..number_systems import exact, float64
from ..outcome import Outcome
from ..quantity_name import NameError_, name, parse_name
from ..worked_example import worked_example

FILE_NAME = "case.json"


def check(case_dir: Path) -> Outcome:
    case = read_case(case_dir / FILE_NAME)
    out = Outcome(case.file)
    if case.id != case_dir.name:
        out.failures.append(f'$.id is "{case.id}" but the folder is "{case_dir.name}"')
    names: set[str] = set()
    for N in (float64(), exact(60)):
        quantities = worked_example(case, N)
        names = {q for q, _ in quantities}
        for q, value in quantities:
            if not math.isfinite(float(value)):
                out.failures.append(f"{q} is {float(value)} in {N.name}")
    curve = {name("loss", time=("epoch", e)) for e in range(1, case.epochs + 1)}
    seen: set[str] = set()
    for k, pub in enumerate(case.published):
        if pub.id in seen:
            out.failures.append(f'$.published[{k}].id "{pub.id}" is not unique')
        seen.add(pub.id)
        canonical, _ = case.canonical(pub)
        if str(canonical) not in names | curve:
            out.failures.append(f'$.published[{k}].quantity "{pub.quantity}" is not a quantity of the case')
    for symbol, spec in case.symbols.items():
        target = spec.get("quantity") if isinstance(spec, dict) else spec
        if isinstance(target, str):
            try:
                target = str(case.in_canonical_order(parse_name(target)))
            except NameError_:
                pass  # a prefix such as "W[0]" or "x": layout does not reorder it
        if not isinstance(target, str) or not any(_under(q, target) for q in names | curve):
            out.failures.append(f'$.symbols["{symbol}"]: "{target}" names no quantity of the case')
    out.summary = f"{len(names)} quantities of the worked example; {len(case.published)} published numbers name them"
    return out


def _under(quantity: str, prefix: str) -> bool:
    """Whether a symbol's target (a name, or a prefix such as "W[0]" or "x") covers the quantity."""
    return quantity == prefix or (quantity.startswith(prefix) and quantity[len(prefix)] in "[@")
