import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deriveWorkedExample, float64, instantiate } from "@bpcheck/core";
import { derivedValues, networkSize } from "@bpcheck/exact";
import { DEFAULT_CASE_PATH, FIXTURES_DIR, caseIds, loadCaseFile, writeFileAtomic } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";
import { tempDir } from "./temp-case.ts";

/**
 * The reproductions of the robustness report, each as a test: at a size just over the
 * threshold where the real one is slow (the documented maximums are run by
 * scripts/bench/limits.ts, which records time and peak memory).
 */
const seed = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));

/** A sigmoid network of the given widths with small deterministic weights, one sample. */
function network(widths: number[], samples = 1, batch = "sgd") {
  const w = (j: number, i: number) => String(((((j * 7 + i * 13) % 19) - 9) / 100).toFixed(2));
  return {
    ...seed,
    id: "generated",
    published: [],
    symbols: {},
    network: {
      inputs: widths[0],
      loss: "half-sse",
      layers: widths.slice(1).map((out, l) => ({
        activation: "sigmoid",
        weights: Array.from({ length: out }, (_, j) => Array.from({ length: widths[l]! }, (_, i) => w(j, i))),
        biases: null,
      })),
    },
    data: Array.from({ length: samples }, (_, n) => ({
      x: Array.from({ length: widths[0]! }, (_, i) => String(((n + i) % 10) / 10)),
      y: Array.from({ length: widths[widths.length - 1]! }, () => "0.5"),
    })),
    training: { ...seed.training, epochs: 1, batch },
  };
}

const oneLine = (err: string) => err.split("\n").filter(Boolean).length === 1;

describe("spreads of long arrays", { timeout: 120_000 }, () => {
  it("train --mode float64 --epochs 200000, with the terminal chart and an SVG plot", async () => {
    const dir = tempDir();
    const { code, files } = await cli([
      "train",
      "--mode",
      "float64",
      "--epochs",
      "200000",
      "--plot",
      join(dir, "p.svg"),
    ]);
    expect(code).toBe(0);
    expect(files.get(join(dir, "p.svg"))).toContain("<svg");
  });

  it("train --mode float32,float64 --epochs 130000", async () => {
    const { code, out } = await cli(["train", "--mode", "float32,float64", "--epochs", "130000"]);
    expect(code).toBe(0);
    expect(out).toContain("loss, epoch 130000");
  });

  it("run on a 256-160-1 network (more than 120,000 quantities)", async () => {
    const { code, out } = await cli(["run", "-", "--mode", "float64"], {
      stdin: JSON.stringify(network([256, 160, 1])),
    });
    expect(code).toBe(0);
    expect(out).toContain("W'[0][159][255]");
  });

  it("run --json writes a document of 120,000 quantities", async () => {
    const { code, out } = await cli(["run", "-", "--mode", "float64", "--json"], {
      stdin: JSON.stringify(network([256, 160, 1])),
    });
    expect(code).toBe(0);
    expect(JSON.parse(out).quantities.length).toBeGreaterThan(120_000);
  });

  it("graph on the largest network is refused up front, not run out of memory", async () => {
    const { code, err } = await cli(["graph", "-", "--mode", "float64", "--json"], {
      stdin: JSON.stringify(network([256, 256, 256])),
    });
    expect(code).toBe(2);
    expect(err).toBe(
      "bpcheck: --format: a graph is limited to 20000 weights and this network has 131072 (use run --json for the values)\n",
    );
  });

  it("2,000 symbols are looked up once per case", async () => {
    const c = network([16, 16, 1]);
    c.symbols = Object.fromEntries(
      Array.from({ length: 2000 }, (_, k) => [
        `s${k}`,
        { quantity: `W[0][${k % 16}][${Math.floor(k / 16) % 16}]`, description: "a weight" },
      ]),
    );
    const { code } = await cli(["run", "-", "--mode", "float64"], { stdin: JSON.stringify(c) });
    expect(code).toBe(0);
  });
});

