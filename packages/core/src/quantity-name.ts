/**
 * The grammar of quantity names, the one place that builds and takes them apart:
 *
 *   name   = "-"? kind index* sample? time?
 *   index  = "[" digits "]"
 *   sample = "@s[" n "]"                     sample n of a full-batch step (from 0, as data[n])
 *   time   = "@step[" n "]"                  the n-th gradient step (n ≥ 2; no suffix = step 1)
 *          | "@after[" n "]"                 computed with the parameters after n updates
 *          | "@epoch[" e "]"                 epoch e (loss: before its update; W', b': after it)
 *          | "@final"                        the parameters after the last epoch
 *
 * e.g. `z[0][1]`, `W'[1][0][2]`, `delta[0][1]@s[2]`, `a[1][0]@step[2]`, `loss@after[1]`,
 * `loss@epoch[10]`. A leading "-" names the negative of the quantity: a source that writes
 * δ = −∂L/∂z prints `-delta[l][j]` (see the case's `conventions`). Layers l count from 0 (the first weight layer), units, inputs and
 * samples from 0; steps, updates and epochs from 1. What each kind means is in
 * `QUANTITY_KINDS`.
 */

/** How a kind's sign depends on the source's conventions (see `conventions.ts`). */
export type SignConvention = "delta" | "gradient" | null;

export interface QuantityKind {
  /** Number of indices of one element; a layer's shared bias has one index fewer (b[l]). */
  readonly indices: number;
  /** One value per sample (carries `@s[n]` in a step of more than one sample). */
  readonly perSample: boolean;
  /** A matrix entry [l][j][i] whose last two indices follow the layer's weight layout. */
  readonly matrix: boolean;
  /** A bias kind: b[l] names the shared bias of a layer. */
  readonly bias: boolean;
  /** Which declared sign convention the source's printed values of this kind follow. */
  readonly sign: SignConvention;
  /** The kind forms part of a forward pass (has a value `@after[n]`). */
  readonly forward: boolean;
  /** The first index is a layer (every kind but x, y, lossTerm, loss, dx). */
  readonly layered: boolean;
  /**
   * A value written down on the way to another quantity (a product of z, softmax's
   * exponentials, 1 − a, the step α·dW): a number placed by value goes to the whole first.
   */
  readonly part: boolean;
  /** The layers that have the kind when not every layer does ("softmax layers"), else null. */
  readonly scope: string | null;
  readonly description: string;
}

const kind = (
  indices: number,
  description: string,
  flags: Partial<Omit<QuantityKind, "indices" | "description">> = {},
): QuantityKind => ({
  indices,
  description,
  perSample: false,
  matrix: false,
  bias: false,
  sign: null,
  forward: false,
  layered: true,
  part: false,
  scope: null,
  ...flags,
});

