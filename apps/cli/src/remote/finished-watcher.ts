import { NotFoundError } from "@org/soap-core";
import type { RemoteClient } from "./remote-client.js";

/** How a note ended, as the finished feed (or a lookup) tells it. */
export interface NoteOutcome {
  status: "completed" | "failed";
  failure: { code: string; reason: string } | null;
}

/** Timing of {@link FinishedWatcher}. */
export interface WatchTiming {
  /** First wait between two feed reads; also the wait after a read that found something. @default 2_000 */
  minIntervalMs: number;
  /** Longest wait between two reads while nothing finishes. @default 15_000 */
  maxIntervalMs: number;
  /** A note waited on this long without showing up in the feed is looked up by itself (then every this long). @default 600_000 */
  stragglerMs: number;
}

const DEFAULT_TIMING: WatchTiming = { minIntervalMs: 2_000, maxIntervalMs: 15_000, stragglerMs: 600_000 };

/**
 * A note failed as `transcript_create_uncertain` may still be made: the API fails the job when it cannot
 * tell whether AssemblyAI created the transcript; the transcript's webhook, if it comes, resumes it, and
 * the API's cron sweep looks the create up and sends it again when it was never made (up to 3 creates,
 * then `transcript_create_failed`). Such an outcome is final only this long after the note was submitted
 * (a few sweeps); meanwhile it is looked up every {@link UNCERTAIN_RECHECK_MS}.
 */
export const UNCERTAIN_GRACE_MS = 30 * 60_000;
/** How often a note in its uncertain grace period is looked up. */
export const UNCERTAIN_RECHECK_MS = 20_000;

/** A failure that may still turn into a note (see {@link UNCERTAIN_GRACE_MS}). */
function isUncertain(outcome: NoteOutcome): boolean {
  return outcome.status === "failed" && outcome.failure?.code === "transcript_create_uncertain";
}

interface Waiter {
  since: number;
  /** When to look the note up by id next. */
  nextLookup: number;
  resolve: (o: NoteOutcome) => void;
  reject: (err: unknown) => void;
}

interface FeedPage {
  data: { id: string; status: "completed" | "failed"; failure: { code: string; reason: string } | null }[];
  next_cursor: string | null;
}

/**
 * Waits on many notes with one request at a time, not one per note: reads `GET /v1/notes/finished` after
 * its cursor every 2 s, backing off to 15 s while nothing finishes (a 429 waits its `Retry-After` in the
 * client), and settles the waiter of every note it lists. A note it has not seen after
 * {@link WatchTiming.stragglerMs} (it finished before this run started, or a late commit was skipped) is
 * looked up with `GET /v1/notes/{id}`; a resumed run looks up each of its notes once at the start. Stops
 * (rejecting every waiter) when `signal` aborts or a read fails for good.
 */
export class FinishedWatcher {
  readonly #client: RemoteClient;
  readonly #signal: AbortSignal;
  readonly #timing: WatchTiming;
  readonly #now: () => number;
  readonly #waiters = new Map<string, Waiter>();
  /** Outcomes read before anyone waited on the note (a note of this run that finished very fast). */
  readonly #early = new Map<string, NoteOutcome>();
  #cursor: string | undefined;
  #since: number;
  #running = false;
  #wake: (() => void) | undefined;

  constructor(client: RemoteClient, signal: AbortSignal, o: { timing?: Partial<WatchTiming>; now?: () => number } = {}) {
    this.#client = client;
    this.#signal = signal;
    this.#timing = { ...DEFAULT_TIMING, ...o.timing };
    this.#now = o.now ?? Date.now;
    // Ten minutes back: this machine's clock may be behind the API's; earlier notes are looked up by id.
    this.#since = this.#now() - 600_000;
  }

