import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app/app-types.js";
import { errorResponses, HttpError } from "../http/errors.js";
import { newRouter, WEBHOOK_SCHEME } from "../http/router.js";
import { applyTranscriptWebhook } from "./apply-transcript-webhook.js";
import { requireJobWebhookAuth } from "./webhook-secret.js";

const webhookBodySchema = z
  .looseObject({
    transcript_id: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "Present on transcript notifications (the redacted-audio notification has none)." }),
    status: z.string().min(1).max(50).openapi({ description: "`completed` or `error`; other notifications are acknowledged and ignored." }),
  })
  .openapi("AssemblyAIWebhook");

const webhookAckSchema = z
  .object({
    received: z.literal(true),
    job_id: z.string().nullable(),
    action: z.enum(["enqueued", "duplicate", "ignored", "purged", "purge_pending"]).openapi({
      description:
        "`enqueued`: the note is being generated; `duplicate`: nothing changed; `ignored`: not a notification this API acts on; " +
        "`purged` / `purge_pending`: the job is deleted (or unknown), so its transcript was deleted at AssemblyAI / will be.",
    }),
  })
  .openapi("WebhookAck");

/** `POST /v1/webhooks/assemblyai/{signature}?job=<id>` */
export const assemblyaiWebhookRoute = createRoute({
  method: "post",
  path: "/assemblyai/{signature}",
  tags: ["Webhooks"],
  security: [{ [WEBHOOK_SCHEME]: [] }],
  summary: "AssemblyAI transcript webhook (one signed URL per job)",
  description:
    "Called by AssemblyAI when a transcript is `completed` or has an `error`, at the URL this API gave it for the job: " +
    "`/v1/webhooks/assemblyai/<signature>?job=<id>`, where the signature is an HMAC of the job id under the webhook secret. " +
    "Both the signature and the secret header must come from `WEBHOOK_SECRET` (or, during a rotation, `WEBHOOK_SECRET_PREVIOUS`); " +
    "anything else is 401. Moves the job along its state machine (duplicates and late deliveries change nothing) and queues the " +
    "note generation; a webhook of a deleted or unknown job deletes its transcript at AssemblyAI.",
  middleware: [requireJobWebhookAuth] as const,
  request: {
    params: z.object({
      signature: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: "signature", in: "path" }, description: "The job's HMAC-SHA256 signature, base64url." }),
    }),
    query: z.object({ job: z.string().min(1).max(100).openapi({ param: { name: "job", in: "query" } }) }),
    body: { required: true, content: { "application/json": { schema: webhookBodySchema } } },
  },
  responses: {
    200: { description: "Acknowledged.", content: { "application/json": { schema: webhookAckSchema } } },
    ...errorResponses(400, 401, 413, 415, 500),
  },
});

const TERMINAL_TRANSCRIPT_STATUSES = new Set(["completed", "error"]);

/**
 * `/v1/webhooks`: answers fast (a few D1 statements and one queue send; for a deleted or unknown job one
 * AssemblyAI call with a short timeout). The unsigned URL of jobs created before signed webhooks is
 * refused like any unauthenticated call (the sweeper looks such jobs' transcripts up instead).
 */
export function webhooksRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.openapi(assemblyaiWebhookRoute, async (c) => {
    const { config, deps } = c.var;
    const body = c.req.valid("json");
    const { job: jobId } = c.req.valid("query");
    if (!TERMINAL_TRANSCRIPT_STATUSES.has(body.status) || body.transcript_id === undefined) {
      deps.log({ level: "info", event: "webhook.ignored", transcript_id: body.transcript_id, status: body.status });
      return c.json({ received: true as const, job_id: jobId, action: "ignored" as const }, 200);
    }
    const outcome = await applyTranscriptWebhook(config, deps, { jobId, transcriptId: body.transcript_id, status: body.status });
    return c.json({ received: true as const, job_id: outcome.jobId, action: outcome.action }, 200);
  });
  router.post("/assemblyai", requireJobWebhookAuth, () => {
    // Unreachable: without a signature in the path the middleware refuses every delivery.
    throw new HttpError(401, "unauthorized", "Missing job signature.");
  });
  return router;
}
