import {
  activationInfo,
  formatQuantity,
  kindOf,
  mustParse,
  quantityName,
  withSuffix,
  type ActivationName,
  type Derivation,
  type Field,
} from "@bpcheck/core";
import Decimal from "decimal.js";
import type { CaseFile } from "@bpcheck/golden";
import { sourceSymbol } from "./source-symbols.ts";

/** A value with its full-precision string and a short form for figures. */
export interface Shown {
  readonly value: string;
  readonly short: string;
}

export interface GraphNode {
  readonly id: string;
  readonly kind: "input" | "unit" | "loss" | "target";
  /** Layer of a unit (0 = first weight layer); -1 for inputs, the layer count for loss and target. */
  readonly layer: number;
  /** Display lines, in the source's symbols. */
  readonly lines: readonly string[];
  /** The node's quantities by canonical name. */
  readonly quantities: Readonly<Record<string, Shown>>;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** Canonical name of the weight on the edge, or null (output → loss, target → loss). */
  readonly weight: string | null;
  /** The source's name of the weight. */
  readonly symbol: string | null;
  readonly lines: readonly string[];
  readonly quantities: Readonly<Record<string, Shown>>;
}

export interface GraphModel {
  readonly title: string;
  /** What the figure's gradient labels mean, when it is not plain ∂L/∂… (sequential updates), or null. */
  readonly note: string | null;
  /** True when the network is too large to list every weight: the figure is a summary. */
  readonly summary: boolean;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** Significant digits of a figure's values unless `--label-digits` says otherwise. */
export const DEFAULT_LABEL_DIGITS = 6;

/** Beyond this many weights a figure lists none of them: it draws the units and says it is a summary. */
export const MAX_LISTED_WEIGHTS = 64;

/**
 * The names of a unit's and a weight's backpropagated values. They are ∂L/∂z and ∂L/∂W
 * except below the output layer under sequential updates, where delta is carried down
 * through the already-updated weights: then they are the update rule's δ(z) and d(W),
 * not derivatives of the loss.
 */
function gradientNames(sequential: boolean, layer: number, last: number) {
  return sequential && layer < last
    ? { unit: (z: string) => `δ(${z})`, weight: (w: string) => `d(${w})`, bias: "d(b)" }
    : { unit: (z: string) => `∂L/∂${z}`, weight: (w: string) => `∂L/∂${w}`, bias: "∂L/∂b" };
}

/**
 * How a unit's activation is written: f(z_j) for an elementwise one, and for softmax, which
 * takes the whole layer, its j-th output softmax(z[l])[j] (softmax(z_j) would read as a
 * function of the unit's own z).
 */
function applied(activation: ActivationName, z: string, l: number, j: number): string {
  const info = activationInfo(activation);
  return info.elementwise ? `${info.symbol}(${z})` : `${info.symbol}(${quantityName("z", [l])})[${j}]`;
}

/**
 * The network's computation graph for the worked step, annotated with the forward
 * values of the first sample (inputs, pre-activations, activations), the loss, and the
 * gradients: ∂L/∂z on each unit, ∂L/∂W on each weight (see gradientNames for the
 * sequential update order). Values are shown to `labelDigits` significant digits.
 */
export function graphModel<T>(
  c: CaseFile,
  F: Field<T>,
  derivation: Derivation<T>,
  labelDigits: number = DEFAULT_LABEL_DIGITS,
): GraphModel {
  const values = new Map(derivation.quantities.map((q) => [q.name, q.value]));
  const many = derivation.trace.samples.length > 1;
  const at = (name: string): Shown => {
    // The figure shows the first sample of a full-batch step.
    const q = mustParse(name);
    const v = values.get(many && kindOf(q).perSample ? formatQuantity(withSuffix(q, 0, null)) : name);
    if (v === undefined) return { value: "", short: "" };
    const value = F.toString(v);
    return { value, short: short(value, labelDigits) };
  };
  const sequential = c.training.updateOrder === "sequential" && c.network.layers.length > 1;
  const sym = (name: string) => sourceSymbol(c, name);
  const last = c.network.layers.length - 1;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < c.network.inputs; i++) {
    const x = at(quantityName("x", [i]));
    nodes.push({
      id: `x${i}`,
      kind: "input",
      layer: -1,
      lines: [`${sym(quantityName("x", [i]))} = ${x.short}`],
      quantities: { [quantityName("x", [i])]: x },
    });
  }
  c.network.layers.forEach((layer, l) => {
    layer.weights.forEach((row, j) => {
      const id = `u${l}_${j}`;
      const unit = [l, j];
      const names = [quantityName("z", unit), quantityName("a", unit), quantityName("delta", unit)];
      const biased = layer.biases !== null;
      // A shared bias is one quantity of the layer, b[l], shown on each of its units.
      const biasIndex = layer.sharedBias ? [l] : unit;
      if (biased) names.push(quantityName("b", biasIndex), quantityName("db", biasIndex));
      const q = Object.fromEntries(names.map((n) => [n, at(n)]));
      const z = sym(names[0]!);
      const grad = gradientNames(sequential, l, last);
      nodes.push({
        id,
        kind: "unit",
        layer: l,
        lines: [
          `${z} = ${q[names[0]!]!.short}`,
          `${sym(names[1]!)} = ${applied(layer.activation, z, l, j)} = ${q[names[1]!]!.short}`,
          `${grad.unit(z)} = ${q[names[2]!]!.short}`,
          ...(biased
            ? [`${sym(names[3]!)} = ${q[names[3]!]!.short}, ${grad.bias} = ${q[names[4]!]!.short}`]
            : []),
        ],
        quantities: q,
      });
      row.forEach((_, i) => {
        const w = quantityName("W", [l, j, i]);
        const dw = quantityName("dW", [l, j, i]);
        const symbol = sym(w);
        const wq = { [w]: at(w), [dw]: at(dw) };
        edges.push({
          from: l === 0 ? `x${i}` : `u${l - 1}_${i}`,
          to: id,
          weight: w,
          symbol,
          lines: [`${symbol} = ${wq[w]!.short}`, `${grad.weight(symbol)} = ${wq[dw]!.short}`],
          quantities: wq,
        });
      });
    });
  });
  const loss = at("loss");
  nodes.push({
    id: "loss",
    kind: "loss",
    layer: last + 1,
    lines: [`${sym("loss")} = ${loss.short}`],
    quantities: { loss },
  });
  c.data[0]?.y.forEach((_, k) => {
    const y = at(quantityName("y", [k]));
    nodes.push({
      id: `y${k}`,
      kind: "target",
      layer: last + 1,
      lines: [`${sym(quantityName("y", [k]))} = ${y.short}`],
      quantities: { [quantityName("y", [k])]: y },
    });
    edges.push({ from: `u${last}_${k}`, to: "loss", weight: null, symbol: null, lines: [], quantities: {} });
    edges.push({ from: `y${k}`, to: "loss", weight: null, symbol: null, lines: [], quantities: {} });
  });
  const sample = many ? `, sample 1 of ${derivation.trace.samples.length}` : "";
  const summary = edges.filter((e) => e.weight !== null).length > MAX_LISTED_WEIGHTS;
  return {
    title: `${c.id}: computation graph of the first step (${F.name}${sample})`,
    note: sequential
      ? "Sequential updates: below the output layer, δ is carried down through the already-updated weights, so δ(z) and d(W) there are the update rule's values, not ∂L/∂z and ∂L/∂W."
      : null,
    summary,
    nodes,
    edges,
  };
}

/** A value to `digits` significant digits (rounded from its full decimal string), trailing zeros dropped. */
export function short(value: string, digits: number): string {
  return /^[-+]?(\d|\.\d)/.test(value) ? new Decimal(value).toSignificantDigits(digits).toString() : value;
}
