"""The replay's bug switches: each undoes one bug of the §4 program, independently of the
others; the numbers each variant still prints as the article did, where numpy stops a
variant, the shapes numpy gives, and that the program with every bug fixed is the engine's
training at the text's learning rate."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from bpref.article_program import BUGS, TEXT_LEARNING_RATE, as_numpy_prints, exact_replay, printed_numbers, replay
from bpref.binary import agreeing_digits, mpf_to_fraction
from bpref.case_file import read_case
from bpref.engine import Training, train
from bpref.number_systems import exact

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
LOSSES = {(e, "loss", (0, 0)) for e in (1, 2, 3)}
W1_EPOCH_1 = {(1, "W1", (0, 0)), (1, "W1", (0, 1))}
EVERY = set(printed_numbers())


def reproduced(fixed: frozenset[str]) -> set:
    """The printed numbers the variant prints with the article's digits (exact replay)."""
    run = exact_replay(3, fixed, 60)
    return {key for key, digits in printed_numbers().items() if key in run.printed and as_numpy_prints(mpf_to_fraction(run.printed[key])) == digits}


@pytest.mark.parametrize(
    "fixed, still_printed_as_in_the_article",
    [
        pytest.param((), EVERY, id="as written: all 21"),
        pytest.param(("sqrtLoss",), EVERY - LOSSES, id="sqrtLoss: every weight, no loss"),
        pytest.param(("missingLearningRate",), {(1, "loss", (0, 0))}, id="missingLearningRate: the first loss only"),
        pytest.param(("rowL1Error",), {(1, "loss", (0, 0))} | W1_EPOCH_1, id="rowL1Error: first loss and W1"),
        pytest.param(("rowBroadcastW0Update",), {(1, "loss", (0, 0))}, id="rowBroadcastW0Update: stops after the first loss"),
        pytest.param(("rowL1Error", "rowBroadcastW0Update"), {(1, "loss", (0, 0))} | W1_EPOCH_1, id="both shapes"),
        pytest.param(tuple(BUGS), set(), id="corrected: none"),
    ],
)
def test_each_variant_reproduces_exactly_these_printed_numbers(fixed, still_printed_as_in_the_article):
    assert reproduced(frozenset(fixed)) == still_printed_as_in_the_article


@pytest.mark.parametrize(
    "fixed, error",
    [
        (("rowBroadcastW0Update",), (105, "shapes (2,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)")),
        (("rowL1Error", "rowBroadcastW0Update"), None),
        ((), None),
    ],
)
def test_numpy_stops_the_outer_product_only_while_l1_delta_is_2x2(fixed, error):
    # The same error from float64 arrays and from mpmath object arrays: numpy's own.
    assert replay(3, frozenset(fixed)).error == error
    assert exact_replay(3, frozenset(fixed), 60).error == error


def test_a_stopped_variant_printed_only_what_came_before_the_failing_line():
    assert set(exact_replay(3, frozenset({"rowBroadcastW0Update"}), 60).printed) == {(1, "loss", (0, 0))}
    output = replay(3, frozenset({"rowBroadcastW0Update"})).output
    assert output.splitlines()[-2:] == ["In the process of 1th epoch", "The Current Loss: [[0.21810748]]"]


@pytest.mark.parametrize(
    "fixed, name, shape",
    [
        ((), "l1_error", (1, 2)),
        ((), "l1_delta", (2, 2)),
        ((), "l0.T.dot(l1_delta)", (1, 2)),
        (("rowL1Error",), "l1_error", (2, 1)),
        (("rowL1Error",), "l1_delta", (2, 1)),
        (("rowL1Error",), "l0.T.dot(l1_delta)", (1, 1)),
        (tuple(BUGS), "l1_delta.dot(l0.T)", (2, 2)),
    ],
)
def test_numpy_gives_these_shapes_in_the_first_epoch(fixed, name, shape):
    shapes = {n: s for _, n, s in replay(1, frozenset(fixed)).shapes}
    assert shapes[name] == shape


def test_an_unknown_switch_is_refused():
    with pytest.raises(ValueError, match="unknown bug switches"):
        replay(1, frozenset({"noSuchBug"}))


def test_the_corrected_program_is_the_engines_training_at_the_texts_learning_rate():
    run = exact_replay(3, frozenset(BUGS), 60)
    N = exact(60)
    case = read_case(FIXTURES / "bp-worked-example-zh" / "case.json")
    for epochs in (1, 2, 3):
        training = Training(N.from_decimal(TEXT_LEARNING_RATE), epochs, "sgd", "simultaneous", False)
        curve, final = train(N, case.network(N), case.samples(N), training)
        pairs = [(run.printed[(epochs, "loss", (0, 0))], curve[-1])]
        pairs += [(run.printed[(epochs, f"W{l}", (j, i))], final.layers[l].W[j][i]) for l in (0, 1) for j in range(2 - l) for i in range(2)]
        for replayed, engine in pairs:
            assert agreeing_digits(mpf_to_fraction(replayed), mpf_to_fraction(engine)) >= 55


@pytest.mark.parametrize(
    "value, printed",
    [
        ("0.2455836", "0.2455836"),
        ("0.771275604805", "0.7712756"),
        ("0.123456785", "0.12345678"),  # a tie: half to even
        ("0.123456775", "0.12345678"),
        ("-0.30283086636", "-0.30283087"),
        ("1", "1."),
        ("0.000000004", "0."),
    ],
)
def test_exact_values_are_printed_as_numpy_prints_them(value, printed):
    assert as_numpy_prints(Fraction(value)) == printed


@pytest.mark.parametrize("x", [0.2455836, 0.7712756048054714, 0.21810748090542677, 0.09102065684169511, 0.5])
def test_the_printing_agrees_with_numpys_own_for_doubles(x):
    assert f"[{as_numpy_prints(Fraction(x))}]" == np.array2string(np.array([x]))
