import { AbortError, TimeoutError } from "../../errors/transport-errors.js";
import { TranscriptFailedError } from "../../errors/transcript-errors.js";
import type { RequestOptions } from "../../http/client-options.js";
import { pollDelayMs, type PollBackoffOptions } from "../../internal/poll-backoff.js";
import type { SleepFn } from "../../internal/sleep.js";
import type { Transcript } from "./transcript-schemas.js";

/** What `onPoll` learns after each poll. */
export interface PollInfo {
  /** 0 for the first poll. */
  attempt: number;
  elapsedMs: number;
  /** Delay before the next poll; undefined when this poll was final. */
  nextDelayMs: number | undefined;
}

/** Options of {@link TranscriptsClient.wait}. */
export interface WaitOptions {
  /** Stops waiting (the transcript keeps processing on AssemblyAI's side). */
  signal?: AbortSignal;
  /** Overall deadline in ms; then a TimeoutError names the transcript. @default 3_600_000 */
  deadlineMs?: number;
  /** Smallest (and first) delay between polls. @default 150 */
  initialDelayMs?: number;
  /** Largest delay between polls. @default 5000 */
  maxDelayMs?: number;
  /**
   * The delay between polls is this fraction of the time waited so far (±10 % jitter), so a
   * completion is seen at most about this fraction late. @default 0.06
   */
  overshootRatio?: number;
  /** Use an exponential schedule instead: the delay grows by this factor per poll (±20 % jitter). */
  multiplier?: number;
  /** Called after every poll with the transcript as fetched. */
  onPoll?: (transcript: Transcript, info: PollInfo) => void;
  /** Per-GET timeout. */
  requestTimeoutMs?: number;
  /** Retries per GET. */
  maxRetries?: number;
  /** Sleep between polls (inject for tests). @default the client's sleep */
  sleep?: SleepFn;
  /** Clock in ms (inject for tests). @default the client's clock */
  now?: () => number;
  /** Random in [0, 1) for jitter (inject for tests). @default the client's random */
  random?: () => number;
}

/** Default overall deadline of wait(): one hour. */
export const DEFAULT_WAIT_DEADLINE_MS = 3_600_000;

/**
 * Polls `get` (every 150 ms at first, then at 6 % of the time waited, up to 5 s; see pollDelayMs) until the transcript is `completed` (returned) or
 * `error` (TranscriptFailedError), the deadline passes (TimeoutError with `transcriptId`) or the
 * signal aborts (AbortError).
 */
export async function waitForTranscript(
  id: string,
  get: (id: string, o: RequestOptions) => Promise<Transcript>,
  o: WaitOptions & { sleep: SleepFn; now: () => number; random: () => number },
): Promise<Transcript> {
  const deadlineMs = o.deadlineMs ?? DEFAULT_WAIT_DEADLINE_MS;
  const start = o.now();
  const backoff: PollBackoffOptions = { random: o.random };
  if (o.initialDelayMs !== undefined) backoff.initialMs = o.initialDelayMs;
  if (o.maxDelayMs !== undefined) backoff.maxMs = o.maxDelayMs;
  if (o.multiplier !== undefined) backoff.multiplier = o.multiplier;
  if (o.overshootRatio !== undefined) backoff.overshootRatio = o.overshootRatio;
  for (let attempt = 0; ; attempt++) {
    const request: RequestOptions = {};
    if (o.signal) request.signal = o.signal;
    if (o.requestTimeoutMs !== undefined) request.timeoutMs = o.requestTimeoutMs;
    if (o.maxRetries !== undefined) request.maxRetries = o.maxRetries;
    const transcript = await get(id, request);
    const elapsedMs = o.now() - start;
    const final = transcript.status === "completed" || transcript.status === "error";
    const remaining = deadlineMs - elapsedMs;
    const nextDelayMs = final || remaining <= 0
      ? undefined
      : Math.min(
          remaining,
          pollDelayMs(attempt, elapsedMs, backoff),
        );
    o.onPoll?.(transcript, { attempt, elapsedMs, nextDelayMs });
    if (transcript.status === "completed") return transcript;
    if (transcript.status === "error") {
      throw new TranscriptFailedError(transcript.id, transcript.error ?? "AssemblyAI gave no reason");
    }
    if (nextDelayMs === undefined) {
      throw new TimeoutError(
        `Transcript ${id} was still ${transcript.status} after ${elapsedMs} ms (deadline ${deadlineMs} ms). ` +
          "It keeps processing: call wait() again or get() it later.",
        { transcriptId: id, lastStatus: transcript.status },
      );
    }
    try {
      await o.sleep(nextDelayMs, o.signal);
    } catch (err) {
      throw new AbortError(`Waiting for transcript ${id} was aborted.`, { cause: err });
    }
  }
}
