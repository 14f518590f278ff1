import { defineConfig } from "vitest/config";

// Unit tests of the chaos suite's own helpers (leak scanner, tallies): part of `npm test`.
export default defineConfig({
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["src/**/*.chaos.test.ts", "src/edge/**"],
    environment: "node",
  },
});
