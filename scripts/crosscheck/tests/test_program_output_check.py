"""program-output.json: the recorded printed output passes when it is the source's, and
fails with one digit changed or a printed number out of place. Files are written to
temporary folders only."""

from __future__ import annotations

import json
import shutil

import pytest

from bpref.checks.program_output_check import check
from golden_writer import FIXTURES, write_json


@pytest.fixture
def copy(tmp_path):
    def make(case: str, edit) -> object:
        target = tmp_path / case
        shutil.copytree(FIXTURES / case, target)
        doc = json.loads((target / "program-output.json").read_text(encoding="utf-8"))
        edit(doc)
        write_json(target / "program-output.json", doc)
        return target

    return make


@pytest.mark.parametrize("case", ["bp-worked-example-zh", "hmkcode-2018"])
def test_the_committed_files_pass(case):
    assert check(FIXTURES / case).failures == []


@pytest.mark.parametrize(
    "case, edit, message",
    [
        ("bp-worked-example-zh", lambda d: d["output"]["lines"][16].update(text=" [[0.2455837  0.84691021]]"), "line 133"),
        ("bp-worked-example-zh", lambda d: d["output"]["lines"].pop(), "expected 117–142"),
        ("bp-worked-example-zh", lambda d: d["printed"][1].update(ordinal=1), "e1-w0-0-0"),
        ("hmkcode-2018", lambda d: d["output"]["lines"][2].update(text="error: [[0.3272406]]"), "line 3"),
        ("hmkcode-2018", lambda d: d.update(case="another-case"), "no replay"),
    ],
)
def test_a_changed_file_fails(copy, case, edit, message):
    outcome = check(copy(case, edit))
    assert outcome.failures and message in outcome.failures[0]


def test_the_program_transcript_is_what_python_prints(tmp_path):
    from bpref.checks import program_text_check, program_transcript_check

    target = tmp_path / "hmkcode-2018"
    shutil.copytree(FIXTURES / "hmkcode-2018", target)
    assert program_transcript_check.check(target).failures == []
    assert program_text_check.check(target).failures == []
    (target / "output.txt").write_text((target / "output.txt").read_text().replace("0.191", "0.192"))
    assert program_transcript_check.check(target).failures == ["python3 program.py prints other text than output.txt"]
