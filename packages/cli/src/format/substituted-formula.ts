import type { CaseFile } from "@bpcheck/golden";

/** The shown value of a quantity by its canonical name (undefined when the step has none). */
export type ShownValue = (name: string) => string | undefined;

/** A number as an operand: a negative one in parentheses with a typographic minus, "(−0.809)". */
function operand(value: string): string {
  return value.startsWith("-") ? `(−${value.slice(1)})` : value;
}

const indicesOf = (name: string) => [...name.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));

/** The input of layer l's unit i: x[i] for the first layer, a[l − 1][i] above it. */
const below = (l: number, i: number) => (l === 0 ? `x[${i}]` : `a[${l - 1}][${i}]`);

/**
 * f′(z) written from the layer's output a = f(z), as hand calculations write it, or null
 * for an activation whose derivative is not a short product of a.
 */
function derivativeFactor(c: CaseFile, l: number, j: number, shown: ShownValue): string | null {
  const a = shown(`a[${l}][${j}]`)!;
  const z = shown(`z[${l}][${j}]`)!;
  switch (c.network.layers[l]!.activation) {
    case "sigmoid":
      return `${operand(a)}·(1 − ${operand(a)})`;
    case "tanh":
      return `(1 − ${operand(a)}²)`;
    case "relu":
      return z.startsWith("-") || Number(z) === 0 ? "0" : "1";
    case "identity":
      return "";
    default:
      return null;
  }
}

/** ∂L/∂ŷ_k substituted, for the losses whose gradient is a difference (null otherwise). */
function lossGradient(c: CaseFile, k: number, shown: ShownValue): string | null {
  const last = c.network.layers.length - 1;
  const difference = `(${operand(shown(`a[${last}][${k}]`)!)} − ${operand(shown(`y[${k}]`)!)})`;
  const outputs = c.network.layers[last]!.weights.length;
  if (c.network.reduction !== undefined) return null;
  switch (c.network.loss) {
    case "half-sse":
      return difference;
    case "sse":
      return `2${difference}`;
    case "mse":
      return outputs === 1 ? `2${difference}` : `2${difference}/${outputs}`;
    default:
      return null;
  }
}

/** A bias kind's name for unit j of layer l: `db[l]` names a layer's shared bias. */
function biasName(c: CaseFile, kind: "b" | "db", l: number, j: number): string {
  return c.network.layers[l]!.sharedBias ? `${kind}[${l}]` : `${kind}[${l}][${j}]`;
}

const joinProduct = (factors: readonly string[]) => factors.filter((f) => f !== "").join("·");

/**
 * The right-hand side of a quantity's formula with the numbers put in, the way a tutorial
 * writes it: z[0][0] → "0.1·0.35 + 0.8·0.9". Null where the formula is the value itself
 * (an identity activation, a bias gradient) or is not a short sum of products (a step over
 * several samples, a loss or activation without a textbook one-line form).
 */
