"""Number systems the engine runs in.

The engine uses Python's operators (+, -, *, /, unary -, comparisons) on the numbers a
system makes, plus the functions below; numpy float64 scalars and mpmath mpf values both
overload the operators, so one algorithm serves both. Every number enters through
``from_decimal`` or ``from_int``, so no Python float sneaks into an exact computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import mpmath
import numpy as np


@dataclass(frozen=True)
class NumberSystem:
    """A set of numbers with the elementary functions backpropagation needs.

    - ``from_decimal(s)``: the decimal string s, rounded once to the system;
    - ``exp``, ``ln``, ``tanh``: the elementary functions of the system (ln domain x > 0);
    - ``digits``: decimal significant digits the system carries (for finite-difference steps).
    """

    name: str
    digits: int
    from_decimal: Callable[[str], Any]
    from_int: Callable[[int], Any]
    exp: Callable[[Any], Any]
    ln: Callable[[Any], Any]
    tanh: Callable[[Any], Any]


def float64() -> NumberSystem:
    """IEEE binary64 through numpy scalars: every operation rounds to nearest even.

    numpy's exp, log and tanh are its own implementations (not the JavaScript engine's),
    accurate to within an ulp or so but not guaranteed correctly rounded. exp overflows to
    inf for x > ~709.78; log(0) is -inf; log of a negative number is nan.
    """
    return NumberSystem(
        name="float64",
        digits=16,
        from_decimal=lambda s: np.float64(s),
        from_int=lambda n: np.float64(n),
        exp=np.exp,
        ln=np.log,
        tanh=np.tanh,
    )


def exact(digits: int) -> NumberSystem:
    """mpmath at ``digits`` significant decimal digits, in a private context.

    A private ``MPContext`` keeps the precision local (the global ``mpmath.mp`` is never
    changed). Each operation rounds to the context's binary precision (about
    3.32 × digits bits); exp, ln and tanh are correctly rounded by mpmath at that
    precision. ln(0) is -inf, ln of a negative number is complex and is refused here.
    """
    ctx = mpmath.MPContext()
    ctx.dps = digits

    def ln(x: Any) -> Any:
        if x < 0:
            raise ValueError(f"ln of a negative number: {x}")
        return ctx.log(x)

    return NumberSystem(
        name=f"exact{digits}",
        digits=digits,
        from_decimal=ctx.mpf,
        from_int=ctx.mpf,
        exp=ctx.exp,
        ln=ln,
        tanh=ctx.tanh,
    )
