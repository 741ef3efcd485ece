import { describe, expect, it } from "vitest";
import { FIXTURES_DIR, caseIds, loadCaseFile } from "@bpcheck/golden";
import { cli } from "./cli.ts";

// Every case folder under fixtures/: `run` shows the worked step in the source's symbols,
// `errata` judges every printed number; neither meets an input error (exit 2).
describe.each(caseIds())("the fixture case %s", (id) => {
  const file = `${FIXTURES_DIR}${id}/case.json`;
  const c = loadCaseFile(file);

  it("runs, naming its quantities in the source's symbols", async () => {
    const { code, out, err } = await cli(["run", file, "--mode", "float64"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const symbols = Object.keys(c.symbols);
    expect(symbols.length).toBeGreaterThan(0);
    expect(symbols.some((s) => out.includes(`${s} (`) || out.includes(`${s}_`))).toBe(true);
  });

  it("is judged by errata without an input error", async () => {
    const { code, out, err } = await cli(["errata", file]);
    expect(err).toBe("");
    expect([0, 1]).toContain(code);
    expect(out).toContain(`${c.published.length} published numbers`);
  });
});
