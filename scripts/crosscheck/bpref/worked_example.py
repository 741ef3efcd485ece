"""The worked example of a case: its first step and everything its published numbers name
beyond it — later steps (@step[n]), forward passes after n updates (@after[n]), epoch losses
and the parameters after each epoch (@epoch[e]) — as (canonical name, value) in golden order.

Training runs update by update as far as the furthest of them. Under SGD step n takes
sample (n − 1) mod N; under full batch every step takes all samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .case_file import Case, unsigned
from .engine import Network, Sample, Training, first_step_samples, step
from .number_systems import NumberSystem
from .quantities import forward_quantities, parameter_quantities, step_quantities
from .quantity_name import name, parse_name


@dataclass(frozen=True)
class Horizon:
    steps: int
    after: frozenset[int]
    epochs: int

    @property
    def empty(self) -> bool:
        return self.steps <= 1 and not self.after and self.epochs == 0


def horizon(case: Case) -> Horizon:
    """How far past the first step the case's published numbers reach."""
    steps, after, epochs = 1, set(), 0
    for pub in case.published:
        time = parse_name(unsigned(pub.quantity)).time
        if time is None:
            continue
        at, n = time
        if at == "step":
            steps = max(steps, n)
        elif at == "after":
            after.add(n)
        elif at == "epoch":
            epochs = max(epochs, n)
    return Horizon(steps, frozenset(after), epochs)


def step_samples(samples: list[Sample], training: Training, n: int) -> list[Sample]:
    return [samples[(n - 1) % len(samples)]] if training.batch == "sgd" else list(samples)


def worked_example(case: Case, N: NumberSystem) -> list[tuple[str, Any]]:
    """(canonical name, value) of the first step, then of the horizon's later quantities."""
    net, samples, training = case.network(N), case.samples(N), case.training(N)
    first = first_step_samples(samples, training)
    first_result = step(N, net, first, training)
    out = step_quantities(net, first, first_result)
    h = horizon(case)
    if h.empty:
        return out
    per_epoch = len(samples) if training.batch == "sgd" else 1
    updates = max([h.steps, h.epochs * per_epoch, *h.after])
    current: Network = net
    epoch_loss = N.from_int(0)
    for u in range(1, updates + 1):
        batch = step_samples(samples, training, u)
        result = first_result if u == 1 else step(N, current, batch, training)
        if 1 < u <= h.steps:
            out += step_quantities(current, batch, result, ("step", u))
        epoch_loss = epoch_loss + result.loss
        current = result.next
        if u in h.after:
            out += forward_quantities(current, samples, step(N, current, samples, training), u)
        if u % per_epoch == 0 and u // per_epoch <= h.epochs:
            e = u // per_epoch
            value = epoch_loss if per_epoch == 1 else epoch_loss / N.from_int(per_epoch)
            out.append((name("loss", time=("epoch", e)), value))
            out += parameter_quantities(current, ("epoch", e))
            epoch_loss = N.from_int(0)
    return out


def published_values(case: Case, N: NumberSystem) -> dict[str, Any]:
    """Published id → the value the source's number stands for (canonical value, signed by
    the entry's conventions)."""
    values = dict(worked_example(case, N))
    out = {}
    for pub in case.published:
        q, sign = case.canonical(pub)
        key = str(q)
        if key not in values:
            raise KeyError(f'{pub.id}: "{pub.quantity}" is not a quantity of the case')
        out[pub.id] = values[key] if sign == 1 else -values[key]
    return out
