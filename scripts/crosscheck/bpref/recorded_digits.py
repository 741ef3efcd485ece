"""Judging an exact value recorded to a number of significant digits against our own mpmath
values: the recorded value must be our value correctly rounded to those digits (within half a
unit of its last digit, plus our own value's uncertainty), and our own value must be
certified to that many digits."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from .binary import agreeing_digits, leading_exponent, mpf_to_fraction


def judge_exact(recorded_text: str, digits: int, high: Any, low: Any) -> list[str]:
    """Failures of the decimal string ``recorded_text``, which may stand for ``digits``
    significant digits (trailing zeros may be dropped), against ``high`` (an mpmath value
    computed with many more digits) and ``low`` (the same computed with fewer, to certify
    ``high``):

    - it is written with at most ``digits`` significant digits;
    - |recorded − high| ≤ half a unit in its ``digits``-th significant digit, plus |high − low|
      (it is the correctly rounded value: every recorded digit is right);
    - high and low agree to at least ``digits`` significant digits.

    A recorded 0 must be exactly 0 in ``high``.
    """
    failures = []
    mine, mine_low = mpf_to_fraction(high), mpf_to_fraction(low)
    recorded = Fraction(recorded_text)
    written = len(Decimal(recorded_text).normalize().as_tuple().digits)
    if recorded != 0 and written > digits:
        failures.append(f"exact {recorded_text} has {written} significant digits, more than the {digits} it may record")
    if recorded == 0:
        if mine != 0:
            failures.append(f"exact is 0 but the value is {show(high)}")
        return failures
    unit = Fraction(10) ** (leading_exponent(recorded) - digits + 1)
    if abs(mine - recorded) > unit / 2 + abs(mine - mine_low):
        failures.append(f"exact {recorded_text} differs from {show(high)} correctly rounded to {digits} digits")
    if agreeing_digits(mine_low, mine) < digits:
        failures.append(f"the cross-check certifies only {agreeing_digits(mine_low, mine)} of {digits} digits")
    return failures


def show(x: Any) -> str:
    """An mpmath value to 45 significant digits, for messages."""
    return str(x.context.nstr(x, 45))
