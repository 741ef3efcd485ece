import { maxOf, type ActivationName, type LossName, type Quantity } from "@bpcheck/core";
import type { CaseFile } from "@bpcheck/golden";
import { symbolsByQuantity } from "./source-symbols.ts";

const ACTIVATION_SYMBOL: Record<ActivationName, string> = {
  identity: "id",
  relu: "relu",
  sigmoid: "σ",
  tanh: "tanh",
};

const LOSS_FORMULA: Record<LossName, string> = {
  "half-sse": "½ Σ (y − ŷ)²",
  mse: "(1/n) Σ (y − ŷ)²",
  bce: "−(1/n) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]",
};

interface Group {
  /** z[0], W'[1], loss, z[0]@s1 … */
  readonly key: string;
  readonly kind: string;
  readonly layer: number;
  readonly entries: { name: string; value: string }[];
}

const SECTIONS: readonly { title: string; kinds: readonly string[] }[] = [
  { title: "Forward pass", kinds: ["z", "a"] },
  { title: "Loss", kinds: ["loss"] },
  { title: "Backward pass", kinds: ["delta"] },
  { title: "Gradients", kinds: ["dW", "db"] },
  { title: "Updated parameters", kinds: ["W'", "b'"] },
];

const MATRIX_KINDS = new Set(["W", "dW", "W'"]);

function groupOf(name: string): { key: string; kind: string; layer: number } {
  const [base = name, sample] = name.split("@");
  const kind = base.replace(/\[.*$/, "");
  const indices = [...base.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const keep = kind === "loss" ? 0 : 1;
  const key =
    kind +
    indices
      .slice(0, keep)
      .map((i) => `[${i}]`)
      .join("") +
    (sample ? `@${sample}` : "");
  return { key, kind, layer: indices[0] ?? -1 };
}

/** Canonical formula of a group, e.g. "W[0]·x" for z[0]. */
function formula(c: CaseFile, kind: string, layer: number): string {
  // Sequential updates carry delta down through the weights already updated above.
  const above = c.training.updateOrder === "sequential" ? "W'" : "W";
  const layers = c.network.layers;
  const below = layer === 0 ? "x" : `a[${layer - 1}]`;
  const bias = layers[layer]?.biases ? ` + b[${layer}]` : "";
  const f = ACTIVATION_SYMBOL[layers[layer]?.activation ?? "identity"];
  const last = layers.length - 1;
  switch (kind) {
    case "z":
      return `W[${layer}]·${below}${bias}`;
    case "a":
      return `${f}(z[${layer}])`;
    case "loss":
      return LOSS_FORMULA[c.network.loss];
    case "delta":
      return layer === last
        ? `∂L/∂ŷ ⊙ ${f}'(z[${layer}])`
        : `(${above}[${layer + 1}]ᵀ·delta[${layer + 1}]) ⊙ ${f}'(z[${layer}])`;
    case "dW":
      return `delta[${layer}]·${below}ᵀ`;
    case "db":
      return `delta[${layer}]`;
    case "W'":
      return `W[${layer}] − α·dW[${layer}]`;
    default:
      return `b[${layer}] − α·db[${layer}]`;
  }
}

/** Replaces canonical names with the source's symbols where the case maps them. */
function inSourceSymbols(c: CaseFile, text: string, lastLayer: number): string {
  const bySymbol = symbolsByQuantity(c);
  bySymbol.set(
    `a[${lastLayer}]`,
    bySymbol.get(`a[${lastLayer}][0]`) ?? bySymbol.get(`a[${lastLayer}]`) ?? "ŷ",
  );
  return text.replace(/\b(?:W'|b'|dW|db|delta|[xyzaWb])(?:\[\d+\])*|ŷ/g, (token) => {
    const t = token === "ŷ" ? `a[${lastLayer}]` : token;
    return bySymbol.get(t) ?? bySymbol.get(`${t}[0]`) ?? token;
  });
}

/**
 * Under sequential updates (and more than one layer) delta and dW below the output layer
 * come through the updated weights: the update rule's values, not the loss's derivatives.
 */
function sequentialNote(c: CaseFile, kind: string): string | null {
  if (c.training.updateOrder !== "sequential" || c.network.layers.length < 2) return null;
  if (kind === "delta") {
    return "(sequential updates: below the output layer, delta is carried through the updated W', so it is not ∂L/∂z)";
  }
  if (kind === "dW") {
    return "(sequential updates: only the output layer's dW is ∂L/∂W; below it, dW is the update rule's step direction; bpcheck gradcheck checks ∂L/∂W)";
  }
  return null;
}

/**
 * The derivation as text: one block per vector or matrix, headed by its source symbol
 * and formula, one line per element with its canonical name and value.
 */
export function derivationText(c: CaseFile, quantities: readonly Quantity<string>[]): string {
  const groups = new Map<string, Group>();
  for (const q of quantities) {
    const g = groupOf(q.name);
    let group = groups.get(g.key);
    if (group === undefined) {
      group = { ...g, entries: [] };
      groups.set(g.key, group);
    }
    group.entries.push({ name: q.name, value: q.value });
  }
  const last = c.network.layers.length - 1;
  const width = maxOf(quantities.map((q) => q.name.length));
  const lines: string[] = [];
  for (const section of SECTIONS) {
    // Forward in layer order, backward from the output down, kinds in the section's order.
    const direction = section.kinds[0] === "delta" ? -1 : 1;
    const members = [...groups.values()]
      .filter((g) => section.kinds.includes(g.kind))
      .sort(
        (p, q) =>
          direction * (p.layer - q.layer) || section.kinds.indexOf(p.kind) - section.kinds.indexOf(q.kind),
      );
    if (members.length === 0) continue;
    lines.push("", section.title);
    const note = sequentialNote(c, section.kinds[0]!);
    if (note !== null) lines.push(`  ${note}`);
    for (const g of members) {
      const name = inSourceSymbols(c, g.key, last);
      const head = name === g.key ? g.key : `${name} (${g.key})`;
      const shape = MATRIX_KINDS.has(g.kind) ? " [row j = unit, column i = input]" : "";
      lines.push(`  ${head} = ${inSourceSymbols(c, formula(c, g.kind, g.layer), last)}${shape}`);
      for (const e of g.entries) lines.push(`    ${e.name.padEnd(width)}  ${e.value}`);
    }
  }
  return lines.join("\n");
}
