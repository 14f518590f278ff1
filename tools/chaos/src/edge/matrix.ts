import type { FaultKind, FaultSpec, RouteName } from "@org/soap-sandbox";
import { pick, SEED, seededRandom } from "./seeded.js";

/**
 * The sandbox routes the edge API calls (it takes an audio_url: no upload; no speaker identification).
 * `models`: core's gateway client checks the model against GET /v1/models once per client, before its first chat.
 */
export type CalledRoute = "create" | "get" | "chat" | "models" | "delete" | "webhook";

/** Sandbox routes the edge API never calls, and why (a test checks that it really does not). */
export const ROUTES_NOT_CALLED: Record<Exclude<RouteName, CalledRoute>, string> = {
  upload: "the API takes an audio_url; it never uploads audio",
  list: "listed only after a lost create (a fault pair, not one fault): lost create + failing lookup is tested in apps/edge-api/test/webhook.test.ts",
  sentences: "notes are made from the transcript's words, not its sentences",
  paragraphs: "notes are made from the transcript's words, not its paragraphs",
  redacted_audio: "the API never fetches redacted audio",
  word_search: "the API never searches transcripts",
  subtitles: "the API never exports captions",
  understanding: "the API does not ask the gateway for speaker roles",
};

/** What a cell drives: the whole note flow, a DELETE of a completed note, or a section regenerate. */
export type Surface = "flow" | "delete" | "regenerate";

/** How a cell must end. `survived`: the work got done; `failed`: it failed typed and clean. */
export type Expectation =
  | {
      end: "completed";
      /** The create's answer when it is not 202 (the uncertain create that the webhook resumes). */
      createAnswer?: { status: number; code: string; phrase: string };
      /** Queue deliveries of the job (1 = no retry). @default 1 */
      attempts?: number;
      /** Retry-After (ms) the queue delay must honour. */
      retryAfterMs?: number;
      /** A warning code the note must carry. */
      warning?: string;
      /** Also run a second note alongside (out-of-order webhooks). */
      bystander?: boolean;
    }
  | {
      end: "failed";
      createAnswer?: { status: number; code: string; phrase: string };
      failure: { code: string; phrase: string };
      /** Queue deliveries of the job (0 when it never reached the queue). */
      attempts: number;
      transcriptsCreated: 0 | 1;
    }
  | { end: "deleted" }
  | {
      /**
       * DELETE answered `202 deleting` (AssemblyAI could not delete the transcript at once): the note is
       * gone here at once; the sweeper deletes the transcript once AssemblyAI answers again (never given up).
       */
      end: "deleting-then-purged";
      /** The fault lasts until cleared: a sweep meanwhile must keep the purge pending, not drop it. */
      faultLasts: boolean;
    }
  | { end: "regenerated" }
  | { end: "unchanged"; answer: { status: number; code: string; phrase: string } };

/** One cell: a fault on a route, what it drives, how it must end. */
export interface Cell {
  label: string;
  surface: Surface;
  fault: Omit<FaultSpec, "route" | "kind">;
  expect: Expectation;
}

/** A fault kind that cannot fire on a route, with the reason. */
export interface NotApplicable {
  na: string;
}

// Seed-derived choices, named in the test titles.
const random = seededRandom(SEED);
const status5xx = (): 500 | 502 | 503 | 504 => pick(random, [500, 502, 503, 504] as const);
/** A cell whose label and fault share one seed-chosen 5xx status. */
const with5xx = (make: (s: 500 | 502 | 503 | 504) => Cell): Cell => make(status5xx());
/**
 * The same among the 5xx after which AssemblyAI may have created the transcript: a 503 is "certainly
 * not processed" (core resends it), so it has its own create cell.
 */
const withUncertain5xx = (make: (s: 500 | 502 | 504) => Cell): Cell => make(pick(random, [500, 502, 504] as const));
export const CHOICES = {
  jitter: Math.round(random() * 100) / 100,
  retryAfterSeconds: 1 + Math.floor(random() * 60),
  outOfOrderDelayMs: 1_000 + Math.floor(random() * 30_000),
};