/** Every quantity kind, in derivation order (one record per kind). */
export const QUANTITY_KINDS = {
  x: kind(1, "x[i]: input i of the sample", { perSample: true, layered: false }),
  y: kind(1, "y[k]: target k of the sample", { perSample: true, layered: false }),
  W: kind(3, "W[l][j][i]: weight from unit i below to unit j of layer l, before the step", {
    matrix: true,
  }),
  b: kind(2, "b[l][j]: bias of unit j of layer l (b[l]: the layer's shared bias), before the step", {
    bias: true,
  }),
  z: kind(2, "z[l][j] = Σ_i W[l][j][i]·a[l−1][i] + b[l][j] (a[−1] = x): pre-activation", {
    perSample: true,
    forward: true,
  }),
  a: kind(2, "a[l][j] = f(z[l])_j: activation; the last layer's is the output ŷ", {
    perSample: true,
    forward: true,
  }),
  fprime: kind(2, "fprime[l][j] = f′(z[l][j]); for softmax the diagonal ∂a_j/∂z_j = a_j(1 − a_j)", {
    perSample: true,
    forward: true,
  }),
  // The parts hand calculations write down on the way to z, a and f′; each follows the
  // quantity it makes up, so a number placed by value goes to the whole before its parts.
  term: kind(3, "term[l][j][i] = W[l][j][i]·a[l−1][i] (a[−1] = x): one product of the sum z[l][j]", {
    perSample: true,
    forward: true,
    matrix: true,
    part: true,
  }),
  zShifted: kind(
    2,
    "zShifted[l][j] = z[l][j] − max_k z[l][k]: a softmax layer's logit shifted by its largest",
    {
      perSample: true,
      forward: true,
      part: true,
      scope: "softmax layers",
    },
  ),
  expShifted: kind(2, "expShifted[l][j] = e^zShifted[l][j]: a softmax layer's exponential", {
    perSample: true,
    forward: true,
    part: true,
    scope: "softmax layers",
  }),
  sumExp: kind(
    1,
    "sumExp[l] = Σ_j expShifted[l][j]: a softmax layer's normaliser, a[l][j] = expShifted[l][j] / sumExp[l]",
    {
      perSample: true,
      forward: true,
      part: true,
      scope: "softmax layers",
    },
  ),
  oneMinusA: kind(
    2,
    "oneMinusA[l][j] = 1 − a[l][j]: the factor of f′ = a(1 − a) (sigmoid, softmax's diagonal)",
    {
      perSample: true,
      forward: true,
      part: true,
      scope: "sigmoid and softmax layers",
    },
  ),
  lossTerm: kind(1, "lossTerm[k]: output k's term of the loss before the reduction over outputs", {
    perSample: true,
    forward: true,
    layered: false,
  }),
  loss: kind(0, "loss: the step's loss (loss@s[n]: sample n's)", {
    perSample: true,
    forward: true,
    layered: false,
  }),
  da: kind(2, "da[l][j] = ∂L/∂a[l][j]; the last layer's is ∂L/∂ŷ_j", { perSample: true, sign: "gradient" }),
  delta: kind(2, "delta[l][j] = ∂L/∂z[l][j]", { perSample: true, sign: "delta" }),
  contrib: kind(3, "contrib[l][k][j] = delta[l+1][k]·W[l+1][k][j]: unit k's part of da[l][j]", {
    perSample: true,
    sign: "delta",
  }),
  dx: kind(1, "dx[i] = ∂L/∂x[i]: the gradient passed below the first layer", {
    perSample: true,
    sign: "gradient",
    layered: false,
  }),
  dW: kind(3, "dW[l][j][i] = ∂L/∂W[l][j][i]", { matrix: true, sign: "gradient" }),
  db: kind(2, "db[l][j] = ∂L/∂b[l][j] (db[l]: the sum over the layer's units for a shared bias)", {
    bias: true,
    sign: "gradient",
  }),
  lrdW: kind(3, "lrdW[l][j][i] = α·dW[l][j][i]: the step the update subtracts, W' = W − lrdW", {
    matrix: true,
    part: true,
  }),
  lrdb: kind(2, "lrdb[l][j] = α·db[l][j]: the step the update subtracts (0 when biases are frozen)", {
    bias: true,
    part: true,
  }),
  DeltaW: kind(3, "DeltaW[l][j][i] = −lrdW[l][j][i] = −α·dW[l][j][i]: the change the step applies", {
    matrix: true,
  }),
  Deltab: kind(2, "Deltab[l][j] = −lrdb[l][j] = −α·db[l][j] (0 when biases are frozen)", { bias: true }),
  "W'": kind(3, "W'[l][j][i] = W[l][j][i] + DeltaW[l][j][i] = W[l][j][i] − lrdW[l][j][i]: after the step", {
    matrix: true,
  }),
  "b'": kind(2, "b'[l][j] = b[l][j] + Deltab[l][j]: after the step", { bias: true }),
} as const satisfies Record<string, QuantityKind>;

export type KindName = keyof typeof QUANTITY_KINDS;
export const KIND_NAMES = Object.keys(QUANTITY_KINDS) as KindName[];

export type Time =
  | { readonly at: "step"; readonly n: number }
  | { readonly at: "after"; readonly n: number }
  | { readonly at: "epoch"; readonly n: number }
  | { readonly at: "final" };

export const TIME_SUFFIXES = ["step", "after", "epoch", "final"] as const;

/** A quantity name taken apart. */
export interface QuantityName {
  readonly kind: KindName;
  readonly index: readonly number[];
  /** Sample of a full-batch step, or null. */
  readonly sample: number | null;
  /** Later step, update count or epoch, or null for the first step. */
  readonly time: Time | null;
  /** The negative of the quantity (a source's sign convention). */
  readonly negated?: boolean;
}

/** Builds a name: `formatQuantity({ kind: "z", index: [0, 1], sample: 2, time: null })` = "z[0][1]@s[2]". */
export function formatQuantity(q: QuantityName): string {
  return (
    (q.negated ? "-" : "") +
    q.kind +
    q.index.map((i) => `[${i}]`).join("") +
    (q.sample === null ? "" : `@s[${q.sample}]`) +
    (q.time === null ? "" : q.time.at === "final" ? "@final" : `@${q.time.at}[${q.time.n}]`)
  );
}

/** Shorthand for a name without suffixes: `quantityName("W", [0, 1, 0])` = "W[0][1][0]". */
export function quantityName(kindName: KindName, index: readonly number[] = []): string {
  return formatQuantity({ kind: kindName, index, sample: null, time: null });
}

/** Why a string is not a quantity name, or the parsed name. */
export type Parsed =
  { readonly ok: true; readonly name: QuantityName } | { readonly ok: false; readonly why: string };

const KIND_PATTERN = /^(W'|b'|[A-Za-z]+)/;
const INDEX_PATTERN = /^\[(0|[1-9][0-9]*)\]/;

