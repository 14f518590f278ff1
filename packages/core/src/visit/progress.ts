import type { VisitEvent, VisitStage } from "./visit-events.js";

/**
 * Emits {@link VisitEvent}s with timings from one clock. A listener that throws (or returns a
 * rejected promise) is counted, not propagated: a broken progress display must not fail a visit
 * whose transcript is already billed. The count is reported on the `done` event.
 */
export class Progress {
  private readonly started: number;
  private id: string | undefined;
  /** How many times the listener threw. */
  listenerErrors = 0;

  constructor(
    private readonly listeners: readonly ((e: VisitEvent) => void)[],
    private readonly clock: () => number,
  ) {
    this.started = clock();
  }

  /** Milliseconds since the run started. */
  elapsed(): number {
    return Math.max(0, Math.round(this.clock() - this.started));
  }

  get transcriptId(): string | undefined {
    return this.id;
  }

  /** Sets the transcript id carried by every later event. */
  set transcriptId(id: string | undefined) {
    this.id = id;
  }

  emit(stage: VisitStage, phase: VisitEvent["phase"], detail?: Record<string, unknown>): void {
    const event: VisitEvent = { stage, phase, elapsedMs: this.elapsed() };
    if (this.id !== undefined) event.transcriptId = this.id;
    if (detail !== undefined) event.detail = detail;
    for (const listener of this.listeners) {
      try {
        const r: unknown = listener(event);
        if (r instanceof Promise) r.catch(() => this.listenerErrors++);
      } catch {
        this.listenerErrors++;
      }
    }
  }

  /** Runs one stage between its `start` and `end` events; `end` carries `durationMs` and `endDetail`. */
  async stage<T>(stage: VisitStage, run: () => Promise<T>, endDetail?: (value: T) => Record<string, unknown>): Promise<T> {
    const t0 = this.clock();
    this.emit(stage, "start");
    const value = await run();
    const durationMs = Math.max(0, Math.round(this.clock() - t0));
    this.emit(stage, "end", { durationMs, ...endDetail?.(value) });
    return value;
  }
}
