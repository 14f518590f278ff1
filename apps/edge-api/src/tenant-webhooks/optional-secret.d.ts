// Optional secret, not in worker-configuration.d.ts (`wrangler secret put TENANT_WEBHOOK_KEY`, with the
// WEBHOOK_DELIVERIES queue, turns tenant completion webhooks on).
declare namespace Cloudflare {
  interface Env {
    /** Encrypts the webhook endpoints' signing secrets at rest (32+ characters); unset: tenant webhooks off. */
    TENANT_WEBHOOK_KEY?: string;
    /** `TENANT_WEBHOOK_KEY` before a rotation of it: sealed secrets it opens still work (and are sealed again under the new key). */
    TENANT_WEBHOOK_KEY_PREVIOUS?: string;
  }
}
