import { activate, deriveFirstStep, float64, instantiate } from "@bpcheck/core";
import { loadCaseFile } from "@bpcheck/golden";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  ABLATION_VARIANTS,
  AS_WRITTEN,
  BUGS,
  CORRECTED,
  PROGRAM,
  ablation,
  exactReplay,
  float64Replay,
  judge,
  loadProgramOutput,
  replay,
  replayIn,
  type ReplayMode,
} from "../src/index.ts";

const output = loadProgramOutput();
const modes: [string, ReplayMode<unknown>][] = [
  ["float64", float64Replay as ReplayMode<unknown>],
  ["exact", exactReplay() as ReplayMode<unknown>],
];

describe.each(modes)("the replay as written, in %s", (_name, mode) => {
  const verdicts = judge(replayIn(mode), mode, output.printed);

  it.each(verdicts.map((v) => [v.printed.id, v.printed.printed, v] as const))(
    "reproduces %s = %s digit for digit",
    (_id, printed, v) => {
      expect(v.numpy).toBe(printed);
      expect(v.match).toBe(true);
    },
  );
});

describe("the ablation (exact mode): every bug is needed", () => {
  const rows = ablation(exactReplay(), output);
  const ids = output.printed.map((p) => p.id);
  const except = (...kept: string[]) => ids.filter((id) => !kept.includes(id));

  it.each([
    ["as-written", [], null],
    // The loss is printed before any update, so only the loss lines depend on it.
    ["fix-sqrt-loss", ["e1-loss", "e2-loss", "e3-loss"], null],
    // Only the epoch-1 loss is computed before the first update.
    ["fix-missing-learning-rate", except("e1-loss"), null],
    // The W1 update of epoch 1 does not use l1_delta; everything after it does.
    ["fix-row-l1-error", except("e1-loss", "e1-w1-0-0", "e1-w1-0-1"), null],
    // With a (2,2) l1_delta the correct outer product cannot even be formed.
    ["fix-row-broadcast-w0-update", except("e1-loss"), 105],
    ["fix-both-shapes", except("e1-loss", "e1-w1-0-0", "e1-w1-0-1"), null],
    ["corrected", ids, null],
  ])("%s breaks exactly the expected printed numbers", (name, broken, errorLine) => {
    const row = rows.find((r) => r.name === name)!;
    expect(row.broken).toEqual(broken);
    expect(row.error?.line ?? null).toBe(errorLine);
    expect([...row.mismatched, ...row.notPrinted].sort()).toEqual([...broken].sort());
  });

  it("fixing any one bug alone breaks the reproduction", () => {
    for (const bug of BUGS) {
      const row = rows.find((r) => r.fixed.length === 1 && r.fixed[0] === bug)!;
      expect(row.broken.length, bug).toBeGreaterThan(0);
    }
  });

  it("fixing the W0 update alone stops with numpy's ValueError after printing the epoch-1 loss", () => {
    const row = rows.find((r) => r.name === "fix-row-broadcast-w0-update")!;
    expect(row.error).toEqual({
      line: 105,
      code: "W0 += l1_delta.dot(l0.T)",
      message: "shapes (2,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)",
    });
    expect(row.matched).toEqual(["e1-loss"]);
  });

  it("the errata catalogue's explains lists are what the ablation finds", () => {
    const withSwitch = output.errata.filter((e) => e.proof.switch !== null);
    expect(withSwitch.map((e) => e.proof.switch).sort()).toEqual([...BUGS].sort());
    for (const e of withSwitch) {
      const row = rows.find((r) => r.fixed.length === 1 && r.fixed[0] === e.proof.switch)!;
      expect(e.proof.explains, e.id).toEqual(row.broken);
    }
  });

  it("has one row per variant", () => {
    expect(rows.map((r) => r.name)).toEqual(ABLATION_VARIANTS.map((v) => v.name));
  });
});

