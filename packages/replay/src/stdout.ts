import type { Array2D } from "./array2d.ts";
import { formatArray } from "./numpy-print.ts";
import type { ReplayResult } from "./replay.ts";

/**
 * The text the program writes to stdout, line by line, rebuilt from a replay the way
 * Python's print does it: arguments joined by one space, str(array) as numpy's
 * array2string, then a newline. `exactValue` gives the exact decimal value of a number
 * of the replay's field (for a double, `exactDecimal`). A replay stopped by a shape
 * error ends where the program's output would end (its traceback goes to stderr).
 */
export function programStdout<T>(result: ReplayResult<T>, exactValue: (x: T) => string): string[] {
  const str = (a: Array2D<T>) => formatArray(a.rows.map((row) => row.map(exactValue))).join("\n");
  const print = (...args: string[]) => out.push(args.join(" "));
  const out: string[] = [];
  print("original:\n", "W0:\n", str(result.initial.W0), "\n W1:\n", str(result.initial.W1));
  const epochs = new Map<number, Partial<Record<string, Array2D<T>>>>();
  for (const p of result.printed) epochs.set(p.epoch, { ...epochs.get(p.epoch), [p.name]: p.value });
  for (const [epoch, arrays] of epochs) {
    print(`In the process of ${epoch}th epoch`);
    print("The Current Loss:", str(arrays.loss!));
    if (arrays.W0 === undefined || arrays.W1 === undefined) break;
    print("After  BackProp:\n", "W0:\n", str(arrays.W0), "\n W1:\n", str(arrays.W1));
    print("=========================================");
  }
  return out.join("\n").split("\n");
}
