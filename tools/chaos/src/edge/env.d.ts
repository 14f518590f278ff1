import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      /** Migrations of apps/edge-api, read by vitest.edge.config.ts and applied by apply-migrations.ts. */
      TEST_MIGRATIONS: D1Migration[];
      /** The run's secrets and seed, handed in by vitest.edge.config.ts (workerd cannot read process.env). */
      CHAOS_API_KEY: string;
      CHAOS_WEBHOOK_SECRET: string;
      CHAOS_SEED: string;
      /** "1": the scenarios run every fault variant, not only the seed's choice (vitest.edge.config.ts). */
      CHAOS_ALL_VARIANTS: string;
    }
  }
}
