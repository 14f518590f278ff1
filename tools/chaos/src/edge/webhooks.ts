import { jobSignature, WEBHOOK_SECRET_HEADER } from "@org/soap-edge-api";
import { SECRETS, type Harness } from "./harness.js";

/** The path of job `jobId`'s signed webhook URL under `secret`, as the edge API gives it to AssemblyAI. */
export async function signedWebhookPath(jobId: string, secret: string = SECRETS.webhookSecret): Promise<string> {
  return `/v1/webhooks/assemblyai/${await jobSignature(secret, jobId)}?job=${encodeURIComponent(jobId)}`;
}

/** The sandbox transcript made for job `jobId` (its webhook URL names the job), if any. */
export function transcriptOfJob(h: Harness, jobId: string): { id: string; webhookUrl: string; headerValue: string | undefined } | undefined {
  const suffix = `?job=${encodeURIComponent(jobId)}`;
  const found = [...h.sandbox.state.transcripts.values()].find((t) => t.params.webhook_url?.endsWith(suffix));
  if (!found?.params.webhook_url) return undefined;
  return { id: found.id, webhookUrl: found.params.webhook_url, headerValue: found.params.webhook_auth_header_value ?? undefined };
}

/**
 * What someone who saw one webhook delivery of job `jobId` holds: its URL (path and query) and its
 * header, exactly as AssemblyAI sends them for the job's transcript.
 */
export function deliveryOf(h: Harness, jobId: string): { path: string; secret: string; transcriptId: string } {
  const t = transcriptOfJob(h, jobId);
  if (!t?.headerValue) throw new Error(`job ${jobId} has no transcript with a webhook in the sandbox`);
  const url = new URL(t.webhookUrl);
  return { path: `${url.pathname}${url.search}`, secret: t.headerValue, transcriptId: t.id };
}

/** POSTs a JSON webhook body to `path` with the secret header (`secret` null leaves it out). */
export function postWebhook(h: Harness, path: string, body: unknown, secret: string | null = SECRETS.webhookSecret): Promise<Response> {
  const headers: Record<string, string> = {};
  if (secret !== null) headers[WEBHOOK_SECRET_HEADER] = secret;
  return h.request(path, { method: "POST", headers, json: body });
}
