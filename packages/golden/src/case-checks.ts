import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  activationInfo,
  deriveWorkedExample,
  float64,
  formatQuantity,
  instantiate,
  kindOf,
  mustParse,
  type QuantityName,
} from "@bpcheck/core";
import Decimal from "decimal.js";
import type { CaseFile } from "./case-file.ts";
import type { RawCase } from "./case-normalise.ts";
import { InputError } from "./input-error.ts";

/**
 * What a case's schema cannot say, checked on the document as written, in file order:
 * matrix shapes in each layer's layout, bias counts, widths of the data, magnitudes,
 * what each activation and loss needs (leaky ReLU's slope, softmax's two units, cce's
 * distribution targets), unique published ids, and each location's text against its
 * line when the case folder holds the source text.
 */
export function checkCase(file: string, c: RawCase, folder: string | null): void {
  checkLayers(file, c);
  checkData(file, c);
  checkMagnitudes(file, c);
  checkIds(file, c);
  if (folder !== null) checkLocations(file, c, folder);
}

function checkLayers(file: string, c: RawCase): void {
  let width = c.network.inputs;
  c.network.layers.forEach((layer, l) => {
    const at = `$.network.layers[${l}]`;
    let units: number;
    if ((layer.layout ?? "out-in") === "out-in") {
      layer.weights.forEach((row, j) => {
        if (row.length !== width) {
          throw new InputError(
            file,
            `${at}.weights[${j}]`,
            `expected ${width} weights (one per unit below), got ${row.length}`,
          );
        }
      });
      units = layer.weights.length;
    } else {
      if (layer.weights.length !== width) {
        throw new InputError(
          file,
          `${at}.weights`,
          `expected ${width} rows (one per unit below, as the in-out layout writes them), got ${layer.weights.length}`,
        );
      }
      units = layer.weights[0]!.length;
      layer.weights.forEach((row, i) => {
        if (row.length !== units) {
          throw new InputError(
            file,
            `${at}.weights[${i}]`,
            `expected ${units} weights (one per unit of the layer, as in row 0), got ${row.length}`,
          );
        }
      });
    }
    if (Array.isArray(layer.biases) && layer.biases.length !== units) {
      throw new InputError(
        file,
        `${at}.biases`,
        `expected ${units} biases (one per unit), got ${layer.biases.length}`,
      );
    }
    const info = activationInfo(layer.activation);
    if (units < info.minUnits) {
      throw new InputError(
        file,
        `${at}.activation`,
        `expected a layer of at least ${info.minUnits} units for ${layer.activation} (a softmax of one unit is the constant 1), got ${units}`,
      );
    }
    if (layer.activation === "leaky-relu" && layer.slope === undefined) {
      throw new InputError(file, at, 'missing property "slope" (leaky-relu needs its slope for z ≤ 0)');
    }
    if (layer.activation !== "leaky-relu" && layer.slope !== undefined) {
      throw new InputError(
        file,
        `${at}.slope`,
        `expected no slope (only leaky-relu has one), got "${layer.slope}"`,
      );
    }
    width = units;
  });
}

function checkData(file: string, c: RawCase): void {
  const layers = c.network.layers;
  const last = layers[layers.length - 1]!;
  const outputs = (last.layout ?? "out-in") === "out-in" ? last.weights.length : last.weights[0]!.length;
  c.data.forEach((s, n) => {
    if (s.x.length !== c.network.inputs) {
      throw new InputError(file, `$.data[${n}].x`, `expected ${c.network.inputs} inputs, got ${s.x.length}`);
    }
    if (s.y.length !== outputs) {
      throw new InputError(
        file,
        `$.data[${n}].y`,
        `expected ${outputs} targets (one per output), got ${s.y.length}`,
      );
    }
    if (c.network.loss === "cce") {
      const negative = s.y.findIndex((v) => new Decimal(v).isNegative() && !new Decimal(v).isZero());
      if (negative >= 0) {
        throw new InputError(
          file,
          `$.data[${n}].y[${negative}]`,
          `expected a probability ≥ 0 (cce targets are a distribution), got "${s.y[negative]}"`,
        );
      }
      const total = s.y.reduce((acc, v) => acc.plus(v), new Decimal(0));
      if (!total.eq(1)) {
        throw new InputError(
          file,
          `$.data[${n}].y`,
          `expected targets summing to 1 (cce targets are a distribution), got a sum of ${total.toString()}`,
        );
      }
    }
  });
}

/** Largest magnitude a case number may have, so that every mode (float32 too) can hold it. */
const MAX_MAGNITUDE = 1e30;

