import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";

const COMMANDS = [
  "run",
  "compare",
  "train",
  "gradcheck",
  "graph",
  "errata",
  "replay",
  "validate",
  "fixtures",
];
/** Commands that take --digits (the others refuse it: their precision is fixed). */
const WITH_DIGITS = ["run", "compare", "train", "gradcheck", "graph"];

describe("--help", () => {
  it.each(COMMANDS)(
    "bpcheck %s --help prints its usage, --json and an example, and exits 0",
    async (name) => {
      const { code, out, err } = await cli([name, "--help"]);
      expect([code, err]).toEqual([0, ""]);
      expect(out).toMatch(new RegExp(`^Usage: bpcheck ${name} `));
      expect(out).toContain("--json");
      expect(out).toMatch(new RegExp(`\\nExample: bpcheck ${name}\\b`));
    },
  );

  // `bpcheck fixtures check` regenerates every fixture (seconds of work); it runs in
  // `pnpm verify` as `pnpm fixtures:check`, and test/fixtures.test.ts drives the command.
  it.each(COMMANDS.filter((name) => name !== "fixtures"))(
    "the example of bpcheck %s runs and exits 0 or 1",
    async (name) => {
      const example = (await cli([name, "--help"])).out.match(/Example: bpcheck (.*)/)![1]!.split(" ");
      // Keep the examples fast in tests: the exact mode at 20 digits, 20 epochs at most.
      const argv = example.map((a, k) => (example[k - 1] === "--epochs" ? "20" : a));
      const { code, err } = await cli(
        [...argv, ...(WITH_DIGITS.includes(name) ? ["--digits", "20"] : [])].filter(
          (a) => a !== "my-case.json",
        ),
      );
      expect([0, 1]).toContain(code);
      // replay announces on stderr that it runs the published program's code.
      if (name === "replay") expect(err).toMatch(/^bpcheck replay: running \S+program\.py .*\n$/);
      else expect(err).toBe("");
    },
  );
});
