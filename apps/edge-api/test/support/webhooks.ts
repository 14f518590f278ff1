import { WEBHOOK_SECRET_HEADER } from "../../src/index.js";
import { jobSignature } from "../../src/webhooks/job-webhook-url.js";
import { WEBHOOK_SECRET, type Harness } from "./harness.js";

/** The signed webhook path of job `jobId` under `secret`, as the API gives it to AssemblyAI. */
export async function signedWebhookPath(jobId: string, secret = WEBHOOK_SECRET): Promise<string> {
  return `/v1/webhooks/assemblyai/${await jobSignature(secret, jobId)}?job=${encodeURIComponent(jobId)}`;
}

/**
 * POSTs a transcript notification for job `jobId` like AssemblyAI does: to the job's signed URL (under
 * `signWith`) with the secret header (`secret`; null leaves it out).
 */
export async function postJobWebhook(
  h: Harness,
  jobId: string,
  body: unknown,
  o: { secret?: string | null; signWith?: string } = {},
): Promise<Response> {
  const secret = o.secret === undefined ? WEBHOOK_SECRET : o.secret;
  const headers: Record<string, string> = {};
  if (secret !== null) headers[WEBHOOK_SECRET_HEADER] = secret;
  return h.request(await signedWebhookPath(jobId, o.signWith ?? secret ?? WEBHOOK_SECRET), { method: "POST", headers, json: body });
}
