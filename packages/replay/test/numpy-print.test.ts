import { exactDecimal } from "@bpcheck/exact";
import { describe, expect, it } from "vitest";
import { formatArray, formatFloat } from "../src/index.ts";

describe("numpy's maxprec printing of one float (precision 8)", () => {
  it.each([
    ["0.2181074809054267658477029437174511792538", "0.21810748"],
    ["0.24558359699529753", "0.2455836"], // §4 line 133: the 8th digit is 0 and is dropped
    ["0.1", "0.1"],
    ["1", "1."],
    ["-0.25", "-0.25"],
    ["0.001953125", "0.00195312"], // an exact tie: half to even, down
    ["0.005859375", "0.00585938"], // an exact tie: half to even, up
    ["1.5e-9", "0."],
  ])("%s prints as %s", (value, printed) => {
    expect(formatFloat(value)).toBe(printed);
  });

  it("rounds a double's exact binary value, not its shortest repr (numpy prints 0.123456725 as 0.12345673)", () => {
    expect(formatFloat(exactDecimal(0.123456725))).toBe("0.12345673");
    expect(formatFloat("0.123456725")).toBe("0.12345672");
  });

  it("refuses a value that is not finite", () => {
    expect(() => formatFloat("Infinity")).toThrow(RangeError);
  });
});

describe("numpy's array2string for a 2-D array", () => {
  it.each([
    [[["0.21810748"]], ["[[0.21810748]]"]],
    [[["0.2455836", "0.84691021"]], ["[[0.2455836  0.84691021]]"]],
    [
      [
        ["0.09102066", "0.7712756"],
        ["0.39102066", "0.5712756"],
      ],
      ["[[0.09102066 0.7712756 ]", " [0.39102066 0.5712756 ]]"],
    ],
    [
      [
        ["1", "0.5"],
        ["2.5", "-0.25"],
      ],
      ["[[ 1.    0.5 ]", " [ 2.5  -0.25]]"],
    ],
  ])("%j prints as %j", (values, lines) => {
    expect(formatArray(values)).toEqual(lines);
  });

  it.each([
    ["a value below 1e-4", [["0.00001", "0.5"]]],
    ["a value of 1e8", [["100000000"]]],
    ["a ratio above 1000", [["0.001", "2"]]],
  ])("refuses %s, which numpy prints in scientific notation", (_what, values) => {
    expect(() => formatArray(values)).toThrow(/scientific/);
  });

  it("refuses a row numpy would wrap at 75 characters", () => {
    expect(() => formatArray([Array.from({ length: 8 }, () => "0.12345678")])).toThrow(/wrapped/);
  });
});
