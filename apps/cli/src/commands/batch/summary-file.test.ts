import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batchSummaryReport, durationStats, SUMMARY_FILE, writeSummaryFile } from "./summary-file.js";

const counts = { total: 3, done: 2, failed: 1, skipped: 0, audio_minutes: 12.3456, tokens: 9001, wall_ms: 4000, out_dir: "/o", interrupted: false };

describe("durationStats", () => {
  it("gives min, median, p95 and max by nearest rank, or null for none", () => {
    expect(durationStats([])).toBeNull();
    expect(durationStats([30, 10, 20])).toEqual({ count: 3, min_ms: 10, median_ms: 20, p95_ms: 30, max_ms: 30 });
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(durationStats(hundred)).toMatchObject({ median_ms: 50, p95_ms: 95, max_ms: 100 });
  });
});

describe("the batch summary file", () => {
  it("holds counts, durations, failures and token usage, snake_case, and is written atomically", async () => {
    const report = batchSummaryReport({
      counts,
      startedAt: new Date("2026-01-01T00:00:00Z"),
      finishedAt: new Date("2026-01-01T00:00:04Z"),
      sandbox: true,
      origin: "sandbox",
      stoppedBy: null,
      visitMs: [1000, 3000],
      failures: [{ id: "v3", line: 4, stage: "transcribe", name: "TranscriptFailedError", message: "audio too short", permanent: true }],
    });
    expect(report).toMatchObject({
      v: 1,
      total: 3,
      done: 2,
      failed: 1,
      audio_minutes: 12.35,
      started_at: "2026-01-01T00:00:00.000Z",
      visit_durations: { count: 2, min_ms: 1000, max_ms: 3000 },
      token_usage: { total_tokens: 9001, per_note_mean: 4501 },
      stopped_by: null,
    });
    const dir = await mkdtemp(join(tmpdir(), "soap-summary-"));
    try {
      const path = await writeSummaryFile(dir, report);
      expect(path).toBe(join(dir, SUMMARY_FILE));
      expect(JSON.parse(await readFile(path, "utf8"))).toEqual(report);
      expect(await readdir(dir)).toEqual([SUMMARY_FILE]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("can never be a note's name (visit ids start with a letter or digit)", () => {
    expect(SUMMARY_FILE).toMatch(/^[^A-Za-z0-9]/);
  });
});
