import { defineConfig } from "vitest/config";

// The finale: sums the tallies of the other runs' reports, scans everything the suite wrote for
// secrets and PHI, and writes the one summary line. Run last by scripts/run-chaos.mjs.
export default defineConfig({
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    include: ["src/finale/*.chaos.test.ts"],
    environment: "node",
    testTimeout: 300_000,
  },
});
