import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // test/workerd runs inside workerd through vitest.workers.config.ts, against dist/.
    exclude: ["test/workerd/**", "**/node_modules/**", "dist/**"],
    environment: "node",
  },
});
