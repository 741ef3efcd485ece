import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { float32, float64, gradientCheck, instantiate } from "../src/index.ts";
import { arbitraryProblem, nearReluKink, seedProblem } from "./arbitrary.ts";
import { expectClose } from "./expect-close.ts";

describe("float64 backprop against a five-point central difference", () => {
  it("agrees on the seed network to 1e-9 relative", () => {
    const p = instantiate(float64, seedProblem);
    for (const g of gradientCheck(float64, p.network, p.samples)) {
      expectClose(g.backprop, g.numeric, { rtol: 1e-9 }, g.name);
    }
  });

  it("resolves far below a real error: the absolute floor is under 1e-9 of every seed gradient", () => {
    const p = instantiate(float64, seedProblem);
    for (const g of gradientCheck(float64, p.network, p.samples)) {
      expect(g.resolution, g.name).toBeGreaterThan(0);
      expect(g.resolution, g.name).toBeLessThan(1e-9 * Math.abs(g.backprop));
    }
  });

  it("steps a weight fed by a large input less: inputs of 250 stay in the difference's h⁴ regime", () => {
    const spec = { ...seedProblem, data: [{ ...seedProblem.data[0]!, x: ["250", "-30"] }] };
    const p = instantiate(float32, spec);
    for (const g of gradientCheck(float32, p.network, p.samples)) {
      // At the unscaled float32 step (1e-2) the first layer's pre-activations move by 2.5.
      expect(Math.abs(g.backprop - g.numeric), g.name).toBeLessThanOrEqual(
        Math.max(g.resolution, 1e-3 * Math.abs(g.backprop)),
      );
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
