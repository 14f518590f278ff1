import type { z } from "@hono/zod-openapi";
import { ApiError, RequestValidationError } from "@org/soap-core";
import { startTranscript, type VisitPlan } from "@org/soap-core/visit";
import { makeClients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import { HttpError } from "../http/errors.js";
import { WEBHOOK_SECRET_HEADER } from "../http/router.js";
import { purgesRepo } from "../jobs/purges-repo.js";
import { UNCERTAIN_CREATE_SETTLE_MS, uncertainCreatesRepo } from "../jobs/uncertain-creates-repo.js";
import type { JobRow } from "../jobs/job-row.js";
import { jobWebhookUrl } from "../webhooks/job-webhook-url.js";
import type { IdempotencyKey } from "../idempotency/idempotency-key.js";
import { idempotencyStore } from "../idempotency/idempotency-store.js";
import { storedError } from "../idempotency/replay.js";
import { dailyCapError, inFlightCapError } from "../quotas/tenant-quotas.js";
import { admitNoteJob } from "./create-note-admission.js";
import { replayCreate } from "./create-note-replay.js";
import { createUncertainReason } from "./create-failure.js";
import type { createdNoteSchema, CreateNoteInput } from "./notes-schemas.js";
import { planJob, storedPlan } from "./plan-job.js";

/** Path of the AssemblyAI webhook route. */
export const WEBHOOK_PATH = "/v1/webhooks/assemblyai";

/** The webhook URL of one job: the job id rides along as a query parameter (AssemblyAI keeps it). */
export function webhookUrl(publicBaseUrl: string, jobId: string): string {
  return `${publicBaseUrl}${WEBHOOK_PATH}?job=${encodeURIComponent(jobId)}`;
}

/** The `202` body of `POST /v1/notes`. */
export type CreatedNote = z.infer<typeof createdNoteSchema>;

/** A create's answer, and whether it repeats the first answer for the same `Idempotency-Key`. */
export interface CreateAnswer {
  note: CreatedNote;
  replayed: boolean;
}

/**
 * Creates a note job: plans it with core (`planVisit`: template, experiment arm, transcription and
 * redaction, transcript mode), records it with its plan (`creating`) when the tenant is under its caps
 * and holds the `Idempotency-Key` (if any), then starts the transcript with core's `startTranscript`
 * and this job's webhook, and stores the transcript id (`transcribing`). A transcript is never created
 * twice for one job: the create is sent once, a create whose answer was lost is looked up by core (the
 * same recovery the CLI uses), and one still unknown marks the job failed; its webhook, if it comes,
 * resumes the job. Every answer after the job is recorded is stored with the key, so that a retry
 * gets it again instead of a second (billed) transcript.
 * @throws {HttpError} 400 unknown template, 403 redaction turned off where it is enforced, 409 key
 * reused or in progress, 429 over a cap, 502 when the create failed or may have.
 */
export async function createNoteJob(ctx: TenantContext, body: CreateNoteInput, idempotency?: IdempotencyKey): Promise<CreateAnswer> {
  const { config, deps, tenant } = ctx;
  const id = deps.newId();
  const plan = await planJob(config.soap, body, id);
  if (config.enforceRedaction && plan.transcription.redact_pii !== true) throw redactionRequired();
  const now = deps.now();
  const admission = await admitNoteJob(config.db, {
    tenantId: tenant.tenantId,
    job: { id, templateSpec: plan.template.ref, experiment: plan.experiment, variant: plan.variant, model: plan.model, optionsJson: JSON.stringify(plan) },
    now,
    limits: config.limits,
    idempotency,
    // Recorded with the job, before the create is sent: a create whose Worker dies is still resolved by the sweep.
    audioUrl: body.audio_url,
  });
  if (admission.kind === "key_in_use") return replayCreate(ctx, admission.record, idempotency?.requestHash ?? "", now);
  if (admission.kind === "over_cap") {
    deps.log({ level: "warn", event: "note.over_cap", tenant_id: tenant.tenantId, cap: admission.cap });
    throw admission.cap === "in_flight" ? inFlightCapError(config.limits.maxInFlight) : dailyCapError(config.limits.createsPerDay, now);
  }
  const keys = idempotency ? idempotencyStore(config.db, tenant.tenantId) : undefined;
  const remember = async (status: number, stored: string) => {
    if (!keys || !idempotency) return;
    // Not fatal: unanswered, the key's row answers from the job once it is stale.
    await keys.saveResponse(idempotency.keyHash, id, status, stored).catch((error: unknown) => {
      deps.log({ level: "error", event: "idempotency.save_failed", job_id: id, error: error instanceof Error ? error.name : "Error" });
    });
  };
  try {
    const note = await startJob(ctx, id, plan, body.audio_url);
    await remember(202, JSON.stringify(note));
    return { note, replayed: false };
  } catch (error) {
    if (error instanceof HttpError) await remember(error.status, storedError(error));
    throw error;
  }
}

/** The 403 of a request that turns redaction off where `ENFORCE_REDACTION` is set. */
export function redactionRequired(): HttpError {
  return new HttpError(
    403,
    "redaction_required",
    "This deployment requires PII redaction (ENFORCE_REDACTION): remove `redaction: false`, or send `redaction: true` or explicit `policies`.",
    { details: { issues: [{ field: "redaction", location: "json", message: "must not turn redaction off on this deployment" }] } },
  );
}

/**
 * Sends the create of a job whose earlier create was never made (the sweep's look-up scanned the whole
 * window without finding it; the job was moved back to `creating`): the same plan, the same job-bound
 * webhook, the same audio URL. Resolved like the request's own create: linked, rejected, or uncertain again.
 * @throws {HttpError} as {@link createNoteJob} for a create that failed or may have.
 */
export async function resendCreate(ctx: TenantContext, job: JobRow, audioUrl: string): Promise<CreatedNote> {
  return startJob(ctx, job.id, await storedPlan(job), audioUrl);
}

async function startJob(ctx: TenantContext, id: string, plan: VisitPlan, audioUrl: string): Promise<CreatedNote> {
  const { config, deps, tenant } = ctx;
  const { transcripts } = makeClients(config, deps, deps.clientMaxRetries);
  let transcript: { id: string };
  const sentAt = deps.now();
  try {
    const started = await startTranscript(
      { kind: "audio_url", url: audioUrl },
      {
        plan,
        transcripts,
        clock: deps.now,
        delivery: {
          // Job-bound: the job's HMAC signature in the path (src/webhooks/job-webhook-url.ts).
          webhook_url: await jobWebhookUrl(config.publicBaseUrl, config.webhookSecret, id),
          webhook_auth_header_name: WEBHOOK_SECRET_HEADER,
          webhook_auth_header_value: config.webhookSecret,
        },
      },
    );
    if (started.kind !== "assemblyai") throw new Error("unreachable: an audio_url visit is transcribed by AssemblyAI");
    transcript = { id: started.transcriptId };
  } catch (error) {
    throw await recordCreateFailure(ctx, id, error, { audioUrl, sentAt });
  }
  // One batch: the job waits for its transcript, and the record of its create (its audio URL) goes.
  const linked = await uncertainCreatesRepo(config.db, deps.now).created(id, transcript.id);
  deps.log({ level: "info", event: "note.created", job_id: id, tenant_id: tenant.tenantId, transcript_id: transcript.id, template: plan.template.ref });
  if (linked) return { id, status: "transcribing", transcript_id: transcript.id };
  // Not linked: the webhook got here first and queued the job, or the note was deleted meanwhile.
  const current = await tenant.getForWork(id);
  if (current?.status === "deleted") {
    // Still transcribing, so AssemblyAI refuses to delete it now: queued for deletion (its webhook or the sweeper deletes it).
    await purgesRepo(config.db, deps.now).add({ transcriptId: transcript.id, jobId: id, tenantId: tenant.tenantId, reason: "deleted", verify: false });
    deps.log({ level: "warn", event: "note.deleted_while_creating", job_id: id, transcript_id: transcript.id });
    throw new HttpError(404, "not_found", "The note was deleted while it was being created.");
  }
  return { id, status: "queued", transcript_id: transcript.id };
}

/** A create AssemblyAI certainly rejected: an HTTP 4xx answer. Anything else may have been accepted. */
function certainlyRejected(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/** AssemblyAI's own words about a rejected audio file (400/422), without the request id; nothing for other statuses (our key, our quota). */
function rejectionDetail(error: ApiError): string {
  if (error.status !== 400 && error.status !== 422) return "";
  const body = error.body as { error?: unknown } | undefined;
  const text = typeof body?.error === "string" ? body.error.trim().slice(0, 300) : "";
  return text ? `: ${text}` : "";
}

async function recordCreateFailure(
  { config, deps, tenant }: TenantContext,
  id: string,
  error: unknown,
  sent: { audioUrl: string; sentAt: number },
): Promise<HttpError> {
  const name = error instanceof Error ? error.name : "Error";
  const creates = uncertainCreatesRepo(config.db, deps.now);
  if (error instanceof RequestValidationError) {
    // Never sent: the parameters (request + SOAP_CONFIG.transcription) do not fit AssemblyAI's contract.
    const reason = `The transcription parameters are invalid, nothing was sent to AssemblyAI: ${error.message}`;
    await creates.rejected(id, reason);
    deps.log({ level: "error", event: "note.create_invalid", job_id: id, issues: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    return new HttpError(500, "misconfigured", "The deployment's transcription settings are invalid; nothing was sent to AssemblyAI.", { details: { id }, cause: error });
  }
  if (certainlyRejected(error)) {
    const reason = `AssemblyAI rejected the transcript (HTTP ${error.status})${rejectionDetail(error)}`;
    await creates.rejected(id, reason);
    deps.log({ level: "warn", event: "note.create_rejected", job_id: id, status: error.status, upstream_request_id: error.requestId });
    return new HttpError(502, "transcript_create_failed", reason, { details: { id, upstream_status: error.status }, cause: error });
  }
  // Kept for the sweep, which looks the create up once it has settled and sends it again if it was never made;
  // one batch with the job's failure, so that no uncertain job is left without it.
  const reason = createUncertainReason(id, name);
  await creates.uncertain({ jobId: id, tenantId: tenant.tenantId, ...sent, dueAt: deps.now() + UNCERTAIN_CREATE_SETTLE_MS, reason });
  deps.log({ level: "error", event: "note.create_uncertain", job_id: id, error: name });
  const message =
    `Creating the transcript at AssemblyAI may have succeeded (${name}); it was not sent again so that it is not created ` +
    `(and billed) twice. If it was created, this note resumes by itself: poll GET /v1/notes/${id}.`;
  return new HttpError(502, "transcript_create_uncertain", message, { details: { id }, cause: error });
}
