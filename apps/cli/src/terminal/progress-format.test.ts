import { describe, expect, it } from "vitest";
import { emptyCounts, etaMs, formatDuration, formatProgressLine, formatSummary, ratePerMinute } from "./progress-format.js";

describe("formatDuration", () => {
  it.each([
    [950, "950ms"],
    [12_400, "12s"],
    [245_000, "4m05s"],
    [3_720_000, "1h02m"],
    [-1, "?"],
  ])("formats %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("progress line", () => {
  it("shows stage counts, totals, rate and ETA", () => {
    const c = emptyCounts(40, 0);
    c.skipped = 1;
    c.done = 10;
    c.failed = 2;
    c.active = { upload: 1, transcribe: 5, generate: 2, write: 0 };
    // 12 finished in 4 minutes: 3/min, 27 left: 9 minutes.
    const now = 4 * 60_000;
    expect(ratePerMinute(c, now)).toBeCloseTo(3);
    expect(etaMs(c, now)).toBeCloseTo(9 * 60_000);
    expect(formatProgressLine(c, now)).toBe(
      "[13/40] upload 1 · transcribe 5 · generate 2 · write 0 | done 10 · failed 2 · skipped 1 | 3.0/min · ETA 9m00s",
    );
  });

  it("has no rate or ETA before the first visit finishes", () => {
    const c = emptyCounts(3, 1000);
    expect(etaMs(c, 5000)).toBeUndefined();
    expect(formatProgressLine(c, 5000)).toMatch(/\| rate -$/);
  });

  it("does not count visits skipped from an earlier run in the rate", () => {
    const c = emptyCounts(10, 0);
    c.skipped = 9;
    expect(ratePerMinute(c, 60_000)).toBe(0);
  });
});

describe("formatSummary", () => {
  it("reports counts, audio, tokens, wall time, the failures file and the summary file", () => {
    const lines = formatSummary({ total: 6, done: 4, failed: 1, skipped: 1, audio_minutes: 12.34, tokens: 5120, wall_ms: 65_000, out_dir: "out", interrupted: false }, "out/_summary.json");
    expect(lines[0]).toBe("Finished: 4 done, 1 failed, 1 skipped (already done) of 6 visits");
    expect(lines[1]).toBe("audio 12.3 min · tokens 5120 · wall time 1m05s · notes in out");
    expect(lines[2]).toMatch(/out\/failures\.jsonl/);
    expect(lines[3]).toBe("summary (counts, durations, failures, tokens) in out/_summary.json");
  });

  it("omits the failures line when nothing failed, and says Interrupted for a stopped run", () => {
    const lines = formatSummary({ total: 1, done: 1, failed: 0, skipped: 0, audio_minutes: 0, tokens: 0, wall_ms: 1, out_dir: "o", interrupted: true });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Interrupted: /);
  });
});