/**
 * Takes a name apart. With `prefix`, fewer indices than an element has are accepted
 * (`z[0]` names the vector z[0][j], `W[1]` the matrix): the form symbols use.
 */
export function parseQuantity(text: string, options: { readonly prefix?: boolean } = {}): Parsed {
  const fail = (why: string): Parsed => ({ ok: false, why });
  const negated = text.startsWith("-");
  if (negated) text = text.slice(1);
  const k = KIND_PATTERN.exec(text);
  if (k === null || !(k[1]! in QUANTITY_KINDS)) {
    return fail(`expected a quantity name such as "z[0][1]" (kinds: ${KIND_NAMES.join(", ")})`);
  }
  const kindName = k[1] as KindName;
  const record: QuantityKind = QUANTITY_KINDS[kindName];
  let rest = text.slice(kindName.length);
  const index: number[] = [];
  for (let m = INDEX_PATTERN.exec(rest); m !== null; m = INDEX_PATTERN.exec(rest)) {
    index.push(Number(m[1]));
    rest = rest.slice(m[0].length);
  }
  const shared = record.bias && index.length === record.indices - 1;
  if (index.length > record.indices || (!options.prefix && index.length < record.indices && !shared)) {
    return fail(
      `expected ${record.indices} indices after "${kindName}" (${record.description}), got ${index.length}`,
    );
  }
  let sample: number | null = null;
  const s = /^@s\[(0|[1-9][0-9]*)\]/.exec(rest);
  if (s !== null) {
    if (!record.perSample) return fail(`"${kindName}" has no per-sample values (no @s[n])`);
    sample = Number(s[1]);
    rest = rest.slice(s[0].length);
  }
  let time: Time | null = null;
  if (rest === "@final") {
    time = { at: "final" };
    rest = "";
  } else {
    const t = /^@(step|after|epoch)\[([1-9][0-9]*)\]/.exec(rest);
    if (t !== null) {
      time = { at: t[1] as "step" | "after" | "epoch", n: Number(t[2]) };
      rest = rest.slice(t[0].length);
    }
  }
  if (rest !== "") {
    return fail(
      `unexpected "${rest}" after "${text.slice(0, text.length - rest.length)}" (suffixes: @s[n], then @step[n], @after[n], @epoch[e] or @final)`,
    );
  }
  const name: QuantityName = { kind: kindName, index, sample, time, ...(negated ? { negated } : {}) };
  const timeProblem = time === null ? null : timeRule(name, time);
  return timeProblem === null ? { ok: true, name } : fail(timeProblem);
}

/** Which kinds a time suffix applies to (null: allowed). */
function timeRule(q: QuantityName, time: Time): string | null {
  const record: QuantityKind = QUANTITY_KINDS[q.kind];
  switch (time.at) {
    case "step":
      return time.n === 1 ? "the first step has no suffix (write it without @step[1])" : null;
    case "after":
      return record.forward || q.kind === "W" || q.kind === "b"
        ? null
        : `@after[n] applies to forward quantities (${KIND_NAMES.filter((k) => QUANTITY_KINDS[k].forward).join(", ")}) and parameters W, b, not "${q.kind}"`;
    case "epoch":
      return q.kind === "loss" || q.kind === "W'" || q.kind === "b'"
        ? null
        : `@epoch[e] applies to loss (the epoch's loss before its update) and W', b' (after the epoch), not "${q.kind}"`;
    case "final":
      return q.kind === "W" || q.kind === "b" ? null : `@final applies to W and b, not "${q.kind}"`;
  }
}

/** The parsed name, or a thrown RangeError for a string the grammar refuses (for names the code builds). */
export function mustParse(text: string, options: { readonly prefix?: boolean } = {}): QuantityName {
  const p = parseQuantity(text, options);
  if (!p.ok) throw new RangeError(`"${text}": ${p.why}`);
  return p.name;
}

/** The kind record of a parsed name. */
export function kindOf(q: QuantityName): QuantityKind {
  return QUANTITY_KINDS[q.kind];
}

/**
 * A matrix entry's name with its last two indices in the other order: [l][j][i] (out-in,
 * canonical) ↔ [l][i][j] (in-out, as an in×out matrix is written). Other names unchanged.
 */
export function swapMatrixIndices(q: QuantityName): QuantityName {
  if (!kindOf(q).matrix || q.index.length !== 3) return q;
  const [l, r, c] = q.index as [number, number, number];
  return { ...q, index: [l, c, r] };
}

/** The name of the negative of a quantity (or of the quantity itself when `negate` is false). */
export function negatedName(q: QuantityName, negate: boolean): QuantityName {
  return { ...q, negated: negate !== Boolean(q.negated) };
}

/** The name with another sample or time suffix. */
export function withSuffix(q: QuantityName, sample: number | null, time: Time | null): QuantityName {
  return { ...q, sample, time };
}
