import { describe, expect, it } from "vitest";
import { emptyCounts } from "./progress-format.js";
import { colorEnabled, ProgressReporter, progressMode } from "./progress-reporter.js";

function sink(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 200, write: (c: string | Uint8Array) => (chunks.push(String(c)), true) };
}

describe("progressMode", () => {
  it("prefers --json, then --quiet, then the TTY", () => {
    expect(progressMode({ json: true, quiet: true, isTTY: true })).toBe("json");
    expect(progressMode({ json: false, quiet: true, isTTY: true })).toBe("quiet");
    expect(progressMode({ json: false, quiet: false, isTTY: true })).toBe("tty");
    expect(progressMode({ json: false, quiet: false, isTTY: undefined })).toBe("plain");
  });
});

describe("colorEnabled", () => {
  it("colours a TTY unless NO_COLOR is set", () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({ NO_COLOR: "1" }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: "" }, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
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
    expect(s.chunks.join("")).toBe("done   a (2s)\nfailed b: BadRequestError: bad audio\n");
  });

  it("writes one JSON object per line in json mode", () => {
    const s = sink();
    const r = new ProgressReporter({ sink: s, mode: "json", counts: emptyCounts(1, 0), color: true, now: () => 5 });
    r.stage("a", "generate");
    r.done("a", { elapsedMs: 5 });
    const lines = s.chunks.join("").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { event: "stage", visit: "a", stage: "generate", at_ms: 5 },
      { event: "done", visit: "a", elapsed_ms: 5, at_ms: 5 },
    ]);
  });

  it("redraws one line in place on a TTY and colours only when asked", () => {
    const s = sink(true);
    const r = new ProgressReporter({ sink: s, mode: "tty", counts: emptyCounts(2, 0), color: false, now: () => 0 });
    r.stage("a", "upload");
    r.done("a", { elapsedMs: 10 });
    const out = s.chunks.join("");
    expect(out).toContain("\r\x1b[2K[0/2] upload 1");
    expect(out).toContain("done   a (10ms)\n");
    expect(out).not.toContain("\x1b[31m");
    expect(out).not.toContain("\x1b[32m");
    const c = sink(true);
    new ProgressReporter({ sink: c, mode: "tty", counts: emptyCounts(1, 0), color: true, now: () => 0 }).failed("x", "boom");
    expect(c.chunks.join("")).toContain("\x1b[31mfailed\x1b[0m");
  });

  it("fits the live line to the terminal width, and survives a width of 0", () => {
    const narrow = { ...sink(true), columns: 30 };
    const n = new ProgressReporter({ sink: narrow, mode: "tty", counts: emptyCounts(2, 0), color: false, now: () => 0 });
    n.start();
    n.stop();
    expect(narrow.chunks[0]).toBe("\r\x1b[2K[0/2] upload 0 · transcribe …");
    expect((narrow.chunks[0] as string).length - "\r\x1b[2K".length).toBeLessThan(30);
    const zero = { ...sink(true), columns: 0 };
    const r = new ProgressReporter({ sink: zero, mode: "tty", counts: emptyCounts(2, 0), color: false, now: () => 0 });
    r.start();
    r.stop();
    expect(zero.chunks.join("")).toContain("[0/2] upload 0 · transcribe 0 · generate 0 · write 0");
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
    r.stage("a", "upload");
    r.failed("a", "x");
    r.summary({ total: 1, done: 0, failed: 1, skipped: 0, audioMinutes: 0, tokens: 0, wallMs: 1, outDir: "o", interrupted: false });
    expect(s.chunks).toEqual([]);
  });
});
