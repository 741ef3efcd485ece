"""Reading fixtures/<case>/case.json (format version 1 or 2) into plain data (decimal
strings), then into numbers.

Version 2 adds, per layer, `slope` (leaky-relu only), `layout` ("out-in", z = W·a, one row
per unit; or "in-out", z = a·W, one row per input) and shared biases `{ "shared": "0.35" }`;
the losses sse, cce and output; `network.reduction`; top-level `conventions` and `readings`;
and, per published entry, its own `conventions` and `layout`. Printed numbers may carry a
typographic minus (U+2212) or no digit before the point (".85"), as sources print them.
Weights are held out × in here whatever the layout, and published names are translated to
that canonical form (see Published.canonical).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from .engine import ACTIVATIONS, LOSSES, REDUCTIONS, Layer, Network, Sample, Training
from .input_error import Reader, read_json
from .number_systems import NumberSystem
from .quantity_name import KINDS, Name, NameError_, parse_name

LAYOUTS = ("out-in", "in-out")
CONVENTIONS = {
    "delta": ("dL/dz", "-dL/dz"),
    "gradient": ("dL/dW", "-dL/dW"),
    "update": ("W - lr*dL/dW", "W + lr*delta*a"),
}
PRINTED = re.compile(r"^[-\u2212]?(0|[1-9][0-9]*)?(\.[0-9]+)?([eE][-+\u2212]?[0-9]+)?$")


def printed_decimal(printed: str) -> str:
    """The printed string as a plain decimal string: U+2212 read as "-", a missing 0 before
    the point restored (".85" → "0.85")."""
    text = printed.replace("\u2212", "-")
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("-")
    if body.startswith("."):
        body = "0" + body
    return sign + body


def unsigned(quantity: str) -> str:
    """A published quantity without the leading "-" that names its negative."""
    return quantity[1:] if quantity.startswith("-") else quantity


@dataclass(frozen=True)
class Published:
    id: str
    quantity: str
    printed: str
    # Where it differs from the case's: the entry's own conventions and layout.
    conventions: dict = field(default_factory=dict)
    layout: str | None = None

    @property
    def value(self) -> Fraction:
        return Fraction(printed_decimal(self.printed))

    @property
    def decimals(self) -> int:
        """Digits after the point, less the exponent: the printed precision."""
        text = printed_decimal(self.printed)
        mantissa, _, exponent = text.lower().partition("e")
        digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return digits - int(exponent or 0)


@dataclass(frozen=True)
class LayerSpec:
    activation: str
    W: list[list[str]]  # out × in
    b: list[str] | None  # per unit (a shared bias repeated)
    slope: str | None = None
    shared_bias: bool = False
    layout: str = "out-in"


@dataclass(frozen=True)
class Case:
    file: Path
    id: str
    inputs: int
    layers: list
    loss: str
    data: list[tuple[list[str], list[str]]]
    learning_rate: str
    epochs: int
    batch: str
    update_order: str
    update_biases: bool
    published: list[Published]
    version: int = 1
    reduction: dict = field(default_factory=dict)
    conventions: dict = field(default_factory=dict)
    symbols: dict = field(default_factory=dict)

    def layer_specs(self) -> list[LayerSpec]:
        """Version-1 tuples (activation, W, b) and version-2 LayerSpec alike."""
        return [spec if isinstance(spec, LayerSpec) else LayerSpec(*spec) for spec in self.layers]

    def network(self, N: NumberSystem) -> Network:
        layers = []
        for spec in self.layer_specs():
            W = [[N.from_decimal(w) for w in row] for row in spec.W]
            b = None if spec.b is None else [N.from_decimal(v) for v in spec.b]
            slope = None if spec.slope is None else N.from_decimal(spec.slope)
            layers.append(Layer(spec.activation, W, b, slope, spec.shared_bias))
        return Network(layers, self.loss, self.reduction.get("outputs"), self.reduction.get("samples"))

    def samples(self, N: NumberSystem) -> list[Sample]:
        return [Sample([N.from_decimal(v) for v in x], [N.from_decimal(v) for v in y]) for x, y in self.data]

    def training(self, N: NumberSystem) -> Training:
        return Training(N.from_decimal(self.learning_rate), self.epochs, self.batch, self.update_order, self.update_biases)

    def convention(self, pub: Published, which: str) -> str:
        return pub.conventions.get(which) or self.conventions.get(which) or CONVENTIONS[which][0]

    def in_canonical_order(self, q: Name, layout: str | None = None) -> Name:
        """A matrix entry written in its layer's layout (or ``layout``) as [l][unit][input]."""
        if KINDS[q.kind].matrix and q.index[0] < len(self.layers):
            if (layout or self.layer_specs()[q.index[0]].layout) == "in-out":
                return q.swapped()
        return q

    def canonical(self, pub: Published) -> tuple[Name, int]:
        """The published quantity as a canonical name (matrix indices [l][unit][input]) and
        the sign (+1 or −1) that turns the canonical value into the value the source prints
        under its conventions."""
        # A leading "-" names the negative of the quantity (a subtracted term printed as such).
        negated = pub.quantity.startswith("-")
        q = self.in_canonical_order(parse_name(unsigned(pub.quantity)), pub.layout)
        record = KINDS[q.kind]
        sign = -1 if negated else 1
        if record.sign == "delta" and self.convention(pub, "delta") == "-dL/dz":
            sign = -sign
        if record.sign == "gradient" and self.convention(pub, "gradient") == "-dL/dW":
            sign = -sign
        return q, sign


