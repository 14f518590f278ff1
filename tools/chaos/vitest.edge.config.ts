import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// The chaos suite's edge API part, inside workerd (run by scripts/run-chaos.mjs after the Node part).
// Tests in workerd cannot read process.env, so this file (which runs in Node) hands the run's secrets
// and seed to the worker as bindings; run alone, it makes random ones like chaosEnv() does.
const apiKey = process.env.CHAOS_API_KEY ?? `chaos_${randomBytes(16).toString("hex")}`;
const webhookSecret = process.env.CHAOS_WEBHOOK_SECRET ?? `whsec_${randomBytes(18).toString("base64url")}`;
const seed = process.env.CHAOS_SEED ?? "20261125";

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      miniflare: {
        // As apps/edge-api/vitest.config.ts and wrangler.jsonc.
        compatibilityDate: "2026-04-01",
        d1Databases: ["DB"],
        // The edge API's per-IP Rate Limiting binding (wrangler.jsonc "ratelimits"), with a limit no run reaches.
        ratelimits: { IP_RATE_LIMITER: { simple: { limit: 1_000_000, period: 60 } } },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("../../apps/edge-api/migrations", import.meta.url))),
          CHAOS_API_KEY: apiKey,
          CHAOS_WEBHOOK_SECRET: webhookSecret,
          CHAOS_SEED: seed,
          CHAOS_ALL_VARIANTS: process.env.CHAOS_ALL_VARIANTS ?? "",
        },
      },
    })),
  ],
  resolve: { conditions: ["@org/source"] },
  ssr: { resolve: { conditions: ["@org/source"], externalConditions: ["@org/source"] } },
  test: {
    include: ["src/edge/**/*.chaos.test.ts"],
    setupFiles: ["./src/edge/apply-migrations.ts"],
    // One module graph for all files: the app is imported once. Tests share D1, so each seeds its own tenant.
    isolate: false,
    testTimeout: 120_000,
  },
});
