import type { TextSink } from "../context.js";
import { type Style, painter } from "./color.js";
import { formatHeartbeat, inProgress } from "./heartbeat.js";
import { type LiveLine, openLiveLine } from "./live-line.js";
import { type BatchSummary, type ProgressCounts, type ProgressStage, formatDuration, formatProgressLine, formatSummary } from "./progress-format.js";

/** How progress is shown: a live line (terminal), plain lines, JSON lines, or nothing. */
export type ProgressMode = "tty" | "plain" | "json" | "quiet";

/** Picks the mode: `--json` > `--quiet` > a terminal that can be redrawn (not `TERM=dumb`) > plain lines. */
export function progressMode(o: { json: boolean; quiet: boolean; canRedraw: boolean }): ProgressMode {
  if (o.json) return "json";
  if (o.quiet) return "quiet";
  return o.canRedraw ? "tty" : "plain";
}

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  sink: TextSink;
  mode: ProgressMode;
  counts: ProgressCounts;
  /** Colour the words `done` and `failed` (decided by `colorEnabled`). */
  color: boolean;
  now?: () => number;
  /** Heartbeat interval of the plain and JSON modes, in ms; 0: none. @default 15000 */
  heartbeatMs?: number;
  /** Plain mode: also print each stage a visit enters. @default false */
  verbose?: boolean;
  /** The live line of the `tty` mode (see {@link createProgressReporter}). */
  live?: LiveLine;
}

/**
 * A reporter for `mode`: in `tty` mode with the live line of `cli-progress`, loaded only then.
 *
 * @example
 * ```ts
 * const reporter = await createProgressReporter({ sink: process.stderr, mode: "plain", counts: emptyCounts(10, Date.now()), color: false });
 * ```
 */
export async function createProgressReporter(o: Omit<ProgressReporterOptions, "live"> & { redrawMs?: number }): Promise<ProgressReporter> {
  if (o.mode !== "tty") return new ProgressReporter(o);
  const now = o.now ?? Date.now;
  const live = await openLiveLine({ sink: o.sink, render: () => formatProgressLine(o.counts, now()), ...(o.redrawMs !== undefined ? { intervalMs: o.redrawMs } : {}) });
  return new ProgressReporter({ ...o, live });
}

/**
 * Shows a batch's progress on stderr. Visit stage changes update the counts; on a terminal a live
 * line at the bottom shows them (redrawn by cli-progress) with each finished visit printed above it;
 * elsewhere each finished visit gets a plain line (a JSON line with `--json`) and a heartbeat line
 * with the stage counts is printed every `heartbeatMs`, so CI logs are never silent for long.
 * Never prints transcript text.
 */
export class ProgressReporter {
  readonly counts: ProgressCounts;
  /** How long each visit done in this run took, in ms (for the summary). */
  readonly visitMs: number[] = [];
  private readonly o: ProgressReporterOptions;
  private readonly now: () => number;
  private readonly paint: (style: Style, text: string) => string;
  private readonly stageOf = new Map<string, ProgressStage>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(o: ProgressReporterOptions) {
    this.o = o;
    this.counts = o.counts;
    this.now = o.now ?? Date.now;
    this.paint = painter(o.color);
  }

  /** Starts the live line (terminal) or the heartbeat (plain, JSON). */
  start(): void {
    if (this.o.mode === "quiet") return;
    if (this.o.mode === "tty") {
      this.o.live?.start();
      return;
    }
    const interval = this.o.heartbeatMs ?? 15_000;
    if (interval <= 0) return;
    this.timer = setInterval(() => this.heartbeat(), interval);
    this.timer.unref?.();
  }

  /** Stops the heartbeat and clears the live line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.o.live?.stop();
  }

  /** A visit entered a stage. */
  stage(visit: string, stage: ProgressStage): void {
    const prev = this.stageOf.get(visit);
    if (prev === stage) return;
    if (prev) this.counts.active[prev]--;
    this.counts.active[stage]++;
    this.stageOf.set(visit, stage);
    if (this.o.mode === "json") this.json({ event: "stage", visit, stage });
    else if (this.o.mode === "plain" && this.o.verbose) this.o.sink.write(`       ${visit}: ${stage}\n`);
  }

  private leave(visit: string): void {
    const prev = this.stageOf.get(visit);
    if (prev) this.counts.active[prev]--;
    this.stageOf.delete(visit);
  }

  /** A visit finished. */
  done(visit: string, info: { elapsedMs: number; audioMs?: number; tokens?: number; recovered?: boolean }): void {
    this.leave(visit);
    this.counts.done++;
    this.counts.audioMs += info.audioMs ?? 0;
    this.counts.tokens += info.tokens ?? 0;
    this.visitMs.push(Math.round(info.elapsedMs));
    this.line(
      { event: "done", visit, elapsed_ms: Math.round(info.elapsedMs), ...(info.recovered ? { recovered: true } : {}) },
      `${this.paint("green", "done")}   ${visit} (${formatDuration(info.elapsedMs)}${info.recovered ? ", outputs recovered" : ""})`,
    );
  }

  /** A visit failed; `reason` is one line without transcript text. */
  failed(visit: string, reason: string): void {
    this.leave(visit);
    this.counts.failed++;
    this.line({ event: "failed", visit, error: reason }, `${this.paint("red", "failed")} ${visit}: ${reason}`);
  }

  /** A visit was done by an earlier run. */
  skipped(visit: string): void {
    this.counts.skipped++;
    if (this.o.mode === "json") this.json({ event: "skipped", visit });
  }

  /** A free-form notice (resume hints, warnings). */
  notice(text: string): void {
    this.line({ event: "notice", message: text }, text);
  }

  /** Prints the end summary (stderr lines, or one JSON line); `summaryFile` names the file holding all of it. */
  summary(s: BatchSummary, summaryFile?: string): void {
    this.stop();
    if (this.o.mode === "quiet") return;
    if (this.o.mode === "json") this.json({ event: "summary", ...s, ...(summaryFile !== undefined ? { summary_file: summaryFile } : {}) });
    else for (const l of formatSummary(s, summaryFile)) this.o.sink.write(`${l}\n`);
  }

  /** One heartbeat: a line with the stage counts (plain), or a `progress` JSON line. */
  heartbeat(): void {
    if (this.o.mode === "json") this.json({ event: "progress", ...this.snapshot() });
    else if (this.o.mode === "plain") this.o.sink.write(`${formatHeartbeat(this.counts, this.now())}\n`);
  }

  private snapshot(): Record<string, unknown> {
    const c = this.counts;
    return { total: c.total, done: c.done, failed: c.failed, skipped: c.skipped, in_progress: inProgress(c), active: { ...c.active }, elapsed_ms: Math.round(this.now() - c.startedAtMs) };
  }

  private line(json: Record<string, unknown>, text: string): void {
    if (this.o.mode === "quiet") return;
    if (this.o.mode === "json") return this.json(json);
    if (this.o.live) this.o.live.print(text);
    else this.o.sink.write(`${text}\n`);
  }

  private json(obj: Record<string, unknown>): void {
    this.o.sink.write(`${JSON.stringify({ ...obj, at_ms: Math.round(this.now() - this.counts.startedAtMs) })}\n`);
  }
}
