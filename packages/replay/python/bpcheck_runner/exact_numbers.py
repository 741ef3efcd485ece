"""The exact number system of a replay: decimal.Decimal at a stated precision, held in numpy
object arrays so that numpy itself does the broadcasting, dot products, transposes and
in-place updates.

numpy applies a ufunc to an object array by calling the method of the same name on every
element: Decimal has exp, sqrt and log10, so np.exp, np.sqrt and np.log10 work as they are.
The functions it lacks (log, tanh, …) are supplied here, each computed with guard digits and
rounded once to the working precision. numpy and math are handed to an exact program as
proxies that use them for exact arguments and are numpy and math otherwise.
"""

from __future__ import annotations

import decimal
import math
import types
from decimal import Decimal
from typing import Any, Callable

import numpy as np

GUARD_DIGITS = 10


def set_precision(digits: int) -> None:
    """Every Decimal operation of the run rounds half to even at `digits` significant digits."""
    ctx = decimal.Context(prec=digits, rounding=decimal.ROUND_HALF_EVEN, Emin=-999999, Emax=999999)
    ctx.traps[decimal.Inexact] = False
    decimal.setcontext(ctx)


def _guarded(compute: Callable[[Decimal], Decimal]) -> Callable[[Any], Decimal]:
    """`compute` at the working precision plus guard digits, rounded once to the working precision."""

    def f(x: Any) -> Decimal:
        x = to_exact(x)
        outer = decimal.getcontext()
        with decimal.localcontext() as ctx:
            ctx.prec = outer.prec + GUARD_DIGITS
            result = compute(x)
        return +result  # unary plus rounds to the working precision

    return f


def _tanh(x: Decimal) -> Decimal:
    if x.is_zero():
        return x
    if abs(x) > 10 * decimal.getcontext().prec:  # e^(2x) would swamp the ±1
        return Decimal(1).copy_sign(x)
    e = (2 * abs(x)).exp()
    return ((e - 1) / (e + 1)).copy_sign(x)


def _log1p(x: Decimal) -> Decimal:
    with decimal.localcontext() as ctx:
        ctx.prec += max(0, -x.adjusted())  # 1 + x keeps the digits of a small x
        return (1 + x).ln()


def _expm1(x: Decimal) -> Decimal:
    with decimal.localcontext() as ctx:
        ctx.prec += max(0, -x.adjusted())
        return x.exp() - 1


# Decimal's exp, ln, log10 and sqrt are correctly rounded at the working precision as they
# are; the others are composed with guard digits and rounded once.
SUPPLIED: dict[str, Callable[[Any], Decimal]] = {
    "exp": lambda x: to_exact(x).exp(),
    "log": lambda x: to_exact(x).ln(),
    "log10": lambda x: to_exact(x).log10(),
    "sqrt": lambda x: to_exact(x).sqrt(),
    "log2": _guarded(lambda x: x.ln() / Decimal(2).ln()),
    "tanh": _guarded(_tanh),
    "sinh": _guarded(lambda x: (x.exp() - (-x).exp()) / 2),
    "cosh": _guarded(lambda x: (x.exp() + (-x).exp()) / 2),
    "log1p": _guarded(_log1p),
    "expm1": _guarded(_expm1),
    "exp2": _guarded(lambda x: (x * Decimal(2).ln()).exp()),
}


def to_exact(x: Any) -> Decimal:
    """A number as a Decimal: ints and Decimals exactly, a float by its exact binary value."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, (bool, np.bool_)):
        raise TypeError("a boolean is not a number of the exact replay")
    if isinstance(x, (int, np.integer)):
        return Decimal(int(x))
    if isinstance(x, (float, np.floating)):
        return Decimal(float(x))
    raise TypeError(f"{type(x).__name__} is not a number of the exact replay")


def is_exact(x: Any) -> bool:
    """A Decimal, or an object array holding at least one."""
    if isinstance(x, Decimal):
        return True
    return isinstance(x, np.ndarray) and x.dtype == object and any(isinstance(e, Decimal) for e in x.flat)


def _elementwise(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    exact = np.frompyfunc(SUPPLIED[name], 1, 1)

    def f(x: Any, *args: Any, **kwargs: Any) -> Any:
        if is_exact(x) and not args and not kwargs:
            return exact(x)
        return real(x, *args, **kwargs)

    f.__name__ = name
    return f


def _float_dtype(dtype: Any) -> bool:
    try:
        return dtype is not None and np.dtype(dtype).kind == "f"
    except TypeError:
        return False


def _exact_array(real: Callable[..., Any]) -> Callable[..., Any]:
    """np.array / np.asarray that keep exact numbers exact where a float dtype is asked for."""
    convert = np.frompyfunc(to_exact, 1, 1)

    def f(obj: Any, dtype: Any = None, *args: Any, **kwargs: Any) -> Any:
        if _float_dtype(dtype):
            return convert(real(obj, *args, dtype=object, **kwargs)).astype(object)
        return real(obj, dtype, *args, **kwargs)

    return f


def _exact_filled(value: int) -> Callable[..., Any]:
    """np.zeros / np.ones as object arrays of exact 0 or 1 (float64 ones could not mix with Decimals)."""

    def f(shape: Any, dtype: Any = None, *args: Any, **kwargs: Any) -> Any:
        if dtype is None or _float_dtype(dtype):
            return np.full(shape, Decimal(value), dtype=object)
        return (np.zeros if value == 0 else np.ones)(shape, dtype, *args, **kwargs)

    return f


def exact_overrides(numpy_module: Any) -> dict[str, Any]:
    """The attributes an exact program sees in place of numpy's own."""
    overrides: dict[str, Any] = {name: _elementwise(name, getattr(numpy_module, name)) for name in SUPPLIED}
    overrides["array"] = _exact_array(numpy_module.array)
    overrides["asarray"] = _exact_array(numpy_module.asarray)
    overrides["zeros"] = _exact_filled(0)
    overrides["ones"] = _exact_filled(1)
    return overrides


def exact_math() -> types.ModuleType:
    """math for an exact program: the supplied functions for Decimal arguments, math's own otherwise."""
    module = types.ModuleType("math")
    for name in dir(math):
        if not name.startswith("_"):
            setattr(module, name, getattr(math, name))
    for name, exact in SUPPLIED.items():
        real = getattr(math, name, None)
        if real is None:
            continue

        def f(x: Any, *args: Any, _exact: Callable[[Any], Decimal] = exact, _real: Any = real) -> Any:
            return _exact(x) if isinstance(x, Decimal) and not args else _real(x, *args)

        f.__name__ = name
        setattr(module, name, f)
    return module


def exact_literal(text: str) -> Decimal:
    """A float literal of the program text as the decimal number it spells ("0.35" is 0.35, not its double)."""
    return Decimal(text.replace("_", ""))


def exact_true_divide(a: Any, b: Any) -> Any:
    """`a / b`: two ints give the exact quotient (Python would give a float); anything else divides as usual."""
    if type(a) is int and type(b) is int:
        return Decimal(a) / Decimal(b)
    return a / b
