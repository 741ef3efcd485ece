import type { Row } from "./bench.ts";
import type { MemoryResult } from "./memory.ts";
import type { PrimitiveRow } from "./primitives.ts";

/** 39.8 ns, 50.7 µs, 1.19 ms, 2.40 s: three significant digits. */
export function duration(ns: number): string {
  const [value, unit] =
    ns < 1e3 ? [ns, "ns"] : ns < 1e6 ? [ns / 1e3, "µs"] : ns < 1e9 ? [ns / 1e6, "ms"] : [ns / 1e9, "s"];
  return `${Number(value.toPrecision(3))} ${unit}`;
}

function ratio(x: number): string {
  return x >= 100 ? String(Math.round(x)) : String(Number(x.toPrecision(3)));
}

/** The slowest round over the fastest ("—" when a round measured nothing: a process row within its start-up's noise). */
function spread(ns: readonly number[]): string {
  const fastest = Math.min(...ns);
  return fastest > 0 ? `${Number((Math.max(...ns) / fastest).toPrecision(2))}×` : "—";
}

export interface Target {
  readonly target: string;
  readonly measured: string;
  readonly reached: boolean;
}

function find(rows: readonly Row[], id: string, network: number): Row | undefined {
  const names = [...new Set(rows.map((r) => r.problem.name))];
  return rows.find((r) => r.impl.id === id && r.problem.name === names[network]);
}

/**
 * The targets, each with the measured ratio (medians of the same run); a target whose
 * rows a partial run (`--only`) left out is left out too.
 */
export function targetChecks(
  rows: readonly Row[],
  memory: MemoryResult | undefined,
  primitives: readonly PrimitiveRow[],
): Target[] {
  const m = (id: string, network: number) => find(rows, id, network)?.median ?? NaN;
  const ran = (...ids: string[]) => ids.every((id) => find(rows, id, 0) !== undefined);
  const out: Target[] = [];
  const names = [...new Set(rows.map((r) => r.problem.name))];
  for (const d of [50, 1000]) {
    if (!ran(`cli-exact${d}`, `mpmath-seed${d}`, `exact${d}`)) continue;
    const cli = m(`cli-exact${d}`, 0);
    const mp = cli / m(`mpmath-seed${d}`, 0);
    const mpfr = cli / m(`mpfr${d}`, 0);
    out.push({
      target: `train --mode exact, ${d} digits, per epoch ≤ 1× mpmath (one line per operation)`,
      measured: `${ratio(mp)}× (library call: ${ratio(m(`exact${d}`, 0) / m(`mpmath-seed${d}`, 0))}×)`,
      reached: mp <= 1,
    });
    out.push({
      target: `train --mode exact, ${d} digits, per epoch ≤ 5× MPFR`,
      measured: Number.isNaN(mpfr)
        ? "MPFR skipped"
        : `${ratio(mpfr)}× (library call: ${ratio(m(`exact${d}`, 0) / m(`mpfr${d}`, 0))}×)`,
      reached: mpfr <= 5,
    });
  }
  const hand = m("float64", 0) / m("c-seed", 0);
  if (ran("float64", "c-seed")) {
    const processRatio = ran("cli-float64")
      ? ` (the process: ${ratio(m("cli-float64", 0) / m("c-seed", 0))}×)`
      : "";
    out.push({
      target: "float64 train, seed network ≤ 1.5× hand-written C (stretch 1.2×)",
      measured: `${ratio(hand)}×${processRatio}`,
      reached: hand <= 1.5,
    });
  }
  const wideF64 = m("float64", 1) / m("c", 1);
  if (ran("float64")) {
    out.push({
      target: `float64 ≤ 2× the bench's C on ${names[1] ?? "8-16-16-4"}`,
      measured: names[1] === undefined ? "not in this run (--seed-only)" : `${ratio(wideF64)}×`,
      reached: wideF64 <= 2,
    });
  }
  const growth = m("cli-exact1000", 0) / m("cli-exact50", 0);
  if (ran("cli-exact1000", "cli-exact50", "exact1000", "exact50")) {
    out.push({
      target: "exact cost growth 50 → 1000 digits as the CLI runs it ≤ 25× (seed)",
      measured: `${ratio(growth)}× (library call: ${ratio(m("exact1000", 0) / m("exact50", 0))}×)`,
      reached: growth <= 25,
    });
  }
  const long = primitives.find((p) => p.digits === 1000);
  if (long !== undefined) {
    const exp = long.ballExp / long.mpmathExp;
    out.push({
      target: "exp at 1000 digits ≤ 1× mpmath's (per call)",
      measured: `${ratio(exp)}× (the decimal field's exactExp: ${ratio(long.decimalExp / long.mpmathExp)}×)`,
      reached: exp <= 1,
    });
    const mul = long.ballMul / long.mpmathMul;
    out.push({
      target: "product at 1000 digits ≤ 1× mpmath's (per call)",
      measured: `${ratio(mul)}× (the decimal field's fastMul: ${ratio(long.decimalMul / long.mpmathMul)}×)`,
      reached: mul <= 1,
    });
  }
  if (memory === undefined) return out;
  const mib = memory.growthExcludingCurve / 2 ** 20;
  const epochs = memory.samples.map((s) => s[0]);
  out.push({
    target: `constant memory, ${epochs.join(" → ")} epochs at ${memory.digits} digits`,
    measured: `heap ${mib >= 0 ? "+" : ""}${mib.toFixed(2)} MiB beyond the loss curve`,
    reached: mib < 1,
  });
  return out;
}

