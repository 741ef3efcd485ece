"""python3 scripts/crosscheck/check.py [fixtures-dir]

Checks every fixture file of every case folder with bpref's own implementation and
prints one line per file. Exit codes: 0 all good, 1 a check failed (or a file has no
check), 2 bad input (one line naming the file, the JSON path and what was expected),
70 an internal error of the check itself (one line; BPCHECK_DEBUG=1 adds the traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bpref.article_program import replay_differences  # noqa: E402
from bpref.checks import FILE_CHECKS, PENDING  # noqa: E402
from bpref.checks import source_text_check  # noqa: E402
from bpref.input_error import InputError  # noqa: E402
from bpref.outcome import Outcome  # noqa: E402

DEFAULT_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Folders of fixtures/ that are not cases: the JSON Schemas (validated by @bpcheck/golden)
# and the adversarial corpus of deliberately bad inputs (run by @bpcheck/golden's tests).
NOT_CASES = {"schema", "bad"}
# The case whose source's §4 program is replayed against its printed output.
ARTICLE_CASE = "bp-worked-example-zh"


def check_case(case_dir: Path) -> list[Outcome]:
    outcomes = []
    for file in sorted(case_dir.iterdir()):
        if file.name in FILE_CHECKS:
            outcomes.append(FILE_CHECKS[file.name](case_dir))
        elif file.name == source_text_check.source_file_name(case_dir):
            outcomes.append(source_text_check.check(case_dir))
        elif file.name in PENDING:
            outcomes.append(Outcome(file, skipped=PENDING[file.name]))
        else:
            outcomes.append(Outcome(file, failures=["no cross-check exists for this file"]))
    if case_dir.name == ARTICLE_CASE:
        diffs = replay_differences()
        outcome = Outcome(case_dir / "§4 program", failures=diffs)
        outcome.summary = "the replay reproduces the printed output of epochs 1–3 digit for digit"
        outcomes.append(outcome)
    return outcomes


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print("usage: check.py [fixtures-dir]", file=sys.stderr)
        return 2
    root = Path(argv[0]) if argv else DEFAULT_FIXTURES
    if not root.is_dir():
        print(f"{root}: not a directory of fixtures", file=sys.stderr)
        return 2
    cases = [d for d in sorted(root.iterdir()) if d.is_dir() and d.name not in NOT_CASES]
    if not cases:
        print(f"{root}: no case folders", file=sys.stderr)
        return 2
    failed = False
    for case_dir in cases:
        try:
            outcomes = check_case(case_dir)
        except InputError as e:
            print(e, file=sys.stderr)
            return 2
        for outcome in outcomes:
            print(outcome.line(Path.cwd()))
            failed = failed or not outcome.ok
    return 1 if failed else 0


def guarded_main(argv: list[str]) -> int:
    """main, with anything unexpected reported in one line (exit 70) instead of a traceback."""
    try:
        return main(argv)
    except InputError as e:
        print(e, file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - the one place that turns a bug into one line
        if os.environ.get("BPCHECK_DEBUG") == "1":
            raise
        print(f"check.py: internal error ({type(e).__name__}: {str(e)[:200]}); please report it", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(guarded_main(sys.argv[1:]))
