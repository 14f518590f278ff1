import { z } from "zod";
import type { NoteJobMessage } from "../jobs/note-job-message.js";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
  .transform((v) => v.replace(/\/+$/, ""));

const flag = (fallback: "true" | "false") =>
  z.preprocess(emptyToUndefined, z.enum(["true", "false"], 'must be "true" or "false"').default(fallback));

const count = (fallback: number, max: number, what: string) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number(`must be a whole number of ${what}`)
      .int(`must be a whole number of ${what}`)
      .positive("must be at least 1")
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

/** Defaults of the per-tenant limits (see the README's configuration table). */
export const LIMIT_DEFAULTS = {
  createsPerMinute: 10,
  createsPerDay: 500,
  maxInFlight: 20,
  maxAudioMinutes: 120,
} as const;

/**
 * The Worker's bindings as zod reads them (one field per binding; checks that span several bindings
 * live in `deployment-rules.ts`).
 */
export const bindingsSchema = z.object({
  DB: z.custom<D1Database>((v) => typeof (v as D1Database | undefined)?.prepare === "function", "D1 binding missing"),
  NOTE_JOBS: z.custom<Queue<NoteJobMessage>>(
    (v) => typeof (v as Queue | undefined)?.send === "function",
    "queue producer binding missing",
  ),
  IP_RATE_LIMITER: z.custom<RateLimit>(
    (v) => typeof (v as RateLimit | undefined)?.limit === "function",
    'rate limiting binding missing (wrangler.jsonc "ratelimits")',
  ),
  ASSEMBLYAI_API_KEY: z.string("secret missing").min(1, "secret missing"),
  WEBHOOK_SECRET: z.string("secret missing").min(16, "must be at least 16 characters"),
  // The secret before a rotation: webhooks of transcripts created with it are still accepted (job lifecycle).
  WEBHOOK_SECRET_PREVIOUS: z.preprocess(emptyToUndefined, z.string().min(16, "must be at least 16 characters (or empty: no rotation under way)").optional()),
  // Hours after a note is completed (or a job failed) until its transcript is deleted at AssemblyAI; empty keeps it.
  RETENTION_HOURS: z.preprocess(emptyToUndefined, z.coerce.number("must be a number of hours").min(0, "must not be negative (0 deletes as soon as the note is stored)").max(8784, "must be at most 8784 (one year)").optional()),
  PUBLIC_BASE_URL: httpUrl,
  // Signs the short-lived review page links (POST /v1/notes/{id}/review-link); empty: review links are off.
  REVIEW_LINK_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters (or empty: review links off)").optional()),
  SOAP_CONFIG: z.string().default("{}"),
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(100_000).default(120)),
  TENANT_CREATES_PER_MINUTE: count(LIMIT_DEFAULTS.createsPerMinute, 10_000, "requests"),
  TENANT_CREATES_PER_DAY: count(LIMIT_DEFAULTS.createsPerDay, 1_000_000, "requests"),
  TENANT_MAX_IN_FLIGHT: count(LIMIT_DEFAULTS.maxInFlight, 10_000, "jobs"),
  MAX_AUDIO_MINUTES: count(LIMIT_DEFAULTS.maxAudioMinutes, 600, "minutes"),
  ENFORCE_REDACTION: flag("true"),
  DEVELOPMENT_MODE: flag("false"),
  ASSEMBLYAI_BASE_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
  ASSEMBLYAI_GATEWAY_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
  HTTP_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number("must be a number of seconds").positive("must be positive").max(900, "must be at most 900 (a queue consumer's wall time is 15 minutes)").optional()),
  CHAT_TIMEOUT_PER_TOKEN_MS: z.preprocess(emptyToUndefined, z.coerce.number("must be a number of milliseconds").min(0, "must not be negative").max(1000, "must be at most 1000").optional()),
  RETRY_CHAT_ON_TIMEOUT: flag("false"),
});

/** The parsed bindings. */
export type Bindings = z.infer<typeof bindingsSchema>;
