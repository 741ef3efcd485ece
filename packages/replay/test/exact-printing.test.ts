import { describe, expect, it } from "vitest";
import { runPrograms } from "../src/index.ts";

// Dyadic fractions are exact both as doubles and as decimals, so numpy's printing of the
// float64 arrays is the reference for the exact mode's printing of the same Decimal arrays:
// widths, padding, trailing zeros, scientific notation, signs and line wrapping.
const ARRAYS = [
  "[[0.5, 0.25]]",
  "[[0.09375, 0.8125], [0.5, 1.0]]",
  "[[0.0078125, 3.25]]",
  "[[1.52587890625e-05, 3.25]]",
  "[[-0.5, 12.125], [3.0, -0.0009765625]]",
  "[[123456789.0, 1.0]]",
  "[[0.0, 0.0]]",
  "[0.3125] * 20",
  "[[2.0 ** -30, 1.0]]",
  "[1.0, 2.0, 4096.5]",
];

const program = [
  "import numpy as np",
  ...ARRAYS.map((a) => `print("array:", np.array(${a}))`),
  'print("scalar:", np.array([[0.5, 0.25]])[0][1], 3 * 0.5)',
  "np.set_printoptions(precision=3)",
  'print("precision 3:", np.array([[0.0625, 0.2001953125]]))',
  "",
].join("\n");

describe("the exact mode prints Decimal arrays as numpy prints float64 arrays", () => {
  const [float64, exact] = runPrograms("program.py", 1, [
    { id: "float64", text: program, mode: "float64", constants: [] },
    { id: "exact", text: program, mode: "exact", digits: 60, constants: [] },
  ]);

  // The float64 run sets precision 3 on its last lines; the exact run, in the same process,
  // still starts from numpy's defaults.
  it("line for line, for every array", () => {
    expect(float64!.error).toBeNull();
    expect(exact!.error).toBeNull();
    const arrays = (r: typeof exact) =>
      r!.stdout.filter((l) => !l.text.startsWith("scalar:")).map((l) => l.text);
    expect(arrays(exact)).toEqual(arrays(float64));
    expect(arrays(exact)).toContain("array: [[1.52587891e-05 3.25000000e+00]]");
  });

  it("prints scalars with their own str: numpy's shortest repr in float64, every digit of the Decimal exactly", () => {
    expect(float64!.stdout.find((l) => l.text.startsWith("scalar:"))!.text).toBe("scalar: 0.25 1.5");
    expect(exact!.stdout.find((l) => l.text.startsWith("scalar:"))!.text).toBe("scalar: 0.25 1.5");
  });

  it("names the program line of every printed line", () => {
    expect(exact!.stdout[0]!.line).toBe(2);
    expect(exact!.stdout.at(-1)!.line).toBe(ARRAYS.length + 4);
  });
});
