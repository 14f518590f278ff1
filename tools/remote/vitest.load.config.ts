import { defineConfig } from "vitest/config";

// `npm run test:load` (also run by .ci/run after `npm test`): 2,000 visits through wrangler dev with faults.
export default defineConfig({
  test: {
    include: ["src/**/*.load.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 1_800_000,
    hookTimeout: 180_000,
  },
});
