// Optional secret, not in worker-configuration.d.ts (`wrangler secret put TENANT_WEBHOOK_KEY`, with the
// WEBHOOK_DELIVERIES queue, turns tenant completion webhooks on).
declare namespace Cloudflare {
  interface Env {
    /** Encrypts the webhook endpoints' signing secrets at rest (32+ characters); unset: tenant webhooks off. */
    TENANT_WEBHOOK_KEY?: string;
  }
}
