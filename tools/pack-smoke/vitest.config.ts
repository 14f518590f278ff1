import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    // Packing, installing, tsc, wrangler and Chromium are whole programs: seconds each on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
