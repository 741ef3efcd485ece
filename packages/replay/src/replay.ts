import { activate, activationDerivative, type Field } from "@bpcheck/core";
import {
  ShapeError,
  addInPlace,
  array,
  map,
  matmul,
  mul,
  scalar,
  sub,
  transpose,
  type Array2D,
  type Shape,
} from "./array2d.ts";
import { AS_WRITTEN, BUG_TABLE, PROGRAM, type BugSwitches } from "./program.ts";

export interface ReplayOptions<T> {
  /** Which bugs are in (true, the default for each) or fixed (false). */
  readonly bugs?: Partial<BugSwitches>;
  /** Epochs to run (the article shows 3 of the program's 200). */
  readonly epochs?: number;
  /**
   * The square root behind numpy's `**0.5`, which numpy computes correctly rounded. By
   * default the field's e^(½ ln x) with a Newton step (`sqrt`); a mode whose numbers
   * have a correctly rounded root of their own (float64: Math.sqrt) passes it here.
   */
  readonly sqrt?: (x: T) => T;
}

/** The arrays the program prints: the loss (line 100) and both weight matrices (line 106). */
export type PrintedArrayName = "loss" | "W0" | "W1";

export interface PrintedArray<T> {
  readonly epoch: number;
  readonly name: PrintedArrayName;
  readonly value: Array2D<T>;
}

/** What one line of the program computes, with its shape (recorded in the first epoch). */
export interface LineTrace<T> {
  readonly line: number;
  /** The variable or sub-expression, e.g. "l1_delta" or "l0.T.dot(l1_delta)". */
  readonly name: string;
  /** The line's code as replayed (as written, or the fix when its bug is switched off). */
  readonly code: string;
  readonly shape: Shape;
  readonly value: Array2D<T>;
}

