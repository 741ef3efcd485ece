import { ACTIVATIONS, LAYOUTS, LOSSES, type ActivationName, type Layout, type LossName } from "@bpcheck/core";
import type { CaseComment, CaseFile } from "@bpcheck/golden";
import { sourceSymbol } from "./format/source-symbols.ts";
import { UsageError } from "./options.ts";

/** How a case's layers carry biases: one per unit, one shared by the layer, or none. */
export const BIAS_KINDS = ["per-unit", "shared", "none"] as const;
export type BiasKind = (typeof BIAS_KINDS)[number];

/** What `bpcheck init` is told about a network: enough to write every field but the numbers. */
export interface NetworkDescription {
  /** Widths from the input up: 2-2-1 is [2, 2, 1]. */
  readonly sizes: readonly number[];
  /** One activation per weight layer. */
  readonly activations: readonly ActivationName[];
  readonly loss: LossName;
  readonly biases: BiasKind;
  /** How the weight matrices are written: out-in (z = W·a, a row per unit) or in-out (z = a·W, a row per input). */
  readonly layout: Layout;
  /** The step size as the source prints it, or undefined to leave it to fill. */
  readonly learningRate: string | undefined;
  readonly epochs: number;
  readonly id: string;
}

/** A number to fill in: where it goes and the name `run` and `errata` will show it under. */
export interface ParameterToFill {
  readonly path: readonly (string | number)[];
  readonly symbol: string;
  readonly what: string;
}

export interface CaseSkeleton {
  readonly value: CaseFile;
  readonly toFill: readonly ParameterToFill[];
  readonly comments: readonly CaseComment[];
}

/** Largest layer a case holds (the schema's limit). */
const MAX_WIDTH = 256;
const MAX_LAYERS = 16;

/** "2-2-1" → [2, 2, 1]: an input width and at least one layer, each from 1 to 256 wide. */
export function parseSizes(text: string): number[] {
  const parts = text.split(/[-x×,]/);
  if (!parts.every((p) => /^\d+$/.test(p)) || parts.length < 2) {
    throw new UsageError("sizes", `expected layer widths from the input up such as "2-2-1", got "${text}"`);
  }
  const sizes = parts.map(Number);
  const bad = sizes.findIndex((n) => n < 1 || n > MAX_WIDTH);
  if (bad >= 0) {
    const what = bad === 0 ? "the input" : `layer ${bad}`;
    throw new UsageError(
      "sizes",
      `expected every width from 1 to ${MAX_WIDTH} in "${text}", got ${sizes[bad]} for ${what}`,
    );
  }
  if (sizes.length - 1 > MAX_LAYERS) {
    throw new UsageError("sizes", `expected at most ${MAX_LAYERS} layers, got ${sizes.length - 1}`);
  }
  return sizes;
}

/** "sigmoid" for every layer, or one per layer: "relu,sigmoid". */
export function parseActivations(text: string, layers: number): ActivationName[] {
  const names = text.split(",").map((s) => s.trim());
  for (const n of names) {
    if (!(ACTIVATIONS as readonly string[]).includes(n)) {
      throw new UsageError("--activation", `unknown activation "${n}" (expected: ${ACTIVATIONS.join(", ")})`);
    }
  }
  if (names.length !== 1 && names.length !== layers) {
    throw new UsageError(
      "--activation",
      `expected one activation or ${layers} (one per layer), got ${names.length}`,
    );
  }
  return Array.from({ length: layers }, (_, l) => names[names.length === 1 ? 0 : l] as ActivationName);
}

export function parseLoss(text: string): LossName {
  if (!(LOSSES as readonly string[]).includes(text)) {
    throw new UsageError("--loss", `unknown loss "${text}" (expected: ${LOSSES.join(", ")})`);
  }
  return text as LossName;
}

export function parseLayout(text: string): Layout {
  if (!(LAYOUTS as readonly string[]).includes(text)) {
    throw new UsageError("--layout", `unknown layout "${text}" (expected: ${LAYOUTS.join(", ")})`);
  }
  return text as Layout;
}

export function parseBiases(text: string): BiasKind {
  if (!(BIAS_KINDS as readonly string[]).includes(text)) {
    throw new UsageError("--biases", `unknown bias kind "${text}" (expected: ${BIAS_KINDS.join(", ")})`);
  }
  return text as BiasKind;
}

/** Refuses what no case can hold, in one line. */
export function checkDescription(d: NetworkDescription): void {
  if (d.activations.length !== d.sizes.length - 1) {
    throw new UsageError(
      "--activation",
      `expected ${d.sizes.length - 1} activations, got ${d.activations.length}`,
    );
  }
  d.activations.forEach((a, l) => {
    if (a === "softmax" && d.sizes[l + 1]! < 2) {
      throw new UsageError(
        "--activation",
        `expected softmax only on a layer of 2 or more units, layer ${l + 1} has ${d.sizes[l + 1]} (softmax of one unit is always 1)`,
      );
    }
  });
}

/**
 * The symbols a skeleton names its quantities by: layer l (from 0) is the source's layer
 * l + 1, as tutorials count (W1, b1, z1, a1), the network output is ŷ and the loss L.
 */
