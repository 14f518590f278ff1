import type { GatedRequest, RequestGate } from "../http/request-gate.js";
import { PollBudget, type PollBudgetOptions, type PollBudgetStats } from "./poll-budget.js";
import { REQUEST_STAGES, polledTranscriptId, requestStage, type RequestStage } from "./request-stage.js";
import { StageLimiter } from "./stage-limiter.js";
import type { TranscriptionSlots } from "../visit/visit-ports.js";

/** Options of {@link BatchScheduler}. */
export interface BatchSchedulerOptions {
  /** The user's concurrency: requests in flight per stage, unless `stages` says otherwise. */
  concurrency: number;
  /** Requests in flight per stage, overriding `concurrency` stage by stage. */
  stages?: Partial<Record<RequestStage, number>> | undefined;
  /** Transcriptions in progress at once (runVisit's `transcriptionSlots`). @default concurrency */
  transcriptions?: number | undefined;
  /** Visits in progress at once (see {@link visitsInFlightFor}). @default 2 × concurrency */
  visitsInFlight?: number | undefined;
  /**
   * The request budget: options for a new {@link PollBudget}, one to share (one per API key and
   * process), or `false` for none. @default a new budget of 18,000 requests per 5 minutes
   */
  budget?: PollBudgetOptions | PollBudget | false | undefined;
  /**
   * Largest head start a status poll gets for belonging to an older transcript (expected to finish
   * sooner). Bounds how long any poll can be passed over. @default 5000
   */
  maxPollHeadStartMs?: number | undefined;
  /** @default Date.now */
  clock?: (() => number) | undefined;
}

/** What a {@link BatchScheduler} let through. */
export interface BatchSchedulerStats {
  /** Requests (attempts) let through, per stage. */
  requests: Record<RequestStage, number>;
  /** Most requests in flight at once, per stage. */
  peakActive: Record<RequestStage, number>;
  budget: PollBudgetStats | undefined;
}

/** Default head start of an old transcript's poll: one longest poll interval. */
export const DEFAULT_MAX_POLL_HEAD_START_MS = 5000;

/** Bound on remembered transcript ids (first poll times); the oldest is forgotten first. */
const MAX_TRACKED_TRANSCRIPTS = 10_000;

/**
 * Visits a batch keeps in progress for a concurrency `c`: `2c`. Each stage holds at most `c`
 * requests; a visit holds a stage slot only while its request is in flight, so with `2c` visits in
 * progress there is a next visit ready for every slot another visit leaves to wait (for its
 * transcript, a `Retry-After`, its next poll). More would only queue at AssemblyAI and add polls.
 *
 * @example
 * ```ts
 * visitsInFlightFor(8); // 16
 * ```
 */
export function visitsInFlightFor(concurrency: number): number {
  return Math.max(1, Math.floor(concurrency)) * 2;
}

function positiveInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer, got ${value}`);
  return value;
}

/**
 * The batch scheduler of core: a {@link RequestGate} for the clients (`createClients({ gate })`)
 * that limits each stage (uploads, creates, polls, chats, other) to its own number of requests in
 * flight and spends one token of the shared {@link PollBudget} per request. A visit holds a slot
 * only while its request is on the wire: its `Retry-After` waits, poll intervals and transcription
 * time are spent outside every slot, so the slots stay busy with other visits.
 *
 * Order when requests must wait (a slot or a token): gateway calls first (they finish visits), then
 * status polls, older transcripts first (with similar audio, the one created first is expected to
 * finish first) but by at most `maxPollHeadStartMs`, so no poll waits behind newer ones forever;
 * then uploads, creates and the rest, in arrival order.
 *
 * @example
 * ```ts
 * const scheduler = new BatchScheduler({ concurrency: 8, budget: { maxRequests: 18_000 } });
 * const clients = createClients({ apiKey, gate: scheduler });
 * const { transcriptionSlots } = scheduler;
 * await forEachWithLimit(visits, scheduler.visitsInFlight, (v) => runVisit(v, { ...clients, plan, transcriptionSlots }));
 * ```
 */
export class BatchScheduler implements RequestGate {
  readonly concurrency: number;
  readonly visitsInFlight: number;
  readonly budget: PollBudget | undefined;
  /**
   * For runVisit's `transcriptionSlots`: at most `transcriptions` (default `concurrency`) transcripts
   * in progress, each held from its create to the end of its wait. Upload and chat slots are free
   * meanwhile, so the next visits upload while these transcribe.
   */
  readonly transcriptionSlots: TranscriptionSlots;
  readonly #transcriptions: StageLimiter;
  readonly #stages: Record<RequestStage, StageLimiter>;
  readonly #requests: Record<RequestStage, number>;
  readonly #firstPoll = new Map<string, number>();
  readonly #headStartMs: number;
  readonly #clock: () => number;

  constructor(options: BatchSchedulerOptions) {
    this.concurrency = positiveInt(options.concurrency, "concurrency");
    this.visitsInFlight = positiveInt(options.visitsInFlight ?? visitsInFlightFor(this.concurrency), "visitsInFlight");
    this.#clock = options.clock ?? Date.now;
    this.#headStartMs = Math.max(0, options.maxPollHeadStartMs ?? DEFAULT_MAX_POLL_HEAD_START_MS);
    const stages = {} as Record<RequestStage, StageLimiter>;
    const requests = {} as Record<RequestStage, number>;
    for (const s of REQUEST_STAGES) {
      stages[s] = new StageLimiter(positiveInt(options.stages?.[s] ?? this.concurrency, `stages.${s}`));
      requests[s] = 0;
    }
    this.#stages = stages;
    const transcriptions = new StageLimiter(positiveInt(options.transcriptions ?? this.concurrency, "transcriptions"));
    this.#transcriptions = transcriptions;
    this.transcriptionSlots = { acquire: (signal) => transcriptions.acquire(0, signal) };
    this.#requests = requests;
    const budget = options.budget ?? {};
    this.budget = budget === false ? undefined : budget instanceof PollBudget ? budget : new PollBudget({ clock: this.#clock, ...budget });
  }

  /** Waits for the request's stage slot, then for a budget token; resolves with the slot's release. */
  async acquire(request: GatedRequest, signal: AbortSignal | undefined): Promise<() => void> {
    const stage = requestStage(request);
    const rank = this.#rank(stage, request);
    const release = await this.#stages[stage].acquire(rank, signal);
    try {
      // The token is taken with the slot held, right before sending: the budget counts sends.
      await this.budget?.take(rank, signal);
    } catch (err) {
      release();
      throw err;
    }
    this.#requests[stage]++;
    return release;
  }

  /** Limit of one stage. */
  limitOf(stage: RequestStage): number {
    return this.#stages[stage].limit;
  }

  /** Transcriptions in progress right now, and the most seen at once. */
  transcriptionsInProgress(): { active: number; peak: number; limit: number } {
    const t = this.#transcriptions;
    return { active: t.active, peak: t.peak, limit: t.limit };
  }

  /** Counters so far. */
  stats(): BatchSchedulerStats {
    const peakActive = {} as Record<RequestStage, number>;
    for (const s of REQUEST_STAGES) peakActive[s] = this.#stages[s].peak;
    return { requests: { ...this.#requests }, peakActive, budget: this.budget?.stats() };
  }

  /** Lower goes first. */
  #rank(stage: RequestStage, request: GatedRequest): number {
    const now = this.#clock();
    if (stage === "chat") return now - 2 * this.#headStartMs;
    if (stage !== "poll") return now;
    const id = polledTranscriptId(request.url);
    if (id === undefined) return now;
    let first = this.#firstPoll.get(id);
    if (first === undefined) {
      first = now;
      this.#firstPoll.set(id, now);
      if (this.#firstPoll.size > MAX_TRACKED_TRANSCRIPTS) this.#firstPoll.delete(this.#firstPoll.keys().next().value as string);
    }
    return now - Math.min(this.#headStartMs, now - first);
  }
}
