"""Bad case files raise InputError: one line naming the file, the JSON path and what was expected."""

from __future__ import annotations

import json

import pytest

from bpref.case_file import read_case
from bpref.input_error import InputError
from golden_writer import FIXTURES, write_json

SEED = json.loads((FIXTURES / "bp-worked-example-zh" / "case.json").read_text(encoding="utf-8"))


def edited(path: list, value):
    doc = json.loads(json.dumps(SEED))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    "path, value, message",
    [
        (["network", "layers", 0, "activation"], "tanhh", "$.network.layers[0].activation: expected one of identity, relu, sigmoid, tanh"),
        (["network", "layers", 1, "weights", 0], ["0.3"], "$.network.layers[1].weights[0]: expected 2 weights"),
        (["network", "layers", 0, "weights", 1, 0], 0.4, '$.network.layers[0].weights[1][0]: expected a decimal string'),
        (["network", "loss"], "sqrt", "$.network.loss: expected one of half-sse, mse, bce"),
        (["data", 0, "y"], ["0.5", "0.5"], "$.data[0].y: expected 1 targets"),
        (["training", "epochs"], 0, "$.training.epochs: expected an integer from 1 to 1000000"),
        (["training", "updateBiases"], "no", "$.training.updateBiases: expected true or false"),
        # The TypeScript side's limits: a weight of 1e999999 once hung the check.
        (["network", "layers", 0, "weights", 0, 0], "1e999999", '$.network.layers[0].weights[0][0]: expected a number of magnitude at most 1e30, got "1e999999"'),
        (["data", 0, "x", 0], "0." + "1" * 2200, "$.data[0].x[0]: expected a decimal string of at most 2100 characters, got 2202"),
        (["published", 0], {"id": "p", "symbol": "h_1", "quantity": "z[0][0]", "printed": "0.755"}, '$.published[0]: expected a property "location"'),
        (["training", "learningRate"], "-2e31", '$.training.learningRate: expected a number of magnitude at most 1e30, got "-2e31"'),
    ],
)
def test_a_bad_case_file_names_the_file_the_path_and_what_was_expected(tmp_path, path, value, message):
    file = tmp_path / "case.json"
    write_json(file, edited(path, value))
    with pytest.raises(InputError) as error:
        read_case(file)
    assert str(error.value).startswith(f"{file}: {message}")
    assert "\n" not in str(error.value)


def test_the_seed_case_reads():
    case = read_case(FIXTURES / "bp-worked-example-zh" / "case.json")
    assert (case.id, case.loss, case.epochs, len(case.published)) == ("bp-worked-example-zh", "half-sse", 200, 22)
