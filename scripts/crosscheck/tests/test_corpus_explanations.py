"""The explanations the corpus cases' errata.json give, recomputed: each case edited the way
its note says the author computed (another loss, a transposed weight, a value carried
forward, a float32 input) reproduces the printed number at its digits, while the case as
written does not. Nothing here is typed in but the printed strings and the edits."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from bpref.binary import mpf_to_fraction
from bpref.case_file import read_case
from bpref.checks.verdicts_check import round_half_up
from bpref.engine import forward, softmax
from bpref.number_systems import exact, float64
from bpref.worked_example import published_values
from golden_writer import FIXTURES, write_json

N = exact(50)


def load(case_id: str) -> dict:
    return json.loads((FIXTURES / case_id / "case.json").read_text(encoding="utf-8"))


def values_of(tmp_path, doc: dict) -> tuple[dict, dict]:
    file = tmp_path / "case.json"
    write_json(file, doc)
    case = read_case(file)
    return published_values(case, N), {p.id: p for p in case.published}


def reproduces(value, pub) -> bool:
    return Fraction(round_half_up(mpf_to_fraction(value), pub.decimals)) == pub.value


def test_relu_bce_numbers_from_dl_dz2_on_follow_half_sse(tmp_path):
    doc = load("relu-bce")
    written, pubs = values_of(tmp_path, doc)
    doc["network"]["loss"] = "half-sse"
    other, _ = values_of(tmp_path, doc)
    for id_ in ("l11-dl-da2", "l12-dl-dz2", "l13-dl-dw2", "l13-dl-da1", "l13-dl-dz1", "l13-dl-dw1", "l14-w2-new", "l14-w1-new"):
        assert not reproduces(written[id_], pubs[id_]) and reproduces(other[id_], pubs[id_]), id_


def test_melfm_2017_out_y1_uses_the_transposed_output_weight(tmp_path):
    doc = load("melfm-2017")
    written, pubs = values_of(tmp_path, doc)
    doc["network"]["layers"][1]["weights"][0][1] = "0.45"  # W[1][1][0] in place of W[1][0][1]
    other, _ = values_of(tmp_path, doc)
    assert not reproduces(written["l20-out-y1"], pubs["l20-out-y1"]) and reproduces(other["l20-out-y1"], pubs["l20-out-y1"])
    # ŷ2 does not depend on W[1][0][1]: right either way, which is why the figure's reading is taken.
    assert reproduces(written["l21-y2-hat"], pubs["l21-y2-hat"])


@pytest.mark.parametrize("case_id, id_", [("melfm-2017", "l18-z1-used"), ("melfm-2016", "l40-z1")])
def test_melfm_z1_of_0_3275_uses_the_transposed_hidden_weight(tmp_path, case_id, id_):
    doc = load(case_id)
    doc["network"]["layers"][0]["weights"][0][1] = doc["network"]["layers"][0]["weights"][1][0]
    other, pubs = values_of(tmp_path, doc)
    assert reproduces(other[id_], pubs[id_])


def test_melfm_2016_outputs_follow_the_repeated_h1_formula():
    # ŷ_k = σ((w_k1 + w_k2)·h1 + b2) with the printed h1 = 0.5812.
    sigmoid = lambda v: 1 / (1 + N.exp(-v))  # noqa: E731
    h1, b2 = N.from_decimal("0.5812"), N.from_decimal("0.6")
    y1 = (N.from_decimal("0.4") + N.from_decimal("0.45")) * h1 + b2
    assert round_half_up(mpf_to_fraction(y1), 3) == "1.094"
    assert round_half_up(mpf_to_fraction(sigmoid(y1)), 4) == "0.7491"
    y2 = (N.from_decimal("0.50") + N.from_decimal("0.55")) * h1 + b2
    assert round_half_up(mpf_to_fraction(sigmoid(y2)), 4) == "0.7703"


def test_hmkcode_detail_box_repeats_the_first_pass(tmp_path):
    values, pubs = values_of(tmp_path, load("hmkcode-2018"))
    assert values["l25-h1"] != values["l16-h1"] and reproduces(values["l16-h1"], pubs["l25-h1"])
    assert reproduces(values["l16-h2"], pubs["l25-h2"])


def test_softmax_ce_3class_probability_from_the_cut_exponential():
    cut = N.from_decimal("0.149")
    total = cut + N.from_decimal("1.0") + N.from_decimal("0.368")
    assert round_half_up(mpf_to_fraction(cut / total), 3) == "0.098"
    # The exact exponential rounds to 0.150 at three decimals: 0.149 is cut.
    assert round_half_up(mpf_to_fraction(N.exp(N.from_decimal("-1.9"))), 3) == "0.150"


def test_softmax_sigmoid_hidden_outputs_and_loss_follow_the_printed_logits():
    p = softmax(N, [N.from_decimal("0.428"), N.from_decimal("0.185")])
    assert round_half_up(mpf_to_fraction(-N.ln(p[0])), 3) == "0.579"
    # ŷ1 itself rounds to 0.560 at once, to 0.561 only through 0.5605.
    assert round_half_up(mpf_to_fraction(p[0]), 3) == "0.560"
    assert round_half_up(Fraction(round_half_up(mpf_to_fraction(p[0]), 4)), 3) == "0.561"


def test_tanh_neuron_prints_float64_arithmetic_on_a_bias_rounded_to_float32():
    case = read_case(FIXTURES / "tanh-neuron-float64" / "case.json")
    F = float64()
    net, sample = case.network(F), case.samples(F)[0]
    layer = net.layers[0]
    b32 = np.float64(np.float32(layer.b[0]))
    n = layer.W[0][0] * sample.x[0] + layer.W[0][1] * sample.x[1] + b32
    o = np.tanh(n)
    g = np.float64(1) - o * o
    printed = {p.id: p.printed for p in case.published}
    assert repr(float(o)) == printed["l12-o"]
    assert repr(float(layer.W[0][1] * g)) == printed["l13-do-dx2"]
    assert repr(float(layer.W[0][0] * g)) == printed["l13-do-dx1"]
    assert repr(float(sample.x[0] * g)) == printed["l13-do-dw1"]
    # With the bias as written, float64 gives other digits.
    assert repr(float(forward(F, net, sample.x)[1][0][0])) != printed["l12-o"]
