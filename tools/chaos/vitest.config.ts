import { defineConfig } from "vitest/config";

// The chaos suite's Node part (through the CLI, the sandbox and core). Run by scripts/run-chaos.mjs
// (`npm run test:chaos`), not by `vitest run` in `npm test`: see vitest.unit.config.ts for that.
export default defineConfig({
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    include: ["src/**/*.chaos.test.ts"],
    exclude: ["src/edge/**", "src/finale/**"],
    environment: "node",
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
