// Optional secrets are not in worker-configuration.d.ts: `wrangler types` lists only the secrets of
// wrangler.jsonc `secrets.required`, and this one is set only while a webhook secret rotation is under way.
declare namespace Cloudflare {
  interface Env {
    /** The webhook secret before a rotation (`wrangler secret put WEBHOOK_SECRET_PREVIOUS`); unset otherwise. */
    WEBHOOK_SECRET_PREVIOUS?: string;
  }
}
