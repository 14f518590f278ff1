import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    // Nx runs two projects' suites at once on a 2-core CI machine: a test that takes 1 s alone can take
    // over Vitest's default 5 s there. A hang still fails, after 30 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
