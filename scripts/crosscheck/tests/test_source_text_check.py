"""The source text a case folder holds: every location stands on its line."""

from __future__ import annotations

import shutil

from bpref.checks import source_text_check
from golden_writer import FIXTURES


def copy_case(tmp_path, case_id="hmkcode-2018"):
    target = tmp_path / case_id
    shutil.copytree(FIXTURES / case_id, target)
    return target


def test_a_committed_source_text_holds_every_location(tmp_path):
    case_dir = copy_case(tmp_path)
    assert source_text_check.source_file_name(case_dir) == "hmkcode-2018.md"
    assert source_text_check.check(case_dir).failures == []


def test_a_source_text_edited_on_a_located_line_fails(tmp_path):
    case_dir = copy_case(tmp_path)
    source = case_dir / "hmkcode-2018.md"
    lines = source.read_text(encoding="utf-8").split("\n")
    lines[19] = lines[19].replace("-0.809", "-0.808")  # line 20: Δ = 0.191 – 1 = -0.809
    source.write_text("\n".join(lines), encoding="utf-8")
    failures = source_text_check.check(case_dir).failures
    assert failures and "line 20" in failures[0]


def test_a_source_text_shorter_than_a_location_fails(tmp_path):
    case_dir = copy_case(tmp_path)
    source = case_dir / "hmkcode-2018.md"
    source.write_text("\n".join(source.read_text(encoding="utf-8").split("\n")[:10]), encoding="utf-8")
    assert any("is not a line of" in f for f in source_text_check.check(case_dir).failures)
