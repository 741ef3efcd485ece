"""The hmkcode-2018 case's program (fixtures/hmkcode-2018/program.py) replayed by its
formulas, written out here without reading or running that file: a 2-2-1 network without
activations, one gradient step, a second forward pass. Its planted bug is a switch:

- newOutputWeights (line 21): the hidden weights' gradient uses the output weights after
  their update (line 20); fixed: the weights before it.

The numbers are numpy float64 or mpmath values in numpy object arrays, so shapes,
broadcasting and dot products are numpy's own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from .article_program import FLOAT64, Arithmetic, exact_arithmetic

BUGS = {"newOutputWeights": (20, 21)}
# The program line that prints each number, by number id.
PRINTED_BY = {
    "hidden-h1": 13, "hidden-h2": 13, "prediction": 14, "error": 16, "delta": 18,
    "new-w5": 22, "new-w6": 22, "new-w1": 24, "new-w2": 24, "new-w3": 24, "new-w4": 24,
    "second-prediction": 27,
}


def replay(fixed: frozenset[str] = frozenset(), arithmetic: Arithmetic = FLOAT64) -> dict[str, Any]:
    """Every printed number, by id, of the program with the bugs in ``fixed`` undone."""
    A, s = arithmetic.array, arithmetic.scalar
    x, y = A([["2"], ["3"]]), A([["1"]])
    W0, W1, a = A([["0.11", "0.21"], ["0.12", "0.08"]]), A([["0.14", "0.15"]]), s("0.05")
    h = W0.dot(x)
    prediction = W1.dot(h)
    error = s("0.5") * (prediction - y) ** 2
    delta = prediction - y
    W1_old = W1
    W1 = W1 - a * delta * h.T
    used = W1_old if "newOutputWeights" in fixed else W1
    W0 = W0 - a * (used.T * delta).dot(x.T)
    second = W1.dot(W0.dot(x))
    return {
        "hidden-h1": h[0, 0], "hidden-h2": h[1, 0], "prediction": prediction[0, 0], "error": error[0, 0],
        "delta": delta[0, 0], "new-w5": W1[0, 0], "new-w6": W1[0, 1], "new-w1": W0[0, 0], "new-w2": W0[0, 1],
        "new-w3": W0[1, 0], "new-w4": W0[1, 1], "second-prediction": second[0, 0],
    }


@lru_cache(maxsize=None)
def exact_replay(fixed: frozenset[str], digits: int) -> dict[str, Any]:
    return replay(fixed, exact_arithmetic(digits))
