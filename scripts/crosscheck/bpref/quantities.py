"""Canonical quantity names, in the order bpcheck's golden files list them.

First step: W[l][j][i], b[l][j] (before the step); for each sample x[i], y[k], z[l][j],
a[l][j] (and, with several samples, that sample's loss); the step's loss; each sample's
delta[l][j]; dW, db; W', b' (after the step). With several samples the per-sample names
carry "@s<n>" (n from 0). Training: loss@epoch[e] for e = 1..epochs, then the final
parameters W[l][j][i]@final and b[l][j]@final.
"""

from __future__ import annotations

from typing import Any, Sequence

from .engine import Network, Sample, StepResult


def _name(kind: str, index: Sequence[int], suffix: str = "") -> str:
    return kind + "".join(f"[{i}]" for i in index) + suffix


def _matrices(kind: str, matrices: Sequence[Any], suffix: str = "") -> list[tuple[str, Any]]:
    return [
        (_name(kind, (l, j, i), suffix), v)
        for l, m in enumerate(matrices)
        if m is not None
        for j, row in enumerate(m)
        for i, v in enumerate(row)
    ]


def _vectors(kind: str, vectors: Sequence[Any], suffix: str = "") -> list[tuple[str, Any]]:
    return [(_name(kind, (l, j), suffix), v) for l, vec in enumerate(vectors) if vec is not None for j, v in enumerate(vec)]


def step_quantities(net: Network, samples: Sequence[Sample], result: StepResult) -> list[tuple[str, Any]]:
    """(name, value) of every quantity of one step, in canonical order."""
    many = len(samples) > 1
    out = _matrices("W", [l.W for l in net.layers]) + _vectors("b", [l.b for l in net.layers])
    for n, (s, t) in enumerate(zip(samples, result.samples)):
        tag = f"@s{n}" if many else ""
        out += [(_name("x", (i,), tag), v) for i, v in enumerate(s.x)]
        out += [(_name("y", (k,), tag), v) for k, v in enumerate(s.y)]
        out += _vectors("z", t.z, tag) + _vectors("a", t.a, tag)
        if many:
            out.append(("loss" + tag, t.loss))
    out.append(("loss", result.loss))
    for n, t in enumerate(result.samples):
        out += _vectors("delta", t.delta, f"@s{n}" if many else "")
    out += _matrices("dW", result.dW) + _vectors("db", result.db)
    out += _matrices("W'", [l.W for l in result.next.layers]) + _vectors("b'", [l.b for l in result.next.layers])
    return out


def training_quantities(curve: Sequence[Any], final: Network) -> list[tuple[str, Any]]:
    """(name, value) of the loss curve and the final parameters."""
    out = [(f"loss@epoch[{e}]", v) for e, v in enumerate(curve, start=1)]
    out += _matrices("W", [l.W for l in final.layers], "@final")
    out += _vectors("b", [l.b for l in final.layers], "@final")
    return out
