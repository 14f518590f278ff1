import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app/app-types.js";
import { constantTimeEqual } from "../auth/crypto.js";
import { HttpError } from "../http/errors.js";
import { WEBHOOK_SECRET_HEADER } from "../http/router.js";
import { verifyJobSignature } from "./job-webhook-url.js";

/** The one message of every refused webhook: it says what to send, not which part was wrong. */
const REFUSED = "Missing or invalid webhook secret or job signature: only the URL and header this API gave AssemblyAI are accepted.";

/**
 * Job-bound webhook authentication. A delivery must carry, from the same secret (the current
 * `WEBHOOK_SECRET`, or `WEBHOOK_SECRET_PREVIOUS` while a rotation is under way):
 * - the shared header {@link WEBHOOK_SECRET_HEADER} (compared in constant time), and
 * - the job's HMAC signature in the path (`/v1/webhooks/assemblyai/<signature>?job=<id>`, checked by
 *   Web Crypto's constant-time verify), so that a delivery seen for one job cannot be replayed for another.
 * Every candidate secret is checked (no early exit). Runs before the body is parsed, so an
 * unauthenticated caller learns nothing about it; never reads D1.
 */
export const requireJobWebhookAuth = createMiddleware<AppEnv>(async (c, next) => {
  const { webhookSecret, webhookSecretPrevious } = c.var.config;
  const given = c.req.header(WEBHOOK_SECRET_HEADER) ?? "";
  const jobId = c.req.query("job") ?? "";
  const signature = c.req.param("signature") ?? "";
  const secrets = webhookSecretPrevious === undefined ? [webhookSecret] : [webhookSecret, webhookSecretPrevious];
  const checks = await Promise.all(
    secrets.map(async (secret) => {
      // Both halves for every secret, so that timing says nothing about which part matched.
      const [header, signed] = await Promise.all([constantTimeEqual(given, secret), verifyJobSignature(secret, jobId, signature)]);
      return header && signed;
    }),
  );
  const ok = given !== "" && jobId !== "" && checks.some(Boolean);
  if (!ok) {
    c.var.deps.log({ level: "warn", event: "webhook.unauthorized", has_header: given !== "", has_job: jobId !== "", has_signature: signature !== "" });
    throw new HttpError(401, "unauthorized", REFUSED);
  }
  if (checks[0] !== true) c.var.deps.log({ level: "info", event: "webhook.previous_secret", job_id: jobId });
  await next();
});
