import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  FIXTURES_DIR,
  InputError,
  classifyPublished,
  loadCaseFile,
  loadErrataFile,
  parseCase,
} from "../src/index.ts";

interface BadFile {
  readonly file: string;
  readonly format: "case" | "errata";
  readonly why: string;
  readonly expected: { readonly error: string } | { readonly verdicts: Readonly<Record<string, string>> };
}

const dir = `${FIXTURES_DIR}bad/`;
const corpus = (JSON.parse(readFileSync(`${dir}index.json`, "utf8")) as { files: BadFile[] }).files;

/** What the tool makes of a file: its one-line error, or the verdicts of its printed numbers. */
function outcome(bad: BadFile): BadFile["expected"] {
  const path = `${dir}${bad.file}`;
  try {
    if (bad.format === "errata") {
      loadErrataFile(path);
      return { verdicts: {} };
    }
    const c = parseCase(bad.file, readFileSync(path, "utf8"));
    const verdicts = classifyPublished(c, bad.file);
    return { verdicts: Object.fromEntries(verdicts.map((v) => [v.id, `${v.verdict} ${v.cause}`])) };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { error: e.message.slice(e.file.length + 2) };
  }
}

describe("the adversarial corpus", () => {
  it.each(corpus.map((b) => [b.file, b] as const))("%s", (_, bad) => {
    expect(bad.why.length).toBeGreaterThan(0);
    expect(outcome(bad)).toEqual(bad.expected);
  });
});

// Every one-digit alteration of every number the seed printed. A correct number altered
// becomes wrong; a wrong one may become right only by becoming the reference itself.
const seed = loadCaseFile();
const alterationsOf = (printed: string) =>
  [...printed].flatMap((ch, i) =>
    /\d/.test(ch)
      ? [..."0123456789"].filter((d) => d !== ch).map((d) => printed.slice(0, i) + d + printed.slice(i + 1))
      : [],
  );

describe("a seed number altered by one digit is never ok unless it becomes the reference", () => {
  it.each(seed.published.map((p) => [p.id, p] as const))("every alteration of %s", (_, p) => {
    const published = alterationsOf(p.printed).map((printed, k) => ({
      ...p,
      id: `${p.id}-${k}`,
      printed,
      asPrinted: printed,
    }));
    // One number at a time, so that no alteration is explained by another one.
    const judged = published.map((a) => classifyPublished({ ...seed, published: [a] })[0]!);
    expect(judged.length).toBe(9 * (p.printed.length - 1));
    const wronglyOk = judged.filter((v) => (v.verdict === "ok") !== (v.published === v.reference));
    expect(wronglyOk).toEqual([]);
  });
});
