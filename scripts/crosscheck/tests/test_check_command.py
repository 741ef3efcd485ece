"""check.py: one line per file, exit 0 when all agree, 1 on a failed check or an unknown
file, 2 on unreadable input. Runs on copies in temporary folders."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import check
from golden_writer import FIXTURES, fixture_copy, write_json

SEED = "bp-worked-example-zh"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """check.py's main in this process (the script itself is run once, below)."""

    def invoke(*args: str) -> Result:
        code = check.main(list(args))
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return invoke


@pytest.fixture(scope="module")
def fixtures_dir(tmp_path_factory) -> Path:
    # A short training run keeps the subprocess fast; the golden check itself is tested
    # on all 200 epochs in test_golden_check.py.
    return fixture_copy(tmp_path_factory.mktemp("cli"), SEED, epochs=5).parent


def test_the_script_passes_on_the_committed_fixtures():
    # Ten case folders take about 6 s on a quiet 2-core machine; the timeout only guards a hang.
    result = subprocess.run([sys.executable, check.__file__, str(FIXTURES)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "§4 program: the replay reproduces the printed output" in result.stdout
    assert "skip" not in result.stdout


def test_good_fixtures_give_one_ok_line_per_file_and_exit_0(run, fixtures_dir):
    result = run(str(fixtures_dir))
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in lines] == ["case.json", "golden.json", "§4 program"]
    assert all(line.startswith("ok ") for line in lines)


def test_a_changed_digit_gives_a_fail_line_and_exit_1(run, tmp_path):
    case_dir = fixture_copy(tmp_path, SEED, epochs=5)
    doc = json.loads((case_dir / "golden.json").read_text(encoding="utf-8"))
    record = next(q for q in doc["groups"][0]["quantities"] if q["name"] == "a[1][0]")
    record["exact"] = record["exact"][:10] + str((int(record["exact"][10]) + 1) % 10) + record["exact"][11:]
    write_json(case_dir / "golden.json", doc)
    result = run(str(case_dir.parent))
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "a[1][0]" in result.stdout


@pytest.mark.parametrize(
    "name, content, code, message",
    [
        ("golden.json", "{ not json", 2, "golden.json: line 1 column 3: invalid JSON"),
        ("golden.json", b"\xef\xbb\xbf{\"a\": \"caf\xe9\"}", 2, "golden.json: byte offset 13: expected UTF-8 text"),
        ("golden.json", "[" * 5000 + "]" * 5000, 2, "golden.json: $: expected arrays and objects nested at most 64 deep"),
        ("golden.json", '{"a": ' + "1" * 5000 + "}", 2, "golden.json: $: expected a JSON number of 5000 characters"),
        ("golden.json", '{"schema": "bpcheck-golden"}', 2, 'expected a property "version"'),
        ("notes.json", "{}", 1, "no cross-check exists for this file"),
        ("replay.json", "{}", 2, 'replay.json: $: expected a property "schema"'),
        ("trajectories.json", '{"schema": "bpcheck-trajectories"}', 2, 'expected a property "version"'),
    ],
)
def test_bad_or_unknown_files_are_reported_in_one_line(run, tmp_path, name, content, code, message):
    case_dir = fixture_copy(tmp_path, SEED, epochs=2, with_golden=False)
    if isinstance(content, bytes):
        (case_dir / name).write_bytes(content)
    else:
        (case_dir / name).write_text(content, encoding="utf-8")
    result = run(str(case_dir.parent))
    assert result.returncode == code
    assert message in result.stdout + result.stderr
    if code == 2:
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_help_describes_the_check_and_its_exit_codes(run):
    result = run("--help")
    assert result.returncode == 0
    assert "Exit codes" in result.stdout and "70" in result.stdout


@pytest.mark.parametrize("args", [["/nonexistent/fixtures"], ["a", "b"], ["--bogus"]])
def test_a_missing_folder_or_extra_argument_exits_2(run, args):
    assert run(*args).returncode == 2
