import { describe, it } from "vitest";
import { deriveFirstStep, float32, float64, instantiate, train, type Field } from "../src/index.ts";
import golden from "../../../fixtures/bp-worked-example-zh/golden.json";
import { seedProblem } from "./arbitrary.ts";
import { expectClose } from "./expect-close.ts";

const group = (id: string) => golden.groups.find((g) => g.id === id)!.quantities;

function firstStep(F: Field<number>) {
  return deriveFirstStep(F, instantiate(F, seedProblem)).quantities;
}

function training(F: Field<number>) {
  const p = instantiate(F, seedProblem);
  const t = train(F, p.network, p.samples, p.training);
  return [...t.lossCurve, ...t.network.layers.flatMap((l) => l.W.flat())];
}

// Bounds measured on the seed example (Node 20, V8's Math.exp): the worst quantity of
// the worked step is 4 float64 ULPs (dW[0][0][0]) and 1 float32 ULP from the correctly
// rounded exact value (the step α·dW and the change ΔW = −α·dW, rounded once more, 2 float32
// ULPs at lrdW[0][0][1] and DeltaW[0][0][1]); over 200 epochs of training, 11 float64 and 7 float32 ULPs.
describe("the seed example against its golden fixture", () => {
  it.each([
    { F: float64, format: "float64", ulps: 4 },
    { F: float32, format: "float32", ulps: 1 },
  ] as const)("every quantity of the worked step in $format is within $ulps ULPs", ({ F, format, ulps }) => {
    const golden = group("first-step");
    firstStep(F).forEach((q, k) => {
      const bound = format === "float32" && /^(DeltaW|lrdW)\[/.test(q.name) ? 2 : ulps;
      expectClose(q.value, Number(golden[k]![format]), { ulps: bound, format }, `${format} ${q.name}`);
    });
  });

  it.each([
    { F: float64, format: "float64", ulps: 11 },
    { F: float32, format: "float32", ulps: 7 },
  ] as const)("200 epochs of training in $format stay within $ulps ULPs", ({ F, format, ulps }) => {
    const golden = group("training");
    training(F).forEach((v, k) => {
      expectClose(v, Number(golden[k]![format]), { ulps, format }, `${format} ${golden[k]!.name}`);
    });
  });
});