/** Where the program stopped: numpy's ValueError on a line whose shapes do not fit. */
export interface ReplayError {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface ReplayResult<T> {
  readonly bugs: BugSwitches;
  readonly initial: { readonly W0: Array2D<T>; readonly W1: Array2D<T> };
  /** Every array printed, in print order (loss, W0, W1 for each completed epoch). */
  readonly printed: readonly PrintedArray<T>[];
  /** Every line of the loop body in the first epoch: its value and shape. */
  readonly lines: readonly LineTrace<T>[];
  /** null when every epoch ran; otherwise the line that raised (what was printed before stays). */
  readonly error: ReplayError | null;
}

/**
 * √x for x ≥ 0 in any field: e^(½ ln x) refined by one Newton step r ← (r + x/r)/2.
 * In a decimal field the result is good to the working precision; in float64 it is
 * within an ULP of the true root but not always the correctly rounded root numpy's
 * `**0.5` gives (hence `ReplayOptions.sqrt`). √0 = 0; x < 0 is outside the domain
 * (ln gives NaN in float64).
 */
export function sqrt<T>(F: Field<T>, x: T): T {
  if (F.compare(x, F.zero) === 0) return F.zero;
  const r = F.exp(F.div(F.ln(x), F.fromInt(2)));
  return F.div(F.add(r, F.div(x, r)), F.fromInt(2));
}

/** |x|, numpy's np.abs. */
function abs<T>(F: Field<T>, x: T): T {
  return F.compare(x, F.zero) < 0 ? F.neg(x) : x;
}

/**
 * Runs the article's numpy program (§4) line by line in field F, with numpy's shapes and
 * broadcasting, and returns what it prints. Every bug is a switch (see `BUG_TABLE`); by
 * default all are in, as the article ran it. The loop body, with shapes as written:
 *
 *   l1 = σ(W0·l0)                      (2,1)
 *   l2 = σ(W1·l1)                      (1,1)
 *   l2_error = y − l2                  (1,1)
 *   Loss = 0.5·|l2_error|^0.5          (1,1)   printed
 *   l2_delta = l2_error·l2(1 − l2)     (1,1)
 *   l1_error = l2_delta*W1             (1,2)   a row
 *   l1_delta = l1_error*l1(1 − l1)     (2,2)   row times column broadcasts
 *   W1 += l2_delta*l1.T                (1,2)
 *   W0 += l0.T.dot(l1_delta)           (1,2) added to each row of the (2,2) W0
 *
 * A line whose shapes numpy would refuse stops the replay with numpy's message, as the
 * program would stop with a ValueError; what was printed before is kept.
 */
export function replay<T>(F: Field<T>, options: ReplayOptions<T> = {}): ReplayResult<T> {
  const bugs: BugSwitches = { ...AS_WRITTEN, ...options.bugs };
  const epochs = options.epochs ?? 3;
  const half = F.fromDecimal("0.5");
  const root = options.sqrt ?? ((x: T) => sqrt(F, x));
  // Used only when the learning-rate bug is fixed; as written, updates are taken whole.
  const alpha = scalar(F.fromDecimal(PROGRAM.textLearningRate));
  const sigmoid = (a: Array2D<T>) => map(a, (z) => activate(F, "sigmoid", z));
  // sigmoid_derive(x, derive=True) returns x*(1-x) of its argument, which must be σ's output.
  const sigmoidDerivativeFromOutput = (a: Array2D<T>) =>
    map(a, (s) => activationDerivative(F, "sigmoid", s, s));

  const X = array(F, PROGRAM.X);
  const y = array(F, PROGRAM.y);
  let W0 = array(F, PROGRAM.W0);
  let W1 = array(F, PROGRAM.W1);
  const initial = { W0, W1 };
  const printed: PrintedArray<T>[] = [];
  const lines: LineTrace<T>[] = [];
  let current = { line: 0, code: "" };
  let epoch = 0;
  const line = (n: number, name: string, code: string, compute: () => Array2D<T>): Array2D<T> => {
    current = { line: n, code };
    const value = compute();
    if (epoch === 1) lines.push({ line: n, name, code, shape: value.shape, value });
    return value;
  };
  const loss = BUG_TABLE.sqrtLoss;
  const l1Error = BUG_TABLE.rowL1Error;
  const w0Update = BUG_TABLE.rowBroadcastW0Update;
  const rated = bugs.missingLearningRate ? "" : "alpha*";

  try {
    for (epoch = 1; epoch <= epochs; epoch++) {
      const l0 = X;
      const l1 = line(95, "l1", "l1 = sigmoid_derive(np.dot(W0,l0))", () => sigmoid(matmul(F, W0, l0)));
      const l2 = line(96, "l2", "l2 = sigmoid_derive(np.dot(W1,l1))", () => sigmoid(matmul(F, W1, l1)));
      const l2Error = line(97, "l2_error", "l2_error = y-l2", () => sub(F, y, l2));
      const Loss = line(98, "Loss", bugs.sqrtLoss ? loss.written : loss.corrected, () =>
        map(l2Error, (e) => F.mul(half, bugs.sqrtLoss ? root(abs(F, e)) : F.mul(e, e))),
      );
      printed.push({ epoch, name: "loss", value: Loss });
      const l2Delta = line(101, "l2_delta", "l2_delta = l2_error*sigmoid_derive(l2,derive=True)", () =>
        mul(F, l2Error, sigmoidDerivativeFromOutput(l2)),
      );
      const l1ErrorValue = line(102, "l1_error", bugs.rowL1Error ? l1Error.written : l1Error.corrected, () =>
        bugs.rowL1Error ? mul(F, l2Delta, W1) : matmul(F, transpose(W1), l2Delta),
      );
      const l1Delta = line(103, "l1_delta", "l1_delta = l1_error*sigmoid_derive(l1,derive=True)", () =>
        mul(F, l1ErrorValue, sigmoidDerivativeFromOutput(l1)),
      );
      // numpy evaluates alpha*l2_delta*l1.T left to right: (alpha*l2_delta)*l1.T.
      const w1Increment = line(104, "l2_delta*l1.T", `W1 += ${rated}l2_delta*l1.T`, () =>
        mul(F, bugs.missingLearningRate ? l2Delta : mul(F, alpha, l2Delta), transpose(l1)),
      );
      W1 = line(104, "W1", `W1 += ${rated}l2_delta*l1.T`, () => addInPlace(F, W1, w1Increment));
      const w0Code = `W0 += ${rated}${(bugs.rowBroadcastW0Update ? w0Update.written : w0Update.corrected).slice(6)}`;
      const w0Name = bugs.rowBroadcastW0Update ? "l0.T.dot(l1_delta)" : "l1_delta.dot(l0.T)";
      const w0Increment = line(105, w0Name, w0Code, () => {
        const g = bugs.rowBroadcastW0Update
          ? matmul(F, transpose(l0), l1Delta)
          : matmul(F, l1Delta, transpose(l0));
        return bugs.missingLearningRate ? g : mul(F, alpha, g);
      });
      W0 = line(105, "W0", w0Code, () => addInPlace(F, W0, w0Increment));
      printed.push({ epoch, name: "W0", value: W0 }, { epoch, name: "W1", value: W1 });
    }
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    return { bugs, initial, printed, lines, error: { ...current, message: e.message } };
  }
  return { bugs, initial, printed, lines, error: null };
}
