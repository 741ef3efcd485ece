"""The §4 program replayed as published reproduces the article's printed output (lines
117–142) digit for digit, and a single changed digit is caught."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bpref.article_program import PRINTED_OUTPUT, printed_part, replay_differences, run_article_program
from bpref.case_file import read_case
from bpref.engine import forward
from bpref.number_systems import exact

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def test_the_replay_reproduces_every_printed_line_of_epochs_1_to_3():
    assert replay_differences() == []


@pytest.mark.parametrize(
    "printed, wrong",
    [
        ("[[0.21810748]]", "[[0.21810749]]"),  # line 118, the first loss
        ("[0.39363393 0.58028763]]", "[0.39363393 0.58028764]]"),  # line 131
        ("[[0.21978966 0.82175133]]", "[[0.21978966 0.82175143]]"),  # line 142
    ],
)
def test_one_changed_digit_in_the_printed_output_is_reported(printed, wrong):
    assert printed in PRINTED_OUTPUT
    diffs = replay_differences(PRINTED_OUTPUT.replace(printed, wrong))
    assert len(diffs) == 1 and wrong in diffs[0]


def test_the_program_prints_the_initial_weights_before_the_epochs_and_runs_200_epochs():
    output = run_article_program()
    assert output.startswith("original:\n W0:\n [[0.1 0.8]\n [0.4 0.6]] \n W1:\n [[0.3 0.9]]\n")
    assert output.count("=====\n") == 200
    assert len(printed_part(output)) == len(PRINTED_OUTPUT.splitlines())


def test_the_first_printed_loss_is_half_the_square_root_of_the_error_of_the_exact_prediction():
    # 0.5·|y − ŷ|^0.5 with ŷ from this package's engine (60 digits) rounded to numpy's 8
    # printed digits gives line 118's 0.21810748: the program's "loss" is a square root.
    N = exact(60)
    case = read_case(FIXTURES / "bp-worked-example-zh" / "case.json")
    sample = case.samples(N)[0]
    y_hat = forward(N, case.network(N), sample.x)[1][-1][0]
    root_loss = N.from_decimal("0.5") * N.from_int(0).context.sqrt(abs(sample.y[0] - y_hat))
    assert f"{float(root_loss):.8f}" == "0.21810748"
    half_sse = N.from_decimal("0.5") * (sample.y[0] - y_hat) ** 2
    assert not math.isclose(float(half_sse), 0.21810748, rel_tol=1e-3)
