import { defineConfig } from "vitest/config";

/** Shared vitest settings: run every package on its TypeScript source (no build step). */
export function packageConfig(coverageThreshold: number) {
  return defineConfig({
    resolve: { conditions: ["@bpcheck/source"] },
    ssr: { resolve: { conditions: ["@bpcheck/source"] } },
    test: {
      include: ["test/**/*.test.ts"],
      // The machines are shared and noisy: a timeout is a guard against hangs, not an assertion.
      testTimeout: 60_000,
      coverage: {
        provider: "v8",
        include: ["src/**/*.ts"],
        reporter: ["text-summary"],
        thresholds: { lines: coverageThreshold, branches: coverageThreshold },
      },
    },
  });
}
