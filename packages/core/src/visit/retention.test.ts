import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { retentionCutoff, retentionDecision, retentionFromHours, MAX_RETENTION_MS } from "./retention.js";

const HOUR = 3_600_000;
const stored = 1_700_000_000_000;

describe("retentionDecision", () => {
  it("deletes at once with a zero delay (the CLI's --delete-after) once the note is stored", () => {
    expect(retentionDecision({ deleteAfterMs: 0 }, { transcriptId: "t1", noteStoredAt: stored }, stored)).toEqual({
      action: "delete",
      transcriptId: "t1",
      dueAt: stored,
    });
  });

  it("waits until the delay has passed, then deletes", () => {
    const policy = retentionFromHours(72);
    expect(retentionDecision(policy, { transcriptId: "t1", noteStoredAt: stored }, stored + 72 * HOUR - 1)).toEqual({ action: "wait", dueAt: stored + 72 * HOUR });
    expect(retentionDecision(policy, { transcriptId: "t1", noteStoredAt: stored }, stored + 72 * HOUR).action).toBe("delete");
  });

  it("keeps, saying why: no policy, no transcript of ours, note not stored, already deleted", () => {
    const subject = { transcriptId: "t1", noteStoredAt: stored };
    expect(retentionDecision({ deleteAfterMs: undefined }, subject, stored + 1e12)).toEqual({ action: "keep", reason: "no_policy" });
    expect(retentionDecision({ deleteAfterMs: 0 }, { ...subject, transcriptId: undefined }, stored)).toEqual({ action: "keep", reason: "no_transcript" });
    expect(retentionDecision({ deleteAfterMs: 0 }, { ...subject, transcriptId: "" }, stored)).toEqual({ action: "keep", reason: "no_transcript" });
    expect(retentionDecision({ deleteAfterMs: 0 }, { ...subject, noteStoredAt: null }, stored)).toEqual({ action: "keep", reason: "note_not_stored" });
    expect(retentionDecision({ deleteAfterMs: 0 }, { ...subject, deleted: true }, stored)).toEqual({ action: "keep", reason: "already_deleted" });
  });

  it("never deletes before the note is stored plus the delay, for any policy and time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_RETENTION_MS }), fc.integer({ min: -1e10, max: 1e10 }), (delay, offset) => {
        const d = retentionDecision({ deleteAfterMs: delay }, { transcriptId: "t", noteStoredAt: stored }, stored + offset);
        expect(d.action).toBe(offset >= delay ? "delete" : "wait");
        // The cutoff selects exactly the due ones.
        const cutoff = retentionCutoff({ deleteAfterMs: delay }, stored + offset) as number;
        expect(stored <= cutoff).toBe(d.action === "delete");
      }),
    );
  });

  it("refuses a policy that is not a whole number of ms from 0 to one year, naming the value", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_RETENTION_MS + 1]) {
      expect(() => retentionDecision({ deleteAfterMs: bad }, { transcriptId: "t", noteStoredAt: stored }, stored)).toThrow(
        new RegExp(`deleteAfterMs must be a whole number.*got ${String(bad)}`),
      );
    }
  });
});

describe("retentionFromHours", () => {
  it("turns hours into ms, keeps without hours, and refuses negative or absurd hours", () => {
    expect(retentionFromHours(0)).toEqual({ deleteAfterMs: 0 });
    expect(retentionFromHours(1.5)).toEqual({ deleteAfterMs: 1.5 * HOUR });
    expect(retentionFromHours(undefined)).toEqual({ deleteAfterMs: undefined });
    expect(() => retentionFromHours(-1)).toThrow(/from 0 to 8784; got -1/);
    expect(() => retentionFromHours(9000)).toThrow(/got 9000/);
  });
});

describe("retentionCutoff", () => {
  it("is undefined without a policy", () => {
    expect(retentionCutoff({ deleteAfterMs: undefined }, stored)).toBeUndefined();
  });
});
