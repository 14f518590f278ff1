import { hmacSha256, verifyHmacSha256 } from "../auth/crypto.js";

/** Path of the AssemblyAI webhook route; a job's URL adds `/<signature>?job=<id>`. */
export const JOB_WEBHOOK_PATH = "/v1/webhooks/assemblyai";

/** Domain separation: this HMAC signs webhook URLs of jobs and nothing else. */
const SIGNED_PREFIX = "soap-notes/webhook/v1:";
/** The path of a job's webhook URL, signed or (jobs created before signatures) not, after any base path. */
const OUR_WEBHOOK_PATH = /\/v1\/webhooks\/assemblyai(?:\/[A-Za-z0-9_-]+)?$/;

/** The signature of job `jobId` under `secret`: base64url HMAC-SHA256 (43 characters). */
export async function jobSignature(secret: string, jobId: string): Promise<string> {
  return hmacSha256(secret, SIGNED_PREFIX + jobId);
}

/**
 * True when `signature` is job `jobId`'s under `secret`. Web Crypto's `verify` compares in constant
 * time; a signature of the wrong shape is refused before it.
 */
export async function verifyJobSignature(secret: string, jobId: string, signature: string): Promise<boolean> {
  return verifyHmacSha256(secret, SIGNED_PREFIX + jobId, signature);
}

/**
 * The webhook URL AssemblyAI calls for one job: the job's signature in the path (so that a delivery
 * seen for one job cannot be replayed for another), the job id as the last query parameter (so that
 * the URL still ends in `?job=<id>`, which is how a transcript is found for a job).
 *
 * @example
 * ```ts
 * await jobWebhookUrl("https://api.example.com", secret, "job-1");
 * // "https://api.example.com/v1/webhooks/assemblyai/3q2-…?job=job-1"
 * ```
 */
export async function jobWebhookUrl(publicBaseUrl: string, secret: string, jobId: string): Promise<string> {
  return `${publicBaseUrl}${JOB_WEBHOOK_PATH}/${await jobSignature(secret, jobId)}?job=${encodeURIComponent(jobId)}`;
}

/**
 * True when a transcript's `webhook_url` is job `jobId`'s: this API's webhook path (signed or, for
 * jobs created before signatures, not) with `job=<jobId>`. A transcript whose URL names another job,
 * or none, belongs to someone else and is never linked to, generated from or deleted for this job.
 */
export function webhookUrlNamesJob(url: string | null | undefined, jobId: string): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // PUBLIC_BASE_URL may carry a path prefix (a proxy in front of the Worker): match the end of the path.
  const ours = OUR_WEBHOOK_PATH.test(parsed.pathname);
  return ours && parsed.searchParams.getAll("job").length === 1 && parsed.searchParams.get("job") === jobId;
}
