/**
 * Regenerates the README's figures in docs/ by running the bpcheck CLI itself:
 *
 *   pnpm docs:images
 *
 * docs/loss.svg      the seed example's 200 epochs in float32, float64 and exact
 * docs/loss-log.svg  the same network at learning rate 0.5 for 2000 epochs in the three
 *                    modes, log scale: each float mode stalls at its own floor
 * docs/graph.svg     the computation graph of the worked step, exact mode
 */
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { inProcessIo, run } from "../packages/cli/src/index.ts";

const docs = fileURLToPath(new URL("../docs/", import.meta.url));
await mkdir(docs, { recursive: true });

const io = inProcessIo({
  stderr: (s) => process.stderr.write(s),
  writeFile: async (path, text) => {
    await writeFile(`${docs}${path}`, text, "utf8");
    process.stdout.write(`wrote docs/${path}\n`);
  },
});

const commands = [
  ["train", "--mode", "float32,float64,exact", "--plot", "loss.svg"],
  [
    "train",
    "--mode",
    "float32,float64,exact",
    "--lr",
    "0.5",
    "--epochs",
    "2000",
    "--plot",
    "loss-log.svg",
    "--log",
  ],
  ["graph", "--format", "svg", "--output", "graph.svg"],
];
for (const argv of commands) {
  const code = await run(argv, io);
  if (code !== 0) throw new Error(`bpcheck ${argv.join(" ")} exited ${code}`);
}
