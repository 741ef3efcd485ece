import Decimal from "decimal.js";

/** The two IEEE 754 binary formats the project compares against. */
export type BinaryFormat = "float64" | "float32";

// Wide enough to hold every float64 exactly (a subnormal has up to 767 significant
// digits), so differences between candidates and the target are computed exactly.
const Wide = Decimal.clone({
  precision: 1100,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/**
 * The exact decimal value of a finite JavaScript number (every float64, and so every
 * float32, is a finite decimal fraction: m·2^e = m·5^(−e) / 10^(−e)).
 */
export function exactDecimal(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`exactDecimal: ${x} is not finite`);
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let e = -1074;
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    e = biased - 1075;
  }
  const sign = x < 0 ? "-" : "";
  if (e >= 0) return sign + (mantissa << BigInt(e)).toString();
  const digits = (mantissa * 5n ** BigInt(-e)).toString().padStart(-e + 1, "0");
  const point = digits.length + e;
  const fraction = digits.slice(point).replace(/0+$/, "");
  return sign + digits.slice(0, point) + (fraction ? "." + fraction : "");
}

/** The next representable value of the format above (dir = 1) or below (dir = −1) a non-negative x. */
function neighbour(x: number, dir: 1 | -1, format: BinaryFormat): number {
  if (format === "float32") {
    const f = new Float32Array([x]);
    const u = new Uint32Array(f.buffer);
    u[0] = u[0]! + dir;
    return f[0]!;
  }
  const f = new Float64Array([x]);
  const u = new BigUint64Array(f.buffer);
  u[0] = u[0]! + BigInt(dir);
  return f[0]!;
}

/** Each format's largest finite value, and MAX + ½ULP (from which on a value rounds to infinity), exactly. */
const LIMITS = {
  float64: {
    max: Number.MAX_VALUE,
    overflow: new Wide(exactDecimal(Number.MAX_VALUE)).plus(exactDecimal(2 ** 970)),
  },
  float32: {
    max: 3.4028234663852886e38,
    overflow: new Wide(exactDecimal(3.4028234663852886e38)).plus(exactDecimal(2 ** 103)),
  },
} as const;

function isEven(x: number, format: BinaryFormat): boolean {
  if (format === "float32") return (new Uint32Array(new Float32Array([x]).buffer)[0]! & 1) === 0;
  return (new BigUint64Array(new Float64Array([x]).buffer)[0]! & 1n) === 0n;
}

/**
 * Correct rounding (to nearest, ties to even) of a decimal value to float64 or float32,
 * decided by exact decimal comparison, not by trusting a string-to-number conversion.
 * Values at or beyond MAX + ½ULP round to ±Infinity; tiny values round to subnormals
 * or to a signed zero.
 */
export function roundToBinary(value: Decimal.Value, format: BinaryFormat): number {
  const x = new Wide(value);
  if (x.isNaN()) return Number.NaN;
  const negative = x.isNegative();
  const a = x.abs();
  const { max, overflow } = LIMITS[format];
  if (!a.isFinite() || a.gte(overflow)) {
    return negative ? -Infinity : Infinity;
  }
  let guess = Math.min(Number(a.toPrecision(20)), max);
  if (format === "float32") guess = Math.min(Math.fround(guess), max);
  // The guess is within one unit in the last place; the answer is it or a neighbour.
  const candidates = [guess, neighbour(guess, 1, format)];
  if (guess > 0) candidates.push(neighbour(guess, -1, format));
  let best = Number.NaN;
  let bestDistance: Decimal | null = null;
  for (const c of candidates) {
    if (c > max) continue;
    const distance = a.minus(exactDecimal(c)).abs();
    const cmp = bestDistance === null ? -1 : distance.cmp(bestDistance);
    if (cmp < 0 || (cmp === 0 && isEven(c, format))) {
      best = c;
      bestDistance = distance;
    }
  }
  return negative ? -best : best;
}

/** An integer whose order matches the order of the values (so neighbours differ by 1). */
function ordinal(x: number, format: BinaryFormat): bigint {
  if (format === "float32") {
    const i = BigInt(new Int32Array(new Float32Array([x]).buffer)[0]!);
    return i < 0n ? -(i & 0x7fffffffn) : i;
  }
  const i = new BigInt64Array(new Float64Array([x]).buffer)[0]!;
  return i < 0n ? -(i & 0x7fffffffffffffffn) : i;
}

/**
 * Distance in units in the last place of the format: how many representable values lie
 * between a and b, plus one (0 when equal; +0 and −0 are equal). NaN is at distance 0
 * only from NaN, and at infinite distance from everything else.
 */
export function ulpDistance(a: number, b: number, format: BinaryFormat): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a, format) - ordinal(b, format);
  return Number(d < 0n ? -d : d);
}
