import { AbortError } from "../errors/transport-errors.js";
import { defaultSleep, type SleepFn } from "../internal/sleep.js";
import { RankedQueue, type Ranked } from "./ranked-queue.js";

/** AssemblyAI's documented account limit: 20,000 requests per 5 minutes. */
export const ASSEMBLYAI_REQUEST_LIMIT = { maxRequests: 20_000, windowMs: 300_000 } as const;

/** Default budget: 10 % under the account limit, so other tools on the same key keep some room. */
export const DEFAULT_MAX_REQUESTS_PER_5_MIN = 18_000;

/** Options of {@link PollBudget}. */
export interface PollBudgetOptions {
  /** Most requests in any window of `windowMs`. @default 18_000 */
  maxRequests?: number;
  /** @default 300_000 (5 minutes) */
  windowMs?: number;
  /**
   * Share of `maxRequests` that may go in one burst (the bucket's size); the rest refills evenly
   * over the window, so no window ever holds more than `maxRequests`. @default 0.1
   */
  burstShare?: number;
  /** @default Date.now */
  clock?: () => number;
  /** Waits for the next token. @default setTimeout-based */
  sleep?: SleepFn;
}

/** What a {@link PollBudget} has done. */
export interface PollBudgetStats {
  /** Tokens handed out (requests let through). */
  granted: number;
  /** Of those, the ones that had to wait for a token. */
  delayed: number;
  /** Longest wait for a token, in ms. */
  maxWaitMs: number;
}

interface Waiter extends Ranked {
  since: number;
  grant: () => void;
  fail: (err: unknown) => void;
}

function positiveNumber(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be a positive number, got ${value}`);
  return value;
}

/**
 * A token bucket under an account's request limit, shared by every visit of one API key in one
 * process. Holds `burstShare × maxRequests` tokens and refills the rest evenly over `windowMs`, so
 * the requests let through in ANY window of `windowMs` never exceed `maxRequests`. While tokens are
 * plentiful a request passes at once (a single visit polls exactly as fast as without a budget);
 * when they are scarce, waiters go by rank (lowest first), then arrival.
 *
 * @example
 * ```ts
 * const budget = new PollBudget({ maxRequests: 18_000 });
 * await budget.take(rank, signal); // then send the request
 * ```
 */
export class PollBudget {
  /** Tokens the bucket holds when full. */
  readonly capacity: number;
  /** Tokens added per ms. */
  readonly refillPerMs: number;
  readonly maxRequests: number;
  readonly windowMs: number;
  readonly #clock: () => number;
  readonly #sleep: SleepFn;
  readonly #queue = new RankedQueue<Waiter>();
  #tokens: number;
  #at: number;
  #seq = 0;
  #pumping = false;
  readonly #stats: PollBudgetStats = { granted: 0, delayed: 0, maxWaitMs: 0 };

  constructor(options: PollBudgetOptions = {}) {
    this.maxRequests = Math.floor(positiveNumber(options.maxRequests ?? DEFAULT_MAX_REQUESTS_PER_5_MIN, "maxRequests"));
    this.windowMs = positiveNumber(options.windowMs ?? ASSEMBLYAI_REQUEST_LIMIT.windowMs, "windowMs");
    const share = options.burstShare ?? 0.1;
    if (!(share > 0 && share < 1)) throw new RangeError(`burstShare must be between 0 and 1 (exclusive), got ${share}`);
    if (this.maxRequests < 2) throw new RangeError(`maxRequests must be at least 2, got ${this.maxRequests}`);
    this.capacity = Math.max(1, Math.floor(this.maxRequests * share));
    this.refillPerMs = (this.maxRequests - this.capacity) / this.windowMs;
    this.#clock = options.clock ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#tokens = this.capacity;
    this.#at = this.#clock();
  }

  /** Requests waiting for a token. */
  get waiting(): number {
    return this.#queue.size;
  }

  /** A copy of the counters. */
  stats(): PollBudgetStats {
    return { ...this.#stats };
  }

  /**
   * Resolves when the request may be sent (one token spent); rejects with AbortError when `signal`
   * aborts first (no token spent). Lower `rank` goes first when tokens are scarce.
   */
  take(rank = 0, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortError("Aborted while waiting for the request budget.", { cause: signal.reason }));
    this.#refill();
    if (this.#queue.size === 0 && this.#tokens >= 1) {
      this.#tokens -= 1;
      this.#stats.granted++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.#queue.remove(waiter)) reject(new AbortError("Aborted while waiting for the request budget.", { cause: signal?.reason }));
      };
      const waiter: Waiter = {
        rank,
        seq: this.#seq++,
        since: this.#clock(),
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        fail: (err) => {
          signal?.removeEventListener("abort", onAbort);
          reject(err);
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      void this.#pump();
    });
  }

  #refill(): void {
    const now = this.#clock();
    if (now > this.#at) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#at) * this.refillPerMs);
      this.#at = now;
    }
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.size > 0) {
        this.#refill();
        while (this.#tokens >= 1 && this.#queue.size > 0) {
          const next = this.#queue.shift() as Waiter;
          this.#tokens -= 1;
          this.#stats.granted++;
          this.#stats.delayed++;
          this.#stats.maxWaitMs = Math.max(this.#stats.maxWaitMs, this.#clock() - next.since);
          next.grant();
        }
        if (this.#queue.size === 0) break;
        await this.#sleep(Math.max(1, Math.ceil((1 - this.#tokens) / this.refillPerMs)));
      }
    } catch (err) {
      // The injected sleep failed: nobody would wake the waiters, so fail them with its error.
      for (let w = this.#queue.shift(); w; w = this.#queue.shift()) w.fail(err);
    } finally {
      this.#pumping = false;
    }
  }
}
