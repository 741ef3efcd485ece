"""Reading fixtures/<case>/golden.json (schema "bpcheck-golden", version 1).

Shape: { schema, version, case, header, notes, derivation: { workingDigits, guardDigits,
recordedDigits }, groups: [ { id, description, quantities: [ { id, name, exact,
certifiedDigits, float64, float32 } ] } ] }. Properties this reader does not know are
ignored, so that a file may carry more than the cross-check judges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .input_error import Reader, read_json

FLOAT_STRING = re.compile(r"^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|-?Infinity|NaN)$")


@dataclass(frozen=True)
class GoldenQuantity:
    id: int
    name: str
    exact: str
    certified_digits: int
    float64: str
    float32: str


@dataclass(frozen=True)
class GoldenGroup:
    id: str
    quantities: list[GoldenQuantity]


@dataclass(frozen=True)
class Golden:
    file: Path
    case: str
    working_digits: int
    guard_digits: int
    recorded_digits: int
    groups: list[GoldenGroup]


def read_golden(file: Path) -> Golden:
    r = Reader(file)
    doc = r.obj(read_json(file), "$", ["schema", "version", "case", "derivation", "groups"])
    if doc["schema"] != "bpcheck-golden" or doc["version"] != 1:
        raise r.fail("$.schema", 'expected "bpcheck-golden" version 1')
    d = r.obj(doc["derivation"], "$.derivation", ["workingDigits", "guardDigits", "recordedDigits"])
    groups = []
    for g, group in enumerate(r.array(doc["groups"], "$.groups", 1)):
        p = f"$.groups[{g}]"
        group = r.obj(group, p, ["id", "quantities"])
        quantities = []
        for k, q in enumerate(r.array(group["quantities"], p + ".quantities", 1)):
            qp = f"{p}.quantities[{k}]"
            q = r.obj(q, qp, ["id", "name", "exact", "certifiedDigits", "float64", "float32"])
            for key in ("float64", "float32"):
                if not isinstance(q[key], str) or not FLOAT_STRING.match(q[key]):
                    raise r.fail(f"{qp}.{key}", "expected a decimal string, Infinity, -Infinity or NaN")
            quantities.append(
                GoldenQuantity(
                    id=r.integer(q["id"], qp + ".id", 1, 10**9),
                    name=r.string(q["name"], qp + ".name"),
                    exact=r.decimal(q["exact"], qp + ".exact"),
                    certified_digits=r.integer(q["certifiedDigits"], qp + ".certifiedDigits", 0, 100_000),
                    float64=q["float64"],
                    float32=q["float32"],
                )
            )
        groups.append(GoldenGroup(r.string(group["id"], p + ".id"), quantities))
    return Golden(
        file=file,
        case=r.string(doc["case"], "$.case"),
        working_digits=r.integer(d["workingDigits"], "$.derivation.workingDigits", 1, 100_000),
        guard_digits=r.integer(d["guardDigits"], "$.derivation.guardDigits", 0, 100_000),
        recorded_digits=r.integer(d["recordedDigits"], "$.derivation.recordedDigits", 1, 100_000),
        groups=groups,
    )
