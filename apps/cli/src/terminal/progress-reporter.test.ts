import { afterEach, describe, expect, it, vi } from "vitest";
import type { LiveLine } from "./live-line.js";
import { emptyCounts } from "./progress-format.js";
import { createProgressReporter, ProgressReporter, progressMode } from "./progress-reporter.js";

function sink(isTTY = false, columns = 200) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns, write: (c: string | Uint8Array) => (chunks.push(String(c)), true) };
}

const summary = { total: 1, done: 0, failed: 1, skipped: 0, audio_minutes: 0, tokens: 0, wall_ms: 1, out_dir: "o", interrupted: false };

afterEach(() => {
  vi.useRealTimers();
});

describe("progressMode", () => {
  it("prefers --json, then --quiet, then a terminal that can be redrawn", () => {
    expect(progressMode({ json: true, quiet: true, canRedraw: true })).toBe("json");
    expect(progressMode({ json: false, quiet: true, canRedraw: true })).toBe("quiet");
    expect(progressMode({ json: false, quiet: false, canRedraw: true })).toBe("tty");
    expect(progressMode({ json: false, quiet: false, canRedraw: false })).toBe("plain");
  });
});

describe("ProgressReporter", () => {
  it("moves visits between stage counts and totals the outcome", () => {
    const s = sink();
    const r = new ProgressReporter({ sink: s, mode: "plain", counts: emptyCounts(3, 0), color: false, now: () => 1000 });
    r.stage("a", "upload");
    r.stage("a", "transcribe");
    r.stage("b", "transcribe");
    expect(r.counts.active).toEqual({ upload: 0, transcribe: 2, generate: 0, write: 0 });
    r.done("a", { elapsedMs: 1500, audioMs: 60_000, tokens: 10 });
    r.failed("b", "BadRequestError: bad audio");
    r.skipped("c");
    expect(r.counts).toMatchObject({ done: 1, failed: 1, skipped: 1, audioMs: 60_000, tokens: 10 });
    expect(r.counts.active.transcribe).toBe(0);
    expect(r.visitMs).toEqual([1500]);
    expect(s.chunks.join("")).toBe("done   a (2s)\nfailed b: BadRequestError: bad audio\n");
  });

  it("writes one JSON object per line in json mode, every key snake_case", () => {
    const s = sink();
    const r = new ProgressReporter({ sink: s, mode: "json", counts: emptyCounts(1, 0), color: true, now: () => 5 });
    r.stage("a", "generate");
    r.heartbeat();
    r.done("a", { elapsedMs: 5 });
    r.summary({ ...summary, done: 1, failed: 0 }, "o/_summary.json");
    const lines = s.chunks.join("").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.slice(0, 3)).toEqual([
      { event: "stage", visit: "a", stage: "generate", at_ms: 5 },
      { event: "progress", total: 1, done: 0, failed: 0, skipped: 0, in_progress: 1, active: { upload: 0, transcribe: 0, generate: 1, write: 0 }, elapsed_ms: 5, at_ms: 5 },
      { event: "done", visit: "a", elapsed_ms: 5, at_ms: 5 },
    ]);
    expect(lines[3]).toMatchObject({ event: "summary", audio_minutes: 0, wall_ms: 1, out_dir: "o", summary_file: "o/_summary.json" });
    const keys = (o: unknown): string[] => (typeof o === "object" && o !== null ? Object.entries(o).flatMap(([k, v]) => [k, ...keys(v)]) : []);
    for (const l of lines) for (const k of keys(l)) expect(k).toMatch(/^[a-z0-9_]+$/);
  });

  it("prints a heartbeat line with the stage counts every interval on a non-terminal", () => {
    vi.useFakeTimers();
    const s = sink();
    let now = 0;
    const r = new ProgressReporter({ sink: s, mode: "plain", counts: emptyCounts(200, 0), color: false, now: () => now, heartbeatMs: 1000 });
    r.start();
    r.stage("a", "upload");
    r.stage("b", "transcribe");
    now = 90_000;
    vi.advanceTimersByTime(1000);
    expect(s.chunks.join("")).toBe("soap-notes: 0/200 done, 0 failed, 2 in progress (uploading 1, transcribing 1), 1m30s\n");
    vi.advanceTimersByTime(2000);
    expect(s.chunks).toHaveLength(3);
    r.stop();
    vi.advanceTimersByTime(5000);
    expect(s.chunks).toHaveLength(3);
  });

  it("prints no heartbeat when the interval is 0", () => {
    vi.useFakeTimers();
    const s = sink();
    const r = new ProgressReporter({ sink: s, mode: "plain", counts: emptyCounts(2, 0), color: false, heartbeatMs: 0 });
    r.start();
    vi.advanceTimersByTime(60_000);
    r.stop();
    expect(s.chunks).toEqual([]);
  });

  it("colours done and failed only when asked", () => {
    const plain = sink();
    const p = new ProgressReporter({ sink: plain, mode: "plain", counts: emptyCounts(2, 0), color: false });
    p.done("a", { elapsedMs: 1 });
    p.failed("b", "x");
    expect(plain.chunks.join("")).not.toContain("\x1b[");
    const coloured = sink();
    const c = new ProgressReporter({ sink: coloured, mode: "plain", counts: emptyCounts(2, 0), color: true });
    c.done("a", { elapsedMs: 1 });
    c.failed("b", "x");
    expect(coloured.chunks.join("")).toBe("\x1b[32mdone\x1b[39m   a (1ms)\n\x1b[31mfailed\x1b[39m b: x\n");
  });

  it("prints finished visits above the live line in tty mode, and stops it", () => {
    const events: string[] = [];
    const live: LiveLine = { start: () => events.push("start"), print: (l) => events.push(`print ${l}`), stop: () => events.push("stop") };
    const r = new ProgressReporter({ sink: sink(true), mode: "tty", counts: emptyCounts(2, 0), color: false, live });
    r.start();
    r.stage("a", "upload");
    r.done("a", { elapsedMs: 10 });
    r.summary({ ...summary, total: 2 });
    expect(events).toEqual(["start", "print done   a (10ms)", "stop"]);
  });

  it("prints each stage in plain mode only when verbose", () => {
    const quietish = sink();
    new ProgressReporter({ sink: quietish, mode: "plain", counts: emptyCounts(1, 0), color: false }).stage("a", "upload");
    expect(quietish.chunks).toEqual([]);
    const verbose = sink();
    new ProgressReporter({ sink: verbose, mode: "plain", counts: emptyCounts(1, 0), color: false, verbose: true }).stage("a", "upload");
    expect(verbose.chunks.join("")).toBe("       a: upload\n");
  });

  it("prints nothing in quiet mode", () => {
    const s = sink();
    const r = new ProgressReporter({ sink: s, mode: "quiet", counts: emptyCounts(1, 0), color: false });
    r.start();
    r.stage("a", "upload");
    r.failed("a", "x");
    r.summary(summary);
    expect(s.chunks).toEqual([]);
  });
});

