import { defineConfig } from "vitest/config";

// Unit tests of the chaos suite's own helpers (leak scanner, tallies): part of `npm test`.
export default defineConfig({
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    // Nx runs two projects' suites at once on a 2-core CI machine: a test that takes 1 s alone can take
    // over Vitest's default 5 s there. A hang still fails, after 30 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    include: ["src/**/*.test.ts"],
    exclude: ["src/**/*.chaos.test.ts", "src/edge/**"],
    environment: "node",
  },
});