describe("numpy's shapes, line by line (first epoch)", () => {
  const shapes = (bugs: typeof AS_WRITTEN) =>
    replay(float64, { bugs, epochs: 1 }).lines.map((l) => [l.line, l.name, l.shape]);

  it("as written: l1_error is a row and l1_delta a (2,2); the W0 increment is one row for both rows", () => {
    expect(shapes(AS_WRITTEN)).toEqual([
      [95, "l1", [2, 1]],
      [96, "l2", [1, 1]],
      [97, "l2_error", [1, 1]],
      [98, "Loss", [1, 1]],
      [101, "l2_delta", [1, 1]],
      [102, "l1_error", [1, 2]],
      [103, "l1_delta", [2, 2]],
      [104, "l2_delta*l1.T", [1, 2]],
      [104, "W1", [1, 2]],
      [105, "l0.T.dot(l1_delta)", [1, 2]],
      [105, "W0", [2, 2]],
    ]);
  });

  it("corrected: l1_error and l1_delta are columns and the W0 increment is a full (2,2)", () => {
    expect(shapes(CORRECTED)).toEqual([
      [95, "l1", [2, 1]],
      [96, "l2", [1, 1]],
      [97, "l2_error", [1, 1]],
      [98, "Loss", [1, 1]],
      [101, "l2_delta", [1, 1]],
      [102, "l1_error", [2, 1]],
      [103, "l1_delta", [2, 1]],
      [104, "l2_delta*l1.T", [1, 2]],
      [104, "W1", [1, 2]],
      [105, "l1_delta.dot(l0.T)", [2, 2]],
      [105, "W0", [2, 2]],
    ]);
  });

  it("with only l1_delta fixed, l0.T.dot(l1_delta) is a (1,1) added to all four entries of W0", () => {
    const r = replay(float64, { bugs: { rowL1Error: false }, epochs: 1 });
    expect(r.lines.find((l) => l.line === 105 && l.name !== "W0")!.shape).toEqual([1, 1]);
  });

  it("as written, l1_delta[i][j] pairs W1[j] with hidden unit i", () => {
    const F = exactReplay().field;
    const r = replay(F, { epochs: 1 });
    const get = (name: string) => r.lines.find((l) => l.name === name)!.value.rows;
    const d2 = get("l2_delta")[0]![0]!;
    const l1 = get("l1");
    const W1 = PROGRAM.W1[0].map((s) => F.fromDecimal(s));
    get("l1_delta").forEach((row, i) =>
      row.forEach((v, j) => {
        const s = l1[i]![0]!;
        expect(v.eq(F.mul(F.mul(d2, W1[j]!), F.mul(s, F.sub(F.one, s))))).toBe(true);
      }),
    );
  });
});

describe("what the printed output itself shows", () => {
  const byId = new Map(output.printed.map((p) => [p.id, new Decimal(p.printed)]));

  it.each([1, 2, 3])(
    "epoch %i: row 2 of W0 minus row 1 is exactly the initial [0.3, −0.2] (one increment for both rows)",
    (e) => {
      expect(
        byId
          .get(`e${e}-w0-1-0`)!
          .minus(byId.get(`e${e}-w0-0-0`)!)
          .toString(),
      ).toBe("0.3");
      expect(
        byId
          .get(`e${e}-w0-1-1`)!
          .minus(byId.get(`e${e}-w0-0-1`)!)
          .toString(),
      ).toBe("-0.2");
    },
  );
});

describe("the comments and names against what the lines compute (epoch 1, exact)", () => {
  const F = exactReplay().field;
  const c = loadCaseFile();
  const step = deriveFirstStep(F, instantiate(F, c));
  const value = (name: string) =>
    replay(F, { epochs: 1 }).lines.find((l) => l.name === name)!.value.rows[0]![0]!;
  const quantity = (name: string) => step.quantities.find((q) => q.name === name)!.value;

  it("l2 (commented as the logits) is the prediction a[1][0], not the logit z[1][0]", () => {
    expect(value("l2").eq(quantity("a[1][0]"))).toBe(true);
    expect(value("l2").eq(quantity("z[1][0]"))).toBe(false);
  });

  it("l2_error (commented as the MSE loss) is y − ŷ, a negative number", () => {
    expect(value("l2_error").eq(F.sub(quantity("y[0]"), quantity("a[1][0]")))).toBe(true);
    expect(value("l2_error").isNegative()).toBe(true);
  });

  it("the printed loss is ½√|y − ŷ|, not the engine's ½(y − ŷ)²", () => {
    const loss = value("Loss");
    const e = value("l2_error").abs();
    expect(loss.minus(e.sqrt().div(2)).abs().lt("1e-55")).toBe(true);
    expect(loss.eq(quantity("loss"))).toBe(false);
  });

  it("sigmoid_derive(x, derive=True) is σ' only of an output: at h = 0.755, h(1 − h) ≠ σ'(h)", () => {
    const h = F.fromDecimal("0.755");
    const s = activate(F, "sigmoid", h);
    const fromInput = F.mul(h, F.sub(F.one, h));
    expect(fromInput.toString()).toBe("0.184975");
    expect(fromInput.eq(F.mul(s, F.sub(F.one, s)))).toBe(false);
  });
});

describe("the program's constants", () => {
  it("are the seed case's network, data and learning rate", () => {
    const c = loadCaseFile();
    expect(PROGRAM.W0).toEqual(c.network.layers[0]!.weights);
    expect(PROGRAM.W1).toEqual(c.network.layers[1]!.weights);
    expect(PROGRAM.X.map((r) => r[0])).toEqual(c.data[0]!.x);
    expect(PROGRAM.y.map((r) => r[0])).toEqual(c.data[0]!.y);
    expect(PROGRAM.textLearningRate).toBe(c.training.learningRate);
    expect(PROGRAM.epochs).toBe(c.training.epochs);
  });
});
