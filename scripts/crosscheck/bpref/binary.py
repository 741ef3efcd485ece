"""Exact rational arithmetic for judging digits: correct rounding of an exact value to
binary64/binary32, ULP distance between doubles, and decimal digit counts.

Everything here works on ``fractions.Fraction`` (exact), so no decision is taken by
comparing doubles.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np


@dataclass(frozen=True)
class BinaryFormat:
    name: str
    precision: int  # significand bits, hidden bit included
    emin: int  # exponent of the smallest normal number
    emax: int  # exponent of the largest finite number


BINARY64 = BinaryFormat("float64", 53, -1022, 1023)
BINARY32 = BinaryFormat("float32", 24, -126, 127)


def mpf_to_fraction(x: Any) -> Fraction:
    """The exact value of an mpmath mpf (a binary number ±man·2^exp); inf/nan are refused."""
    if not x.context.isfinite(x):
        raise ValueError(f"not a finite number: {x}")
    # man_exp gives the magnitude's mantissa: the sign is taken apart.
    man, exp = x.man_exp
    value = Fraction(man) * (Fraction(2) ** exp)
    return -value if x < 0 else value


def floor_log2(q: Fraction) -> int:
    """⌊log2 q⌋ for q > 0, exactly."""
    e = q.numerator.bit_length() - q.denominator.bit_length()
    # 2^e is within a factor 2 of q; step once to the exact floor.
    if Fraction(2) ** e > q:
        e -= 1
    elif Fraction(2) ** (e + 1) <= q:
        e += 1
    return e


def round_to_binary(q: Fraction, fmt: BinaryFormat) -> float:
    """The value of ``fmt`` nearest to q (ties to even, subnormals kept, ±inf beyond the
    largest finite value's rounding boundary), returned as a Python float (exact: binary32
    values are binary64 values too). Zero gives +0.0."""
    if q == 0:
        return 0.0
    a = abs(q)
    quantum = max(floor_log2(a), fmt.emin) - (fmt.precision - 1)
    # Fraction's round() rounds half to even.
    n = round(a / Fraction(2) ** quantum)
    rounded = n * Fraction(2) ** quantum
    if rounded >= Fraction(2) ** (fmt.emax + 1):
        return float("inf") if q > 0 else float("-inf")
    value = float(rounded)  # exact: rounded is a binary64 number
    return value if q > 0 else -value


def _ordered(x: float) -> int:
    """Maps doubles to integers so that adjacent doubles differ by 1 (−0 and +0 both 0)."""
    (bits,) = struct.unpack("<q", struct.pack("<d", x))
    return bits if bits >= 0 else -(bits & 0x7FFFFFFFFFFFFFFF)


def ulp_distance(a: float, b: float) -> float:
    """Number of binary64 values between a and b (0 when equal; inf if either is nan or
    exactly one is infinite)."""
    if np.isnan(a) or np.isnan(b):
        return float("inf")
    if np.isinf(a) or np.isinf(b):
        return 0.0 if a == b else float("inf")
    return float(abs(_ordered(float(a)) - _ordered(float(b))))


def same_decimal(a: str, b: str) -> bool:
    """Whether two decimal strings have the same digits and exponent (1e-07 vs 1e-7, 0.50 vs 0.5)."""
    return Decimal(a).normalize().as_tuple() == Decimal(b).normalize().as_tuple()


def shortest(x: float, fmt: BinaryFormat) -> str:
    """The shortest decimal string that reads back as x in ``fmt``."""
    if fmt is BINARY32:
        return np.format_float_positional(np.float32(x), unique=True, trim="-")
    return repr(float(x))


def leading_exponent(q: Fraction) -> int:
    """E with 10^E ≤ |q| < 10^(E+1), for q ≠ 0."""
    a = abs(q)
    e = len(str(a.numerator)) - len(str(a.denominator))
    if Fraction(10) ** e > a:
        e -= 1
    elif Fraction(10) ** (e + 1) <= a:
        e += 1
    return e


def agreeing_digits(a: Fraction, b: Fraction) -> int:
    """Significant digits two values share, measured as ⌊−log10(|a − b| / |b|)⌋
    (capped at 1000 for equal values)."""
    if a == b:
        return 1000
    if b == 0:
        return 0
    return max(0, -leading_exponent((a - b) / b) - 1)
