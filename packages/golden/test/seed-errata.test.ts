import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { classifyPublished, errataPath, loadCaseFile, loadErrataFile, matchesPrinted } from "../src/index.ts";

const seed = loadCaseFile();
const catalogue = loadErrataFile(errataPath(seed.id));
const verdicts = classifyPublished(seed);

describe("the seed's errata catalogue", () => {
  it("validates against errata.schema.json and names the seed case", () => {
    expect(catalogue.case).toBe(seed.id);
  });

  it("lists every published number of the case, in order", () => {
    expect(catalogue.published.map((p) => p.id)).toEqual(seed.published.map((p) => p.id));
  });

  it("names only published numbers in shownBy, and every term it uses in its notes", () => {
    const ids = new Set(seed.published.map((p) => p.id));
    for (const e of catalogue.errata) for (const id of e.shownBy) expect(ids).toContain(id);
    const terms = [
      ...catalogue.published.flatMap((p) => [p.verdict, p.cause ?? "ok"]),
      ...catalogue.errata.map((e) => e.kind),
    ];
    for (const t of terms) expect(Object.keys(catalogue.notes)).toContain(t);
  });

  it("records well over a dozen problems of several kinds", () => {
    const wrongNumbers = catalogue.published.filter((p) => p.verdict !== "ok").length;
    expect(wrongNumbers + catalogue.errata.length).toBeGreaterThan(20);
    expect(new Set(catalogue.errata.map((e) => e.kind)).size).toBeGreaterThanOrEqual(4);
  });
});

describe("the classifier reaches the verdict the catalogue expects for every seed number", () => {
  it.each(catalogue.published.map((p, n) => [p.id, p, verdicts[n]!] as const))("%s", (_, expected, got) => {
    expect(got.id).toBe(expected.id);
    expect({ verdict: got.verdict, cause: got.cause }).toEqual({
      verdict: expected.verdict,
      cause: expected.cause,
    });
  });

  it("gives a detail sentence and the reference at the printed precision for each", () => {
    for (const v of verdicts) {
      expect(v.detail).toMatch(/^[A-Z].*\.$/);
      expect(v.reference.length).toBeGreaterThan(0);
    }
  });

  it("is deterministic and plain JSON", () => {
    expect(JSON.parse(JSON.stringify(classifyPublished(seed)))).toEqual(verdicts);
  });
});

// Formulas of §1–§3 evaluated as written and as corrected, in exact decimal arithmetic,
// on the operands the article itself prints (bp-worked-example.zh.txt).
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
const d = (s: string) => new D(s);
const sigmoid = (x: Decimal) => d("1").div(d("1").plus(D.exp(x.neg())));
const product = (...xs: Decimal[]) => xs.reduce((a, b) => a.times(b), d("1"));
const half = d("0.5");
const err = d("0.6903").minus("0.5"); // (Ŷ − Y_true) as the article writes it
const outSlope = product(d("0.69"), d("1").minus("0.69")); // σ(Z_y)(1 − σ(Z_y)) as 0.69·(1 − 0.69)

const formulas: [erratum: string, published: string, written: () => Decimal, corrected: () => Decimal][] = [
  // line 10 / line 52: h_1 with the figure's W_21 = 0.4 against the matrix form's W_12 = 0.8
  [
    "figure-w12-w21-convention",
    "s2-h-1",
    () => d("0.1").times("0.35").plus(d("0.4").times("0.9")),
    () => d("0.1").times("0.35").plus(d("0.8").times("0.9")),
  ],
  [
    "h1-equation-transposed",
    "s2-h-1",
    () => d("0.1").times("0.35").plus(d("0.4").times("0.9")),
    () => d("0.1").times("0.35").plus(d("0.8").times("0.9")),
  ],
  // line 15: "MSE" (y − ŷ)² against ½(y − ŷ)²
  ["loss-called-mse", "s2-loss", () => err.pow(2), () => half.times(err.pow(2))],
  // line 46: Z_y from h against Z_y from Z = σ(h)
  [
    "zy-from-h",
    "s2-z-y",
    () => d("0.3").times("0.755").plus(d("0.9").times("0.68")),
    () =>
      d("0.3")
        .times(sigmoid(d("0.755")))
        .plus(d("0.9").times(sigmoid(d("0.68")))),
  ],
  // line 49: ∂L/∂ŷ written as the loss, and ∂Z_y/∂W_h1 written as h_1
  [
    "dl-dyhat-written-as-loss-line-49",
    "s3-dl-dwh1",
    () => product(half, err.pow(2), outSlope, d("0.68")),
    () => product(err, outSlope, d("0.68")),
  ],
  [
    "dzy-dwh1-written-as-h1",
    "s3-dl-dwh1",
    () => product(err, outSlope, d("0.755")),
    () => product(err, outSlope, d("0.68")),
  ],
  // line 55: ∂L/∂ŷ written as the loss, and σ(Z_1)(1 − σ(Z_1)) for Z_1(1 − Z_1)
  [
    "dl-dyhat-written-as-loss-line-55",
    "s3-dl-dw11",
    () => product(half, err.pow(2), outSlope, d("0.3"), d("0.68"), d("0.32"), d("0.35")),
    () => product(err, outSlope, d("0.3"), d("0.68"), d("0.32"), d("0.35")),
  ],
  [
    "sigmoid-of-z1",
    "s3-dl-dw11",
    () => product(err, outSlope, d("0.3"), sigmoid(d("0.68")), d("1").minus(sigmoid(d("0.68"))), d("0.35")),
    () => product(err, outSlope, d("0.3"), d("0.68"), d("0.32"), d("0.35")),
  ],
  // line 59: the entry labelled ∂L/∂W_12 is δ_2·X_1 (W_h2, Z_2 = 0.664, X_1), not δ_1·X_2
  [
    "grad-w0-off-diagonal-swapped",
    "s3-grad-w0-12",
    () => product(err, outSlope, d("0.3"), d("0.68"), d("0.32"), d("0.9")),
    () => product(err, outSlope, d("0.9"), d("0.664"), d("0.336"), d("0.35")),
  ],
  [
    "grad-w0-off-diagonal-swapped",
    "s3-grad-w0-21",
    () => product(err, outSlope, d("0.9"), d("0.664"), d("0.336"), d("0.35")),
    () => product(err, outSlope, d("0.3"), d("0.68"), d("0.32"), d("0.9")),
  ],
];

describe("formulas as written miss the printed value, as corrected they reproduce it", () => {
  it.each(formulas)("%s against %s", (id, publishedId, written, corrected) => {
    const printed = seed.published.find((p) => p.id === publishedId)!.printed;
    expect(catalogue.errata.find((e) => e.id === id)?.shownBy).toContain(publishedId);
    expect(matchesPrinted(corrected(), printed)).toBe(true);
    expect(matchesPrinted(written(), printed)).toBe(false);
  });

  it("every erratum that names published numbers is evaluated here", () => {
    const tested = new Set(formulas.map(([id, p]) => `${id} ${p}`));
    for (const e of catalogue.errata) for (const p of e.shownBy) expect(tested).toContain(`${e.id} ${p}`);
  });
});
