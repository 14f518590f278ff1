import type { TextSink } from "../context.js";
import { type BatchSummary, type ProgressCounts, type ProgressStage, formatDuration, formatProgressLine, formatSummary } from "./progress-format.js";

/** How progress is shown: redrawn line (TTY), plain lines, JSON lines, or nothing. */
export type ProgressMode = "tty" | "plain" | "json" | "quiet";

/** Picks the mode: `--json` > `--quiet` > a TTY stderr > plain lines. */
export function progressMode(o: { json: boolean; quiet: boolean; isTTY: boolean | undefined }): ProgressMode {
  if (o.json) return "json";
  if (o.quiet) return "quiet";
  return o.isTTY ? "tty" : "plain";
}

/** Colours only on a TTY, and never when `NO_COLOR` is set to anything non-empty (no-color.org). */
export function colorEnabled(env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
  return isTTY === true && (env["NO_COLOR"] ?? "") === "";
}

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  sink: TextSink;
  mode: ProgressMode;
  counts: ProgressCounts;
  /** Colours only on a TTY and when NO_COLOR is unset. */
  color: boolean;
  now?: () => number;
  /** Redraw (TTY) or progress-line (plain/JSON) interval. @default 250 (TTY), 15000 (others) */
  intervalMs?: number;
  /** Plain mode: also print each stage a visit enters. @default false */
  verbose?: boolean;
}

const paint = (on: boolean, code: number, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/**
 * Shows a batch's progress on stderr. Visit stage changes update the counts; on a TTY one line is
 * redrawn in place, elsewhere each finished visit gets a plain line (or a JSON line with `--json`)
 * and a progress line is printed every `intervalMs`. Never prints transcript text.
 */
export class ProgressReporter {
  readonly counts: ProgressCounts;
  private readonly o: ProgressReporterOptions;
  private readonly now: () => number;
  private readonly stageOf = new Map<string, ProgressStage>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = false;

  constructor(o: ProgressReporterOptions) {
    this.o = o;
    this.counts = o.counts;
    this.now = o.now ?? Date.now;
  }

  /** Starts the periodic redraw / progress line. */
  start(): void {
    if (this.o.mode === "quiet") return;
    const interval = this.o.intervalMs ?? (this.o.mode === "tty" ? 250 : 15_000);
    this.timer = setInterval(() => this.tick(), interval);
    this.timer.unref?.();
    if (this.o.mode === "tty") this.redraw();
  }

  /** Stops redrawing and clears the live line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearLine();
  }

  /** A visit entered a stage. */
  stage(visit: string, stage: ProgressStage): void {
    const prev = this.stageOf.get(visit);
    if (prev === stage) return;
    if (prev) this.counts.active[prev]--;
    this.counts.active[stage]++;
    this.stageOf.set(visit, stage);
    if (this.o.mode === "json") this.json({ event: "stage", visit, stage });
    else if (this.o.mode === "tty") this.redraw();
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
    this.line(
      { event: "done", visit, elapsed_ms: Math.round(info.elapsedMs), ...(info.recovered ? { recovered: true } : {}) },
      `${paint(this.o.color, 32, "done")}   ${visit} (${formatDuration(info.elapsedMs)}${info.recovered ? ", outputs recovered" : ""})`,
    );
  }

  /** A visit failed; `reason` is one line without transcript text. */
  failed(visit: string, reason: string): void {
    this.leave(visit);
    this.counts.failed++;
    this.line({ event: "failed", visit, error: reason }, `${paint(this.o.color, 31, "failed")} ${visit}: ${reason}`);
  }

  /** A visit was done by an earlier run. */
  skipped(visit: string): void {
    this.counts.skipped++;
    if (this.o.mode === "json") this.json({ event: "skipped", visit });
    else if (this.o.mode === "tty") this.redraw();
  }

  /** A free-form notice (resume hints, warnings). */
  notice(text: string): void {
    this.line({ event: "notice", message: text }, text);
  }

  /** Prints the end summary (stderr lines, or one JSON line). */
  summary(s: BatchSummary): void {
    this.stop();
    if (this.o.mode === "quiet") return;
    if (this.o.mode === "json") this.json({ event: "summary", ...s });
    else for (const l of formatSummary(s)) this.o.sink.write(`${l}\n`);
  }

  private tick(): void {
    if (this.o.mode === "tty") this.redraw();
    else if (this.o.mode === "json") this.json({ event: "progress", ...this.snapshot() });
    else if (this.o.mode === "plain") this.o.sink.write(`${formatProgressLine(this.counts, this.now())}\n`);
  }

  private snapshot(): Record<string, unknown> {
    const c = this.counts;
    return { total: c.total, done: c.done, failed: c.failed, skipped: c.skipped, active: { ...c.active } };
  }

  private line(json: Record<string, unknown>, text: string): void {
    if (this.o.mode === "quiet") return;
    if (this.o.mode === "json") return this.json(json);
    this.clearLine();
    this.o.sink.write(`${text}\n`);
    if (this.o.mode === "tty") this.redraw();
  }

  private json(obj: Record<string, unknown>): void {
    this.o.sink.write(`${JSON.stringify({ ...obj, at_ms: Math.round(this.now() - this.counts.startedAtMs) })}\n`);
  }

  private redraw(): void {
    if (this.o.mode !== "tty") return;
    // Some terminals (and `script`) report 0 columns: fall back to a sensible width.
    const cols = this.o.sink.columns !== undefined && this.o.sink.columns >= 20 ? this.o.sink.columns : 120;
    let text = formatProgressLine(this.counts, this.now());
    if (text.length > cols - 1) text = `${text.slice(0, Math.max(0, cols - 2))}…`;
    this.o.sink.write(`\r\x1b[2K${text}`);
    this.drawn = true;
  }

  private clearLine(): void {
    if (this.o.mode === "tty" && this.drawn) {
      this.o.sink.write("\r\x1b[2K");
      this.drawn = false;
    }
  }
}
