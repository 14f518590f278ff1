import { describe, expect, it } from "vitest";
import { applyCheckpoint, visitCheckpointSchema, type CheckpointUpdate, type VisitCheckpoint } from "./checkpoint.js";

const UPLOAD = "https://cdn.assemblyai.test/upload/abc";

describe("applyCheckpoint", () => {
  it("folds each step into the checkpoint", () => {
    expect(applyCheckpoint({}, { step: "uploaded", uploadUrl: UPLOAD })).toEqual({ uploadUrl: UPLOAD });
    expect(applyCheckpoint({ uploadUrl: UPLOAD }, { step: "creating", audioUrl: UPLOAD, at: 1000 })).toEqual({ uploadUrl: UPLOAD, audioUrl: UPLOAD, createSentAt: 1000 });
    expect(applyCheckpoint({}, { step: "transcribed", transcriptId: "tr_1", at: 2000 })).toEqual({ transcriptId: "tr_1", transcribedAt: 2000 });
    expect(applyCheckpoint({ transcriptId: "tr_1" }, { step: "note_written", at: 3000 })).toEqual({ transcriptId: "tr_1", noteWrittenAt: 3000 });
    expect(applyCheckpoint({ transcriptId: "tr_1" }, { step: "deleted", at: 4000 })).toEqual({ transcriptId: "tr_1", deletedAt: 4000 });
  });

  it("records the transcript id and forgets the pending create, whether it was answered or recovered", () => {
    const pending: VisitCheckpoint = { uploadUrl: UPLOAD, audioUrl: UPLOAD, createSentAt: 1000 };
    for (const recovered of [false, true]) {
      const next = applyCheckpoint(pending, { step: "transcript_created", transcriptId: "tr_1", recovered });
      expect(next).toEqual({ uploadUrl: UPLOAD, audioUrl: UPLOAD, transcriptId: "tr_1" });
      expect(next).not.toHaveProperty("createSentAt");
    }
  });

  it("is pure: the input checkpoint is never changed", () => {
    const before: VisitCheckpoint = Object.freeze({ uploadUrl: UPLOAD, audioUrl: UPLOAD, createSentAt: 1000 });
    const after = applyCheckpoint(before, { step: "transcript_created", transcriptId: "tr_1", recovered: false });
    expect(after).not.toBe(before);
    expect(before).toEqual({ uploadUrl: UPLOAD, audioUrl: UPLOAD, createSentAt: 1000 });
  });

  it("folds a whole visit, in the order a visit records it, into what a resume needs", () => {
    const updates: CheckpointUpdate[] = [
      { step: "uploaded", uploadUrl: UPLOAD },
      { step: "creating", audioUrl: UPLOAD, at: 1000 },
      { step: "transcript_created", transcriptId: "tr_1", recovered: false },
      { step: "transcribed", transcriptId: "tr_1", at: 5000 },
      { step: "note_written", at: 6000 },
      { step: "deleted", at: 7000 },
    ];
    const checkpoint = updates.reduce(applyCheckpoint, {});
    expect(checkpoint).toEqual({ uploadUrl: UPLOAD, audioUrl: UPLOAD, transcriptId: "tr_1", transcribedAt: 5000, noteWrittenAt: 6000, deletedAt: 7000 });
    // Each prefix is a checkpoint a crash could leave behind.
    expect(updates.slice(0, 2).reduce(applyCheckpoint, {})).toEqual({ uploadUrl: UPLOAD, audioUrl: UPLOAD, createSentAt: 1000 });
  });

  it("stores and reads back through visitCheckpointSchema", () => {
    const checkpoint: VisitCheckpoint = { uploadUrl: UPLOAD, audioUrl: UPLOAD, createSentAt: 1000 };
    expect(visitCheckpointSchema.parse(JSON.parse(JSON.stringify(checkpoint)))).toEqual(checkpoint);
    expect(visitCheckpointSchema.safeParse({ createSentAt: "yesterday" }).success).toBe(false);
  });
});
