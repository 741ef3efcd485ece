import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { fixturesCommandFor } from "../src/commands/fixtures.ts";
import { allGenerators } from "../src/index.ts";
import { cli } from "./cli.ts";
import { memoryIo } from "./io.ts";
import { DEFAULT_CASE_PATH } from "@bpcheck/golden";
import { fixturesCopy, tempDir } from "./temp-case.ts";

// The real regeneration and check, over the cheapest generated file (the program replay,
// a third of a second); every generator is run by `pnpm fixtures:check` in `pnpm verify`.
// Regenerating the replay runs the published program (a Python process): minutes on a busy machine.
vi.setConfig({ testTimeout: 300_000 });
const REPLAY = "bp-worked-example-zh/replay.json";
const command = fixturesCommandFor(() => allGenerators().filter((g) => g.file === REPLAY));

async function fixtures(argv: string[]) {
  const io = memoryIo();
  const code = await command.execute(argv, io);
  return { code, out: io.out() };
}

describe("bpcheck fixtures", () => {
  it("lists every generated fixture of the repository", () => {
    expect(allGenerators().map((g) => g.file)).toMatchInlineSnapshot(`
      [
        "bp-worked-example-zh/golden.json",
        "gormanalysis-softmax/golden.json",
        "hmkcode-2018/golden.json",
        "melfm-2016/golden.json",
        "melfm-2017/golden.json",
        "relu-bce/golden.json",
        "softmax-ce-3class/golden.json",
        "softmax-input-gradient/golden.json",
        "softmax-sigmoid-hidden/golden.json",
        "tanh-neuron-float64/golden.json",
        "bp-worked-example-zh/verdicts.json",
        "gormanalysis-softmax/verdicts.json",
        "hmkcode-2018/verdicts.json",
        "melfm-2016/verdicts.json",
        "melfm-2017/verdicts.json",
        "relu-bce/verdicts.json",
        "softmax-ce-3class/verdicts.json",
        "softmax-input-gradient/verdicts.json",
        "softmax-sigmoid-hidden/verdicts.json",
        "tanh-neuron-float64/verdicts.json",
        "bp-worked-example-zh/replay.json",
        "bp-worked-example-zh/trajectories.json",
        "hmkcode-2018/replay.json",
        "hmkcode-2018/trajectories.json",
      ]
    `);
  });

  it("check finds the committed fixtures up to date", async () => {
    expect(await fixtures(["check"])).toEqual({
      code: 0,
      out: "fixtures: 1 generated file up to date, every fixture valid\n",
    });
  });

  it("check names a stale file and its first differing field, and regen rewrites it", async () => {
    const dir = fixturesCopy();
    const path = join(dir, REPLAY);
    const original = readFileSync(path, "utf8");
    writeFileSync(path, original.replace('"printed": "0.21810748"', '"printed": "0.21810749"'));
    const check = await fixtures(["check", "--dir", dir]);
    expect(check.code).toBe(1);
    expect(check.out.replaceAll(dir, "DIR")).toMatchInlineSnapshot(`
      "DIR/bp-worked-example-zh/replay.json: stale at $.numbers[0].printed: differs from a fresh regeneration (run \`pnpm fixtures:regen\`)
      "
    `);
    const json = JSON.parse((await fixtures(["check", "--dir", dir, "--json"])).out);
    expect([json.action, json.generated, json.problems.length]).toEqual(["check", 1, 1]);

    expect(await fixtures(["regen", "--dir", dir])).toEqual({ code: 0, out: `${dir}: wrote ${REPLAY}\n` });
    expect(readFileSync(path, "utf8")).toBe(original);
    expect(await fixtures(["regen", "--dir", dir])).toEqual({ code: 0, out: `${dir}: all up to date\n` });
    expect(JSON.parse((await fixtures(["regen", "--dir", dir, "--json"])).out)).toEqual({
      command: "fixtures",
      version: 1,
      action: "regen",
      dir,
      written: [],
    });
  });

  it("check reports a fixture that does not validate against its schema", async () => {
    const dir = fixturesCopy();
    const path = join(dir, "bp-worked-example-zh/errata.json");
    writeFileSync(path, readFileSync(path, "utf8").replace('"verdict": "ok"', '"verdict": "fine"'));
    const { code, out } = await fixtures(["check", "--dir", dir]);
    expect(code).toBe(1);
    expect(out.replaceAll(dir, "DIR")).toMatchInlineSnapshot(`
      "DIR/bp-worked-example-zh/errata.json: $.published[0].verdict: unknown value "fine" (expected: ok, convention, rounding-drift, erratum, unexplained)
      "
    `);
  });

  it.each([
    [["fixtures"], "bpcheck: arguments: expected regen, check or upgrade\n"],
    [["fixtures", "fix"], 'bpcheck: arguments: expected regen, check or upgrade, got "fix"\n'],
    [
      ["fixtures", "check", "extra"],
      'bpcheck: arguments: expected regen, check or upgrade, got "check extra"\n',
    ],
    [
      ["fixtures", "check", "--dir", "/no/such"],
      'bpcheck: --dir: expected a copy of fixtures/ (a folder with schema/), got "/no/such"\n',
    ],
  ])("%j exits 2", async (argv, message) => {
    const { code, err } = await cli(argv);
    expect([code, err]).toEqual([2, message]);
  });
});

describe("bpcheck fixtures upgrade", () => {
  it("prints a version-1 case in version 2, and with --write rewrites it once", async () => {
    const dir = tempDir();
    const file = join(dir, "case.json");
    writeFileSync(file, readFileSync(DEFAULT_CASE_PATH, "utf8"));
    const printed = await cli(["fixtures", "upgrade", file]);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.out).version).toBe(2);
    expect((await cli(["fixtures", "upgrade", file, "--write"])).out).toBe(
      `${file}: rewritten in version 2\n`,
    );
    expect(readFileSync(file, "utf8")).toBe(printed.out);
    expect((await cli(["fixtures", "upgrade", file, "--write"])).out).toBe(`${file}: already in version 2\n`);
    expect((await cli(["validate", file])).code).toBe(0);
  });

  it("refuses a file that is not a case with the one-line error and exit 2", async () => {
    const dir = tempDir();
    const file = join(dir, "case.json");
    writeFileSync(file, JSON.stringify({ schema: "bpcheck-case", version: 2 }));
    const { code, err } = await cli(["fixtures", "upgrade", file]);
    expect(code).toBe(2);
    expect(err).toContain(`${file}: $: missing property "id"`);
  });
});