const UNCERTAIN = { status: 502, code: "transcript_create_uncertain", phrase: "was not sent again" };
const chatOnly = { na: "a chat-answer fault: only the gateway's chat route applies it" };
const createOnly = { na: "transcript_error is decided when the transcript is created" };
const webhookOnly = { na: "a webhook-delivery fault: only AssemblyAI's webhooks apply it" };
const EXHAUSTED = { code: "retries_exhausted", phrase: "after 5 attempts" };

const once = (fault: Cell["fault"] = {}): Cell["fault"] => ({ times: 1, ...fault });

/**
 * The fault matrix: every fault kind on every route the edge API calls. Typed so that a new route or
 * fault kind without an entry does not compile; fault-matrix.chaos.test.ts checks it at run time too.
 */
export const MATRIX: Record<CalledRoute, Record<FaultKind, readonly Cell[] | NotApplicable>> = {
  create: {
    status: [
      { label: "429 once: core retries the create", surface: "flow", fault: once({ status: 429, retryAfterSeconds: 1 }), expect: { end: "completed" } },
      {
        label: "429 on every try: rejected, job failed",
        surface: "flow",
        fault: { status: 429, retryAfterSeconds: 1 },
        expect: { end: "failed", createAnswer: { status: 502, code: "transcript_create_failed", phrase: "HTTP 429" }, failure: { code: "transcript_create_failed", phrase: "rejected the transcript" }, attempts: 0, transcriptsCreated: 0 },
      },
      { label: "503 once: not processed, core resends the create", surface: "flow", fault: once({ status: 503 }), expect: { end: "completed" } },
      withUncertain5xx((s) => ({
        label: `${s} before the create: uncertain, sent again once by the sweep`,
        surface: "flow",
        fault: once({ status: s }),
        // Never sent again by the request; the sweep's look-up shows it was never made and sends it once.
        expect: { end: "completed", createAnswer: UNCERTAIN },
      })),
      withUncertain5xx((s) => ({ label: `${s} after the create: core's lookup finds it, no second transcript`, surface: "flow", fault: once({ status: s, after: true }), expect: { end: "completed" } })),
    ],
    reset: [
      { label: "reset before: uncertain, sent again once by the sweep", surface: "flow", fault: once(), expect: { end: "completed", createAnswer: UNCERTAIN } },
      { label: "reset after: core's lookup finds it, no second transcript", surface: "flow", fault: once({ after: true }), expect: { end: "completed" } },
    ],
    hang: [
      { label: "hang before: uncertain, sent again once by the sweep", surface: "flow", fault: once(), expect: { end: "completed", createAnswer: UNCERTAIN } },
      { label: "hang after: core's lookup finds it, no second transcript", surface: "flow", fault: once({ after: true }), expect: { end: "completed" } },
    ],
    // A 200 whose body did not validate is a ResponseValidationError, not an uncertain create: core does not look it up.
    malformed_json: [{ label: "truncated answer: its webhook resumes the job", surface: "flow", fault: once(), expect: { end: "completed", createAnswer: UNCERTAIN } }],
    transcript_error: [
      {
        label: "transcript ends in error: failed with AssemblyAI's reason",
        surface: "flow",
        fault: once({ message: "Download error: chaos media host answered 404" }),
        expect: { end: "failed", failure: { code: "transcription_failed", phrase: "chaos media host answered 404" }, attempts: 1, transcriptsCreated: 1 },
      },
    ],
    duplicate_webhook: webhookOnly,
    out_of_order_webhook: webhookOnly,
    invented_quote: chatOnly,
    missing_section: chatOnly,
    schema_violation: chatOnly,
  },
  get: {
    status: [
      { label: `429 once (Retry-After ${CHOICES.retryAfterSeconds}s): queue retry honours it`, surface: "flow", fault: once({ status: 429, retryAfterSeconds: CHOICES.retryAfterSeconds }), expect: { end: "completed", attempts: 2, retryAfterMs: CHOICES.retryAfterSeconds * 1000 } },
      with5xx((s) => ({ label: `${s} once: queue retry`, surface: "flow", fault: once({ status: s }), expect: { end: "completed", attempts: 2 } })),
      with5xx((s) => ({ label: `${s} always: retries exhausted`, surface: "flow", fault: { status: s }, expect: { end: "failed", failure: EXHAUSTED, attempts: 5, transcriptsCreated: 1 } })),
      with5xx((s) => ({ label: `${s} always during a regenerate: 502, note unchanged`, surface: "regenerate", fault: { status: s }, expect: { end: "unchanged", answer: { status: 502, code: "upstream_error", phrase: "AssemblyAI request failed" } } })),
    ],
    reset: [
      { label: "reset once: queue retry", surface: "flow", fault: once(), expect: { end: "completed", attempts: 2 } },
      { label: "reset always during a regenerate: 502, note unchanged", surface: "regenerate", fault: {}, expect: { end: "unchanged", answer: { status: 502, code: "upstream_error", phrase: "could not connect" } } },
    ],
    hang: [{ label: "hang once: queue retry", surface: "flow", fault: once(), expect: { end: "completed", attempts: 2 } }],
    malformed_json: [{ label: "truncated answer once: queue retry", surface: "flow", fault: once(), expect: { end: "completed", attempts: 2 } }],
    transcript_error: createOnly,
    duplicate_webhook: webhookOnly,
    out_of_order_webhook: webhookOnly,
    invented_quote: chatOnly,
    missing_section: chatOnly,
    schema_violation: chatOnly,
  },
  chat: {
    status: [
      { label: `429 once (Retry-After ${CHOICES.retryAfterSeconds}s): queue retry honours it`, surface: "flow", fault: once({ status: 429, retryAfterSeconds: CHOICES.retryAfterSeconds }), expect: { end: "completed", attempts: 2, retryAfterMs: CHOICES.retryAfterSeconds * 1000 } },
      with5xx((s) => ({ label: `${s} once: queue retry`, surface: "flow", fault: once({ status: s }), expect: { end: "completed", attempts: 2 } })),
      with5xx((s) => ({ label: `${s} always: retries exhausted`, surface: "flow", fault: { status: s }, expect: { end: "failed", failure: EXHAUSTED, attempts: 5, transcriptsCreated: 1 } })),
      with5xx((s) => ({ label: `${s} once during a regenerate: core retries`, surface: "regenerate", fault: once({ status: s }), expect: { end: "regenerated" } })),
      with5xx((s) => ({ label: `${s} always during a regenerate: 502, note unchanged`, surface: "regenerate", fault: { status: s }, expect: { end: "unchanged", answer: { status: 502, code: "upstream_error", phrase: "AssemblyAI request failed" } } })),
    ],
    reset: [{ label: "reset once: queue retry", surface: "flow", fault: once(), expect: { end: "completed", attempts: 2 } }],
    hang: [{ label: "hang once: queue retry", surface: "flow", fault: once(), expect: { end: "completed", attempts: 2 } }],
    malformed_json: [{ label: "truncated answer once: queue retry", surface: "flow", fault: once(), expect: { end: "completed", attempts: 2 } }],
    transcript_error: createOnly,
    duplicate_webhook: webhookOnly,
    out_of_order_webhook: webhookOnly,
    invented_quote: [{ label: "a quote not in the transcript: flagged", surface: "flow", fault: {}, expect: { end: "completed", warning: "unsupported_quote" } }],
    missing_section: [
      { label: "plan left out once: the repair retry fixes it", surface: "flow", fault: once({ section: "plan" }), expect: { end: "completed", warning: "repair_retry" } },
      { label: "plan left out always: retries exhausted", surface: "flow", fault: { section: "plan" }, expect: { end: "failed", failure: EXHAUSTED, attempts: 5, transcriptsCreated: 1 } },
    ],
    schema_violation: [
      { label: "schema broken once: the repair retry fixes it", surface: "flow", fault: once(), expect: { end: "completed", warning: "repair_retry" } },
      { label: "schema broken always: retries exhausted", surface: "flow", fault: {}, expect: { end: "failed", failure: EXHAUSTED, attempts: 5, transcriptsCreated: 1 } },
      { label: "schema broken always during a regenerate: 502, note unchanged", surface: "regenerate", fault: {}, expect: { end: "unchanged", answer: { status: 502, code: "upstream_error", phrase: "schema" } } },
    ],
  },
  // The model check is advisory: when the model list cannot be had, the chat goes out unchecked and the gateway decides.
  models: {
    status: [
      with5xx((s) => ({ label: `${s} always: the check is skipped, the note is made`, surface: "flow", fault: { status: s }, expect: { end: "completed" } })),
      { label: "429 always: the check is skipped, the note is made", surface: "flow", fault: { status: 429, retryAfterSeconds: 1 }, expect: { end: "completed" } },
    ],
    reset: [{ label: "reset always: the check is skipped, the note is made", surface: "flow", fault: {}, expect: { end: "completed" } }],
    hang: [{ label: "hang once: the check gives up at its timeout, the note is made", surface: "flow", fault: once(), expect: { end: "completed" } }],
    malformed_json: [{ label: "truncated list always: the check is skipped, the note is made", surface: "flow", fault: {}, expect: { end: "completed" } }],
    transcript_error: createOnly,
    duplicate_webhook: webhookOnly,
    out_of_order_webhook: webhookOnly,
    invented_quote: chatOnly,
    missing_section: chatOnly,
    schema_violation: chatOnly,
  },
  delete: {
    status: [
      { label: "429 once: core retries the delete", surface: "delete", fault: once({ status: 429, retryAfterSeconds: 1 }), expect: { end: "deleted" } },
      with5xx((s) => ({ label: `${s} once: core retries the delete`, surface: "delete", fault: once({ status: s }), expect: { end: "deleted" } })),
      with5xx((s) => ({ label: `${s} always: 202 deleting, note gone at once, transcript purged by the sweeper`, surface: "delete", fault: { status: s }, expect: { end: "deleting-then-purged", faultLasts: true } })),
    ],
    reset: [{ label: "reset once: core retries the delete", surface: "delete", fault: once(), expect: { end: "deleted" } }],
    hang: [{ label: "hang once: core retries the delete", surface: "delete", fault: once(), expect: { end: "deleted" } }],
    // AssemblyAI did delete it but its answer did not validate: 202 deleting, and the sweeper's repeat confirms it.
    malformed_json: [
      { label: "truncated answer once: 202 deleting, note gone at once, the sweeper confirms the purge", surface: "delete", fault: once(), expect: { end: "deleting-then-purged", faultLasts: false } },
    ],
    transcript_error: createOnly,
    duplicate_webhook: webhookOnly,
    out_of_order_webhook: webhookOnly,
    invented_quote: chatOnly,
    missing_section: chatOnly,
    schema_violation: chatOnly,
  },
  webhook: {
    status: [
      with5xx((s) => ({ label: `Worker answer replaced by ${s} before it ran: AssemblyAI retries`, surface: "flow", fault: once({ status: s }), expect: { end: "completed" } })),
      with5xx((s) => ({ label: `Worker answer replaced by ${s} after it ran: the retry is a duplicate`, surface: "flow", fault: once({ status: s, after: true }), expect: { end: "completed" } })),
      { label: "Worker answer replaced by 429 (final for AssemblyAI): the sweep recovers the job", surface: "flow", fault: once({ status: 429 }), expect: { end: "completed" } },
      with5xx((s) => ({ label: `every webhook try fails (${s}): the sweep recovers the job`, surface: "flow", fault: { status: s }, expect: { end: "completed" } })),
    ],
    reset: [
      { label: "reset before the Worker: AssemblyAI retries", surface: "flow", fault: once(), expect: { end: "completed" } },
      { label: "reset after the Worker ran: the retry is a duplicate", surface: "flow", fault: once({ after: true }), expect: { end: "completed" } },
    ],
    hang: [
      { label: "no answer in time, Worker never reached: AssemblyAI retries", surface: "flow", fault: once(), expect: { end: "completed" } },
      { label: "no answer in time after the Worker ran: the retry is a duplicate", surface: "flow", fault: once({ after: true }), expect: { end: "completed" } },
    ],
    malformed_json: [{ label: "garbled answer body: only the status counts", surface: "flow", fault: once(), expect: { end: "completed" } }],
    duplicate_webhook: [{ label: "delivered twice: one generation", surface: "flow", fault: once(), expect: { end: "completed" } }],
    out_of_order_webhook: [
      { label: `held back ${CHOICES.outOfOrderDelayMs} ms behind another note's: each note gets its own transcript`, surface: "flow", fault: once({ delayMs: CHOICES.outOfOrderDelayMs }), expect: { end: "completed", bystander: true } },
    ],
    transcript_error: createOnly,
    invented_quote: chatOnly,
    missing_section: chatOnly,
    schema_violation: chatOnly,
  },
};