export function substitutedFormula(c: CaseFile, name: string, shown: ShownValue): string | null {
  if (name.includes("@") || (c.data.length > 1 && c.training.batch === "full-batch")) return null;
  const kind = name.replace(/\[.*$/, "");
  const [l = 0, j = 0, i = 0] = indicesOf(name);
  const layers = c.network.layers;
  const last = layers.length - 1;
  const lr = c.training.learningRate;
  switch (kind) {
    case "z": {
      const terms = layers[l]!.weights[j]!.map(
        (_, i) => `${operand(shown(`W[${l}][${j}][${i}]`)!)}·${operand(shown(below(l, i))!)}`,
      );
      if (layers[l]!.biases !== null) terms.push(operand(shown(biasName(c, "b", l, j))!));
      return terms.join(" + ");
    }
    case "term":
      return `${operand(shown(`W[${l}][${j}][${i}]`)!)}·${operand(shown(below(l, i))!)}`;
    case "zShifted": {
      // The largest logit as shown (display only: the value itself comes from the engine).
      const logits = layers[l]!.weights.map((_, k) => shown(`z[${l}][${k}]`)!);
      const top = logits.reduce((m, v) => (Number(v) > Number(m) ? v : m));
      return `${operand(shown(`z[${l}][${j}]`)!)} − ${operand(top)}`;
    }
    case "expShifted":
      return `e^${operand(shown(`zShifted[${l}][${j}]`)!)}`;
    case "sumExp":
      return layers[l]!.weights.map((_, k) => operand(shown(`expShifted[${l}][${k}]`)!)).join(" + ");
    case "oneMinusA":
      return `1 − ${operand(shown(`a[${l}][${j}]`)!)}`;
    case "a": {
      const f = ({ sigmoid: "σ", tanh: "tanh", relu: "max(0, ·)" } as Record<string, string>)[
        layers[l]!.activation
      ];
      if (f === undefined) return null;
      const z = operand(shown(`z[${l}][${j}]`)!);
      return f === "max(0, ·)" ? `max(0, ${z})` : `${f}(${z})`;
    }
    case "loss": {
      if (c.network.reduction !== undefined) return null;
      const outputs = layers[last]!.weights.length;
      const squares = Array.from(
        { length: outputs },
        (_, k) => `(${operand(shown(`y[${k}]`)!)} − ${operand(shown(`a[${last}][${k}]`)!)})²`,
      );
      const sum = outputs === 1 ? squares[0]!.slice(1, -2) : squares.join(" + ");
      if (c.network.loss === "half-sse") return outputs === 1 ? `½(${sum})²` : `½[${sum}]`;
      if (c.network.loss === "sse") return outputs === 1 ? `(${sum})²` : sum;
      if (c.network.loss === "mse") return outputs === 1 ? `(${sum})²` : `(1/${outputs})[${sum}]`;
      return null;
    }
    case "delta": {
      const factor = derivativeFactor(c, l, j, shown);
      if (factor === null) return null;
      if (l === last) {
        const gradient = lossGradient(c, j, shown);
        return gradient === null ? null : joinProduct([gradient, factor]);
      }
      const sums = layers[l + 1]!.weights.map(
        (row, k) =>
          `${operand(shown(`W[${l + 1}][${k}][${j}]`)!)}·${operand(shown(`delta[${l + 1}][${k}]`)!)}`,
      );
      if (factor === "") return sums.join(" + ");
      return joinProduct([sums.length === 1 ? `(${sums[0]})` : `(${sums.join(" + ")})`, factor]);
    }
    case "fprime": {
      const factor = derivativeFactor(c, l, j, shown);
      const activation = layers[l]!.activation;
      return activation === "sigmoid" || activation === "tanh" ? factor : null;
    }
    case "lossTerm": {
      if (c.network.reduction !== undefined) return null;
      const square = `(${operand(shown(`y[${l}]`)!)} − ${operand(shown(`a[${last}][${l}]`)!)})²`;
      if (c.network.loss === "half-sse") return `½${square}`;
      return c.network.loss === "sse" ? square : null;
    }
    case "da":
      if (l === last) return lossGradient(c, j, shown);
      return layers[l + 1]!.weights.map(
        (_, k) => `${operand(shown(`W[${l + 1}][${k}][${j}]`)!)}·${operand(shown(`delta[${l + 1}][${k}]`)!)}`,
      ).join(" + ");
    case "contrib":
      // contrib[l][k][j] = delta[l+1][k]·W[l+1][k][j]: here j holds k and i holds j.
      return `${operand(shown(`delta[${l + 1}][${j}]`)!)}·${operand(shown(`W[${l + 1}][${j}][${i}]`)!)}`;
    case "dx":
      return layers[0]!.weights
        .map((_, u) => `${operand(shown(`W[0][${u}][${l}]`)!)}·${operand(shown(`delta[0][${u}]`)!)}`)
        .join(" + ");
    case "lrdW":
      return `${operand(lr)}·${operand(shown(`dW[${l}][${j}][${i}]`)!)}`;
    case "lrdb":
      return c.training.updateBiases ? `${operand(lr)}·${operand(shown(biasName(c, "db", l, j))!)}` : null;
    case "DeltaW":
      return `−${operand(lr)}·${operand(shown(`dW[${l}][${j}][${i}]`)!)}`;
    case "Deltab":
      return c.training.updateBiases ? `−${operand(lr)}·${operand(shown(biasName(c, "db", l, j))!)}` : null;
    case "dW":
      return `${operand(shown(`delta[${l}][${j}]`)!)}·${operand(shown(below(l, i))!)}`;
    case "W'":
      return `${shown(`W[${l}][${j}][${i}]`)!} − ${operand(lr)}·${operand(shown(`dW[${l}][${j}][${i}]`)!)}`;
    case "b'":
      if (!c.training.updateBiases) return null;
      return `${shown(biasName(c, "b", l, j))!} − ${operand(lr)}·${operand(shown(biasName(c, "db", l, j))!)}`;
    default:
      return null;
  }
}