  /** Resolves with the note's outcome once it finished; `lookupFirst` asks for it by id at once (a resumed note). */
  wait(noteId: string, lookupFirst = false): Promise<NoteOutcome> {
    const early = this.#early.get(noteId);
    this.#early.delete(noteId);
    // An uncertain create read before its visit waited (it was still retrying a create whose answer was
    // lost) gets its grace period like any other: looked up again soon, final only when the grace is over.
    if (early && !isUncertain(early)) return Promise.resolve(early);
    return new Promise<NoteOutcome>((resolve, reject) => {
      const now = this.#now();
      const nextLookup = lookupFirst ? now : now + (early ? UNCERTAIN_RECHECK_MS : this.#timing.stragglerMs);
      this.#waiters.set(noteId, { since: now, nextLookup, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        this.#run().catch((err: unknown) => this.#failAll(err));
      }
      if (lookupFirst) this.#wake?.();
    });
  }

  #failAll(err: unknown): void {
    for (const [id, w] of this.#waiters) {
      this.#waiters.delete(id);
      w.reject(err);
    }
    this.#running = false;
  }

  /** Settles the note's waiter; false when the outcome is not final yet (an uncertain create in its grace period). */
  #settle(id: string, outcome: NoteOutcome): boolean {
    const w = this.#waiters.get(id);
    if (w === undefined) {
      if (this.#early.size < 10_000) this.#early.set(id, outcome);
      return true;
    }
    const now = this.#now();
    if (isUncertain(outcome) && now - w.since < UNCERTAIN_GRACE_MS) {
      w.nextLookup = Math.min(w.nextLookup, now + UNCERTAIN_RECHECK_MS);
      return false;
    }
    this.#waiters.delete(id);
    w.resolve(outcome);
    return true;
  }

  async #sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const onAbort = (): void => done();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
      this.#signal.addEventListener("abort", onAbort, { once: true });
    });
    this.#wake = undefined;
  }

  async #run(): Promise<void> {
    let interval = this.#timing.minIntervalMs;
    while (this.#waiters.size > 0) {
      if (this.#signal.aborted) throw this.#signal.reason;
      const found = (await this.#readFeed()) + (await this.#lookUpStragglers());
      if (this.#waiters.size === 0) break;
      interval = found > 0 ? this.#timing.minIntervalMs : Math.min(this.#timing.maxIntervalMs, Math.round(interval * 1.5));
      await this.#sleep(interval);
    }
    this.#running = false;
  }

  async #readFeed(): Promise<number> {
    let found = 0;
    for (let page = 0; page < 50; page++) {
      const query = this.#cursor !== undefined ? `after=${encodeURIComponent(this.#cursor)}` : `since=${this.#since}`;
      const { body } = await this.#client.request<FeedPage>("GET", `/v1/notes/finished?limit=500&${query}`, { signal: this.#signal });
      for (const row of body.data) {
        const waited = this.#waiters.has(row.id);
        if (this.#settle(row.id, { status: row.status, failure: row.failure }) && waited) found++;
      }
      if (body.next_cursor !== null) this.#cursor = body.next_cursor;
      if (body.data.length < 500) break;
    }
    return found;
  }

  async #lookUpStragglers(): Promise<number> {
    const now = this.#now();
    let found = 0;
    for (const [id, w] of [...this.#waiters]) {
      if (now < w.nextLookup) continue;
      w.nextLookup = now + this.#timing.stragglerMs;
      let body: { status: string; failure: { code: string; reason: string } | null };
      try {
        ({ body } = await this.#client.request<typeof body>("GET", `/v1/notes/${encodeURIComponent(id)}`, { signal: this.#signal, operation: "GET /v1/notes/{id}" }));
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        if (this.#settle(id, { status: "failed", failure: { code: "not_found", reason: "the note is gone at the API (deleted, or its tenant offboarded)" } })) found++;
        continue;
      }
      if ((body.status === "completed" || body.status === "failed") && this.#settle(id, { status: body.status, failure: body.failure })) found++;
    }
    return found;
  }
}
