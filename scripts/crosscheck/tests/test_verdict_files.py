"""verdicts.json and errata.json: the committed files pass, and a copy with one digit or
one verdict changed fails. Copies live in temporary folders only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bpref.checks import errata_check, verdicts_check
from bpref.checks.verdicts_check import round_half_up

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "bp-worked-example-zh"


def copy_of_seed(tmp_path: Path) -> Path:
    case_dir = tmp_path / SEED.name
    shutil.copytree(SEED, case_dir)
    return case_dir


def edit(file: Path, change) -> None:
    doc = json.loads(file.read_text(encoding="utf-8"))
    change(doc)
    file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("module", [verdicts_check, errata_check])
def test_the_committed_file_passes(module):
    assert module.check(SEED).failures == []


def set_reference(doc):
    doc["verdicts"][0]["reference"] = "0.756"  # h_1 is 0.755


def mark_wrong_number_ok(doc):
    wrong = next(v for v in doc["verdicts"] if v["verdict"] == "erratum")
    wrong["verdict"], wrong["cause"] = "ok", None


def drop_cause(doc):
    next(v for v in doc["verdicts"] if v["verdict"] == "erratum")["cause"] = None


@pytest.mark.parametrize(
    "change, message",
    [
        (set_reference, '.reference: "0.756", expected "0.755"'),
        (mark_wrong_number_ok, "is not the exact value at its digits"),
        (drop_cause, "does not fit the verdict"),
    ],
)
def test_a_changed_verdicts_file_fails(tmp_path, change, message):
    case_dir = copy_of_seed(tmp_path)
    edit(case_dir / "verdicts.json", change)
    failures = verdicts_check.check(case_dir).failures
    assert failures and message in failures[0]


def expect_ok_for_first_erratum(doc):
    wrong = next(e for e in doc["published"] if e["verdict"] == "erratum")
    wrong["verdict"], wrong["cause"] = "ok", None


def expect_another_cause(doc):
    wrong = next(e for e in doc["published"] if e["cause"] == "transposed-index")
    wrong["cause"] = "digit-slip"


def test_an_errata_file_expecting_ok_for_a_wrong_number_fails(tmp_path):
    case_dir = copy_of_seed(tmp_path)
    edit(case_dir / "errata.json", expect_ok_for_first_erratum)
    failures = errata_check.check(case_dir).failures
    assert failures and "is not the exact value at its digits" in failures[0]


def test_another_diagnosis_than_the_classifier_s_is_reported_not_failed(tmp_path):
    case_dir = copy_of_seed(tmp_path)
    edit(case_dir / "errata.json", expect_another_cause)
    outcome = errata_check.check(case_dir)
    assert outcome.failures == []
    assert "1 diagnosed otherwise by the classifier" in outcome.summary
    assert "(classifier: erratum/transposed-index)" in outcome.summary


@pytest.mark.parametrize(
    "value, decimals, rounded",
    [("0.755", 2, "0.76"), ("0.0027674", 5, "0.00277"), ("-0.125", 2, "-0.13"), ("0.004", 2, "0.00"), ("12.5", 0, "13")],
)
def test_round_half_up(value, decimals, rounded):
    from fractions import Fraction

    assert round_half_up(Fraction(value), decimals) == rounded
