"""Writes a golden.json of the documented shape from this package's own derivation, so
the checker can be tested before (and independently of) the committed golden files.
Tests write it only into temporary folders."""

from __future__ import annotations

import json
from pathlib import Path

from bpref.binary import BINARY32, BINARY64, agreeing_digits, mpf_to_fraction, round_to_binary, shortest
from bpref.case_file import read_case
from bpref.number_systems import exact
from bpref.reference import reference_groups

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
WORKING, GUARD, RECORDED = 60, 60, 40


def golden_document(case_file: Path) -> dict:
    case = read_case(case_file)
    work = reference_groups(case, exact(WORKING))
    check = reference_groups(case, exact(WORKING + GUARD))
    next_id = 1
    groups = []
    for group_id, quantities in work.items():
        records = []
        for (name, value), (_, better) in zip(quantities, check[group_id]):
            certified = min(WORKING, agreeing_digits(mpf_to_fraction(value), mpf_to_fraction(better)))
            # A value certified to no digit (a sum cancelling to zero) is written to one digit.
            text = value.context.nstr(value, max(1, min(RECORDED, certified)), min_fixed=-5, max_fixed=5)
            q = mpf_to_fraction(value)
            records.append(
                {
                    "id": next_id,
                    "name": name,
                    "exact": text,
                    "certifiedDigits": certified,
                    "float64": shortest(round_to_binary(q, BINARY64), BINARY64),
                    "float32": shortest(round_to_binary(q, BINARY32), BINARY32),
                }
            )
            next_id += 1
        groups.append({"id": group_id, "description": group_id, "quantities": records})
    return {
        "schema": "bpcheck-golden",
        "version": 1,
        "case": case.id,
        "header": "test example",
        "notes": {},
        "derivation": {"workingDigits": WORKING, "guardDigits": GUARD, "recordedDigits": RECORDED},
        "groups": groups,
    }


def fixture_copy(tmp: Path, case_id: str, epochs: int | None = None, with_golden: bool = True) -> Path:
    """A copy of fixtures/<case_id>/case.json in tmp (optionally with fewer epochs, to keep
    tests fast) and, if asked, a golden.json written from our own derivation."""
    case_dir = tmp / "fixtures" / case_id
    case_dir.mkdir(parents=True)
    doc = json.loads((FIXTURES / case_id / "case.json").read_text(encoding="utf-8"))
    if epochs is not None:
        doc["training"]["epochs"] = epochs
    write_json(case_dir / "case.json", doc)
    if with_golden:
        write_json(case_dir / "golden.json", golden_document(case_dir / "case.json"))
    return case_dir


def write_json(file: Path, doc: dict) -> None:
    file.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

