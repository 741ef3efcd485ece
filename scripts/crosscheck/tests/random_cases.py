"""Seeded random cases covering every activation, loss, bias setting, batch mode and
update order, written as case-file data (decimal strings) so both number systems start
from the same decimals."""

from __future__ import annotations

import random
from pathlib import Path

from bpref.case_file import Case

ACTIVATIONS = ("identity", "relu", "sigmoid", "tanh")
LOSSES = ("half-sse", "mse", "bce")


def _decimal(rng: random.Random, low: float, high: float) -> str:
    return f"{rng.uniform(low, high):.3f}"


def random_case(seed: int, epochs: int = 1) -> Case:
    rng = random.Random(seed)
    loss = LOSSES[seed % 3]
    widths = [rng.randint(1, 3) for _ in range(rng.randint(2, 4))]
    layers = []
    for l in range(1, len(widths)):
        # bce needs outputs in (0, 1): the last layer is then a sigmoid.
        last = l == len(widths) - 1
        act = "sigmoid" if last and loss == "bce" else ACTIVATIONS[(seed + l) % 4]
        W = [[_decimal(rng, -1, 1) for _ in range(widths[l - 1])] for _ in range(widths[l])]
        b = [_decimal(rng, -0.5, 0.5) for _ in range(widths[l])] if rng.random() < 0.5 else None
        layers.append((act, W, b))
    data = [
        ([_decimal(rng, -1, 1) for _ in range(widths[0])], [_decimal(rng, 0.05, 0.95) for _ in range(widths[-1])])
        for _ in range(rng.randint(1, 3))
    ]
    return Case(
        file=Path(f"random-{seed}.json"),
        id=f"random-{seed}",
        inputs=widths[0],
        layers=layers,
        loss=loss,
        data=data,
        learning_rate=_decimal(rng, 0.05, 0.5),
        epochs=epochs,
        batch=rng.choice(("sgd", "full-batch")),
        update_order=rng.choice(("simultaneous", "sequential")),
        update_biases=rng.random() < 0.5,
        published=[],
    )


V2_ACTIVATIONS = ("identity", "relu", "leaky-relu", "sigmoid", "tanh")
V2_LOSSES = ("half-sse", "sse", "mse", "bce", "cce")


def random_case_v2(seed: int, epochs: int = 1) -> Case:
    """A random case using format-2 features: softmax outputs under cce, leaky ReLU,
    shared biases, both layouts (held out × in either way), explicit reductions."""
    from bpref.case_file import LayerSpec

    rng = random.Random(1000 + seed)
    loss = V2_LOSSES[seed % len(V2_LOSSES)]
    widths = [rng.randint(1, 3) for _ in range(rng.randint(2, 4))]
    if loss == "cce":
        widths[-1] = max(2, widths[-1])
    layers = []
    for l in range(1, len(widths)):
        last = l == len(widths) - 1
        if last and loss == "cce":
            act = "softmax"
        elif last and loss == "bce":
            act = "sigmoid"
        elif widths[l] >= 2 and rng.random() < 0.25:
            act = "softmax"
        else:
            act = V2_ACTIVATIONS[(seed + l) % len(V2_ACTIVATIONS)]
        W = [[_decimal(rng, -1, 1) for _ in range(widths[l - 1])] for _ in range(widths[l])]
        kind = rng.choice(("none", "per-unit", "shared"))
        b = None if kind == "none" else [_decimal(rng, -0.5, 0.5) for _ in range(widths[l])]
        if kind == "shared":
            b = [b[0]] * widths[l]
        slope = _decimal(rng, 0.01, 0.3) if act == "leaky-relu" else None
        layers.append(LayerSpec(act, W, b, slope, kind == "shared", rng.choice(("out-in", "in-out"))))

    def target() -> list[str]:
        if loss != "cce":
            return [_decimal(rng, 0.05, 0.95) for _ in range(widths[-1])]
        # A distribution: one-hot or a two-way split, exact in decimals.
        y = ["0"] * widths[-1]
        k = rng.randrange(widths[-1])
        if rng.random() < 0.5:
            y[k] = "1"
        else:
            y[k], y[(k + 1) % widths[-1]] = "0.25", "0.75"
        return y

    data = [([_decimal(rng, -1, 1) for _ in range(widths[0])], target()) for _ in range(rng.randint(1, 3))]
    return Case(
        file=Path(f"random-v2-{seed}.json"),
        id=f"random-v2-{seed}",
        inputs=widths[0],
        layers=layers,
        loss=loss,
        data=data,
        learning_rate=_decimal(rng, 0.05, 0.5),
        epochs=epochs,
        batch=rng.choice(("sgd", "full-batch")),
        update_order=rng.choice(("simultaneous", "sequential")),
        update_biases=rng.random() < 0.5,
        published=[],
        version=2,
        reduction={k: rng.choice(("sum", "mean")) for k in ("outputs", "samples") if rng.random() < 0.5},
    )
