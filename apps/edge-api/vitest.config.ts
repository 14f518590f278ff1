import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Tests run inside workerd. Bindings are declared here rather than read from wrangler.jsonc so that the
// suite never needs a Cloudflare account, and so that the queue consumer is driven by the tests
// (createMessageBatch + getQueueResult) instead of by miniflare's background delivery.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      miniflare: {
        // Same as wrangler.jsonc (no nodejs_compat there either: the Worker needs no Node APIs).
        compatibilityDate: "2026-04-01",
        d1Databases: ["DB"],
        r2Buckets: ["AUDIO"],
        // As wrangler.jsonc, with a limit no test reaches (tests that exercise it pass a fake binding).
        ratelimits: { IP_RATE_LIMITER: { simple: { limit: 1_000_000, period: 60 } } },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
        },
      },
    })),
  ],
  resolve: {
    conditions: ["@org/source"],
    // As wrangler.jsonc's `alias`: the suite runs the Worker's own module graph, zod without its locales.
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL("./src/bundle/zod-without-locales.js", import.meta.url)) }],
  },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    // Nx runs two projects' suites at once on a 2-core CI machine: a test that takes 1 s alone can take
    // over Vitest's default 5 s there. A hang still fails, after 30 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
    // One module graph for all files (the app is imported once): the suite runs in a third of the time.
    // Tests share the D1 database, so each uses its own tenants and ids.
    isolate: false,
  },
});
