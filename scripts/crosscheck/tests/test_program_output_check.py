"""program-output.json: the recorded printed output passes when it is the article's, and
fails with one digit changed. Files are written to temporary folders only."""

from __future__ import annotations

import pytest

from bpref.article_program import PRINTED_LINES, PRINTED_OUTPUT
from bpref.checks.program_output_check import check
from golden_writer import write_json


def program_output(tmp_path, text: str, case: str = "bp-worked-example-zh"):
    case_dir = tmp_path / case
    case_dir.mkdir()
    lines = [{"line": PRINTED_LINES[0] + k, "text": t} for k, t in enumerate(text.splitlines())]
    write_json(case_dir / "program-output.json", {"schema": "bpcheck-program-output", "version": 1, "case": case, "output": lines})
    return case_dir


def test_the_articles_printed_output_passes(tmp_path):
    outcome = check(program_output(tmp_path, PRINTED_OUTPUT))
    assert outcome.failures == []


@pytest.mark.parametrize(
    "text, message",
    [
        (PRINTED_OUTPUT.replace("0.2455836 ", "0.2455837 "), "line 133"),  # one digit of W1 in epoch 2
        ("\n".join(PRINTED_OUTPUT.splitlines()[:-1]), "expected 117–142"),
    ],
)
def test_a_changed_digit_or_a_missing_line_fails(tmp_path, text, message):
    outcome = check(program_output(tmp_path, text))
    assert outcome.failures and message in outcome.failures[0]


def test_a_program_of_another_case_is_not_judged_silently(tmp_path):
    outcome = check(program_output(tmp_path, PRINTED_OUTPUT, case="another-case"))
    assert outcome.failures and "no replay" in outcome.failures[0]
