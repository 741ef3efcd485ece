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