describe("createProgressReporter in tty mode (cli-progress)", () => {
  it("draws the live line in place on a terminal, keeps printed lines, and clears it at the end", async () => {
    const s = sink(true, 100);
    const r = await createProgressReporter({ sink: s, mode: "tty", counts: emptyCounts(2, 0), color: false, now: () => 0, redrawMs: 10_000 });
    r.start();
    r.stage("a", "upload");
    r.done("a", { elapsedMs: 10 });
    r.summary({ ...summary, total: 2, done: 1, failed: 0 });
    const out = s.chunks.join("");
    expect(out).toContain("[0/2] upload 0 · transcribe 0");
    expect(out).toContain("done   a (10ms)\n");
    expect(out).toContain("[1/2] upload 0");
    // Cursor moves and line erases: drawn in place, never a new line per redraw.
    expect(out).toContain("\x1b[1G");
    expect(out).toContain("Finished: 1 done");
    // Nothing that changes the terminal for good: the cursor is never hidden, wrapping never turned off.
    expect(out).not.toContain("\x1b[?25l");
    expect(out).not.toContain("\x1b[?7l");
  });

  it("fits the live line to the terminal's width", async () => {
    const s = sink(true, 30);
    const r = await createProgressReporter({ sink: s, mode: "tty", counts: emptyCounts(2, 0), color: false, now: () => 0, redrawMs: 10_000 });
    r.start();
    r.stop();
    const drawn = s.chunks.find((c) => c.startsWith("[0/2]"));
    expect(drawn).toBe("[0/2] upload 0 · transcribe …");
  });
});
