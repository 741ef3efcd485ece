"""The golden.json check passes on a file of the documented shape and fails when one digit
(or one name, id, or digit count) is changed. Files are written to temporary folders only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bpref.checks.golden_check import check
from golden_writer import FIXTURES, fixture_copy, write_json

SEED = "bp-worked-example-zh"


@pytest.fixture(scope="module")
def good_dir(tmp_path_factory) -> Path:
    return fixture_copy(tmp_path_factory.mktemp("golden"), SEED)


@pytest.fixture
def copy(good_dir, tmp_path):
    def make(edit) -> Path:
        target = tmp_path / SEED
        shutil.copytree(good_dir, target)
        doc = json.loads((target / "golden.json").read_text(encoding="utf-8"))
        edit(doc)
        write_json(target / "golden.json", doc)
        return target

    return make


def change_digit(text: str, position: int) -> str:
    """text with its position-th significant digit (from 0) replaced by the next digit mod 10."""
    seen = -1
    for k, ch in enumerate(text):
        if ch.isdigit() and (seen >= 0 or ch != "0"):
            seen += 1
            if seen == position:
                return text[:k] + str((int(ch) + 1) % 10) + text[k + 1 :]
        if ch in "eE":
            break
    raise ValueError(f"{text} has no significant digit {position}")


def quantity(doc: dict, name: str) -> dict:
    return next(q for g in doc["groups"] for q in g["quantities"] if q["name"] == name)


def test_a_golden_file_of_the_documented_shape_passes(good_dir):
    outcome = check(good_dir)
    assert outcome.failures == []
    assert outcome.summary.startswith("269 quantities agree")  # 63 first-step + 200 losses + 6 weights


CORRUPTIONS = [
        (
            "one digit of an exact value",
            lambda doc: quantity(doc, "a[1][0]").update(exact=change_digit(quantity(doc, "a[1][0]")["exact"], 20)),
            "differs from",
        ),
        (
            "one digit of a loss in the training curve",
            lambda doc: quantity(doc, "loss@epoch[137]").update(exact=change_digit(quantity(doc, "loss@epoch[137]")["exact"], 3)),
            "differs from",
        ),
        (
            "one digit of a float64",
            lambda doc: quantity(doc, "dW[0][0][0]").update(float64=change_digit(quantity(doc, "dW[0][0][0]")["float64"], 15)),
            "float64",
        ),
        (
            "one digit of a float32",
            lambda doc: quantity(doc, "W[0][0][0]@final").update(float32=change_digit(quantity(doc, "W[0][0][0]@final")["float32"], 4)),
            "float32",
        ),
        (
            "a float64 written with more digits than the shortest",
            lambda doc: quantity(doc, "x[0]").update(float64="0.34999999999999998"),
            "shortest",
        ),
        (
            "a swapped index in a name",
            lambda doc: quantity(doc, "dW[0][0][1]").update(name="dW[0][1][0]"),
            "expected dW[0][0][1]",
        ),
        (
            "an id out of sequence",
            lambda doc: quantity(doc, "loss").update(id=99),
            "ids",
        ),
        (
            "more digits than certified",
            lambda doc: quantity(doc, "a[0][0]").update(certifiedDigits=10),
            "more than the 10",
        ),
        (
            "another case's id",
            lambda doc: doc.update(case="another-case"),
            "case.json has id",
        ),
    ]


@pytest.mark.parametrize("edit, message", [pytest.param(e, m, id=d) for d, e, m in CORRUPTIONS])
def test_a_corrupted_golden_file_fails(copy, edit, message):
    outcome = check(copy(edit))
    assert outcome.failures
    assert message in outcome.failures[0]


COMMITTED = sorted(FIXTURES.glob("*/golden.json"))


@pytest.mark.parametrize(
    "golden",
    COMMITTED or [pytest.param(None, marks=pytest.mark.skip(reason="no golden.json is committed under fixtures/ yet"))],
    ids=lambda p: p.parent.name if p else "none",
)
def test_a_committed_golden_file_passes_and_fails_once_one_exact_digit_changes(golden, tmp_path):
    assert check(golden.parent).failures == []
    target = tmp_path / golden.parent.name
    shutil.copytree(golden.parent, target)
    doc = json.loads((target / "golden.json").read_text(encoding="utf-8"))
    # The first quantity with at least 4 significant digits (in its mantissa: a residue such as
    # 3e-67 has one): its second digit changes.
    record = next(
        q
        for g in doc["groups"]
        for q in g["quantities"]
        if len(q["exact"].lower().split("e")[0].strip("-0.").replace(".", "")) >= 4
    )
    record["exact"] = change_digit(record["exact"], 1)
    write_json(target / "golden.json", doc)
    failures = check(target).failures
    assert any(record["name"] in f and "differs from" in f for f in failures)


def test_a_value_that_cancels_to_zero_is_judged_as_a_residue(tmp_path):
    # The shared bias of a softmax layer under cross-entropy: db = Σ_j (ŷ_j − y_j) = 0, and with
    # it the step α·db and the change −α·db.
    case_dir = fixture_copy(tmp_path, "softmax-sigmoid-hidden")
    outcome = check(case_dir)
    assert outcome.failures == [] and "3 cancel to zero" in outcome.summary
    doc = json.loads((case_dir / "golden.json").read_text(encoding="utf-8"))
    quantity(doc, "db[1]")["exact"] = "2e-50"
    write_json(case_dir / "golden.json", doc)
    assert any("certified to no digit" in f for f in check(case_dir).failures)


def test_an_update_is_measured_in_ulps_of_its_largest_term():
    from bpref.checks.golden_check import _cancellation

    values = {"W'[0][0][0]": 1e-5, "W[0][0][0]": -5e-5, "DeltaW[0][0][0]": 6e-5, "W'[0][0][1]": 2.0, "W[0][0][1]": 1.0, "DeltaW[0][0][1]": 1.0}
    assert _cancellation("W'[0][0][0]", values) == pytest.approx(6.0)
    assert _cancellation("W'[0][0][1]", values) == 1.0
    assert _cancellation("W[0][0][0]@final", {"W[0][0][0]@final": 1e-5, "W[0][0][0]": -5e-5}) == pytest.approx(6.0)
    assert _cancellation("z[0][0]", {"z[0][0]": 1e-9}) == 1.0
