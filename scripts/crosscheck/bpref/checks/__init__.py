"""The checks, one module per fixture file name.

Adding a check for a new fixture file is one module with ``FILE_NAME`` and
``check(case_dir) -> Outcome``, listed in ``FILE_CHECKS``. Files with no check yet are
listed by name in ``PENDING`` with the reason; any other file in a case folder fails the
run, so nothing is skipped silently.
"""

from __future__ import annotations

from . import case_check, golden_check

FILE_CHECKS = {module.FILE_NAME: module.check for module in (case_check, golden_check)}

PENDING = {
    "replay.json": "replay.json format not fixed yet (see scripts/crosscheck/README.md); "
    "the §4 program is replayed against the article's printed output instead",
    "trajectories.json": "trajectories.json format not fixed yet (see scripts/crosscheck/README.md)",
}