export function markdownReport(
  rows: readonly Row[],
  primitives: readonly PrimitiveRow[],
  memory: MemoryResult | undefined,
  machine: { date: string; nproc: number; cpu: string; node: string; smoke: boolean },
): string {
  const names = [...new Set(rows.map((r) => r.problem.name))];
  const ids = [...new Set(rows.map((r) => r.impl.id))];
  const lines: string[] = [];
  lines.push(
    `Machine: ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, ${machine.date}${machine.smoke ? " (smoke run: timings meaningless)" : ""}.`,
    "Medians of ns per epoch (forward + backward + SGD update, one sample); ×C and ×mpmath are ratios of medians",
    "from the same run; agreement = significant digits of the loss of epoch 1 / epoch N that match the reference",
    "(float64: C; C and float32: exact; exact: more digits or mpmath), with the digits required. spread = the",
    "slowest round over the fastest.",
    "",
  );
  const header = ["implementation"];
  for (const n of names) header.push(`${n}: per epoch`, "spread", "×C", "×mpmath");
  header.push("agreement (digits at 1 / N epochs, per network)");
  lines.push(
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 || i === header.length - 1 ? " --- " : " ---: ")).join("|")}|`,
  );
  for (const id of ids) {
    const cells: string[] = [];
    const agreement: string[] = [];
    let label = id;
    names.forEach((_, network) => {
      const row = find(rows, id, network);
      if (row === undefined) {
        cells.push("", "", "", "");
        agreement.push("—");
        return;
      }
      label = row.impl.label;
      const c = find(rows, "c", network)!;
      const mp = row.impl.digits === undefined ? undefined : find(rows, `mpmath${row.impl.digits}`, network);
      cells.push(
        duration(row.median),
        spread(row.nsPerEpoch),
        ratio(row.median / c.median),
        mp === undefined ? "" : ratio(row.median / mp.median),
      );
      const a = row.agreement!;
      const verdict = a.ok ? "" : " **disagrees**";
      agreement.push(
        `${a.digits1}/${a.digitsN} (≥ ${a.required1}/${a.requiredN}, N = ${row.epochs})${verdict}`,
      );
    });
    lines.push(`| ${label} | ${cells.join(" | ")} | ${agreement.join(" · ")} |`);
  }
  if (primitives.length > 0) {
    lines.push("", "Per call, on −(1/3 + 1/2) (median):", "");
    lines.push(
      "| digits | exp: ball | exp: decimal field | exp: mpmath | multiply: ball | multiply: decimal field | multiply: mpmath | divide: ball | divide: decimal field | divide: mpmath |",
    );
    lines.push("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  }
  for (const p of primitives) {
    lines.push(
      `| ${p.digits} | ${duration(p.ballExp)} | ${duration(p.decimalExp)} | ${duration(p.mpmathExp)} | ${duration(p.ballMul)} | ${duration(p.decimalMul)} | ${duration(p.mpmathMul)} | ${duration(p.ballDiv)} | ${duration(p.decimalDiv)} | ${duration(p.mpmathDiv)} |`,
    );
  }
  lines.push("", "Targets:", "", "| target | measured | reached |", "| --- | --- | --- |");
  for (const t of targetChecks(rows, memory, primitives))
    lines.push(`| ${t.target} | ${t.measured} | ${t.reached ? "yes" : "no"} |`);
  lines.push("");
  return lines.join("\n") + "\n";
}
