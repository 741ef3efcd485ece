import { describe, expect, it } from "vitest";
import { numbersOfLine, reproduces } from "../src/index.ts";

describe("numbersOfLine", () => {
  it.each([
    ["The Current Loss: [[0.21810748]]", ["0.21810748"]],
    [" [[0.2455836  0.84691021]]", ["0.2455836", "0.84691021"]],
    ["In the process of 1th epoch", ["1"]],
    [" W0:", []],
    ["delta: [[-0.809]] and 1.5e-05, 3.", ["-0.809", "1.5e-05", "3."]],
    ["=========", []],
  ])("%j holds %j", (line, numbers) => {
    expect(numbersOfLine(line)).toEqual(numbers);
  });
});

describe("reproduces", () => {
  it.each([
    ["0.2455836", "0.2455836", true],
    ["0.2455836", "0.24558361", false],
    // An exact scalar prints every working digit; it reproduces what rounds to the printed digits.
    ["0.0181039038365668", "0.01810390383656677930249757874172274519647568675", true],
    ["0.0181039038365668", "0.01810390383656687930249757874172274519647568675", false],
    // Fewer digits than printed never reproduce.
    ["0.21810748", "0.2181075", false],
    ["1.", "1.", true],
    ["1.25e-05", "1.2500000000000000001e-05", true],
    // Trailing zeros are dropped: 0.2455836 is 0.24558360 at 8 places, not 0.24558361.
    ["0.2455836", "0.24558361", false],
  ])("%s printed, %s replayed: %s", (printed, replayed, want) => {
    expect(reproduces(printed, replayed)).toBe(want);
  });
});
