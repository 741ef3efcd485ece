import fc from "fast-check";
import { describe, it } from "vitest";
import { float64, gradientCheck, instantiate } from "../src/index.ts";
import { arbitraryProblem, nearReluKink, seedProblem } from "./arbitrary.ts";
import { expectClose } from "./expect-close.ts";

describe("float64 backprop against a five-point central difference", () => {
  it("agrees on the seed network to 1e-9 relative", () => {
    const p = instantiate(float64, seedProblem);
    for (const g of gradientCheck(float64, p.network, p.samples)) {
      expectClose(g.backprop, g.numeric, { rtol: 1e-9 }, g.name);
    }
  });

  it("agrees on random networks (depths, widths, activations, losses, biases)", () => {
    fc.assert(
      fc.property(arbitraryProblem, (spec) => {
        const p = instantiate(float64, spec);
        fc.pre(!nearReluKink(spec));
        for (const g of gradientCheck(float64, p.network, p.samples)) {
          expectClose(g.backprop, g.numeric, { rtol: 1e-6, atol: 1e-9 }, g.name);
        }
      }),
      { numRuns: 200 },
    );
  });
});
