import {
  activationInfo,
  maxOf,
  QUANTITY_KINDS,
  formatQuantity,
  kindOf,
  lossInfo,
  mustParse,
  quantityName,
  type KindName,
  type Quantity,
  type Time,
} from "@bpcheck/core";
import type { CaseFile } from "@bpcheck/golden";
import { caseName, symbolsByQuantity } from "./source-symbols.ts";

interface Group {
  /** z[0], W'[1], loss, z[0]@s[1] … */
  readonly key: string;
  readonly kind: KindName;
  readonly layer: number;
  /** The time suffix ("@step[2]") or "" for the first step. */
  readonly time: string;
  readonly entries: { name: string; value: string }[];
}

const SECTIONS: readonly { title: string; kinds: readonly KindName[]; backward?: boolean }[] = [
  { title: "Parameters", kinds: ["W", "b"] },
  {
    title: "Forward pass",
    kinds: ["z", "term", "zShifted", "expShifted", "sumExp", "a", "oneMinusA", "fprime"],
  },
  { title: "Loss", kinds: ["lossTerm", "loss"] },
  { title: "Backward pass", kinds: ["da", "delta", "contrib", "dx"], backward: true },
  { title: "Gradients", kinds: ["dW", "db"] },
  { title: "Update", kinds: ["lrdW", "lrdb", "DeltaW", "Deltab", "W'", "b'"] },
];

function timeSuffix(time: Time | null): string {
  return time === null
    ? ""
    : formatQuantity({ kind: "loss", index: [], sample: null, time }).slice("loss".length);
}

/** The group of a quantity: its kind and layer (a vector or matrix), sample and time. */
function groupOf(name: string): Omit<Group, "entries"> {
  const q = mustParse(name);
  const perLayer = kindOf(q).layered;
  const key = formatQuantity({ ...q, index: perLayer ? q.index.slice(0, 1) : [] });
  return { key, kind: q.kind, layer: perLayer ? q.index[0]! : -1, time: timeSuffix(q.time) };
}

/** A formula as text and quantity references (shown in the source's symbols). */
type Part = string | { readonly ref: string };

/** Canonical formula of a group, e.g. W[0]·x for z[0]. */
function formula(c: CaseFile, kind: KindName, l: number): Part[] {
  // Sequential updates carry delta down through the weights already updated above.
  const above: KindName = c.training.updateOrder === "sequential" ? "W'" : "W";
  const layers = c.network.layers;
  const layer = layers[l];
  const ref = (k: KindName, at: number = l): Part => ({ ref: quantityName(k, [at]) });
  const below: Part = l === 0 ? { ref: "x" } : ref("a", l - 1);
  const bias: Part[] = layer?.biases ? [" + ", ref("b")] : [];
  const f = activationInfo(layer?.activation ?? "identity").symbol;
  const last = layers.length - 1;
  const inOut = layer?.layout === "in-out";
  switch (kind) {
    case "z":
      return inOut ? [below, "·", ref("W"), ...bias] : [ref("W"), "·", below, ...bias];
    case "term":
      return inOut ? [below, "_i·", ref("W"), "_ij"] : [ref("W"), "_ji·", below, "_i"];
    case "zShifted":
      return [ref("z"), " − max ", ref("z")];
    case "expShifted":
      return ["e^", ref("zShifted")];
    case "sumExp":
      return ["Σ_j ", ref("expShifted")];
    case "a":
      return [`${f}(`, ref("z"), ")"];
    case "oneMinusA":
      return ["1 − ", ref("a")];
    case "fprime":
      return [`${f}′(`, ref("z"), ")"];
    case "lossTerm":
      return ["the per-output terms of ", lossInfo(c.network.loss).expression];
    case "loss":
      return [lossInfo(c.network.loss).expression];
    case "da":
      return l === last ? ["∂L/∂", ref("a")] : [ref(above, l + 1), "ᵀ·", ref("delta", l + 1)];
    case "delta":
      return activationInfo(layer?.activation ?? "identity").elementwise
        ? [ref("da"), " ⊙ ", ref("fprime")]
        : ["J_softmax(", ref("z"), ")ᵀ·", ref("da")];
    case "contrib":
      return [ref("delta", l + 1), "_k·", ref(above, l + 1), "_kj"];
    case "dx":
      return [ref(above, 0), "ᵀ·", ref("delta", 0)];
    case "dW":
      return inOut ? [below, "ᵀ·", ref("delta")] : [ref("delta"), "·", below, "ᵀ"];
    case "db":
      return layer?.sharedBias ? ["Σ_j ", ref("delta")] : [ref("delta")];
    case "lrdW":
      return ["α·", ref("dW")];
    case "lrdb":
      return c.training.updateBiases ? ["α·", ref("db")] : ["0 (frozen)"];
    case "DeltaW":
      return ["−α·", ref("dW")];
    case "Deltab":
      return ["−α·", ref("db")];
    case "W'":
      return [ref("W"), " − α·", ref("dW")];
    case "b'":
      return c.training.updateBiases ? [ref("b"), " − α·", ref("db")] : [ref("b"), " (frozen)"];
    case "W":
    case "b":
    case "x":
    case "y":
      return [];
  }
}