/** Every number must be finite in float32 as well (|x| ≤ 1e30). */
function checkMagnitudes(file: string, c: RawCase): void {
  const check = (path: string, s: string) => {
    if (!(Math.abs(Number(s)) <= MAX_MAGNITUDE)) {
      throw new InputError(file, path, `expected a number of magnitude at most 1e30, got "${s}"`);
    }
  };
  c.network.layers.forEach((layer, l) => {
    const at = `$.network.layers[${l}]`;
    layer.weights.forEach((row, j) => row.forEach((w, i) => check(`${at}.weights[${j}][${i}]`, w)));
    if (Array.isArray(layer.biases)) layer.biases.forEach((b, j) => check(`${at}.biases[${j}]`, b));
    else if (layer.biases !== null) check(`${at}.biases.shared`, (layer.biases as { shared: string }).shared);
    if (layer.slope !== undefined) check(`${at}.slope`, layer.slope);
  });
  c.data.forEach((s, n) => {
    s.x.forEach((v, i) => check(`$.data[${n}].x[${i}]`, v));
    s.y.forEach((v, k) => check(`$.data[${n}].y[${k}]`, v));
  });
  check("$.training.learningRate", c.training.learningRate);
}

function checkIds(file: string, c: RawCase): void {
  const seen = new Map<string, number>();
  c.published.forEach((p, n) => {
    const first = seen.get(p.id);
    if (first !== undefined) {
      throw new InputError(
        file,
        `$.published[${n}].id`,
        `expected a unique id, "${p.id}" is also $.published[${first}]`,
      );
    }
    seen.set(p.id, n);
  });
}

/** Each location's text stands on its line of the source file, when the case folder holds it. */
function checkLocations(file: string, c: RawCase, folder: string): void {
  const path = join(folder, c.source.file);
  if (!existsSync(path)) return;
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  c.published.forEach((p, n) => {
    const { line, text } = p.location;
    const at = `$.published[${n}].location`;
    if (line > lines.length) {
      throw new InputError(
        file,
        `${at}.line`,
        `expected a line of ${c.source.file} (it has ${lines.length}), got ${line}`,
      );
    }
    if (!lines[line - 1]!.includes(text)) {
      throw new InputError(
        file,
        `${at}.text`,
        `expected text that stands on line ${line} of ${c.source.file}, which reads ${JSON.stringify(lines[line - 1]!.trim())}`,
      );
    }
  });
}

/**
 * Every published quantity and every symbol names a quantity the case has: its layer,
 * unit and sample exist, and its step, update or epoch lies within the case's training.
 * Run on the loaded case (canonical names), with the derivation itself as the judge of
 * which names exist.
 */
export function checkQuantities(file: string, c: CaseFile): void {
  const perEpoch = c.training.batch === "sgd" ? c.data.length : 1;
  const steps = c.training.epochs * perEpoch;
  const training = `${c.training.epochs} epoch${c.training.epochs === 1 ? "" : "s"} of ${perEpoch} step${perEpoch === 1 ? "" : "s"}`;
  const entries: { at: string; name: string; prefix: boolean }[] = [
    ...c.published.map((p, n) => ({ at: `$.published[${n}].quantity`, name: p.quantity, prefix: false })),
    ...Object.entries(c.symbols).map(([symbol, s]) => ({
      at: `$.symbols[${JSON.stringify(symbol)}].quantity`,
      name: s.quantity,
      prefix: true,
    })),
  ];
  for (const e of entries) {
    const t = mustParse(e.name, { prefix: true }).time;
    if (t === null || t.at === "final") continue;
    const limit = t.at === "epoch" ? c.training.epochs : steps;
    if (t.n > limit) {
      throw new InputError(
        file,
        e.at,
        `expected ${t.at === "epoch" ? "an epoch" : t.at === "step" ? "a step" : "an update count"} within the case's training (${training}), got @${t.at}[${t.n}]`,
      );
    }
  }
  const names = new Set(deriveWorkedExample(float64, instantiate(float64, c)).quantities.map((q) => q.name));
  const parsed = [...names].map((n) => mustParse(n));
  const sameTime = (p: QuantityName, q: QuantityName) =>
    formatQuantity({ ...p, kind: "loss", index: [], sample: null }) ===
    formatQuantity({ ...q, kind: "loss", index: [], sample: null, negated: false });
  // A symbol is a prefix: it names a vector or matrix (z[0], W[1]) and, without @s[n], that
  // quantity of every sample at once (y[0] is each sample's target).
  const exists = (q: QuantityName, prefix: boolean) => {
    if (names.has(formatQuantity({ ...q, negated: false }))) return true;
    if (!prefix) return false;
    return parsed.some(
      (p) =>
        p.kind === q.kind &&
        sameTime(p, q) &&
        (q.sample === null || p.sample === q.sample) &&
        q.index.every((i, k) => p.index[k] === i),
    );
  };
  const many = c.training.batch === "full-batch" && c.data.length > 1;
  for (const e of entries) {
    const q = mustParse(e.name, { prefix: true });
    if (exists(q, e.prefix)) continue;
    const hint =
      q.sample !== null && !many
        ? " (@s[n] numbers the samples of a full-batch step of more than one sample)"
        : q.sample === null && many && q.kind !== "loss" && kindOf(q).perSample
          ? " (a full-batch step of several samples names per-sample values with @s[n])"
          : kindOf(q).scope !== null
            ? ` (${q.kind} exists on ${kindOf(q).scope} only)`
            : "";
    throw new InputError(
      file,
      e.at,
      `expected a quantity of this case's network and data, got "${e.name}"${hint}`,
    );
  }
}
