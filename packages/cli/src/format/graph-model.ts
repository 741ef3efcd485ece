import {
  activationInfo,
  formatQuantity,
  kindOf,
  mustParse,
  quantityName,
  withSuffix,
  type Derivation,
  type Field,
} from "@bpcheck/core";
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
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/**
 * The network's computation graph for the worked step, annotated with the forward
 * values of the first sample (inputs, pre-activations, activations), the loss, and the
 * gradients: ∂L/∂z on each unit, ∂L/∂W on each weight's edge.
 */
export function graphModel<T>(c: CaseFile, F: Field<T>, derivation: Derivation<T>): GraphModel {
  const values = new Map(derivation.quantities.map((q) => [q.name, q.value]));
  const many = derivation.trace.samples.length > 1;
  const at = (name: string): Shown => {
    // The figure shows the first sample of a full-batch step.
    const q = mustParse(name);
    const v = values.get(many && kindOf(q).perSample ? formatQuantity(withSuffix(q, 0, null)) : name);
    if (v === undefined) return { value: "", short: "" };
    return { value: F.toString(v), short: short(F.toNumber(v)) };
  };
  const sym = (name: string) => sourceSymbol(c, name);
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
  const last = c.network.layers.length - 1;
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
      nodes.push({
        id,
        kind: "unit",
        layer: l,
        lines: [
          `${z} = ${q[names[0]!]!.short}`,
          `${sym(names[1]!)} = ${activationInfo(layer.activation).symbol}(${z}) = ${q[names[1]!]!.short}`,
          `∂L/∂${z} = ${q[names[2]!]!.short}`,
          ...(biased ? [`${sym(names[3]!)} = ${q[names[3]!]!.short}, ∂L/∂b = ${q[names[4]!]!.short}`] : []),
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
          lines: [`${symbol} = ${wq[w]!.short}`, `∂L/∂${symbol} = ${wq[dw]!.short}`],
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
  return { title: `${c.id}: computation graph of the first step (${F.name}${sample})`, nodes, edges };
}

/** Six significant digits, trailing zeros dropped: enough to read a figure. */
function short(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}
