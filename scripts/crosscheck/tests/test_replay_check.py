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
    return next(n for n in doc["numbers"] if n["id"] == printed_id)


def variant(doc: dict, name: str) -> dict:
    return next(row for row in doc["ablation"] if row["name"] == name)


def move(row: dict, printed_id: str, source: str, target: str) -> None:
    row["exact"][source].remove(printed_id)
    row["exact"][target].append(printed_id)


def test_the_committed_replay_file_passes():
    outcome = check(COMMITTED.parent)
    assert outcome.failures == []
    assert outcome.summary == (
        "21 printed numbers replayed (exact and float64 strings, matches, printing lines); 7 ablation variants agree in both modes"
    )


def test_the_committed_replay_of_the_hmkcode_program_passes():
    outcome = check(FIXTURES / "hmkcode-2018")
    assert outcome.failures == []


CORRUPTIONS = [
    ("one digit of an exact string", lambda doc: number(doc, "e2-w1-0-0").update(exact=change_digit(number(doc, "e2-w1-0-0")["exact"], 6)), "exact is"),
    ("one digit of the rerun", lambda doc: number(doc, "e1-loss").update(exactRerun=change_digit(number(doc, "e1-loss")["exactRerun"], 3)), "exactRerun is"),
    ("one digit of a float64 string", lambda doc: number(doc, "e3-w0-1-1").update(float64=change_digit(number(doc, "e3-w0-1-1")["float64"], 6)), "float64 is"),
    ("a flipped match", lambda doc: number(doc, "e1-loss").update(match={"exact": False, "float64": True}), "match is"),
    ("the printing line", lambda doc: number(doc, "e1-loss").update(printedBy=106), "printedBy is"),
    ("a number moved to mismatched", lambda doc: move(variant(doc, "fix-sqrt-loss"), "e2-w1-0-1", "matched", "mismatched"), "matched is"),
    ("a number moved to notPrinted", lambda doc: move(variant(doc, "fix-row-l1-error"), "e1-w1-0-0", "matched", "notPrinted"), "matched is"),
    ("a stop left out", lambda doc: variant(doc, "fix-row-broadcast-w0-update")["exact"].update(stop=None), "stop is"),
    ("the line of the stop", lambda doc: variant(doc, "fix-row-broadcast-w0-update")["float64"]["stop"].update(line=104), "stop is"),
    ("a variant with another patch", lambda doc: variant(doc, "fix-sqrt-loss").update(patches=["missing-learning-rate"]), "matched is"),
    ("a patch our replay does not know", lambda doc: variant(doc, "fix-sqrt-loss").update(patches=["sqrt"]), "no switch"),
    ("a constant that disagrees", lambda doc: doc["constants"][0].update(agrees=False), "should agree"),
    ("another case", lambda doc: doc.update(case="another-case"), "no replay"),
]


@pytest.mark.parametrize("edit, message", [pytest.param(e, m, id=d) for d, e, m in CORRUPTIONS])
def test_a_corrupted_replay_file_fails(copy, edit, message):
    failures = check(copy(edit)).failures
    assert failures
    assert message in failures[0]


def test_an_old_version_is_bad_input(copy):
    with pytest.raises(InputError, match=r"replay.json: \$.schema: expected \"bpcheck-replay\" version 2"):
        check(copy(lambda doc: doc.update(version=1)))
