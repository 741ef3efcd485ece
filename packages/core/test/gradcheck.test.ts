import fc from "fast-check";
import { describe, it } from "vitest";
import { float64, forward, gradientCheck, instantiate, type Problem } from "../src/index.ts";
import { arbitraryProblem, seedProblem } from "./arbitrary.ts";
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
        // relu has no derivative at z = 0: a difference stencil straddling the kink
        // measures a mean of both slopes, so such draws are not a test of backprop.
        fc.pre(!nearReluKink(p));
        for (const g of gradientCheck(float64, p.network, p.samples)) {
          expectClose(g.backprop, g.numeric, { rtol: 1e-6, atol: 1e-9 }, g.name);
        }
      }),
      { numRuns: 200 },
    );
  });
});

function nearReluKink(p: Problem<number>): boolean {
  return p.samples.some((s) => {
    const { z } = forward(float64, p.network, s.x);
    return p.network.layers.some((l, i) => l.activation === "relu" && z[i]!.some((v) => Math.abs(v) < 1e-2));
  });
}
