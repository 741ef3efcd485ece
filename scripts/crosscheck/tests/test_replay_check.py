"""The replay.json check passes on the committed file and fails when one digit (or one
result, ablation entry, error, shape or setting) is changed. Copies live in temporary
folders only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bpref.checks.replay_check import check
from bpref.input_error import InputError
from golden_writer import FIXTURES, write_json
from test_golden_check import change_digit

SEED = "bp-worked-example-zh"
COMMITTED = FIXTURES / SEED / "replay.json"

pytestmark = pytest.mark.skipif(not COMMITTED.exists(), reason="fixtures/bp-worked-example-zh/replay.json is not committed")


@pytest.fixture
def copy(tmp_path):
    def make(edit) -> Path:
        target = tmp_path / SEED
        shutil.copytree(COMMITTED.parent, target)
        doc = json.loads((target / "replay.json").read_text(encoding="utf-8"))
        edit(doc)
        write_json(target / "replay.json", doc)
        return target

    return make


def number(doc: dict, printed_id: str) -> dict:
    return next(n for n in doc["numbers"] if n["printedId"] == printed_id)


def variant(doc: dict, name: str) -> dict:
    return next(row for row in doc["ablation"] if row["name"] == name)


def move(row: dict, printed_id: str, source: str, target: str) -> None:
    row[source].remove(printed_id)
    row[target].append(printed_id)


def test_the_committed_replay_file_passes():
    outcome = check(COMMITTED.parent)
    assert outcome.failures == []
    assert outcome.summary == "21 printed numbers replayed (exact digits, numpy strings, results); 7 ablation variants agree"


CORRUPTIONS = [
    ("one digit of an exact value", lambda doc: number(doc, "e2-w1-0-0").update(exact=change_digit(number(doc, "e2-w1-0-0")["exact"], 20)), "differs from"),
    ("the second digit of an exact loss", lambda doc: number(doc, "e1-loss").update(exact=change_digit(number(doc, "e1-loss")["exact"], 1)), "differs from"),
    ("one digit of a numpy string", lambda doc: number(doc, "e3-w0-1-1").update(numpy=change_digit(number(doc, "e3-w0-1-1")["numpy"], 6)), "numpy is"),
    ("a flipped result", lambda doc: number(doc, "e1-loss").update(result="mismatch"), "result is"),
    ("one digit of a printed number", lambda doc: number(doc, "e2-loss").update(printed=change_digit(number(doc, "e2-loss")["printed"], 3)), "the article prints"),
    ("more digits than certified", lambda doc: number(doc, "e1-w0-0-0").update(certifiedDigits=12), "more than the 12"),
    ("a number moved to mismatched", lambda doc: move(variant(doc, "fix-sqrt-loss"), "e2-w1-0-1", "matched", "mismatched"), "matched is"),
    ("a number moved to notPrinted", lambda doc: move(variant(doc, "fix-row-l1-error"), "e1-w1-0-0", "matched", "notPrinted"), "matched is"),
    ("a shape error left out", lambda doc: variant(doc, "fix-row-broadcast-w0-update").update(error=None), "error is"),
    ("a digit of the shape error", lambda doc: variant(doc, "fix-row-broadcast-w0-update")["error"].update(line=104), "error is"),
    ("a variant with another bug fixed", lambda doc: variant(doc, "fix-sqrt-loss").update(fixed=["missingLearningRate"]), "matched is"),
    ("a shape", lambda doc: doc["shapes"]["asWritten"][6].update(shape=[2, 1]), "numpy gives"),
    ("a bug's line", lambda doc: doc["bugs"][0].update(lines=[98]), "bugs are"),
    ("numpy's precision", lambda doc: doc["settings"]["numpy"].update(precision=7), "numpy prints with 8"),
    ("the text's learning rate", lambda doc: doc["settings"]["learningRate"].update(text="0.1"), "the program's is 0.01"),
    ("another case", lambda doc: doc.update(case="another-case"), "no replay"),
]


@pytest.mark.parametrize("edit, message", [pytest.param(e, m, id=d) for d, e, m in CORRUPTIONS])
def test_a_corrupted_replay_file_fails(copy, edit, message):
    failures = check(copy(edit)).failures
    assert failures
    assert message in failures[0]


def test_an_unknown_bug_name_is_bad_input(copy):
    with pytest.raises(InputError, match=r"replay.json: \$.ablation\[1\].fixed\[0\]: expected one of"):
        check(copy(lambda doc: variant(doc, "fix-sqrt-loss").update(fixed=["sqrtloss"])))
