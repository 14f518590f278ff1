// Optional secret, not in worker-configuration.d.ts (`wrangler secret put REVIEW_LINK_SECRET` turns review links on).
declare namespace Cloudflare {
  interface Env {
    /** Signs review page links (at least 32 characters); unset: review links are off. */
    REVIEW_LINK_SECRET?: string;
  }
}