def read_case(file: Path) -> Case:
    """Reads and checks a case file: types, enums, and that every matrix fits the layer below."""
    r = Reader(file)
    doc = r.obj(read_json(file), "$", ["schema", "version", "id", "network", "data", "training", "published"])
    if doc["schema"] != "bpcheck-case" or doc["version"] not in (1, 2):
        raise r.fail("$.schema", 'expected "bpcheck-case" version 1 or 2')
    version = doc["version"]
    net = r.obj(doc["network"], "$.network", ["inputs", "layers", "loss"])
    width = r.integer(net["inputs"], "$.network.inputs", 1, 256)
    activations = ACTIVATIONS if version == 2 else ("identity", "relu", "sigmoid", "tanh")
    layers = []
    for l, spec in enumerate(r.array(net["layers"], "$.network.layers", 1)):
        p = f"$.network.layers[{l}]"
        spec = r.obj(spec, p, ["activation", "weights", "biases"])
        act = r.choice(spec["activation"], p + ".activation", activations)
        layout = r.choice(spec.get("layout", "out-in"), p + ".layout", LAYOUTS) if version == 2 else "out-in"
        rows = r.array(spec["weights"], p + ".weights", 1)
        # In × out: one row per input; out × in: one row per unit.
        written = []
        for j, row in enumerate(rows):
            row = r.array(row, f"{p}.weights[{j}]", 1)
            written.append([r.case_number(v, f"{p}.weights[{j}][{i}]") for i, v in enumerate(row)])
        if layout == "in-out":
            if len(written) != width:
                raise r.fail(f"{p}.weights", f"expected {width} rows (in-out: one per unit below)")
            if len({len(row) for row in written}) != 1:
                raise r.fail(f"{p}.weights", "expected rows of equal length (in-out: one column per unit)")
            W = [list(col) for col in zip(*written)]
        else:
            for j, row in enumerate(written):
                if len(row) != width:
                    raise r.fail(f"{p}.weights[{j}]", f"expected {width} weights (one per unit below)")
            W = written
        slope = None
        if version == 2:
            if act == "leaky-relu":
                if "slope" not in spec:
                    raise r.fail(p, 'expected a property "slope" (leaky-relu)')
                slope = r.case_number(spec["slope"], p + ".slope")
            elif "slope" in spec:
                raise r.fail(p + ".slope", "expected no slope (only leaky-relu has one)")
            if act == "softmax" and len(W) < 2:
                raise r.fail(p + ".activation", "expected at least 2 units for softmax")
        b, shared = None, False
        if isinstance(spec["biases"], dict) and version == 2:
            bias = r.obj(spec["biases"], p + ".biases", ["shared"])
            b, shared = [r.case_number(bias["shared"], p + ".biases.shared")] * len(W), True
        elif spec["biases"] is not None:
            b = [r.case_number(v, f"{p}.biases[{j}]") for j, v in enumerate(r.array(spec["biases"], p + ".biases", 1))]
            if len(b) != len(W):
                raise r.fail(p + ".biases", f"expected {len(W)} biases (one per unit)")
        layers.append(LayerSpec(act, W, b, slope, shared, layout) if version == 2 else (act, W, b))
        width = len(W)
    loss = r.choice(net["loss"], "$.network.loss", tuple(LOSSES) if version == 2 else ("half-sse", "mse", "bce"))
    reduction = {}
    if version == 2 and "reduction" in net:
        red = r.obj(net["reduction"], "$.network.reduction", [])
        for key in ("outputs", "samples"):
            if key in red:
                reduction[key] = r.choice(red[key], f"$.network.reduction.{key}", REDUCTIONS)
    data = []
    for n, s in enumerate(r.array(doc["data"], "$.data", 1)):
        s = r.obj(s, f"$.data[{n}]", ["x", "y"])
        x = [r.case_number(v, f"$.data[{n}].x[{i}]") for i, v in enumerate(r.array(s["x"], f"$.data[{n}].x", 1))]
        y = [r.case_number(v, f"$.data[{n}].y[{k}]") for k, v in enumerate(r.array(s["y"], f"$.data[{n}].y", 1))]
        if len(x) != net["inputs"]:
            raise r.fail(f"$.data[{n}].x", f"expected {net['inputs']} inputs")
        if len(y) != width:
            raise r.fail(f"$.data[{n}].y", f"expected {width} targets (one per output)")
        if loss == "cce" and (any(Fraction(v) < 0 for v in y) or sum(Fraction(v) for v in y) != 1):
            raise r.fail(f"$.data[{n}].y", "expected a distribution for cce (each target ≥ 0, summing to 1)")
        data.append((x, y))
    t = r.obj(doc["training"], "$.training", ["learningRate", "epochs", "batch", "updateOrder", "updateBiases"])
    conventions = _conventions(r, doc.get("conventions", {}), "$.conventions") if version == 2 else {}
    published = []
    for k, pub in enumerate(r.array(doc["published"], "$.published")):
        p = f"$.published[{k}]"
        pub = r.obj(pub, p, ["id", "quantity", "printed", "location"])
        printed = r.string(pub["printed"], p + ".printed")
        if not PRINTED.match(printed) or not any(c.isdigit() for c in printed):
            raise r.fail(p + ".printed", _printed_problem(printed))
        quantity = r.string(pub["quantity"], p + ".quantity")
        try:
            parse_name(unsigned(quantity))
        except NameError_ as e:
            raise r.fail(p + ".quantity", str(e)) from None
        entry_layout = r.choice(pub["layout"], p + ".layout", LAYOUTS) if "layout" in pub else None
        published.append(
            Published(
                r.string(pub["id"], p + ".id"),
                quantity,
                printed,
                _conventions(r, pub.get("conventions", {}), p + ".conventions"),
                entry_layout,
            )
        )
    epochs = r.integer(t["epochs"], "$.training.epochs", 1, 1_000_000)
    batch = r.choice(t["batch"], "$.training.batch", ("sgd", "full-batch"))
    updates = epochs * (len(data) if batch == "sgd" else 1)
    for k, pub in enumerate(published):
        time = parse_name(unsigned(pub.quantity)).time
        if time is None or time[0] == "final":
            continue
        at, n = time
        limit = epochs if at == "epoch" else updates
        if n > limit:
            unit = "epochs" if at == "epoch" else ("steps" if at == "step" else "updates")
            raise r.fail(f"$.published[{k}].quantity", f"expected @{at}[n] with n ≤ {limit}: the case's training has {limit} {unit}")
    return Case(
        file=file,
        id=r.string(doc["id"], "$.id"),
        inputs=net["inputs"],
        layers=layers,
        loss=loss,
        data=data,
        learning_rate=r.case_number(t["learningRate"], "$.training.learningRate"),
        epochs=epochs,
        batch=batch,
        update_order=r.choice(t["updateOrder"], "$.training.updateOrder", ("simultaneous", "sequential")),
        update_biases=r.boolean(t["updateBiases"], "$.training.updateBiases"),
        published=published,
        version=version,
        reduction=reduction,
        conventions=conventions,
        symbols=doc.get("symbols", {}),
    )


def _printed_problem(printed: str) -> str:
    """What is wrong with a printed string, naming the first character that cannot stand there."""
    allowed = set("0123456789.-eE+\u2212")
    bad = next((c for c in printed if c not in allowed), None)
    where = f"the character {bad!r} (U+{ord(bad):04X})" if bad is not None else f"{printed!r}"
    return f'expected a number as printed, such as "0.35", ".85" or "\u22120.809"; {where} is not part of one'


def _conventions(r: Reader, value, path: str) -> dict:
    doc = r.obj(value, path, [])
    out = {}
    for key, v in doc.items():
        if key not in CONVENTIONS:
            raise r.fail(f"{path}.{key}", f"expected one of the conventions {', '.join(CONVENTIONS)}")
        out[key] = r.choice(v, f"{path}.{key}", CONVENTIONS[key])
    return out
