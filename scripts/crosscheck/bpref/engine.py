"""Backpropagation for fully connected networks, written once over a NumberSystem.

Conventions (those of bpcheck's case files): layer l has an out × in weight matrix W[l]
and optional biases b[l]; z[l] = W[l]·a[l−1] + b[l] with a[−1] = x; a[l] = f_l(z[l]);
the last layer's activation is the prediction ŷ.

One step on samples s = 1..n (one sample for SGD, all for full batch):

    L_s       = loss(y_s, ŷ_s)                      loss = (1/n) Σ_s L_s
    delta[L]  = ∂L/∂ŷ ⊙ f'(z[L])
    delta[l]  = (W[l+1]ᵀ · delta[l+1]) ⊙ f'(z[l])
    dW[l]     = (1/n) Σ_s delta[l] · a[l−1]ᵀ        db[l] = (1/n) Σ_s delta[l]
    W'[l]     = W[l] − α dW[l]                      b'[l] = b[l] − α db[l]

With update order "sequential" the W[l+1] that carries delta down is the updated W'[l+1].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .number_systems import NumberSystem

Vector = list
Matrix = list


@dataclass(frozen=True)
class Layer:
    activation: str
    W: Matrix
    b: Vector | None


@dataclass(frozen=True)
class Network:
    layers: list[Layer]
    loss: str


@dataclass(frozen=True)
class Sample:
    x: Vector
    y: Vector


@dataclass(frozen=True)
class Training:
    learning_rate: Any
    epochs: int
    batch: str
    update_order: str
    update_biases: bool


@dataclass(frozen=True)
class SampleTrace:
    z: list[Vector]
    a: list[Vector]
    loss: Any
    delta: list[Vector]


@dataclass(frozen=True)
class StepResult:
    samples: list[SampleTrace]
    loss: Any
    dW: list[Matrix]
    db: list[Vector | None]
    next: Network


def activate(N: NumberSystem, name: str, z: Any) -> Any:
    """f(z) for f in identity (z), relu (max(0, z)), sigmoid (1/(1+e^−z)), tanh."""
    if name == "identity":
        return z
    if name == "relu":
        return z if z > 0 else N.from_int(0)
    if name == "sigmoid":
        return N.from_int(1) / (N.from_int(1) + N.exp(-z))
    if name == "tanh":
        return N.tanh(z)
    raise ValueError(f"unknown activation {name!r}")


def activation_derivative(N: NumberSystem, name: str, z: Any, a: Any) -> Any:
    """f'(z) given a = f(z): identity 1; relu 1 for z > 0 else 0 (0 at the kink);
    sigmoid a(1 − a); tanh 1 − a²."""
    one = N.from_int(1)
    if name == "identity":
        return one
    if name == "relu":
        return one if z > 0 else N.from_int(0)
    if name == "sigmoid":
        return a * (one - a)
    if name == "tanh":
        return one - a * a
    raise ValueError(f"unknown activation {name!r}")


def loss(N: NumberSystem, name: str, y: Sequence[Any], y_hat: Sequence[Any]) -> Any:
    """Loss of one sample with n outputs:
    half-sse ½ Σ (y − ŷ)²; mse (1/n) Σ (y − ŷ)²; bce −(1/n) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]
    (bce needs 0 < ŷ < 1)."""
    one = N.from_int(1)
    total = N.from_int(0)
    for t, p in zip(y, y_hat):
        if name == "bce":
            total = total - (t * N.ln(p) + (one - t) * N.ln(one - p))
        else:
            total = total + (t - p) * (t - p)
    if name == "half-sse":
        return total / N.from_int(2)
    if name in ("mse", "bce"):
        return total / N.from_int(len(y))
    raise ValueError(f"unknown loss {name!r}")


def loss_gradient(N: NumberSystem, name: str, y: Sequence[Any], y_hat: Sequence[Any]) -> list:
    """∂L/∂ŷ_k: half-sse ŷ − y; mse 2(ŷ − y)/n; bce (ŷ − y)/(ŷ(1 − ŷ))/n."""
    n = N.from_int(len(y))
    one = N.from_int(1)
    if name == "half-sse":
        return [p - t for t, p in zip(y, y_hat)]
    if name == "mse":
        return [N.from_int(2) * (p - t) / n for t, p in zip(y, y_hat)]
    if name == "bce":
        return [(p - t) / (p * (one - p)) / n for t, p in zip(y, y_hat)]
    raise ValueError(f"unknown loss {name!r}")


def forward(N: NumberSystem, net: Network, x: Sequence[Any]) -> tuple[list[Vector], list[Vector]]:
    """Pre-activations z[l] and activations a[l] of every layer for input x."""
    zs: list[Vector] = []
    activations: list[Vector] = []
    inputs = list(x)
    for layer in net.layers:
        z = []
        for j, row in enumerate(layer.W):
            s = N.from_int(0)
            for w, v in zip(row, inputs):
                s = s + w * v
            z.append(s if layer.b is None else s + layer.b[j])
        inputs = [activate(N, layer.activation, zj) for zj in z]
        zs.append(z)
        activations.append(inputs)
    return zs, activations


def step(N: NumberSystem, net: Network, samples: Sequence[Sample], training: Training) -> StepResult:
    """One gradient-descent step on ``samples`` (see the module docstring for the formulas)."""
    depth = len(net.layers)
    count = N.from_int(len(samples))
    # A single sample is not divided by 1, so its values are not rounded once more.
    mean = (lambda v: v) if len(samples) == 1 else (lambda v: v / count)
    passes = [forward(N, net, s.x) for s in samples]
    losses = [loss(N, net.loss, s.y, a[-1]) for s, (_, a) in zip(samples, passes)]
    deltas: list[list[Vector]] = [[[] for _ in range(depth)] for _ in samples]
    dW: list[Matrix] = [[] for _ in range(depth)]
    db: list[Vector | None] = [None] * depth
    updated: list[Layer] = list(net.layers)

    for l in reversed(range(depth)):
        layer = net.layers[l]
        for n, s in enumerate(samples):
            z, a = passes[n]
            if l == depth - 1:
                upstream = loss_gradient(N, net.loss, s.y, a[l])
            else:
                above = (updated if training.update_order == "sequential" else net.layers)[l + 1]
                upstream = []
                for i in range(len(layer.W)):
                    g = N.from_int(0)
                    for j, row in enumerate(above.W):
                        g = g + row[i] * deltas[n][l + 1][j]
                    upstream.append(g)
            deltas[n][l] = [
                g * activation_derivative(N, layer.activation, z[l][j], a[l][j]) for j, g in enumerate(upstream)
            ]

        def input_of(n: int) -> Vector:
            return samples[n].x if l == 0 else passes[n][1][l - 1]

        grad_w = []
        for j, row in enumerate(layer.W):
            grad_row = []
            for i in range(len(row)):
                g = N.from_int(0)
                for n in range(len(samples)):
                    g = g + deltas[n][l][j] * input_of(n)[i]
                grad_row.append(mean(g))
            grad_w.append(grad_row)
        dW[l] = grad_w
        if layer.b is not None:
            grad_b = []
            for j in range(len(layer.b)):
                g = N.from_int(0)
                for n in range(len(samples)):
                    g = g + deltas[n][l][j]
                grad_b.append(mean(g))
            db[l] = grad_b

        alpha = training.learning_rate
        new_w = [[w - alpha * g for w, g in zip(row, grow)] for row, grow in zip(layer.W, dW[l])]
        new_b = layer.b
        if layer.b is not None and training.update_biases:
            new_b = [b - alpha * g for b, g in zip(layer.b, db[l])]
        updated[l] = Layer(layer.activation, new_w, new_b)

    total = N.from_int(0)
    for v in losses:
        total = total + v
    traces = [SampleTrace(passes[n][0], passes[n][1], losses[n], deltas[n]) for n in range(len(samples))]
    return StepResult(traces, mean(total), dW, db, Network(updated, net.loss))


def first_step_samples(samples: Sequence[Sample], training: Training) -> list[Sample]:
    """The samples of the first step: the first one under SGD, all under full batch."""
    return list(samples[:1]) if training.batch == "sgd" else list(samples)


def train(
    N: NumberSystem, net: Network, samples: Sequence[Sample], training: Training
) -> tuple[list[Any], Network]:
    """``training.epochs`` epochs of gradient descent. Returns the loss curve (for each
    epoch, the mean of the losses its steps computed before their updates) and the final
    network."""
    batches = [[s] for s in samples] if training.batch == "sgd" else [list(samples)]
    curve = []
    current = net
    for _ in range(training.epochs):
        total = N.from_int(0)
        for batch in batches:
            result = step(N, current, batch, training)
            total = total + result.loss
            current = result.next
        curve.append(total if len(batches) == 1 else total / N.from_int(len(batches)))
    return curve, current


def mean_loss(N: NumberSystem, net: Network, samples: Sequence[Sample]) -> Any:
    """(1/n) Σ_s loss(y_s, ŷ_s): the function whose gradient a step computes."""
    total = N.from_int(0)
    for s in samples:
        total = total + loss(N, net.loss, s.y, forward(N, net, s.x)[1][-1])
    return total if len(samples) == 1 else total / N.from_int(len(samples))
