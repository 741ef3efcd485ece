import { describe, expect, it } from "vitest";
import {
  exactReplay,
  float64Replay,
  loadProgramOutput,
  programStdout,
  replayIn,
  type ReplayMode,
} from "../src/index.ts";

const output = loadProgramOutput();
const modes: [string, ReplayMode<unknown>][] = [
  ["float64", float64Replay as ReplayMode<unknown>],
  ["exact", exactReplay() as ReplayMode<unknown>],
];

describe.each(modes)("the replayed stdout, in %s", (_name, mode) => {
  const lines = programStdout(replayIn(mode), mode.exactValue);

  it("starts with the six lines of line 90 that the article leaves out", () => {
    expect(lines.slice(0, 6)).toEqual([
      "original:",
      " W0:",
      " [[0.1 0.8]",
      " [0.4 0.6]] ",
      " W1:",
      " [[0.3 0.9]]",
    ]);
  });

  it("then prints lines 117–142 character for character, up to the trailing spaces the article lost", () => {
    const shown = lines.slice(6, 6 + output.output.length);
    expect(shown.map((l) => l.trimEnd())).toEqual(output.output.map((l) => l.text));
    // print(..., W0, "\n W1:\n", ...) writes a space after each W0 matrix; the article has none.
    expect(shown.filter((l, k) => l !== output.output[k]!.text)).toEqual([
      " [0.39661944 0.58985831]] ",
      " [0.39363393 0.58028763]] ",
      " [0.39102066 0.5712756 ]] ",
    ]);
  });
});

describe("a replay stopped by numpy", () => {
  it("prints the epoch-1 loss and nothing after it", () => {
    const lines = programStdout(
      replayIn(float64Replay, { bugs: { rowBroadcastW0Update: false } }),
      float64Replay.exactValue,
    );
    expect(lines.slice(6)).toEqual(["In the process of 1th epoch", "The Current Loss: [[0.21810748]]"]);
  });
});
