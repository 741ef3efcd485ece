"""Reading fixtures/<case>/case.json into plain data (decimal strings), then into numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .engine import Layer, Network, Sample, Training
from .input_error import Reader, read_json
from .number_systems import NumberSystem

ACTIVATIONS = ("identity", "relu", "sigmoid", "tanh")
LOSSES = ("half-sse", "mse", "bce")


@dataclass(frozen=True)
class Published:
    id: str
    quantity: str
    printed: str


@dataclass(frozen=True)
class Case:
    file: Path
    id: str
    inputs: int
    layers: list[tuple[str, list[list[str]], list[str] | None]]
    loss: str
    data: list[tuple[list[str], list[str]]]
    learning_rate: str
    epochs: int
    batch: str
    update_order: str
    update_biases: bool
    published: list[Published]

    def network(self, N: NumberSystem) -> Network:
        return Network(
            [
                Layer(f, [[N.from_decimal(w) for w in row] for row in W], None if b is None else [N.from_decimal(v) for v in b])
                for f, W, b in self.layers
            ],
            self.loss,
        )

    def samples(self, N: NumberSystem) -> list[Sample]:
        return [Sample([N.from_decimal(v) for v in x], [N.from_decimal(v) for v in y]) for x, y in self.data]

    def training(self, N: NumberSystem) -> Training:
        return Training(N.from_decimal(self.learning_rate), self.epochs, self.batch, self.update_order, self.update_biases)


def read_case(file: Path) -> Case:
    """Reads and checks a case file: types, enums, and that every matrix fits the layer below."""
    r = Reader(file)
    doc = r.obj(read_json(file), "$", ["schema", "version", "id", "network", "data", "training", "published"])
    if doc["schema"] != "bpcheck-case" or doc["version"] != 1:
        raise r.fail("$.schema", 'expected "bpcheck-case" version 1')
    net = r.obj(doc["network"], "$.network", ["inputs", "layers", "loss"])
    width = r.integer(net["inputs"], "$.network.inputs", 1, 256)
    layers = []
    for l, spec in enumerate(r.array(net["layers"], "$.network.layers", 1)):
        p = f"$.network.layers[{l}]"
        spec = r.obj(spec, p, ["activation", "weights", "biases"])
        act = r.choice(spec["activation"], p + ".activation", ACTIVATIONS)
        rows = r.array(spec["weights"], p + ".weights", 1)
        W = []
        for j, row in enumerate(rows):
            row = r.array(row, f"{p}.weights[{j}]", 1)
            if len(row) != width:
                raise r.fail(f"{p}.weights[{j}]", f"expected {width} weights (one per unit below)")
            W.append([r.decimal(v, f"{p}.weights[{j}][{i}]") for i, v in enumerate(row)])
        b = None
        if spec["biases"] is not None:
            b = [r.decimal(v, f"{p}.biases[{j}]") for j, v in enumerate(r.array(spec["biases"], p + ".biases", 1))]
            if len(b) != len(W):
                raise r.fail(p + ".biases", f"expected {len(W)} biases (one per unit)")
        layers.append((act, W, b))
        width = len(W)
    loss = r.choice(net["loss"], "$.network.loss", LOSSES)
    data = []
    for n, s in enumerate(r.array(doc["data"], "$.data", 1)):
        s = r.obj(s, f"$.data[{n}]", ["x", "y"])
        x = [r.decimal(v, f"$.data[{n}].x[{i}]") for i, v in enumerate(r.array(s["x"], f"$.data[{n}].x", 1))]
        y = [r.decimal(v, f"$.data[{n}].y[{k}]") for k, v in enumerate(r.array(s["y"], f"$.data[{n}].y", 1))]
        if len(x) != net["inputs"]:
            raise r.fail(f"$.data[{n}].x", f"expected {net['inputs']} inputs")
        if len(y) != width:
            raise r.fail(f"$.data[{n}].y", f"expected {width} targets (one per output)")
        data.append((x, y))
    t = r.obj(doc["training"], "$.training", ["learningRate", "epochs", "batch", "updateOrder", "updateBiases"])
    published = []
    for k, pub in enumerate(r.array(doc["published"], "$.published")):
        pub = r.obj(pub, f"$.published[{k}]", ["id", "quantity", "printed"])
        published.append(
            Published(
                r.string(pub["id"], f"$.published[{k}].id"),
                r.string(pub["quantity"], f"$.published[{k}].quantity"),
                r.decimal(pub["printed"], f"$.published[{k}].printed"),
            )
        )
    return Case(
        file=file,
        id=r.string(doc["id"], "$.id"),
        inputs=net["inputs"],
        layers=layers,
        loss=loss,
        data=data,
        learning_rate=r.decimal(t["learningRate"], "$.training.learningRate"),
        epochs=r.integer(t["epochs"], "$.training.epochs", 1, 1_000_000),
        batch=r.choice(t["batch"], "$.training.batch", ("sgd", "full-batch")),
        update_order=r.choice(t["updateOrder"], "$.training.updateOrder", ("simultaneous", "sequential")),
        update_biases=r.boolean(t["updateBiases"], "$.training.updateBiases"),
        published=published,
    )
