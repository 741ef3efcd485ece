import {
  formatQuantity,
  kindOf,
  negatedName,
  parseQuantity,
  swapMatrixIndices,
  type ActivationName,
  type BatchMode,
  type Horizon,
  type LayerSpec,
  type Layout,
  type LossName,
  type QuantityName,
  type Reduction,
  type UpdateOrder,
} from "@bpcheck/core";
import { checkQuantities } from "./case-checks.ts";
import {
  DEFAULT_CONVENTIONS,
  type CaseFile,
  type Conventions,
  type PublishedNumber,
  type SourceLocation,
} from "./case-file.ts";
import { InputError } from "./input-error.ts";
import { printedAsDecimal } from "./printed-decimal.ts";

/** A layer as a case file writes it (version 1 is the subset without the optional fields). */
export interface RawLayer {
  readonly activation: ActivationName;
  readonly slope?: string;
  readonly layout?: Layout;
  readonly weights: readonly (readonly string[])[];
  readonly biases: readonly string[] | { readonly shared: string } | null;
}

export interface RawPublished {
  /** Optional in version 2 (p1, p2, … by position once loaded). */
  readonly id: string;
  readonly symbol: string;
  /** Optional in version 2: placed by value when left out (see `locate.ts`). */
  readonly quantity: string;
  readonly printed: string;
  readonly location: SourceLocation;
  readonly conventions?: Partial<Conventions>;
  readonly layout?: Layout;
  readonly note?: string;
}

/** A case document as validated by its schema (either version). */
export interface RawCase {
  readonly schema: "bpcheck-case";
  readonly version: 1 | 2;
  readonly id: string;
  readonly title: string;
  readonly source: CaseFile["source"];
  readonly network: {
    readonly inputs: number;
    readonly layers: readonly RawLayer[];
    readonly loss: LossName;
    readonly reduction?: Partial<Reduction>;
  };
  readonly data: readonly { readonly x: readonly string[]; readonly y: readonly string[] }[];
  readonly training: {
    readonly learningRate: string;
    readonly epochs: number;
    readonly batch: BatchMode;
    readonly updateOrder: UpdateOrder;
    readonly updateBiases: boolean;
  };
  readonly conventions?: Partial<Conventions>;
  readonly readings?: Readonly<Record<string, string>>;
  readonly symbols: Readonly<Record<string, { readonly quantity: string; readonly description: string }>>;
  readonly published: readonly RawPublished[];
}

/** The rows of a matrix as columns. */
export function transpose(m: readonly (readonly string[])[]): string[][] {
  return m[0]!.map((_, c) => m.map((row) => row[c]!));
}

/** The layer in canonical form: weights out × in, a shared bias spread over its units. */
function canonicalLayer(layer: RawLayer): LayerSpec {
  const layout = layer.layout ?? "out-in";
  const weights = layout === "in-out" ? transpose(layer.weights) : layer.weights.map((r) => [...r]);
  const b = layer.biases;
  const shared = b !== null && !Array.isArray(b);
  return {
    activation: layer.activation,
    ...(layer.slope === undefined ? {} : { slope: layer.slope }),
    weights,
    biases:
      b === null ? null : shared ? weights.map(() => (b as { shared: string }).shared) : [...(b as string[])],
    ...(shared ? { sharedBias: true } : {}),
    ...(layout === "in-out" ? { layout } : {}),
  };
}

/**
 * A quantity as the case writes it, parsed and made canonical: matrix indices from the
 * layout they are written in to [l][unit][input], and negated where the conventions in
 * force print the negative. `at` is the JSON path named in errors.
 */
export function canonicalQuantity(
  file: string,
  at: string,
  c: Pick<RawCase, "network">,
  text: string,
  options: { readonly prefix?: boolean; readonly layout?: Layout; readonly conventions?: Conventions } = {},
): QuantityName {
  const parsed = parseQuantity(text, options);
  if (!parsed.ok) throw new InputError(file, at, parsed.why);
  let q = parsed.name;
  const record = kindOf(q);
  if (record.matrix && q.index.length === 3) {
    const layer = c.network.layers[q.index[0]!];
    const layout = options.layout ?? layer?.layout ?? "out-in";
    if (layout === "in-out") q = swapMatrixIndices(q);
  }
  const conv = options.conventions;
  if (conv !== undefined) {
    const negate =
      (record.sign === "delta" && conv.delta === "-dL/dz") ||
      (record.sign === "gradient" && conv.gradient === "-dL/dW");
    q = negatedName(q, negate);
  }
  return q;
}

/** How far the published numbers reach past the first step. */
function horizonOf(names: readonly QuantityName[]): Horizon | undefined {
  let steps = 1;
  let epochs = 0;
  const after = new Set<number>();
  for (const q of names) {
    if (q.time === null || q.time.at === "final") continue;
    if (q.time.at === "step") steps = Math.max(steps, q.time.n);
    if (q.time.at === "after") after.add(q.time.n);
    if (q.time.at === "epoch") epochs = Math.max(epochs, q.time.n);
  }
  if (steps === 1 && epochs === 0 && after.size === 0) return undefined;
  return { steps, after: [...after].sort((a, b) => a - b), epochs };
}

/** A validated case document in the one in-memory form both versions share. */
export function normaliseCase(file: string, raw: RawCase): CaseFile {
  const conventions: Conventions = { ...DEFAULT_CONVENTIONS, ...raw.conventions };
  const names: QuantityName[] = [];
  const published: PublishedNumber[] = raw.published.map((p, n) => {
    const q = canonicalQuantity(file, `$.published[${n}].quantity`, raw, p.quantity, {
      ...(p.layout === undefined ? {} : { layout: p.layout }),
      conventions: { ...conventions, ...p.conventions },
    });
    names.push(q);
    return {
      id: p.id,
      symbol: p.symbol,
      quantity: formatQuantity(q),
      written: p.quantity,
      printed: printedAsDecimal(p.printed),
      asPrinted: p.printed,
      location: p.location,
    };
  });
  const symbols = Object.fromEntries(
    Object.entries(raw.symbols).map(([symbol, s]) => {
      const at = `$.symbols[${JSON.stringify(symbol)}].quantity`;
      const q = canonicalQuantity(file, at, raw, s.quantity, { prefix: true });
      names.push(q);
      return [symbol, { quantity: formatQuantity(q), description: s.description }];
    }),
  );
  const horizon = horizonOf(names);
  const c: CaseFile = {
    schema: raw.schema,
    version: raw.version,
    id: raw.id,
    title: raw.title,
    source: raw.source,
    network: {
      inputs: raw.network.inputs,
      layers: raw.network.layers.map(canonicalLayer),
      loss: raw.network.loss,
      ...(raw.network.reduction === undefined ? {} : { reduction: raw.network.reduction }),
    },
    data: raw.data,
    training: raw.training,
    ...(horizon === undefined ? {} : { horizon }),
    conventions,
    readings: raw.readings ?? {},
    symbols,
    published,
  };
  checkQuantities(file, c);
  return c;
}
