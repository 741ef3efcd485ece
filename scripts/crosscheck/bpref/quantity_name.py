"""The grammar of canonical quantity names, parsed and formatted here and nowhere else:

    name   = kind index* sample? time?
    index  = "[" n "]"
    sample = "@s[" n "]"            sample n of a step on more than one sample (n from 0, as data[n])
    time   = "@step[" n "]"         the n-th gradient step (n ≥ 2; no suffix: the first step)
           | "@after[" n "]"        computed with the parameters after n updates
           | "@epoch[" e "]"        loss: epoch e's loss before its update; W', b': after epoch e
           | "@final"               W, b after the last epoch (golden files)

e.g. z[0][1], W'[1][0][2], delta[0][1]@s[2], a[1][0]@step[2], loss@after[1], loss@epoch[10].
A published entry may name the negative of a quantity with a leading "-" (-term[0][1][0]);
case_file.py reads that sign, the grammar here names the quantity itself.
Layers l count from 0 (the first weight layer), units, inputs and samples from 0; steps,
updates and epochs from 1. KINDS says what each kind is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    indices: int
    # One value per sample of a step (carries @s[n] when the step has several samples).
    per_sample: bool = False
    # A weight-shaped entry [l][j][i] whose last two indices follow the layer's layout.
    matrix: bool = False
    # A bias kind: with one index fewer, b[l] names a layer's shared bias.
    bias: bool = False
    # The sign convention ("delta" or "gradient") a source's printed values of the kind follow.
    sign: str | None = None
    # Part of a forward pass: has a value @after[n].
    forward: bool = False


KINDS: dict[str, Kind] = {
    "x": Kind(1, per_sample=True),
    "y": Kind(1, per_sample=True),
    "W": Kind(3, matrix=True),
    "b": Kind(2, bias=True),
    "z": Kind(2, per_sample=True, forward=True),
    "a": Kind(2, per_sample=True, forward=True),
    "fprime": Kind(2, per_sample=True, forward=True),
    # The parts a hand calculation writes down: each product W·a of z, a softmax layer's
    # shifted logits, their exponentials and sum, and the factor 1 − a of f′ = a(1 − a).
    "term": Kind(3, per_sample=True, matrix=True, forward=True),
    "zShifted": Kind(2, per_sample=True, forward=True),
    "expShifted": Kind(2, per_sample=True, forward=True),
    "sumExp": Kind(1, per_sample=True, forward=True),
    "oneMinusA": Kind(2, per_sample=True, forward=True),
    "lossTerm": Kind(1, per_sample=True, forward=True),
    "loss": Kind(0, per_sample=True, forward=True),
    "da": Kind(2, per_sample=True, sign="gradient"),
    "delta": Kind(2, per_sample=True, sign="delta"),
    "contrib": Kind(3, per_sample=True, sign="delta"),
    "dx": Kind(1, per_sample=True, sign="gradient"),
    "dW": Kind(3, matrix=True, sign="gradient"),
    "db": Kind(2, bias=True, sign="gradient"),
    # The step the update subtracts (α·dW, α·db), and the change it applies (its negative).
    "lrdW": Kind(3, matrix=True),
    "lrdb": Kind(2, bias=True),
    "DeltaW": Kind(3, matrix=True),
    "Deltab": Kind(2, bias=True),
    "W'": Kind(3, matrix=True),
    "b'": Kind(2, bias=True),
}

_KIND = re.compile(r"^(W'|b'|[A-Za-z]+)")
_INDEX = re.compile(r"^\[(0|[1-9][0-9]*)\]")
_SAMPLE = re.compile(r"^@s\[(0|[1-9][0-9]*)\]")
_TIME = re.compile(r"^@(step|after|epoch)\[([1-9][0-9]*)\]")


@dataclass(frozen=True)
class Name:
    kind: str
    index: tuple[int, ...]
    sample: int | None = None
    # ("step" | "after" | "epoch", n), ("final", 0), or None for the first step.
    time: tuple[str, int] | None = None

    def __str__(self) -> str:
        return format_name(self)

    @property
    def shared_bias(self) -> bool:
        return KINDS[self.kind].bias and len(self.index) == KINDS[self.kind].indices - 1

    def swapped(self) -> "Name":
        """A matrix entry with its last two indices exchanged ([l][j][i] ↔ [l][i][j])."""
        if not KINDS[self.kind].matrix or len(self.index) != 3:
            return self
        l, r, c = self.index
        return Name(self.kind, (l, c, r), self.sample, self.time)

    def at(self, sample: int | None, time: tuple[str, int] | None) -> "Name":
        return Name(self.kind, self.index, sample, time)


class NameError_(ValueError):
    """A string the grammar refuses; the message says what was expected."""


def format_name(q: Name) -> str:
    text = q.kind + "".join(f"[{i}]" for i in q.index)
    if q.sample is not None:
        text += f"@s[{q.sample}]"
    if q.time is not None:
        text += "@final" if q.time[0] == "final" else f"@{q.time[0]}[{q.time[1]}]"
    return text


def name(kind: str, *index: int, sample: int | None = None, time: tuple[str, int] | None = None) -> str:
    return format_name(Name(kind, tuple(index), sample, time))


def parse_name(text: str) -> Name:
    """The parts of a name, or NameError_ saying what the grammar expected."""
    m = _KIND.match(text)
    if m is None or m.group(1) not in KINDS:
        raise NameError_(f'expected a quantity name such as "z[0][1]" (kinds: {", ".join(KINDS)})')
    kind = m.group(1)
    record = KINDS[kind]
    rest = text[len(kind) :]
    index = []
    while (m := _INDEX.match(rest)) is not None:
        index.append(int(m.group(1)))
        rest = rest[m.end() :]
    shared = record.bias and len(index) == record.indices - 1
    if len(index) != record.indices and not shared:
        raise NameError_(f'expected {record.indices} indices after "{kind}", got {len(index)}')
    sample = None
    if (m := _SAMPLE.match(rest)) is not None:
        if not record.per_sample:
            raise NameError_(f'"{kind}" has no per-sample values (no @s[n])')
        sample = int(m.group(1))
        rest = rest[m.end() :]
    time = None
    if rest == "@final":
        time, rest = ("final", 0), ""
    elif (m := _TIME.match(rest)) is not None:
        time = (m.group(1), int(m.group(2)))
        rest = rest[m.end() :]
    if rest:
        raise NameError_(f'unexpected "{rest}" (suffixes: @s[n], then @step[n], @after[n], @epoch[e] or @final)')
    q = Name(kind, tuple(index), sample, time)
    _check_time(q)
    return q


def _check_time(q: Name) -> None:
    if q.time is None:
        return
    at, n = q.time
    if at == "step" and n == 1:
        raise NameError_("the first step has no suffix (write it without @step[1])")
    if at == "after" and not (KINDS[q.kind].forward or q.kind in ("W", "b")):
        raise NameError_(f'@after[n] applies to forward quantities and W, b, not "{q.kind}"')
    if at == "epoch" and q.kind not in ("loss", "W'", "b'"):
        raise NameError_(f'@epoch[e] applies to loss and W\', b\', not "{q.kind}"')
    if at == "final" and q.kind not in ("W", "b"):
        raise NameError_(f'@final applies to W and b, not "{q.kind}"')
