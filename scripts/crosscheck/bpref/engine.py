"""Backpropagation for fully connected networks, written once over a NumberSystem.

Conventions: layer l holds an out × in weight matrix W[l] (a case written in × out is
transposed on reading, see case_file.py) and optional biases b[l], one per unit (a bias
shared by the layer is held once per unit and moves by the sum of its units' gradients);
z[l] = W[l]·a[l−1] + b[l] with a[−1] = x; a[l] = f_l(z[l]); the last layer's activation is
the prediction ŷ.

One step on samples s = 1..n (one sample for SGD, all for full batch):

    L_s        = reduce_outputs(term(y_k, ŷ_k))     loss = reduce_samples(L_s)
    da[L]      = ∂L_s/∂ŷ                            da[l] = W[l+1]ᵀ · delta[l+1]
    delta[l]   = J_f(z[l])ᵀ · da[l]                 (element-wise f: da ⊙ f′(z); softmax:
                                                     a ⊙ (da − (a·da)), its full Jacobian)
    dW[l]      = reduce_samples(delta[l] · a[l−1]ᵀ)  db[l] = reduce_samples(delta[l])
    W'[l]      = W[l] − α dW[l]                     b'[l] = b[l] − α db[l]

The values a hand calculation writes down on the way are kept too: each product
W[l][j][i]·a[l−1][i] of z, a softmax layer's z − max z, its exponentials and their sum, the
factor 1 − a of f′ = a(1 − a) (sigmoid, softmax), and the step α·dW the update subtracts.

With update order "sequential" the W[l+1] that carries delta down is the updated W'[l+1].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from .number_systems import NumberSystem

Vector = list
Matrix = list

# Activations applied unit by unit; softmax is layer-wide.
ELEMENTWISE = ("identity", "relu", "leaky-relu", "sigmoid", "tanh")
ACTIVATIONS = ELEMENTWISE + ("softmax",)

# Loss → (per-output term, default reduction over outputs, default reduction over samples).
# half-sse ½Σ(y − ŷ)²; sse Σ(y − ŷ)²; mse (1/n)Σ(y − ŷ)²; bce −(1/n)Σ[y ln ŷ + (1 − y) ln(1 − ŷ)];
# cce −Σ y ln ŷ; output Σ ŷ (the output itself, for sources that differentiate the output).
LOSSES = {
    "half-sse": ("half-square", "sum", "mean"),
    "sse": ("square", "sum", "mean"),
    "mse": ("square", "mean", "mean"),
    "bce": ("binary-cross-entropy", "mean", "mean"),
    "cce": ("cross-entropy", "sum", "mean"),
    "output": ("output", "sum", "mean"),
}
REDUCTIONS = ("sum", "mean")


@dataclass(frozen=True)
class Layer:
    activation: str
    W: Matrix
    b: Vector | None
    slope: Any = None
    shared_bias: bool = False


@dataclass(frozen=True)
class Network:
    layers: list[Layer]
    loss: str
    outputs_reduction: str | None = None
    samples_reduction: str | None = None

    @property
    def reduction(self) -> tuple[str, str]:
        """(over outputs, over samples): the case's setting or the loss's default."""
        _, outputs, samples = LOSSES[self.loss]
        return (self.outputs_reduction or outputs, self.samples_reduction or samples)

    def with_layers(self, layers: list[Layer]) -> "Network":
        return Network(layers, self.loss, self.outputs_reduction, self.samples_reduction)


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
    loss_terms: Vector = field(default_factory=list)
    fprime: list[Vector] = field(default_factory=list)
    da: list[Vector] = field(default_factory=list)
    # contrib[l][k][j] = delta[l+1][k]·W[l+1][k][j]: unit k's part of da[l][j] (l < last).
    contrib: list[Matrix] = field(default_factory=list)
    dx: Vector = field(default_factory=list)
    # term[l][j][i] = W[l][j][i]·a[l−1][i], the products each z[l][j] sums.
    terms: list[Matrix] = field(default_factory=list)
    # A softmax layer's z − max z, e^(z − max z) and Σ e^(z − max z); None for other layers.
    shifted: list[Vector | None] = field(default_factory=list)
    exps: list[Vector | None] = field(default_factory=list)
    sum_exp: list[Any] = field(default_factory=list)
    # 1 − a of a layer whose f′ is a(1 − a) (sigmoid, softmax); None for other layers.
    one_minus_a: list[Vector | None] = field(default_factory=list)


@dataclass(frozen=True)
class StepResult:
    samples: list[SampleTrace]
    loss: Any
    dW: list[Matrix]
    db: list[Vector | None]
    next: Network
    DeltaW: list[Matrix] = field(default_factory=list)
    Deltab: list[Vector | None] = field(default_factory=list)
    # α·dW and α·db: what the update subtracts (zero for frozen biases).
    lrdW: list[Matrix] = field(default_factory=list)
    lrdb: list[Vector | None] = field(default_factory=list)


def activate(N: NumberSystem, name: str, z: Any, slope: Any = None) -> Any:
    """f(z) for an element-wise f: identity z; relu max(0, z); leaky-relu z for z > 0 else
    slope·z; sigmoid 1/(1+e^−z); tanh."""
    if name == "identity":
        return z
    if name == "relu":
        return z if z > 0 else N.from_int(0)
    if name == "leaky-relu":
        return z if z > 0 else slope * z
    if name == "sigmoid":
        return N.from_int(1) / (N.from_int(1) + N.exp(-z))
    if name == "tanh":
        return N.tanh(z)
    raise ValueError(f"unknown activation {name!r}")


def activation_derivative(N: NumberSystem, name: str, z: Any, a: Any, slope: Any = None) -> Any:
    """f'(z) given a = f(z): identity 1; relu 1 for z > 0 else 0 and leaky-relu 1 for
    z > 0 else slope (at the kink z = 0 both take the left derivative); sigmoid a(1 − a);
    tanh 1 − a²."""
    one = N.from_int(1)
    if name == "identity":
        return one
    if name == "relu":
        return one if z > 0 else N.from_int(0)
    if name == "leaky-relu":
        return one if z > 0 else slope
    if name == "sigmoid":
        return a * (one - a)
    if name == "tanh":
        return one - a * a
    raise ValueError(f"unknown activation {name!r}")


def softmax(N: NumberSystem, z: Sequence[Any]) -> list:
    """e^(z_j − max z) / Σ_k e^(z_k − max z): the shift changes nothing exactly and keeps the
    float exponentials finite."""
    top = max(z)
    e = [N.exp(v - top) for v in z]
    total = N.from_int(0)
    for v in e:
        total = total + v
    return [v / total for v in e]


def softmax_parts(N: NumberSystem, z: Sequence[Any]) -> tuple[list, list, Any]:
    """z − max z, its exponentials and their sum, as a hand calculation of softmax writes them."""
    top = max(z)
    shifted = [v - top for v in z]
    exps = [N.exp(v) for v in shifted]
    total = N.from_int(0)
    for v in exps:
        total = total + v
    return shifted, exps, total


def one_minus_a(N: NumberSystem, layer: Layer, a: Sequence[Any]) -> list | None:
    """1 − a_j where f′ is written a(1 − a) (sigmoid, softmax's diagonal); None otherwise."""
    if layer.activation not in ("sigmoid", "softmax"):
        return None
    return [N.from_int(1) - v for v in a]


def products(N: NumberSystem, net: Network, x: Sequence[Any], a: Sequence[Vector]) -> list[Matrix]:
    """term[l][j][i] = W[l][j][i]·a[l−1][i] (a[−1] = x)."""
    out = []
    for l, layer in enumerate(net.layers):
        inputs = x if l == 0 else a[l - 1]
        out.append([[w * v for w, v in zip(row, inputs)] for row in layer.W])
    return out


def layer_activation(N: NumberSystem, layer: Layer, z: Sequence[Any]) -> list:
    if layer.activation == "softmax":
        return softmax(N, z)
    return [activate(N, layer.activation, v, layer.slope) for v in z]


def layer_fprime(N: NumberSystem, layer: Layer, z: Sequence[Any], a: Sequence[Any]) -> list:
    """f′(z_j) of every unit; for softmax the Jacobian's diagonal ∂a_j/∂z_j = a_j(1 − a_j)."""
    if layer.activation == "softmax":
        return [v * (N.from_int(1) - v) for v in a]
    return [activation_derivative(N, layer.activation, zj, aj, layer.slope) for zj, aj in zip(z, a)]


def layer_backward(N: NumberSystem, layer: Layer, z: Sequence[Any], a: Sequence[Any], da: Sequence[Any]) -> list:
    """delta = ∂L/∂z from da = ∂L/∂a. Softmax: Σ_k da_k ∂a_k/∂z_j with ∂a_k/∂z_j =
    a_k(δ_kj − a_j), i.e. a_j(da_j − Σ_k a_k da_k)."""
    if layer.activation == "softmax":
        dot = N.from_int(0)
        for ak, gk in zip(a, da):
            dot = dot + ak * gk
        return [aj * (gj - dot) for aj, gj in zip(a, da)]
    return [g * f for g, f in zip(da, layer_fprime(N, layer, z, a))]


def loss_terms(N: NumberSystem, name: str, y: Sequence[Any], y_hat: Sequence[Any]) -> list:
    """The per-output terms before the reduction over outputs (LOSSES names each)."""
    one = N.from_int(1)
    term = LOSSES[name][0]
    out = []
    for t, p in zip(y, y_hat):
        if term == "half-square":
            out.append((t - p) * (t - p) / N.from_int(2))
        elif term == "square":
            out.append((t - p) * (t - p))
        elif term == "binary-cross-entropy":
            out.append(-(t * N.ln(p) + (one - t) * N.ln(one - p)))
        elif term == "cross-entropy":
            # 0·ln ŷ is 0 even where ŷ underflows: a zero target contributes nothing.
            out.append(N.from_int(0) if t == 0 else -(t * N.ln(p)))
        else:
            out.append(p)
    return out


def _reduce(N: NumberSystem, how: str, values: Sequence[Any]) -> Any:
    total = N.from_int(0)
    for v in values:
        total = total + v
    # A single value is not divided by 1, so it is not rounded once more.
    return total / N.from_int(len(values)) if how == "mean" and len(values) > 1 else total


def reduce_outputs(N: NumberSystem, net: Network, terms: Sequence[Any]) -> Any:
    return _reduce(N, net.reduction[0], terms)


def loss(N: NumberSystem, name: str, y: Sequence[Any], y_hat: Sequence[Any], outputs: str | None = None) -> Any:
    """Loss of one sample: its terms reduced over the outputs (the loss's default, or
    ``outputs``)."""
    return _reduce(N, outputs or LOSSES[name][1], loss_terms(N, name, y, y_hat))


def loss_gradient(N: NumberSystem, name: str, y: Sequence[Any], y_hat: Sequence[Any], outputs: str | None = None) -> list:
    """∂L/∂ŷ_k of one sample: the term's derivative, divided by n under a mean over outputs:
    half-square ŷ − y; square 2(ŷ − y); binary cross-entropy (ŷ − y)/(ŷ(1 − ŷ));
    cross-entropy −y/ŷ; output 1."""
    one = N.from_int(1)
    term = LOSSES[name][0]
    n = len(y)
    mean = (outputs or LOSSES[name][1]) == "mean" and n > 1
    out = []
    for t, p in zip(y, y_hat):
        if term == "half-square":
            g = p - t
        elif term == "square":
            g = N.from_int(2) * (p - t)
        elif term == "binary-cross-entropy":
            g = (p - t) / (p * (one - p))
        elif term == "cross-entropy":
            g = N.from_int(0) if t == 0 else -t / p
        else:
            g = one
        out.append(g / N.from_int(n) if mean else g)
    return out


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
        inputs = layer_activation(N, layer, z)
        zs.append(z)
        activations.append(inputs)
    return zs, activations


def _transpose_times(N: NumberSystem, W: Matrix, v: Sequence[Any]) -> list:
    """Wᵀ·v for an out × in W."""
    out = []
    for i in range(len(W[0])):
        g = N.from_int(0)
        for j, row in enumerate(W):
            g = g + row[i] * v[j]
        out.append(g)
    return out


def step(N: NumberSystem, net: Network, samples: Sequence[Sample], training: Training) -> StepResult:
    """One gradient-descent step on ``samples`` (see the module docstring for the formulas)."""
    depth = len(net.layers)
    outputs_how, samples_how = net.reduction

    def over_samples(v: Any) -> Any:
        return v / N.from_int(len(samples)) if samples_how == "mean" and len(samples) > 1 else v

    passes = [forward(N, net, s.x) for s in samples]
    terms = [loss_terms(N, net.loss, s.y, a[-1]) for s, (_, a) in zip(samples, passes)]
    losses = [reduce_outputs(N, net, t) for t in terms]
    deltas: list[list[Vector]] = [[[] for _ in range(depth)] for _ in samples]
    das: list[list[Vector]] = [[[] for _ in range(depth)] for _ in samples]
    contribs: list[list[Matrix]] = [[[] for _ in range(depth - 1)] for _ in samples]
    dW: list[Matrix] = [[] for _ in range(depth)]
    db: list[Vector | None] = [None] * depth
    updated: list[Layer] = list(net.layers)
    alpha = training.learning_rate

    def carrier(l: int) -> Layer:
        """The layer whose weights carry delta down to layer l − 1 (updated under "sequential")."""
        return (updated if training.update_order == "sequential" else net.layers)[l]

    for l in reversed(range(depth)):
        layer = net.layers[l]
        for n, s in enumerate(samples):
            z, a = passes[n]
            if l == depth - 1:
                upstream = loss_gradient(N, net.loss, s.y, a[l], outputs_how)
            else:
                above = carrier(l + 1)
                contribs[n][l] = [[w * deltas[n][l + 1][k] for w in row] for k, row in enumerate(above.W)]
                upstream = _transpose_times(N, above.W, deltas[n][l + 1])
            das[n][l] = upstream
            deltas[n][l] = layer_backward(N, layer, z[l], a[l], upstream)

        def input_of(n: int) -> Vector:
            return samples[n].x if l == 0 else passes[n][1][l - 1]

        grad_w = []
        for j, row in enumerate(layer.W):
            grad_row = []
            for i in range(len(row)):
                g = N.from_int(0)
                for n in range(len(samples)):
                    g = g + deltas[n][l][j] * input_of(n)[i]
                grad_row.append(over_samples(g))
            grad_w.append(grad_row)
        dW[l] = grad_w
        if layer.b is not None:
            grad_b = []
            for j in range(len(layer.b)):
                g = N.from_int(0)
                for n in range(len(samples)):
                    g = g + deltas[n][l][j]
                grad_b.append(over_samples(g))
            if layer.shared_bias:
                # One parameter for the whole layer: its gradient is the sum over its units.
                grad_b = [_reduce(N, "sum", grad_b)]
            db[l] = grad_b

        new_w = [[w - alpha * g for w, g in zip(row, grow)] for row, grow in zip(layer.W, dW[l])]
        new_b = layer.b
        if layer.b is not None and training.update_biases:
            if layer.shared_bias:
                new_b = [layer.b[0] - alpha * db[l][0]] * len(layer.b)
            else:
                new_b = [b - alpha * g for b, g in zip(layer.b, db[l])]
        updated[l] = Layer(layer.activation, new_w, new_b, layer.slope, layer.shared_bias)

    traces = []
    for n in range(len(samples)):
        z, a = passes[n]
        traces.append(
            SampleTrace(
                z=z,
                a=a,
                loss=losses[n],
                delta=deltas[n],
                loss_terms=terms[n],
                fprime=[layer_fprime(N, layer, z[l], a[l]) for l, layer in enumerate(net.layers)],
                da=das[n],
                contrib=contribs[n],
                dx=_transpose_times(N, carrier(0).W, deltas[n][0]),
                **forward_parts(N, net, samples[n].x, z, a),
            )
        )
    DeltaW = [[[-(alpha * g) for g in row] for row in m] for m in dW]
    zero = N.from_int(0)
    Deltab = [None if g is None else [-(alpha * v) if training.update_biases else zero for v in g] for g in db]
    lrdW = [[[alpha * g for g in row] for row in m] for m in dW]
    lrdb = [None if g is None else [alpha * v if training.update_biases else zero for v in g] for g in db]
    total = _reduce(N, samples_how, losses)
    return StepResult(traces, total, dW, db, net.with_layers(updated), DeltaW, Deltab, lrdW, lrdb)


def forward_parts(N: NumberSystem, net: Network, x: Sequence[Any], z: Sequence[Vector], a: Sequence[Vector]) -> dict:
    """The written-down parts of one sample's forward pass (SampleTrace's terms, shifted,
    exps, sum_exp, one_minus_a)."""
    parts = [softmax_parts(N, zl) if layer.activation == "softmax" else None for layer, zl in zip(net.layers, z)]
    return {
        "terms": products(N, net, x, a),
        "shifted": [p and p[0] for p in parts],
        "exps": [p and p[1] for p in parts],
        "sum_exp": [p and p[2] for p in parts],
        "one_minus_a": [one_minus_a(N, layer, al) for layer, al in zip(net.layers, a)],
    }


def first_step_samples(samples: Sequence[Sample], training: Training) -> list[Sample]:
    """The samples of the first step: the first one under SGD, all under full batch."""
    return list(samples[:1]) if training.batch == "sgd" else list(samples)


def batches(samples: Sequence[Sample], training: Training) -> list[list[Sample]]:
    """The steps of one epoch: one per sample under SGD, one on all samples under full batch."""
    return [[s] for s in samples] if training.batch == "sgd" else [list(samples)]


def steps(N: NumberSystem, net: Network, samples: Sequence[Sample], training: Training, count: int) -> list[tuple[list[Sample], StepResult]]:
    """The first ``count`` steps of training, each with its samples: step n starts from the
    parameters after step n − 1."""
    out = []
    per_epoch = batches(samples, training)
    current = net
    while len(out) < count:
        for batch in per_epoch:
            if len(out) == count:
                break
            result = step(N, current, batch, training)
            out.append((batch, result))
            current = result.next
    return out


def train(
    N: NumberSystem, net: Network, samples: Sequence[Sample], training: Training, after_epoch=None
) -> tuple[list[Any], Network]:
    """``training.epochs`` epochs of gradient descent. Returns the loss curve (for each
    epoch, the mean of the losses its steps computed before their updates) and the final
    network; ``after_epoch(e, network)`` is called with the parameters after each epoch."""
    per_epoch = batches(samples, training)
    curve = []
    current = net
    for e in range(1, training.epochs + 1):
        total = N.from_int(0)
        for batch in per_epoch:
            result = step(N, current, batch, training)
            total = total + result.loss
            current = result.next
        curve.append(total if len(per_epoch) == 1 else total / N.from_int(len(per_epoch)))
        if after_epoch is not None:
            after_epoch(e, current)
    return curve, current


def mean_loss(N: NumberSystem, net: Network, samples: Sequence[Sample]) -> Any:
    """The samples' losses reduced over the samples: the function whose gradient a step
    computes."""
    losses = [reduce_outputs(N, net, loss_terms(N, net.loss, s.y, forward(N, net, s.x)[1][-1])) for s in samples]
    return _reduce(N, net.reduction[1], losses)