describe("printed numbers", () => {
  it.each([["1e-999999999"], ["0e-999999999"]])(
    "errata refuses a published %s by its decimals",
    async (printed) => {
      const c = { ...seed, published: [{ ...seed.published[0], printed }] };
      const { code, err } = await cli(["errata", "-"], { stdin: JSON.stringify(c) });
      expect(code).toBe(2);
      expect(err).toMatch(
        /^bpcheck: <stdin>: \$\.published\[0\]\.printed: expected a printed number with -30 to 60 decimals/,
      );
    },
  );

  it("a printed number of 10,010 digits is refused by its length", async () => {
    const c = { ...seed, published: [{ ...seed.published[0], printed: `0.${"1".repeat(10_008)}` }] };
    const { code, err } = await cli(["errata", "-"], { stdin: JSON.stringify(c) });
    expect(code).toBe(2);
    expect(err).toBe(
      "bpcheck: <stdin>: $.published[0].printed: expected a printed number of at most 64 characters, got 10010\n",
    );
  });

  it("a weight of a million digits is refused by its length", async () => {
    const c = structuredClone(seed);
    c.network.layers[0].weights[0][0] = `0.${"3".repeat(1_000_000)}`;
    const { code, err } = await cli(["run", "-"], { stdin: JSON.stringify(c) });
    expect(code).toBe(2);
    expect(err).toBe(
      "bpcheck: <stdin>: $.network.layers[0].weights[0][0]: expected a decimal string of at most 2100 characters, got 1000002\n",
    );
  });
});

