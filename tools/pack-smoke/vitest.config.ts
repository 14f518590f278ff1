import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    // One scratch project is packed and installed once; its checks run in order.
    fileParallelism: false,
    // Packing, installing, tsc, wrangler and Chromium are whole programs: seconds each on a busy machine.
    testTimeout: 120_000,
  },
});
