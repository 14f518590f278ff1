import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app/app-types.js";
import { errorResponses } from "../http/errors.js";
import { newRouter, WEBHOOK_SCHEME } from "../http/router.js";
import { jobsRepo } from "../jobs/jobs-repo.js";
import { requireWebhookSecret } from "./webhook-secret.js";

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
    action: z.enum(["enqueued", "duplicate", "ignored"]),
  })
  .openapi("WebhookAck");

/** `POST /v1/webhooks/assemblyai` */
export const assemblyaiWebhookRoute = createRoute({
  method: "post",
  path: "/assemblyai",
  tags: ["Webhooks"],
  security: [{ [WEBHOOK_SCHEME]: [] }],
  summary: "AssemblyAI transcript webhook",
  description:
    "Called by AssemblyAI when a transcript is `completed` or has an `error`. Checks the webhook secret, moves the " +
    "job along its state machine (duplicates and late deliveries change nothing) and queues the note generation.",
  middleware: [requireWebhookSecret] as const,
  request: {
    query: z.object({ job: z.string().min(1).max(100).optional().openapi({ param: { name: "job", in: "query" } }) }),
    body: { required: true, content: { "application/json": { schema: webhookBodySchema } } },
  },
  responses: {
    200: { description: "Acknowledged.", content: { "application/json": { schema: webhookAckSchema } } },
    ...errorResponses(400, 401, 413, 415, 500),
  },
});

const TERMINAL_TRANSCRIPT_STATUSES = new Set(["completed", "error"]);

/** `/v1/webhooks`: answers fast (two or three D1 statements and one queue send), never calls AssemblyAI. */
export function webhooksRouter(): OpenAPIHono<AppEnv> {
  const router = newRouter();
  router.openapi(assemblyaiWebhookRoute, async (c) => {
    const { config, deps } = c.var;
    const body = c.req.valid("json");
    const { job: jobId } = c.req.valid("query");
    if (!TERMINAL_TRANSCRIPT_STATUSES.has(body.status) || body.transcript_id === undefined) {
      deps.log({ level: "info", event: "webhook.ignored", transcript_id: body.transcript_id, status: body.status });
      return c.json({ received: true as const, job_id: jobId ?? null, action: "ignored" as const }, 200);
    }
    const transcriptId = body.transcript_id;
    const jobs = jobsRepo(config.db, deps.now);
    const { job, transitioned } = await jobs.applyWebhook({ jobId, transcriptId, transcriptStatus: body.status });
    if (!job) {
      deps.log({ level: "warn", event: "webhook.unknown_transcript", transcript_id: transcriptId, job_id: jobId });
      return c.json({ received: true as const, job_id: null, action: "ignored" as const }, 200);
    }
    // Queued but not yet sent: this delivery moved it, or an earlier one failed to send (then AssemblyAI
    // redelivered because we answered 5xx). A send that throws answers 500, so AssemblyAI retries.
    if (job.status === "queued" && job.enqueued_at === null) {
      await config.noteJobs.send({ jobId: job.id, tenantId: job.tenant_id });
      await jobs.markEnqueued(job.id);
      deps.log({ level: "info", event: "webhook.enqueued", job_id: job.id, transcript_id: transcriptId, status: body.status });
      return c.json({ received: true as const, job_id: job.id, action: "enqueued" as const }, 200);
    }
    deps.log({ level: "info", event: "webhook.duplicate", job_id: job.id, job_status: job.status, transitioned });
    return c.json({ received: true as const, job_id: job.id, action: "duplicate" as const }, 200);
  });
  return router;
}
