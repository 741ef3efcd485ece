"""The checks, one module per fixture file name.

Adding a check for a new fixture file is one module with ``FILE_NAME`` and
``check(case_dir) -> Outcome``, listed in ``FILE_CHECKS``. Files with no check yet are
listed by name in ``PENDING`` with the reason; any other file in a case folder fails the
run, so nothing is skipped silently.
"""

from __future__ import annotations

from . import (
    case_check,
    errata_check,
    golden_check,
    program_output_check,
    program_text_check,
    program_transcript_check,
    replay_check,
    trajectories_check,
    verdicts_check,
)

FILE_CHECKS = {
    module.FILE_NAME: module.check
    for module in (
        case_check,
        golden_check,
        program_output_check,
        program_text_check,
        program_transcript_check,
        replay_check,
        trajectories_check,
        errata_check,
        verdicts_check,
    )
}

# File name → why it has no check yet (none today: every fixture file is checked).
PENDING: dict[str, str] = {}
