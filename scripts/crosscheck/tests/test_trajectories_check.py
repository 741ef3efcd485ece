"""The trajectories.json check passes on the committed file and fails when one digit (or a
name, the learning rate, a digit count or the case) is changed; numpy's float64 training
stays within the stated ulp bound, measured here. Copies live in temporary folders only."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from bpref.binary import BINARY64, round_to_binary, ulp_distance
from bpref.case_file import read_case
from bpref.checks.golden_check import FLOAT64_ULP_BOUND
from bpref.checks.trajectories_check import check, float64_distance, trajectory
from golden_writer import FIXTURES, write_json
from test_golden_check import change_digit

SEED = "bp-worked-example-zh"
COMMITTED = FIXTURES / SEED / "trajectories.json"

pytestmark = pytest.mark.skipif(not COMMITTED.exists(), reason="fixtures/bp-worked-example-zh/trajectories.json is not committed")


@pytest.fixture
def copy(tmp_path):
    def make(edit) -> Path:
        target = tmp_path / SEED
        shutil.copytree(COMMITTED.parent, target)
        doc = json.loads((target / "trajectories.json").read_text(encoding="utf-8"))
        edit(doc)
        write_json(target / "trajectories.json", doc)
        return target

    return make


def value(doc: dict, group: int, name: str) -> dict:
    return next(v for v in doc["groups"][group]["loss"] + doc["groups"][group]["final"] if v["name"] == name)


def test_the_committed_trajectories_file_passes():
    outcome = check(COMMITTED.parent)
    assert outcome.failures == []
    assert outcome.summary.startswith("412 values at 2 learning rates agree")  # 2 × (200 losses + 6 weights)


CORRUPTIONS = [
    ("one digit of a late loss", lambda doc: value(doc, 0, "loss@epoch[137]").update(value=change_digit(value(doc, 0, "loss@epoch[137]")["value"], 3)), "differs from"),
    ("digit 30 of a final weight", lambda doc: value(doc, 1, "W[1][0][1]").update(value=change_digit(value(doc, 1, "W[1][0][1]")["value"], 30)), "differs from"),
    ("the second digit of the tiny last loss at rate 1", lambda doc: value(doc, 1, "loss@epoch[200]").update(value=change_digit(value(doc, 1, "loss@epoch[200]")["value"], 1)), "differs from"),
    ("one digit of a learning rate", lambda doc: doc["groups"][0].update(learningRate="0.02"), "differs from"),
    ("a swapped index in a name", lambda doc: value(doc, 0, "W[0][0][1]").update(name="W[0][1][0]"), "expected W[0][0][1]"),
    ("a missing epoch", lambda doc: doc["groups"][1]["loss"].pop(), "expected loss@epoch[200]"),
    ("more digits than certified", lambda doc: value(doc, 0, "loss@epoch[1]").update(certifiedDigits=10), "more than the 10"),
    ("another case", lambda doc: doc.update(case="another-case"), "case.json has id"),
]


@pytest.mark.parametrize("edit, message", [pytest.param(e, m, id=d) for d, e, m in CORRUPTIONS])
def test_a_corrupted_trajectories_file_fails(copy, edit, message):
    failures = check(copy(edit)).failures
    assert failures
    assert message in failures[0]


def worst_distances(rate: str) -> dict[str, float]:
    case = read_case(COMMITTED.parent / "case.json")
    doc = json.loads(COMMITTED.read_text(encoding="utf-8"))
    group = next(g for g in doc["groups"] if g["learningRate"] == rate)
    doubles = dict(trajectory(case, rate, doc["settings"]["epochs"], None))
    worst = {"loss": 0.0, "weight": 0.0}
    for v in group["loss"] + group["final"]:
        kind, distance = float64_distance(case, v["name"], v["value"], doubles[v["name"]])
        worst[kind] = max(worst[kind], distance)
    return worst


@pytest.mark.parametrize(
    "rate, weights, losses",
    [
        ("0.01", 6, 1.26),  # losses through √(2L), in ulps of y = 0.5
        ("1", 9, 1.15),
    ],
)
def test_numpys_float64_training_is_within_the_measured_ulps(rate, weights, losses):
    worst = worst_distances(rate)
    assert worst["weight"] <= FLOAT64_ULP_BOUND and worst["loss"] <= FLOAT64_ULP_BOUND
    # Another libm may move a value by an ulp or two; the measurement stays close.
    assert worst["weight"] <= 2 * weights and worst["loss"] <= 2 * losses


def test_the_loss_at_rate_1_cancels_so_its_own_ulps_would_not_do():
    # loss@epoch[200] at rate 1 is 4.1e-12 = ½(y − ŷ)² with ŷ right to an ulp: hundreds of
    # thousands of the loss's own ulps away, within about one ulp of y through √(2L).
    case = read_case(COMMITTED.parent / "case.json")
    recorded = value(json.loads(COMMITTED.read_text(encoding="utf-8")), 1, "loss@epoch[200]")["value"]
    double = dict(trajectory(case, "1", 200, None))["loss@epoch[200]"]
    assert ulp_distance(float(double), round_to_binary(Fraction(recorded), BINARY64)) > 10**5
    assert float64_distance(case, "loss@epoch[200]", recorded, double)[1] <= 2


def test_a_weight_rounded_through_float32_is_outside_the_bound():
    case = read_case(COMMITTED.parent / "case.json")
    recorded = value(json.loads(COMMITTED.read_text(encoding="utf-8")), 0, "W[0][0][0]")["value"]
    assert float64_distance(case, "W[0][0][0]", recorded, np.float64(np.float32(recorded)))[1] > FLOAT64_ULP_BOUND