describe("budgets", () => {
  it("tanh of pre-activations near 10^6 in the exact mode is fast (it rounds to ±1)", async () => {
    const c = structuredClone(seed);
    c.network.layers[0].activation = "tanh";
    c.network.layers[0].weights[0][0] = "1000000";
    const { code, out } = await cli(["run", "-", "--json"], { stdin: JSON.stringify(c) });
    expect(code).toBe(0);
    expect(JSON.parse(out).quantities.find((q: { name: string }) => q.name === "a[0][0]").value).toBe("1");
  });

  it.each([
    [
      // 4000 epochs (76 s for 1000 with the former rerun at twice the digits) now run in
      // one ball-arithmetic pass within the budget; 20,000 are well over it.
      ["train", "--digits", "2000", "--epochs", "20000"],
      /^bpcheck: training 20000 epochs in the exact mode at 2000 digits would take about \d+ (s|min) \(limit 60 s\)/,
    ],
    [
      ["gradcheck", "-", "--mode", "float64"],
      /^bpcheck: the gradient check in float64 would take about \d+ (s|min) \(limit 60 s\)/,
    ],
    [
      ["run", "-", "--digits", "1000"],
      /^bpcheck: the worked step in the exact mode at 1000 digits would take about \d+ (s|min)/,
    ],
    [
      ["compare", "-", "--digits", "1000"],
      /^bpcheck: comparing the worked step at 1000 digits would take about \d+ (s|min)/,
    ],
  ])("%j is refused up front with the estimate and --max-seconds", async (argv, message) => {
    // 256-256-256-256-1: three times the weights of the 256-256-1 of the report, so that
    // the estimate of one ball-arithmetic pass is well over the budget whatever the machine.
    const stdin = JSON.stringify(network(argv[0] === "gradcheck" ? [256, 256, 1] : [256, 256, 256, 256, 1]));
    const { code, err } = await cli(argv, { stdin });
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain("or raise --max-seconds");
    expect(oneLine(err)).toBe(true);
  });

  it("run --mode float64 counts what showing the step costs: 256-256-256-1 is over 5 s", async () => {
    // Deriving, naming and printing 131,000 weights' quantities takes about 80 µs each (8.9 s
    // measured); the passes alone are a millisecond, which is all the estimate once counted.
    const stdin = JSON.stringify(network([256, 256, 256, 1]));
    const { code, err } = await cli(["run", "-", "--mode", "float64", "--max-seconds", "5"], { stdin });
    expect(code).toBe(2);
    expect(err).toMatch(
      /^bpcheck: the worked step in float64 would take about \d+ s \(limit 5 s\): use a smaller network or fewer samples, or raise --max-seconds/,
    );
    expect(oneLine(err)).toBe(true);
  });

  it("run --digits 1000 on 256-256-256-1, within a raised time budget, is refused by its memory estimate", async () => {
    // About 100 s of work (refused by time first under the default budget) but some 6 GB held
    // at once (the certified step's 660,000 values at 1000 digits): once accepted, it ran out
    // of memory.
    const stdin = JSON.stringify(network([256, 256, 256, 1]));
    const { code, err } = await cli(["run", "-", "--digits", "1000", "--max-seconds", "600"], { stdin });
    expect(code).toBe(2);
    expect(err).toMatch(
      /^bpcheck: the worked step in the exact mode at 1000 digits would need about \d+\.\d GiB of memory \(limit 2\.0 GiB\): use --mode float64, fewer --digits or a smaller network, or raise --max-memory/,
    );
    expect(oneLine(err)).toBe(true);
  });

  it.each(caseIds())("the memory term counts the values %s's worked example derives", (id) => {
    const c = loadCaseFile(join(FIXTURES_DIR, id, "case.json"));
    const derived = deriveWorkedExample(float64, instantiate(float64, c)).quantities.length;
    // A shared bias is counted once per unit (W, ∂L/∂W, ΔW, W′): at most four values per unit over.
    expect(derivedValues(c)).toBeGreaterThanOrEqual(derived);
    expect(derivedValues(c)).toBeLessThanOrEqual(derived + 4 * networkSize(c).units);
  });

  it("--max-memory lowers the memory budget and is checked itself", async () => {
    const stdin = JSON.stringify(network([64, 64, 1]));
    const low = await cli(["run", "-", "--mode", "float64", "--max-memory", "64"], { stdin });
    expect(low.code).toBe(2);
    expect(low.err).toMatch(
      /^bpcheck: the worked step in float64 would need about \d+ MiB of memory \(limit 64 MiB\)/,
    );
    expect((await cli(["run", "-", "--mode", "float64", "--max-memory", "256"], { stdin })).code).toBe(0);
    const bad = await cli(["run", "--max-memory", "1e9"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^bpcheck: --max-memory: expected an integer from 64 to \d+, got "1e9"\n$/);
  });

  const wrongNumbers = (count: number) =>
    Array.from({ length: count }, (_, k) => ({
      id: `p${k}`,
      symbol: `W${k}`,
      quantity: `W'[1][${k % 16}][${Math.floor(k / 16) % 16}]`,
      printed: "0.123",
      location: { section: "1", line: k + 1, text: "W = 0.123" },
    }));

  it("errata on 8-16-16-4 with 11 wrong numbers (once 96 s) is judged within the budget", async () => {
    const c = { ...network([8, 16, 16, 4]), published: wrongNumbers(11) };
    const { code, out } = await cli(["errata", "-", "--json"], { stdin: JSON.stringify(c) });
    expect(code).toBe(0);
    // Nothing reproduces the first 0.123; each later one reads as that number copied.
    const report = JSON.parse(out);
    expect(report.summary).toMatchObject({ unexplained: 1, erratum: 10 });
    expect(report.numbers.slice(1).every((n: { cause: string }) => n.cause === "wrong-quantity")).toBe(true);
  });

  it("errata on 8-16-16-4 with 5000 wrong numbers is refused up front", async () => {
    const c = { ...network([8, 16, 16, 4]), published: wrongNumbers(5000) };
    const { code, err } = await cli(["errata", "-"], { stdin: JSON.stringify(c) });
    expect(code).toBe(2);
    expect(err).toMatch(
      /^bpcheck: judging 5000 published numbers would take about \d+ (s|min|h) \(limit 60 s\)/,
    );
  });

  it("--max-seconds raises the budget and is checked itself", async () => {
    expect((await cli(["train", "--epochs", "30000", "--max-seconds", "1"])).code).toBe(2);
    const bad = await cli(["train", "--max-seconds", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('bpcheck: --max-seconds: expected an integer from 1 to 86400, got "0"\n');
  });
});

describe("atomic output", () => {
  it("-o and --plot may not be the case being read", async () => {
    const dir = tempDir();
    const file = join(dir, "case.json");
    // --plot takes only .svg names: a case file named so, to reach the check.
    const svgNamed = join(dir, "case.svg");
    writeFileSync(file, JSON.stringify(seed));
    writeFileSync(svgNamed, JSON.stringify(seed));
    for (const argv of [
      ["graph", file, "-o", file],
      ["train", svgNamed, "--plot", svgNamed],
    ]) {
      const { code, err, files } = await cli(argv);
      expect(code).toBe(2);
      expect(err).toContain("is the case file being read");
      expect(files.size).toBe(0);
    }
  });

  it("a failed write leaves the old target and no temporary file", () => {
    const dir = tempDir();
    const target = join(dir, "out.svg");
    mkdirSync(target);
    writeFileSync(join(target, "kept"), "old");
    expect(() => writeFileAtomic(target, "new")).toThrow();
    expect(readFileSync(join(target, "kept"), "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["out.svg"]);
    writeFileAtomic(join(dir, "plot.svg"), "<svg/>");
    expect(readFileSync(join(dir, "plot.svg"), "utf8")).toBe("<svg/>");
    expect(readdirSync(dir).sort()).toEqual(["out.svg", "plot.svg"]);
    expect(existsSync(join(dir, "plot.svg.tmp"))).toBe(false);
  });
});

describe("valid input, invalid arithmetic", () => {
  it.each([["2"], ["-1"]])("a bce target of %s is refused as bad input", async (y) => {
    const c = structuredClone(seed);
    c.network.loss = "bce";
    c.data[0].y = [y];
    const { code, err } = await cli(["run", "-"], { stdin: JSON.stringify(c) });
    expect(code).toBe(2);
    expect(err).toBe(
      `bpcheck: <stdin>: $.data[0].y[0]: expected a target from 0 to 1 for the bce loss, got "${y}"\n`,
    );
  });
});

describe("a valid case leaving a function's domain", () => {
  it.each([["exact"], ["float64"], ["float32"]])(
    "bce with an identity output above 1 is a result in %s: one line, exit 1",
    async (mode) => {
      const c = structuredClone(seed);
      c.network.loss = "bce";
      c.network.layers[1].activation = "identity";
      c.network.layers[1].weights = [["2", "2"]];
      for (const command of ["run", "compare", "gradcheck"]) {
        const { code, err } = await cli([command, "-", ...(command === "compare" ? [] : ["--mode", mode])], {
          stdin: JSON.stringify(c),
        });
        expect(code).toBe(1);
        expect(err).toMatch(
          /^bpcheck: in (the exact mode|float64|float32), lossTerm\[0\]: ln\(-1\.688\d*\) is undefined: ln takes positive numbers only/,
        );
        expect(oneLine(err)).toBe(true);
      }
    },
  );
});

describe("a domain error names the quantity and the mode, and no mode prints NaN", () => {
  const bce = (change: (c: typeof seed) => void) => {
    const c = structuredClone(seed);
    c.network.loss = "bce";
    change(c);
    return JSON.stringify(c);
  };
  // An identity output of exactly 0: bce's ln ŷ is ln 0.
  const zeroOutput = bce((c) => {
    c.network.layers[1].activation = "identity";
    c.network.layers[1].weights = [["0", "0"]];
  });
  const modeText = { exact: "the exact mode", float64: "float64", float32: "float32" } as const;

  it.each([["run"], ["train"], ["gradcheck"], ["graph"]])(
    "%s with bce and ŷ exactly 0 names lossTerm[0] in every mode",
    async (command) => {
      for (const mode of ["exact", "float64", "float32"] as const) {
        const { code, out, err } = await cli([command, "-", "--mode", mode], { stdin: zeroOutput });
        expect([code, out]).toEqual([1, ""]);
        expect(err).toBe(
          `bpcheck: in ${modeText[mode]}, lossTerm[0]: ln(0) is undefined: ln takes positive numbers only (the bce loss takes ln ŷ and ln(1 − ŷ): ŷ must lie strictly between 0 and 1)\n`,
        );
      }
    },
  );

  it("compare with bce and ŷ exactly 0, with and without epochs, names lossTerm[0]", async () => {
    for (const argv of [
      ["compare", "-"],
      ["compare", "-", "--epochs", "3"],
    ]) {
      const { code, out, err } = await cli(argv, { stdin: zeroOutput });
      expect([code, out]).toEqual([1, ""]);
      expect(err).toMatch(/^bpcheck: in the exact mode, lossTerm\[0\]: ln\(0\) is undefined/);
      expect(oneLine(err)).toBe(true);
    }
  });

  it("a float exp overflow names the activation it arose in", async () => {
    const stdin = bce((c) => {
      c.network.layers[1].weights = [["-2000", "-2000"]];
    });
    const { code, err } = await cli(["run", "-", "--mode", "float32"], { stdin });
    expect(code).toBe(1);
    expect(err).toBe(
      "bpcheck: in float32, a[1][0]: exp(2688.0117) is undefined: it overflows float32 (above its largest finite number)\n",
    );
  });

  it("a training that leaves the domain in a later epoch names it, float64's kernel too (no NaN printed)", async () => {
    // bce at learning rate 1000: the output saturates to exactly 1 in the second epoch.
    const stdin = bce((c) => {
      c.data[0].y = ["1"];
      c.training.learningRate = "1000";
      c.training.epochs = 50;
    });
    for (const mode of ["float64", "float32", "exact"] as const) {
      const { code, out, err } = await cli(["train", "-", "--mode", mode], { stdin });
      expect([code, out]).toEqual([1, ""]);
      expect(err).toMatch(
        new RegExp(`^bpcheck: in ${modeText[mode]}, loss@epoch\\[2\\]: ln\\(0\\) is undefined`),
      );
    }
    const compared = await cli(["compare", "-", "--epochs", "50"], { stdin });
    expect([compared.code, compared.out]).toEqual([1, ""]);
    expect(compared.err).toMatch(/^bpcheck: in the exact mode, loss@epoch\[2\]: ln\(0\) is undefined/);
  });
});

describe("replay limits, checked before the program runs", () => {
  /** The seed's folder with its program-output.json and program.py edited. */
  function seedProgram(edit: (output: any) => void, program = (text: string) => text): string {
    const dir = tempDir();
    const from = join(FIXTURES_DIR, "bp-worked-example-zh");
    writeFileSync(join(dir, "case.json"), readFileSync(join(from, "case.json")));
    writeFileSync(join(dir, "program.py"), program(readFileSync(join(from, "program.py"), "utf8")));
    const output = JSON.parse(readFileSync(join(from, "program-output.json"), "utf8"));
    edit(output);
    writeFileSync(join(dir, "program-output.json"), JSON.stringify(output));
    return dir;
  }

  it("more than 10,000 printed numbers are refused up front (200,000 ran for minutes)", async () => {
    const dir = seedProgram((o) => {
      o.printed = Array.from({ length: 200_000 }, (_, k) => ({ ...o.printed[0], id: `p${k}` }));
    });
    const { code, out, err } = await cli(["replay", join(dir, "case.json")]);
    expect([code, out]).toEqual([2, ""]);
    expect(err).toBe(
      `bpcheck: ${join(dir, "program-output.json")}: $.printed: expected at most 10000 printed numbers, got 200000\n`,
    );
  });

  it("a program of 10^8 epochs is refused up front by its epochs constant", async () => {
    const dir = seedProgram(
      (o) => {
        const k = o.constants.findIndex((c: { quantity: unknown }) => c.quantity === "epochs");
        o.constants[k].text = "100000000";
      },
      (text) => text.replace("epochs = 200", "epochs = 100000000"),
    );
    const { code, out, err } = await cli(["replay", join(dir, "case.json")]);
    expect([code, out]).toEqual([2, ""]);
    expect(err).toMatch(
      /^bpcheck: .*program-output\.json: \$\.constants\[\d+\]\.text: expected the program's epochs, a whole number of at most 10000 \(a whole replay runs the program to its last epoch\), got "100000000"\n$/,
    );
  });

  it("10,000 epochs are allowed: the limit itself passes the check", async () => {
    const dir = seedProgram(
      (o) => {
        const k = o.constants.findIndex((c: { quantity: unknown }) => c.quantity === "epochs");
        o.constants[k].text = "10000";
      },
      (text) => text.replace("epochs = 200", "epochs = 10000"),
    );
    // Loaded without a refusal; the python3 run is left out (BPCHECK_PYTHON names no program).
    const { code, err } = await cli(["replay", join(dir, "case.json")], {
      env: { BPCHECK_PYTHON: join(dir, "no-such-python") },
    });
    expect(err).not.toContain("expected the program's epochs");
    expect(err).toContain("bpcheck replay: running");
    expect(code).toBe(2);
  });
});
