"""The §4 numpy program of bp-worked-example.zh.txt, replayed as published, bugs and all,
and with any of its bugs undone.

The program is kept as the article prints it (lines 73–111), with three changes only:
matplotlib is not imported and nothing is plotted, print writes to a buffer, and the
numbers may be numpy float64 (as published) or mpmath values held in numpy object arrays
(so numpy's shapes, broadcasting and shape errors stay numpy's own). Its behaviour
therefore includes what the article did not intend, each a switch in ``BUGS``:

- sqrtLoss (lines 98, 100): the "loss" is 0.5·|y − ŷ|^0.5, a square root where the text's
  ½(y − ŷ)² needs a square; fixed: 0.5*l2_error**2;
- missingLearningRate (104, 105): no learning rate (a step of 1); fixed: the rate α = 0.01
  §1.2 states (line 28) multiplies both updates;
- rowL1Error (102, 103): l1_error = l2_delta*W1 is (1,2) while l1 is (2,1), so
  l1_error*l1*(1−l1) broadcasts to a 2×2 matrix; fixed: W1.T.dot(l2_delta), (2,1);
- rowBroadcastW0Update (105): W0 += l0.T.dot(l1_delta) adds the same row to both rows of
  W0; fixed: the outer product l1_delta.dot(l0.T) (which needs rowL1Error fixed too, or
  numpy stops with a shape error).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable

import mpmath
import numpy as np

SOURCE = "bp-worked-example.zh.txt"
# §4 "输出结果" (output), lines 117–142, exactly as printed. The copy on the web page lost
# the trailing spaces print() writes after "]]" before "\n W1:", so lines are compared
# with trailing spaces removed.
PRINTED_LINES = (117, 142)
PRINTED_OUTPUT = """\
In the process of 1th epoch
The Current Loss: [[0.21810748]]
After  BackProp:
 W0:
 [[0.09661944 0.78985831]
 [0.39661944 0.58985831]]
 W1:
 [[0.27232597 0.87299836]]
=========================================
In the process of 2th epoch
The Current Loss: [[0.21319219]]
After  BackProp:
 W0:
 [[0.09363393 0.78028763]
 [0.39363393 0.58028763]]
 W1:
 [[0.2455836  0.84691021]]
=========================================
In the process of 3th epoch
The Current Loss: [[0.20830283]]
After  BackProp:
 W0:
 [[0.09102066 0.7712756 ]
 [0.39102066 0.5712756 ]]
 W1:
 [[0.21978966 0.82175133]]
