import { ApiError, RequestValidationError } from "@org/soap-core";
import { startTranscript } from "@org/soap-core/visit";
import { makeClients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import { HttpError } from "../http/errors.js";
import { WEBHOOK_SECRET_HEADER } from "../http/router.js";
import { createUncertainReason } from "./create-failure.js";
import type { CreateNoteBody } from "./notes-schemas.js";
import { planJob } from "./plan-job.js";

/** Path of the AssemblyAI webhook route. */
export const WEBHOOK_PATH = "/v1/webhooks/assemblyai";

/** The webhook URL of one job: the job id rides along as a query parameter (AssemblyAI keeps it). */
export function webhookUrl(publicBaseUrl: string, jobId: string): string {
  return `${publicBaseUrl}${WEBHOOK_PATH}?job=${encodeURIComponent(jobId)}`;
}

/**
 * Creates a note job: plans it with core (`planVisit`: template, experiment arm, transcription and
 * redaction, transcript mode), records it with its plan (`creating`), then starts the transcript with
 * core's `startTranscript` and this job's webhook, and stores the transcript id (`transcribing`). A
 * transcript is never created twice for one job: the create is sent once, a create whose answer was
 * lost is looked up by core (the same recovery the CLI uses), and one still unknown marks the job
 * failed with a reason that says how to find the transcript; its webhook, if it comes, resumes the job.
 * @throws {HttpError} 400 for an unknown template, 502 when the create failed or may have.
 */
export async function createNoteJob(
  ctx: TenantContext,
  body: CreateNoteBody,
): Promise<{ id: string; status: "transcribing" | "queued"; transcript_id: string }> {
  const { config, deps, jobs, tenant } = ctx;
  const id = deps.newId();
  const plan = await planJob(config.soap, body, id);
  await tenant.insert({
    id,
    templateSpec: plan.template.ref,
    experiment: plan.experiment,
    variant: plan.variant,
    model: plan.model,
    optionsJson: JSON.stringify(plan),
  });

  const { transcripts } = makeClients(config, deps, deps.clientMaxRetries);
  let transcript: { id: string };
  try {
    const started = await startTranscript(
      { kind: "audio_url", url: body.audio_url },
      {
        plan,
        transcripts,
        clock: deps.now,
        delivery: {
          webhook_url: webhookUrl(config.publicBaseUrl, id),
          webhook_auth_header_name: WEBHOOK_SECRET_HEADER,
          webhook_auth_header_value: config.webhookSecret,
        },
      },
    );
    if (started.kind !== "assemblyai") throw new Error("unreachable: an audio_url visit is transcribed by AssemblyAI");
    transcript = { id: started.transcriptId };
  } catch (error) {
    throw await recordCreateFailure(ctx, id, error);
  }
  const linked = await jobs.markTranscribing(id, transcript.id);
  deps.log({ level: "info", event: "note.created", job_id: id, tenant_id: tenant.tenantId, transcript_id: transcript.id, template: plan.template.ref });
  if (linked) return { id, status: "transcribing", transcript_id: transcript.id };
  // Not linked: the webhook got here first and queued the job, or the note was deleted meanwhile.
  const current = await tenant.getForWork(id);
  if (current?.status === "deleted") {
    await transcripts.delete(transcript.id).catch((error: unknown) => {
      deps.log({ level: "error", event: "note.orphan_transcript", job_id: id, transcript_id: transcript.id, error: String((error as Error)?.name) });
    });
    throw new HttpError(404, "not_found", "The note was deleted while it was being created.");
  }
  return { id, status: "queued", transcript_id: transcript.id };
}

/** A create AssemblyAI certainly rejected: an HTTP 4xx answer. Anything else may have been accepted. */
function certainlyRejected(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

async function recordCreateFailure({ deps, jobs }: TenantContext, id: string, error: unknown): Promise<HttpError> {
  const name = error instanceof Error ? error.name : "Error";
  if (error instanceof RequestValidationError) {
    // Never sent: the parameters (request + SOAP_CONFIG.transcription) do not fit AssemblyAI's contract.
    const reason = `The transcription parameters are invalid, nothing was sent to AssemblyAI: ${error.message}`;
    await jobs.markFailed({ id, from: ["creating"], code: "transcript_create_failed", reason });
    deps.log({ level: "error", event: "note.create_invalid", job_id: id });
    return new HttpError(500, "misconfigured", reason, { details: { id, issues: error.issues }, cause: error });
  }
  if (certainlyRejected(error)) {
    const reason = `AssemblyAI rejected the transcript (HTTP ${error.status}): ${error.message}`;
    await jobs.markFailed({ id, from: ["creating"], code: "transcript_create_failed", reason });
    deps.log({ level: "warn", event: "note.create_rejected", job_id: id, status: error.status, request_id: error.requestId });
    return new HttpError(502, "transcript_create_failed", reason, { details: { id, upstream_status: error.status }, cause: error });
  }
  const reason = createUncertainReason(id, name);
  await jobs.markFailed({ id, from: ["creating"], code: "transcript_create_uncertain", reason });
  deps.log({ level: "error", event: "note.create_uncertain", job_id: id, error: name });
  return new HttpError(502, "transcript_create_uncertain", reason, { details: { id }, cause: error });
}
