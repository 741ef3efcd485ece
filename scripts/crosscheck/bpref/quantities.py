"""Canonical quantities of a case, named by quantity_name.py, in the order bpcheck's golden
files list them.

A step: W[l][j][i], b[l][j] (before it); for each sample x, y, z, a, fprime, term,
zShifted, expShifted, sumExp (softmax layers), oneMinusA (sigmoid and softmax layers),
lossTerm (and, with several samples, that sample's loss); the step's loss; for each sample
da, delta, contrib, dx; then dW, db, lrdW, lrdb, DeltaW, Deltab, W', b'. A shared bias is named once, b[l]. With
several samples the per-sample names carry @s[n]; a later step's names carry @step[n].
After n updates (@after[n]): W, b, each sample's forward quantities as above (and loss), the
loss over all samples. Epoch e (@epoch[e]): the loss before its update, then W', b' after it.
Training (golden): loss@epoch[e] for e = 1..epochs, then layer by layer W[l][j][i]@final and
b[l][j]@final.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from .engine import Network, Sample, StepResult
from .quantity_name import name

Emit = Callable[..., None]


def _emitter(out: list, many: bool, time: tuple[str, int] | None):
    def emit(kind: str, index: Sequence[int], value: Any, sample: int | None = None) -> None:
        out.append((name(kind, *index, sample=sample if many else None, time=time), value))

    def matrices(kind: str, ms: Sequence[Any], sample: int | None = None) -> None:
        for l, m in enumerate(ms):
            for j, row in enumerate(m or []):
                for i, v in enumerate(row):
                    emit(kind, (l, j, i), v, sample)

    def vectors(kind: str, vs: Sequence[Any], sample: int | None = None) -> None:
        for l, v in enumerate(vs):
            for j, x in enumerate(v or []):
                emit(kind, (l, j), x, sample)

    def biases(kind: str, net: Network, values: Sequence[Any]) -> None:
        for l, v in enumerate(values):
            if v is None:
                continue
            if net.layers[l].shared_bias:
                emit(kind, (l,), v[0])
            else:
                for j, x in enumerate(v):
                    emit(kind, (l, j), x)

    return emit, matrices, vectors, biases


def _forward_of_sample(emit: Emit, matrices, vectors, t, n: int) -> None:
    """z, a, fprime, then the written-down parts (term, zShifted, expShifted, sumExp,
    oneMinusA), then lossTerm."""
    vectors("z", t.z, n)
    vectors("a", t.a, n)
    vectors("fprime", t.fprime, n)
    matrices("term", t.terms, n)
    vectors("zShifted", t.shifted, n)
    vectors("expShifted", t.exps, n)
    for l, total in enumerate(t.sum_exp):
        if total is not None:
            emit("sumExp", (l,), total, n)
    vectors("oneMinusA", t.one_minus_a, n)
    for k, v in enumerate(t.loss_terms):
        emit("lossTerm", (k,), v, n)


def step_quantities(
    net: Network, samples: Sequence[Sample], result: StepResult, time: tuple[str, int] | None = None
) -> list[tuple[str, Any]]:
    """(name, value) of every quantity of one step, in canonical order."""
    out: list[tuple[str, Any]] = []
    many = len(samples) > 1
    emit, matrices, vectors, biases = _emitter(out, many, time)
    matrices("W", [l.W for l in net.layers])
    biases("b", net, [l.b for l in net.layers])
    for n, (s, t) in enumerate(zip(samples, result.samples)):
        for i, v in enumerate(s.x):
            emit("x", (i,), v, n)
        for k, v in enumerate(s.y):
            emit("y", (k,), v, n)
        _forward_of_sample(emit, matrices, vectors, t, n)
        if many:
            emit("loss", (), t.loss, n)
    emit("loss", (), result.loss)
    for n, t in enumerate(result.samples):
        vectors("da", t.da, n)
        vectors("delta", t.delta, n)
        matrices("contrib", t.contrib, n)
        for i, v in enumerate(t.dx):
            emit("dx", (i,), v, n)
    matrices("dW", result.dW)
    biases("db", net, result.db)
    matrices("lrdW", result.lrdW)
    biases("lrdb", net, result.lrdb)
    matrices("DeltaW", result.DeltaW)
    biases("Deltab", net, result.Deltab)
    matrices("W'", [l.W for l in result.next.layers])
    biases("b'", net, [l.b for l in result.next.layers])
    return out


def forward_quantities(net: Network, samples: Sequence[Sample], result: StepResult, n: int) -> list[tuple[str, Any]]:
    """The forward pass of every sample with ``net`` (the parameters after n updates), and
    those parameters, named @after[n]."""
    out: list[tuple[str, Any]] = []
    emit, matrices, vectors, biases = _emitter(out, len(samples) > 1, ("after", n))
    matrices("W", [l.W for l in net.layers])
    biases("b", net, [l.b for l in net.layers])
    for s, t in enumerate(result.samples):
        _forward_of_sample(emit, matrices, vectors, t, s)
        if len(samples) > 1:
            emit("loss", (), t.loss, s)
    emit("loss", (), result.loss)
    return out


def parameter_quantities(net: Network, time: tuple[str, int]) -> list[tuple[str, Any]]:
    """W', b' of ``net`` under a time suffix (@epoch[e]: after epoch e)."""
    out: list[tuple[str, Any]] = []
    _, matrices, _, biases = _emitter(out, False, time)
    matrices("W'", [l.W for l in net.layers])
    biases("b'", net, [l.b for l in net.layers])
    return out


def training_quantities(curve: Sequence[Any], final: Network) -> list[tuple[str, Any]]:
    """(name, value) of the loss curve and the final parameters."""
    out = [(name("loss", time=("epoch", e)), v) for e, v in enumerate(curve, start=1)]
    emit, _, _, _ = _emitter(out, False, ("final", 0))
    # Layer by layer: its weights, then its biases (a shared bias once).
    for l, layer in enumerate(final.layers):
        for j, row in enumerate(layer.W):
            for i, v in enumerate(row):
                emit("W", (l, j, i), v)
        if layer.b is not None:
            for j, v in enumerate(layer.b[:1] if layer.shared_bias else layer.b):
                emit("b", (l,) if layer.shared_bias else (l, j), v)
    return out