function skeletonSymbols(layers: number, layout: Layout): CaseFile["symbols"] {
  // W_ji in a matrix with a row per unit, W_ij in one with a row per input.
  const subscripts = layout === "in-out" ? "ij" : "ji";
  const symbols: Record<string, { quantity: string; description: string }> = {
    x: { quantity: "x", description: "inputs x_i" },
    y: { quantity: "y", description: "targets y_k" },
  };
  const last = layers - 1;
  for (let l = 0; l < layers; l++) {
    const n = l + 1;
    const unit = l === last ? "output" : `layer-${n} unit`;
    const below = l === 0 ? "input x_i" : `layer-${l} unit a${l}_i`;
    symbols[`W${n}`] = {
      quantity: `W[${l}]`,
      description: `layer-${n} weights: W${n}_${subscripts} joins ${below} to ${unit} j`,
    };
    symbols[`b${n}`] = { quantity: `b[${l}]`, description: `layer-${n} biases` };
    symbols[`z${n}`] = { quantity: `z[${l}]`, description: `layer-${n} pre-activations` };
    symbols[l === last ? "ŷ" : `a${n}`] = { quantity: `a[${l}]`, description: `layer-${n} activations` };
    symbols[`δ${n}`] = { quantity: `delta[${l}]`, description: `∂L/∂z${n}` };
    symbols[`∂L/∂W${n}`] = { quantity: `dW[${l}]`, description: `gradient of L with respect to W${n}` };
    symbols[`∂L/∂b${n}`] = { quantity: `db[${l}]`, description: `gradient of L with respect to b${n}` };
    symbols[`W${n}'`] = { quantity: `W'[${l}]`, description: `W${n} after the step` };
    symbols[`b${n}'`] = { quantity: `b'[${l}]`, description: `b${n} after the step` };
  }
  symbols.L = { quantity: "loss", description: "the loss" };
  return symbols;
}

/**
 * A case skeleton: every field written, every number to fill standing as the name it
 * will be shown under (`W1_12`), so that `bpcheck validate` points at each one left.
 */
export function caseSkeleton(d: NetworkDescription): CaseSkeleton {
  checkDescription(d);
  const layerCount = d.sizes.length - 1;
  const symbols = skeletonSymbols(layerCount, d.layout);
  // The names come from the same function `run` uses, applied to the skeleton's own symbols.
  const named = {
    symbols,
    network: { layers: d.activations.map(() => ({ layout: d.layout })) },
  } as unknown as CaseFile;
  const name = (quantity: string) => sourceSymbol(named, quantity);
  const toFill: ParameterToFill[] = [];
  const fill = (path: (string | number)[], quantity: string, what: string) => {
    toFill.push({ path, symbol: name(quantity), what });
    return name(quantity);
  };
  const layers = d.activations.map((activation, l) => {
    const units = d.sizes[l + 1]!;
    const inputs = d.sizes[l]!;
    const at = ["network", "layers", l];
    const below = l === 0 ? "input" : `layer-${l} unit`;
    const weight = (j: number, i: number, path: (string | number)[]) =>
      fill(path, `W[${l}][${j}][${i}]`, `weight into layer-${l + 1} unit ${j + 1} from ${below} ${i + 1}`);
    // Written as the source prints the matrix: a row per unit (out-in) or a row per input (in-out).
    const weights =
      d.layout === "in-out"
        ? Array.from({ length: inputs }, (_, i) =>
            Array.from({ length: units }, (_, j) => weight(j, i, [...at, "weights", i, j])),
          )
        : Array.from({ length: units }, (_, j) =>
            Array.from({ length: inputs }, (_, i) => weight(j, i, [...at, "weights", j, i])),
          );
    const biases =
      d.biases === "none"
        ? null
        : d.biases === "shared"
          ? { shared: fill([...at, "biases", "shared"], `b[${l}]`, `bias shared by layer ${l + 1}`) }
          : Array.from({ length: units }, (_, j) =>
              fill([...at, "biases", j], `b[${l}][${j}]`, `bias of layer-${l + 1} unit ${j + 1}`),
            );
    const slope = `slope${l + 1}`;
    if (activation === "leaky-relu") {
      toFill.push({ path: [...at, "slope"], symbol: slope, what: `leaky ReLU slope of layer ${l + 1}` });
    }
    return {
      activation,
      ...(activation === "leaky-relu" ? { slope } : {}),
      ...(d.layout === "in-out" ? { layout: d.layout } : {}),
      weights,
      biases,
    };
  });
  const sample = {
    x: Array.from({ length: d.sizes[0]! }, (_, i) => fill(["data", 0, "x", i], `x[${i}]`, `input ${i + 1}`)),
    y: Array.from({ length: d.sizes[layerCount]! }, (_, k) =>
      fill(["data", 0, "y", k], `y[${k}]`, `target ${k + 1}`),
    ),
  };
  const learningRate = d.learningRate ?? "α";
  if (d.learningRate === undefined) {
    toFill.push({ path: ["training", "learningRate"], symbol: "α", what: "learning rate" });
  }
  const output = `a[${layerCount - 1}][0]`;
  const value = {
    schema: "bpcheck-case",
    version: 2,
    id: d.id,
    title: "the source's title",
    source: { file: "source.txt", language: "en", description: "what the source is, and where to find it" },
    network: { inputs: d.sizes[0]!, layers, loss: d.loss },
    data: [sample],
    training: {
      learningRate,
      epochs: d.epochs,
      batch: "sgd",
      updateOrder: "simultaneous",
      updateBiases: d.biases !== "none",
    },
    symbols,
    published: [{ symbol: name(output), printed: name(output), location: { line: 1 } }],
  } as unknown as CaseFile;
  const comments: CaseComment[] = [
    {
      path: ["network"],
      text: `Replace each name below by the number the source prints for it (${toFill.length} numbers).\nW1_${d.layout === "in-out" ? "ij" : "ji"} joins input i to unit j; every name is the one bpcheck shows it under.`,
    },
    {
      path: ["published"],
      text: "One entry per number the source prints: its symbol, the number exactly as printed (trailing\nzeros too) and its line. Its quantity is found by its value (`bpcheck locate --write` writes it in).",
    },
  ];
  return { value, toFill, comments };
}
