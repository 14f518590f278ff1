import { defineConfig } from "vitest/config";

// Real-browser tests: Chromium driven by playwright-core (see src/support/browser.ts for how it is found).
// One file at a time: each starts a browser, and the edge tests a local workerd.
export default defineConfig({
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    include: ["src/**/*.browser.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
