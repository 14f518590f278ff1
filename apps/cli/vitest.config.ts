import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // The integration tests spawn the built CLI; on a shared 2-core machine a spawn can take seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
