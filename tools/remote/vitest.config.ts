import { defineConfig } from "vitest/config";

// `npm test`: the remote batch integration test (one wrangler dev, one sandbox, the built CLI).
export default defineConfig({
  test: {
    include: ["src/**/*.integration.test.ts", "src/**/*.unit.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
