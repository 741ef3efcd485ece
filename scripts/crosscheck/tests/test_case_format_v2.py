"""Case format 2 as the cross-check reads it: layouts, shared biases, printed numbers as
printed, sign conventions, later-step names, and one clear error for each bad new field."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from bpref.binary import mpf_to_fraction
from bpref.case_file import Published, read_case
from bpref.input_error import InputError
from bpref.number_systems import exact
from bpref.quantity_name import NameError_, format_name, parse_name
from bpref.worked_example import published_values, worked_example
from golden_writer import write_json

N = exact(50)

BASE = {
    "schema": "bpcheck-case",
    "version": 2,
    "id": "v2-sample",
    "title": "a 2-2-1 case written in-out",
    "source": {"file": "none.md", "language": "en", "description": "test"},
    "network": {
        "inputs": 2,
        "layers": [
            {"activation": "sigmoid", "layout": "in-out", "weights": [["0.1", "0.2"], ["0.3", "0.4"]], "biases": {"shared": "0.5"}},
            {"activation": "identity", "weights": [["0.6", "-0.7"]], "biases": None},
        ],
        "loss": "half-sse",
    },
    "data": [{"x": ["1", "2"], "y": ["0.25"]}],
    "training": {"learningRate": "0.1", "epochs": 2, "batch": "sgd", "updateOrder": "simultaneous", "updateBiases": True},
    "symbols": {},
    "published": [],
}


def case_with(tmp_path, edit=None, published=()):
    doc = json.loads(json.dumps(BASE))
    if edit is not None:
        edit(doc)
    doc["published"] = [
        {"id": f"p{k}", "symbol": "s", "quantity": q, "printed": p, "location": {"section": "s", "line": 1, "text": "t"}, **extra}
        for k, (q, p, extra) in enumerate(published)
    ]
    file = tmp_path / "case.json"
    write_json(file, doc)
    return file


def test_an_in_out_layer_is_the_transpose_and_its_names_follow_the_layout(tmp_path):
    case = read_case(case_with(tmp_path, published=[("W[0][0][1]", "0.2", {}), ("dW[0][1][0]", "0", {})]))
    # in-out row i, column j is unit j's weight from input i.
    assert case.layer_specs()[0].W == [["0.1", "0.3"], ["0.2", "0.4"]]
    values = dict(worked_example(case, N))
    got = published_values(case, N)
    assert got["p0"] == values["W[0][1][0]"] == N.from_decimal("0.2")
    assert got["p1"] == values["dW[0][0][1]"]
    # An entry may state its own layout.
    entry = Published("q", "W[0][0][1]", "0.3", layout="out-in")
    assert str(case.canonical(entry)[0]) == "W[0][0][1]"


def test_a_shared_bias_is_one_parameter_named_without_a_unit(tmp_path):
    case = read_case(case_with(tmp_path))
    names = [n for n, _ in worked_example(case, N)]
    assert "b[0]" in names and "db[0]" in names and "b'[0]" in names and "Deltab[0]" in names
    assert not any(n.startswith("b[0][") for n in names)


@pytest.mark.parametrize("printed, value", [("−0.809", "-0.809"), (".85", "0.85"), ("-.5", "-0.5"), ("0.10", "0.1"), ("1.5e−3", "0.0015")])
def test_printed_numbers_are_kept_as_printed_and_read_as_numbers(printed, value):
    pub = Published("p", "loss", printed)
    assert pub.value == Fraction(value)
    assert pub.printed == printed


def test_printed_precision_is_the_digits_after_the_point():
    assert [Published("p", "loss", s).decimals for s in (".85", "−0.809", "0.10", "12", "1.5e-3")] == [2, 3, 2, 0, 4]


def test_sign_conventions_turn_the_canonical_value_into_the_printed_one(tmp_path):
    def minus(doc):
        doc["conventions"] = {"delta": "-dL/dz"}

    file = case_with(
        tmp_path,
        minus,
        [("delta[1][0]", "1", {}), ("delta[1][0]", "1", {"conventions": {"delta": "dL/dz"}}), ("dW[1][0][0]", "1", {"conventions": {"gradient": "-dL/dW"}}), ("dW[1][0][0]", "1", {})],
    )
    case = read_case(file)
    got = published_values(case, N)
    assert got["p0"] == -got["p1"] != 0
    assert got["p2"] == -got["p3"] != 0


def test_later_steps_and_forward_passes_after_updates_have_values(tmp_path):
    file = case_with(tmp_path, published=[("z[1][0]@step[2]", "0", {}), ("z[1][0]@after[1]", "0", {}), ("loss@epoch[2]", "0", {}), ("W'[1][0][0]@epoch[1]", "0", {})])
    case = read_case(file)
    values = dict(worked_example(case, N))
    # One sample under SGD: step 2's forward pass is the pass after one update.
    assert values["z[1][0]@step[2]"] == values["z[1][0]@after[1]"]
    assert values["W'[1][0][0]@epoch[1]"] == values["W'[1][0][0]"]
    assert values["loss@epoch[2]"] == values["loss@step[2]"]


@pytest.mark.parametrize(
    "text",
    ["z[0][1]", "W'[1][0][2]", "delta[0][1]@s[2]", "a[1][0]@step[2]", "loss@after[1]", "loss@epoch[10]", "W[0][0][0]@final", "b[0]", "contrib[0][1][0]@s[0]"],
)
def test_quantity_names_round_trip(text):
    assert format_name(parse_name(text)) == text


@pytest.mark.parametrize(
    "text, why",
    [
        ("z[0]", "expected 2 indices"),
        ("dW[0][0][0]@s[1]", "no per-sample values"),
        ("z[0][0]@step[1]", "first step has no suffix"),
        ("dW[0][0][0]@after[1]", "@after[n] applies to"),
        ("a[0][0]@epoch[1]", "@epoch[e] applies to"),
        ("zz[0]", "expected a quantity name"),
        ("z[0][0]@later", 'unexpected "@later"'),
    ],
)
def test_the_grammar_refuses_malformed_names(text, why):
    with pytest.raises(NameError_, match=why.replace("[", r"\[").replace("]", r"\]")):
        parse_name(text)


def set_path(path, value):
    def edit(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    "edit, published, message",
    [
        (set_path(["network", "layers", 0, "layout"], "row-major"), (), "$.network.layers[0].layout: expected one of out-in, in-out"),
        (set_path(["network", "layers", 1, "activation"], "softmax"), (), "$.network.layers[1].activation: expected at least 2 units for softmax"),
        (set_path(["network", "layers", 0, "biases"], {"shared": ["0.1", "0.2"]}), (), "$.network.layers[0].biases.shared: expected a decimal string"),
        (set_path(["network", "layers", 0, "activation"], "leaky-relu"), (), '$.network.layers[0]: expected a property "slope"'),
        (set_path(["network", "layers", 0, "slope"], "0.1"), (), "$.network.layers[0].slope: expected no slope"),
        (set_path(["network", "reduction"], {"outputs": "average"}), (), "$.network.reduction.outputs: expected one of sum, mean"),
        (set_path(["conventions"], {"delta": "dz/dL"}), (), "$.conventions.delta: expected one of dL/dz, -dL/dz"),
        (None, [("loss@epoch[3]", "0.1", {})], "$.published[0].quantity: expected @epoch[n] with n ≤ 2"),
        (None, [("z[0][0]@step[3]", "0.1", {})], "$.published[0].quantity: expected @step[n] with n ≤ 2"),
        (None, [("z[0][0]", "0,5", {})], "$.published[0].printed: expected a number as printed"),
        (None, [("z[0][9]", "1", {})], None),
        (None, [("q[0]", "1", {})], "$.published[0].quantity: expected a quantity name"),
    ],
)
def test_a_bad_new_field_names_the_file_the_path_and_what_was_expected(tmp_path, edit, published, message):
    file = case_with(tmp_path, edit, published)
    if message is None:
        # A well-formed name of a quantity the network does not have: the case check reports it.
        case = read_case(file)
        with pytest.raises(KeyError):
            published_values(case, N)
        return
    with pytest.raises(InputError) as error:
        read_case(file)
    assert str(error.value).startswith(f"{file}: {message}")
    assert "\n" not in str(error.value)


def test_a_cce_target_must_be_a_distribution(tmp_path):
    def cce(doc):
        doc["network"]["layers"][1] = {"activation": "softmax", "weights": [["1", "0"], ["0", "1"]], "biases": None}
        doc["network"]["loss"] = "cce"
        doc["data"][0]["y"] = ["0.5", "0.6"]

    with pytest.raises(InputError, match=r"\$\.data\[0\]\.y: expected a distribution"):
        read_case(case_with(tmp_path, cce))


def test_a_bad_printed_character_is_named(tmp_path):
    with pytest.raises(InputError, match=r"the character ',' \(U\+002C\)"):
        read_case(case_with(tmp_path, None, [("loss", "0,5", {})]))


def test_version_1_files_still_read_unchanged():
    from golden_writer import FIXTURES

    case = read_case(FIXTURES / "bp-worked-example-zh" / "case.json")
    assert case.version == 1 and case.layer_specs()[0].layout == "out-in"
    assert abs(mpf_to_fraction(published_values(case, N)["s2-h-1"]) - Fraction("0.755")) < Fraction(1, 10**45)


def checked(tmp_path, edit=None, published=()):
    from bpref.checks import case_check

    case_dir = tmp_path / "v2-sample"
    case_dir.mkdir()
    file = case_with(tmp_path, edit, published)
    file.rename(case_dir / "case.json")
    return case_check.check(case_dir)


def test_the_case_check_passes_a_good_case_and_names_symbols_and_ids_that_do_not_fit(tmp_path):
    def symbols(doc):
        doc["symbols"] = {"w_12": {"quantity": "W[0][0][1]", "description": "in-out: input 0 → unit 1"}, "h": {"quantity": "z[0]", "description": "hidden"}}

    assert checked(tmp_path, symbols, [("z[0][0]", "0.1", {})]).failures == []


def test_the_case_check_refuses_absent_quantities_and_dangling_symbols(tmp_path):
    def bad(doc):
        doc["symbols"] = {"q": {"quantity": "W[2]", "description": "no third layer"}}

    failures = checked(tmp_path, bad, [("z[0][0]", "0.1", {}), ("z[0][5]", "1", {})]).failures
    assert any('"z[0][5]" is not a quantity' in f for f in failures)
    assert any('"W[2]" names no quantity' in f for f in failures)


def test_the_case_check_refuses_a_published_id_used_twice(tmp_path):
    def twice(doc):
        doc["published"] = [dict(p, id="same") for p in doc["published"]]

    from bpref.checks import case_check

    case_dir = tmp_path / "v2-sample"
    case_dir.mkdir()
    file = case_with(tmp_path, None, [("z[0][0]", "0.1", {}), ("z[0][1]", "0.1", {})])
    doc = json.loads(file.read_text(encoding="utf-8"))
    twice(doc)
    write_json(case_dir / "case.json", doc)
    assert any('"same" is not unique' in f for f in case_check.check(case_dir).failures)