/** A quantity reference in the source's symbols where the case maps it. */
function shownRef(bySymbol: ReadonlyMap<string, string>, name: string): string {
  return bySymbol.get(name) ?? bySymbol.get(`${name}[0]`) ?? name;
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
 * and formula, one line per element with its name (matrix entries in the case's
 * layout) and value (or what `element` writes for it). Quantities of later steps,
 * updates and epochs follow the first step's, each time under its own headings.
 */
export function derivationText(
  c: CaseFile,
  quantities: readonly Quantity<string>[],
  element: (q: Quantity<string>) => string = (q) => q.value,
): string {
  const groups = new Map<string, Group>();
  const times: string[] = [];
  for (const q of quantities) {
    const g = groupOf(q.name);
    if (!times.includes(g.time)) times.push(g.time);
    let group = groups.get(g.key);
    if (group === undefined) {
      group = { ...g, entries: [] };
      groups.set(g.key, group);
    }
    group.entries.push({ name: caseName(c, q.name), value: element(q) });
  }
  const bySymbol = symbolsByQuantity(c);
  const width = maxOf(quantities.map((q) => q.name.length));
  const lines: string[] = [];
  for (const time of times) {
    for (const section of SECTIONS) {
      // The first step's parameters are the case's own; later ones are shown.
      if (time === "" && section.title === "Parameters") continue;
      // Forward in layer order, backward from the output down, kinds in the section's order.
      const direction = section.backward ? -1 : 1;
      const members = [...groups.values()]
        .filter((g) => g.time === time && section.kinds.includes(g.kind))
        .sort(
          (p, q) =>
            direction * (p.layer - q.layer) || section.kinds.indexOf(p.kind) - section.kinds.indexOf(q.kind),
        );
      if (members.length === 0) continue;
      lines.push("", time === "" ? section.title : `${section.title} ${time}`);
      const note = sequentialNote(c, section.kinds.includes("delta") ? "delta" : section.kinds[0]!);
      if (note !== null) lines.push(`  ${note}`);
      for (const g of members) {
        const name = shownRef(bySymbol, g.key);
        const head = name === g.key ? g.key : `${name} (${g.key})`;
        const text = formula(c, g.kind, g.layer)
          .map((p) => (typeof p === "string" ? p : shownRef(bySymbol, p.ref)))
          .join("");
        const matrix = QUANTITY_KINDS[g.kind].indices === 3;
        const inOut = c.network.layers[g.layer]?.layout === "in-out" && g.kind !== "contrib";
        const shape = !matrix
          ? ""
          : g.kind === "contrib"
            ? " [row k = unit above, column j = unit]"
            : inOut
              ? " [row i = input, column j = unit]"
              : " [row j = unit, column i = input]";
        lines.push(`  ${head}${text === "" ? "" : ` = ${text}`}${shape}`);
        for (const e of g.entries) lines.push(`    ${e.name.padEnd(width)}  ${e.value}`);
      }
    }
  }
  return lines.join("\n");
}
