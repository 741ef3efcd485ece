import { classifyCase, loadCaseFile } from "@bpcheck/golden";
const c = loadCaseFile(process.argv[2]!);
const t0 = performance.now();
classifyCase(c);
console.log(((performance.now() - t0) / 1000).toFixed(2), "s");
