"""numpy's printing of float arrays, applied to object arrays of exact Decimals.

numpy prints a float array through a FloatingFormat built from the whole array: it chooses
positional or scientific notation from the magnitudes, formats every value with dragon4 at
`precision` digits (in the default 'maxprec' mode trailing zeros are dropped), and pads all
entries to the same integer and fraction widths so the points line up. An object array of
Decimals would print as "Decimal('0.0966…')"; `install()` makes numpy format it as it
formats a float64 array, with the exact value rounded half to even where dragon4 rounds the
double. Everything else (brackets, separators, line wrapping, summarisation) stays numpy's.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any, Callable

import numpy as np
from numpy._core import arrayprint

_WIDE = decimal.Context(prec=100_000, rounding=decimal.ROUND_HALF_EVEN, Emin=-999999, Emax=999999)


def _positional(x: Decimal, precision: int | None, trim_zeros: bool) -> str:
    """x with `precision` fractional digits (all digits when None), like dragon4_positional."""
    if precision is not None:
        x = x.quantize(Decimal(1).scaleb(-precision), context=_WIDE)
    s = format(x, "f")
    if "." not in s:
        s += "."
    if trim_zeros:
        s = s.rstrip("0")
    return s


def _scientific(x: Decimal, precision: int | None, trim_zeros: bool) -> tuple[str, str, int]:
    """(sign and integer digit, fraction digits, exponent) of x in scientific notation."""
    if x.is_zero():
        mantissa, exponent = x, 0
    else:
        exponent = x.adjusted()
        mantissa = x.scaleb(-exponent, context=_WIDE)
        if precision is not None:
            mantissa = mantissa.quantize(Decimal(1).scaleb(-precision), context=_WIDE)
        if abs(mantissa) >= 10:  # rounding carried into a new digit
            exponent += 1
            mantissa = mantissa.scaleb(-1, context=_WIDE)
            if precision is not None:
                mantissa = mantissa.quantize(Decimal(1).scaleb(-precision), context=_WIDE)
    whole, _, fraction = _positional(mantissa, precision, trim_zeros).partition(".")
    return whole, fraction, exponent


class ExactFloatingFormat:
    """numpy's FloatingFormat (positional and scientific, every floatmode) over Decimals."""

    def __init__(self, data: np.ndarray, precision: int, floatmode: str, suppress_small: bool, sign: str = "-", **_: Any):
        values = [Decimal(int(v)) if not isinstance(v, Decimal) else v for v in data.flat]
        finite = [v for v in values if v.is_finite()]
        self.precision = None if floatmode == "unique" else precision
        self.sign = sign
        self.trim_zeros = floatmode not in ("fixed",)
        nonzero = [abs(v) for v in finite if not v.is_zero()]
        self.exp_format = bool(nonzero) and (
            max(nonzero) >= Decimal("1e8")
            or (not suppress_small and (min(nonzero) < Decimal("0.0001") or max(nonzero) / min(nonzero) > 1000))
        )
        if not finite:
            self.pad_left, self.pad_right, self.exp_size = 0, 0, -1
        elif self.exp_format:
            parts = [_scientific(v, self.precision, self.trim_zeros) for v in finite]
            self.pad_left = max(len(w) for w, _, _ in parts)
            self.frac_digits = max(len(f) for _, f, _ in parts)
            self.exp_size = max(len(str(abs(e))) for _, _, e in parts)
            self.exp_size = max(self.exp_size, 2)
        else:
            parts = [_positional(v, self.precision, self.trim_zeros).split(".") for v in finite]
            self.pad_left = max(len(w) for w, _ in parts)
            self.pad_right = max(len(f) for _, f in parts)
            if floatmode == "maxprec_equal":
                self.trim_zeros = False
                self.precision = self.pad_right
        if self.sign == " " and not any(v.is_signed() for v in finite):
            self.pad_left += 1

    def _signed(self, s: str, x: Decimal) -> str:
        if self.sign == "+" and not x.is_signed():
            return "+" + s
        return s

    def __call__(self, x: Any) -> str:
        x = x if isinstance(x, Decimal) else Decimal(int(x))
        if not x.is_finite():
            text = "nan" if x.is_nan() else ("-inf" if x.is_signed() else "inf")
            return text.rjust(self.pad_left + getattr(self, "pad_right", 0) + 1)
        if self.exp_format:
            whole, fraction, exponent = _scientific(x, self.precision, self.trim_zeros)
            fraction = fraction.ljust(self.frac_digits, "0")
            exp_sign = "-" if exponent < 0 else "+"
            return f"{self._signed(whole, x).rjust(self.pad_left)}.{fraction}e{exp_sign}{str(abs(exponent)).zfill(self.exp_size)}"
        whole, fraction = _positional(x, self.precision, self.trim_zeros).split(".")
        return f"{self._signed(whole, x).rjust(self.pad_left)}.{fraction.ljust(self.pad_right)}"


def _exact_array(data: np.ndarray) -> bool:
    if data.dtype != object or data.size == 0:
        return False
    items = list(data.flat)
    return all(isinstance(v, Decimal) or (isinstance(v, int) and not isinstance(v, bool)) for v in items) and any(
        isinstance(v, Decimal) for v in items
    )


def install() -> None:
    """Routes numpy's choice of element formatter through ExactFloatingFormat for exact arrays."""
    original: Callable[..., Any] = arrayprint._get_format_function

    def choose(data: np.ndarray, **options: Any) -> Any:
        if options.get("formatter") is None and _exact_array(data):
            return ExactFloatingFormat(
                data, options["precision"], options["floatmode"], options["suppress"], options.get("sign", "-")
            )
        return original(data, **options)

    arrayprint._get_format_function = choose