"""


# The bug switches and the source lines each sits on.
BUGS = {
    "sqrtLoss": (98, 100),
    "missingLearningRate": (104, 105),
    "rowL1Error": (102, 103),
    "rowBroadcastW0Update": (105,),
}
# The learning rate §1.2 states (line 28, "步长 α = 0.01"), applied when missingLearningRate is fixed.
TEXT_LEARNING_RATE = "0.01"
# numpy's print options the output was printed with (numpy's defaults, never changed).
PRINT_PRECISION = 8


@dataclass(frozen=True)
class Arithmetic:
    """The numbers a replay runs in: ``array`` makes a 2-D array from decimal strings,
    ``scalar`` a number from one, ``exp`` is the element-wise exponential."""

    name: str
    array: Callable[[list[list[str]]], np.ndarray]
    scalar: Callable[[str], Any]
    exp: Callable[[np.ndarray], np.ndarray]


FLOAT64 = Arithmetic("float64", lambda rows: np.array([[float(v) for v in row] for row in rows]), float, np.exp)


def exact_arithmetic(digits: int) -> Arithmetic:
    """mpmath at ``digits`` significant digits (a private context) in numpy object arrays:
    numpy does the shapes, broadcasting and dot products, mpmath every operation."""
    ctx = mpmath.MPContext()
    ctx.dps = digits
    return Arithmetic(
        f"exact{digits}",
        lambda rows: np.array([[ctx.mpf(v) for v in row] for row in rows], dtype=object),
        ctx.mpf,
        np.frompyfunc(ctx.exp, 1, 1),
    )


Index = tuple[int, int]


@dataclass
class Run:
    """What one replay did.

    - ``output``: the text it printed;
    - ``printed``: every number it printed in its epoch blocks, (epoch from 1, "loss" | "W0"
      | "W1", (row, column)) → value;
    - ``shapes``: (source line, expression, shape) of the loop body in the first epoch;
    - ``error``: (source line, numpy's message) where numpy stopped it with a ValueError.
    """

    output: str = ""
    printed: dict[tuple[int, str, Index], Any] = field(default_factory=dict)
    shapes: list[tuple[int, str, Index]] = field(default_factory=list)
    error: tuple[int, str] | None = None


def replay(epochs: int = 200, fixed: frozenset[str] = frozenset(), arithmetic: Arithmetic = FLOAT64) -> Run:
    """The program run for ``epochs`` epochs (it runs 200) with the bugs named in ``fixed``
    undone, in ``arithmetic``."""
    unknown = set(fixed) - set(BUGS)
    if unknown:
        raise ValueError(f"unknown bug switches {sorted(unknown)}; known: {list(BUGS)}")
    run = Run()
    out = io.StringIO()
    line = 0  # the source line being run, for a shape error

    def print_(*args: object) -> None:
        print(*args, file=out)

    def shape(name: str, value: np.ndarray) -> None:
        if epoch == 0:
            run.shapes.append((line, name, value.shape))

    def shows(name: str, value: np.ndarray) -> None:
        for index, v in np.ndenumerate(value):
            run.printed[(epoch + 1, name, index)] = v

    def sigmoid_derive(x, derive=False):
        if derive == True:  # noqa: E712 — as published
            return x * (1 - x)
        else:
            return 1 / (1 + arithmetic.exp(-x))

    X = arithmetic.array([["0.35"], ["0.9"]])
    y = arithmetic.array([["0.5"]])
    alpha = arithmetic.scalar(TEXT_LEARNING_RATE)

    np.random.seed(1)

    W0 = arithmetic.array([["0.1", "0.8"], ["0.4", "0.6"]])
    W1 = arithmetic.array([["0.3", "0.9"]])

    print_("original:\n", "W0:\n", W0, "\n W1:\n", W1)
    loss = []
    try:
        for epoch in range(epochs):
            print_("In the process of %sth epoch" % (epoch + 1))
            l0 = X
            line = 95
            l1 = sigmoid_derive(np.dot(W0, l0))
            shape("l1", l1)
            line = 96
            l2 = sigmoid_derive(np.dot(W1, l1))
            shape("l2", l2)
            line = 97
            l2_error = y - l2
            shape("l2_error", l2_error)
            line = 98
            if "sqrtLoss" in fixed:
                Loss = 0.5 * l2_error**2
            else:
                Loss = 0.5 * np.abs(l2_error) ** 0.5
            shape("Loss", Loss)
            loss.append(Loss[0][0])
            line = 100
            shown = 0.5 * l2_error**2 if "sqrtLoss" in fixed else 0.5 * np.abs(l2_error) ** 0.5
            print_("The Current Loss:", shown)
            shows("loss", shown)
            line = 101
            l2_delta = l2_error * sigmoid_derive(l2, derive=True)
            shape("l2_delta", l2_delta)
            line = 102
            l1_error = W1.T.dot(l2_delta) if "rowL1Error" in fixed else l2_delta * W1
            shape("l1_error", l1_error)
            line = 103
            l1_delta = l1_error * sigmoid_derive(l1, derive=True)
            shape("l1_delta", l1_delta)
            line = 104
            W1_step = l2_delta * l1.T
            shape("l2_delta*l1.T", W1_step)
            if "missingLearningRate" in fixed:
                W1 += alpha * W1_step
            else:
                W1 += W1_step
            shape("W1", W1)
            line = 105
            if "rowBroadcastW0Update" in fixed:
                W0_name, W0_step = "l1_delta.dot(l0.T)", l1_delta.dot(l0.T)
            else:
                W0_name, W0_step = "l0.T.dot(l1_delta)", l0.T.dot(l1_delta)
            shape(W0_name, W0_step)
            if "missingLearningRate" in fixed:
                W0 += alpha * W0_step
            else:
                W0 += W0_step
            shape("W0", W0)
            line = 106
            print_("After  BackProp:\n", "W0:\n", W0, "\n W1:\n", W1)
            shows("W0", W0)
            shows("W1", W1)
            print_("=========================================")
    except ValueError as e:  # numpy's shape errors: the program stops here
        run.error = (line, str(e))
    run.output = out.getvalue()
    return run


def run_article_program(epochs: int = 200) -> str:
    """Everything the article's program prints in ``epochs`` epochs (it runs 200)."""
    return replay(epochs).output


@lru_cache(maxsize=None)
def exact_replay(epochs: int, fixed: frozenset[str], digits: int) -> Run:
    """``replay`` in mpmath at ``digits`` digits, computed once per process."""
    return replay(epochs, fixed, exact_arithmetic(digits))


def as_numpy_prints(value: Fraction, precision: int = PRINT_PRECISION) -> str:
    """An exact value as numpy prints a float64 of that value in an array with its default
    options (floatmode "maxprec", positional): rounded half to even at ``precision``
    fractional digits, trailing zeros dropped ("0.2455836", "1."). Values numpy would
    print in scientific notation (below 1e-4, or arrays spanning more than 1e3) are not
    covered."""
    units = round(value * 10**precision)  # Fraction's round(): half to even
    sign = "-" if units < 0 else ""
    whole, frac = divmod(abs(units), 10**precision)
    return f"{sign}{whole}." + f"{frac:0{precision}d}".rstrip("0")


def printed_numbers(printed: str = PRINTED_OUTPUT) -> dict[tuple[int, str, Index], str]:
    """Every number of the printed output, (epoch, "loss" | "W0" | "W1", (row, column)) →
    the digits as printed."""
    numbers: dict[tuple[int, str, Index], str] = {}
    epoch, array, row = 0, "", 0
    for text in printed.splitlines():
        text = text.strip()
        if text.startswith("In the process of "):
            epoch = int(text.removeprefix("In the process of ").removesuffix("th epoch"))
        elif text.startswith("The Current Loss:"):
            array, row = "loss", 0
            text = text.removeprefix("The Current Loss:")
        elif text in ("W0:", "W1:"):
            array, row = text[:-1], 0
            continue
        values = text.replace("[", " ").replace("]", " ").split()
        if values and all(v[0].isdigit() or v[0] == "-" for v in values):
            for column, v in enumerate(values):
                numbers[(epoch, array, (row, column))] = v
            row += 1
    return numbers


def printed_part(output: str, printed: str = PRINTED_OUTPUT) -> list[str]:
    """The lines of ``output`` the article shows: from the first epoch's header, as many
    lines as ``printed`` has, trailing spaces removed."""
    lines = [line.rstrip() for line in output.splitlines()]
    start = lines.index("In the process of 1th epoch")
    return lines[start : start + len(printed.splitlines())]


def replay_differences(printed: str = PRINTED_OUTPUT) -> list[str]:
    """Lines where the replay differs from the printed output ("" when they all agree)."""
    wanted = [line.rstrip() for line in printed.splitlines()]
    got = printed_part(run_article_program(epochs=3), printed)
    diffs = [
        f"line {PRINTED_LINES[0] + k}: printed {w!r}, replay {g!r}" for k, (w, g) in enumerate(zip(wanted, got)) if w != g
    ]
    if len(got) != len(wanted):
        diffs.append(f"replay printed {len(got)} lines, the article {len(wanted)}")
    return diffs
