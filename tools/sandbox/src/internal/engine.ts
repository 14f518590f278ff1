import { randomId } from "./crypto.js";
import { Counters } from "./counters.js";
import { FaultPlan } from "./faults.js";
import { FixtureIndex, resolveAudio } from "./audio-resolve.js";
import type { ResolvedOptions } from "./options.js";
import { seededRandom, type Random } from "./random.js";
import { detectLanguage, languageThresholdError } from "./language-detection.js";
import { renderTranscript } from "./render.js";
import { renderOptionsOf } from "./render-options.js";
import { emptyState, type SandboxState, type StoredTranscript, type StoredUpload } from "./state.js";
import type { TranscriptParams } from "./transcript-params.js";
import { WebhookQueue } from "./webhooks.js";

/** The message a job failed by the `transcript_error` fault carries by default. */
export const INJECTED_ERROR_MESSAGE = "Transcoding failed. Injected by the soap-notes sandbox fault plan (transcript_error).";

/** State, clock-driven lifecycle and webhooks of one sandbox instance. */
export class Engine {
  readonly options: ResolvedOptions;
  readonly state: SandboxState = emptyState();
  readonly counters = new Counters();
  readonly faults: FaultPlan;
  readonly random: Random;
  readonly fixtures: FixtureIndex;
  readonly webhooks: WebhookQueue;
  #timer: unknown = null;
  #timerAt: number | null = null;
  #hangs = new Set<() => void>();

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.random = seededRandom(options.seed);
    this.faults = new FaultPlan(this.random);
    this.fixtures = new FixtureIndex(options.fixtures);
    this.webhooks = new WebhookQueue(this);
  }

  now(): number {
    return this.options.clock.now();
  }

  /** Records an upload by its digest and size (the bytes themselves are never kept). */
  createUpload(owner: string, content: { sha256: string; size: number }): StoredUpload {
    const upload: StoredUpload = { id: randomId(), owner, sha256: content.sha256, size: content.size, createdAt: this.now(), deleted: false };
    this.state.uploads.set(upload.id, upload);
    this.counters.uploads++;
    return upload;
  }

  /** Creates a job; returns "forbidden" when audio_url is another key's upload. */
  createTranscript(owner: string, origin: string, params: TranscriptParams, injectedFailure: string | null): StoredTranscript | "forbidden" {
    this.advance();
    const resolution = resolveAudio(params.audio_url, owner, this.state.uploads, this.fixtures);
    if ("forbidden" in resolution) return "forbidden";
    const now = this.now();
    const inFlight = [...this.state.transcripts.values()].filter((t) => t.status === "queued" || t.status === "processing").length;
    const t: StoredTranscript = {
      id: randomId(),
      owner,
      origin,
      createdAt: now,
      status: "queued",
      throttled: inFlight >= this.options.concurrency,
      readyAt: now + this.options.queuedMs,
      doneAt: null,
      completedAt: null,
      params,
      fixture: resolution.fixture,
      uploadId: resolution.uploadId,
      failure: injectedFailure ?? resolution.failure,
      rendered: null,
      language: null,
      speechModelUsed: params.speech_models?.[0] ?? params.speech_model ?? this.options.defaultSpeechModel,
      webhookStatusCode: null,
      deleted: false,
    };
    this.state.transcripts.set(t.id, t);
    this.counters.transcriptsCreated++;
    this.schedule();
    return t;
  }

  /**
   * Moves every job as far as the clock allows (queued -> processing -> completed | error), replaying
   * the transitions at the times they were due, so a fake clock can jump ahead in one step.
   */
  advance(): void {
    const now = this.now();
    const jobs = [...this.state.transcripts.values()];
    let last = Number.NEGATIVE_INFINITY;
    for (;;) {
      const processing = jobs.filter((t) => t.status === "processing");
      const done = processing.filter((t) => t.doneAt !== null && t.doneAt <= now).sort((a, b) => (a.doneAt ?? 0) - (b.doneAt ?? 0))[0];
      const waiting = processing.length < this.options.concurrency ? jobs.find((t) => t.status === "queued" && t.readyAt <= now) : undefined;
      const startAt = waiting ? Math.max(waiting.readyAt, last) : Number.POSITIVE_INFINITY;
      const doneAt = done?.doneAt ?? Number.POSITIVE_INFINITY;
      if (done && doneAt <= startAt) {
        this.#finish(done, doneAt);
        last = doneAt;
      } else if (waiting && startAt <= now) {
        if (startAt > waiting.readyAt) waiting.throttled = true;
        waiting.status = "processing";
        waiting.doneAt = startAt + this.options.processingMs;
        last = startAt;
      } else {
        break;
      }
    }
    for (const t of jobs) if (t.status === "queued" && t.readyAt <= now) t.throttled = true;
  }

  #finish(t: StoredTranscript, now: number): void {
    t.completedAt = now;
    if (t.failure || !t.fixture) {
      t.status = "error";
      t.failure ??= "Unknown audio.";
    } else {
      const p = t.params;
      t.language = p.language_detection ? detectLanguage(t.fixture, p.language_detection_options) : null;
      const refused = t.language ? languageThresholdError(t.language, p.language_confidence_threshold) : null;
      if (refused) {
        t.status = "error";
        t.failure = refused;
      } else {
        t.rendered = renderTranscript(t.fixture, renderOptionsOf(p));
        t.status = "completed";
      }
    }
    this.webhooks.enqueueFor(t);
  }

  /** Advances jobs and sends the webhooks that are due; resolves when those deliveries finished. */
  async tick(): Promise<void> {
    this.advance();
    await this.webhooks.deliverDue();
    this.schedule();
  }

  /** Arms one timer for the next moment something changes. */
  schedule(): void {
    const now = this.now();
    const times: number[] = [];
    for (const t of this.state.transcripts.values()) {
      if (t.status === "queued" && !t.throttled) times.push(t.readyAt);
      if (t.status === "processing" && t.doneAt !== null) times.push(t.doneAt);
    }
    for (const w of this.state.pendingWebhooks) times.push(w.dueAt);
    if (times.length === 0) return;
    const at = Math.min(...times);
    if (this.#timer !== null && this.#timerAt !== null && this.#timerAt <= at) return;
    if (this.#timer !== null) this.options.scheduler.clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = this.options.scheduler.setTimeout(() => {
      this.#timer = null;
      this.#timerAt = null;
      void this.tick();
    }, Math.max(0, at - now));
  }

  /** Registers a hanging request so reset()/close() can release it. */
  trackHang(release: () => void): () => void {
    this.#hangs.add(release);
    return () => this.#hangs.delete(release);
  }

  /** Cancels the pending timer and releases hanging requests (state is kept). */
  close(): void {
    if (this.#timer !== null) this.options.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = null;
    for (const release of this.#hangs) release();
    this.#hangs.clear();
  }

  /** Forgets all state, faults and counters, and releases hanging requests. */
  reset(): void {
    this.close();
    this.state.uploads.clear();
    this.state.transcripts.clear();
    this.state.webhookAttempts.length = 0;
    this.state.pendingWebhooks.length = 0;
    this.state.chatRequests.length = 0;
    this.faults.clear();
    this.counters.reset();
  }
}
