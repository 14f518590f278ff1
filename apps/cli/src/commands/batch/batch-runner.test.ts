import { describe, expect, it } from "vitest";
import { originConflict, outputFiles, replacesSandboxNote, checkpointFrom } from "./batch-runner.js";
import type { VisitState } from "./ledger-format.js";

describe("outputFiles", () => {
  it("puts the canonical JSON first and never repeats a format", () => {
    expect(outputFiles("/out", "v1", ["md", "fhir", "json"])).toEqual([
      { format: "json", path: "/out/v1.json" },
      { format: "md", path: "/out/v1.md" },
      { format: "fhir", path: "/out/v1.fhir.json" },
    ]);
  });
});

describe("checkpointFrom", () => {
  const state: VisitState = { visit: "v", stage: "transcript_created", transcriptId: "t1", uploadUrl: "u1", origin: "http://127.0.0.1:9", creatingAt: "2026-01-01T00:00:00Z", done: false };

  it("reuses the transcript id recorded against the same origin", () => {
    expect(checkpointFrom(state, "http://127.0.0.1:9")).toEqual({ transcriptId: "t1", uploadUrl: "u1" });
  });

  it("looks up a lost create only when no id was recorded", () => {
    const { transcriptId: _t, ...noId } = state;
    expect(checkpointFrom({ ...noId, stage: "creating" }, "http://127.0.0.1:9")).toEqual({ uploadUrl: "u1", audioUrl: "u1", createSentAt: Date.parse("2026-01-01T00:00:00Z") });
  });

  it("reuses nothing from another origin or from the in-process sandbox", () => {
    expect(checkpointFrom(state, "assemblyai:us")).toBeUndefined();
    expect(checkpointFrom({ ...state, origin: "sandbox" }, "sandbox")).toBeUndefined();
    expect(checkpointFrom(undefined, "assemblyai:us")).toBeUndefined();
  });
});

describe("originConflict", () => {
  const done = (origin: string): VisitState => ({ visit: "v", stage: "note_written", origin, done: true });

  it("refuses sandbox notes in a folder of real ones, and notes of another region", () => {
    expect(originConflict([done("assemblyai:eu")], "sandbox", "out")).toMatch(/^out holds notes made on AssemblyAI \(eu\), but this run uses the local sandbox; write to a new --out folder/);
    expect(originConflict([done("assemblyai:eu")], "assemblyai:us", "out")).toMatch(/AssemblyAI \(eu\), but this run uses AssemblyAI \(us\)/);
  });

  it("accepts a folder of the same origin, sandbox notes in a real run, and unfinished visits", () => {
    expect(originConflict([done("assemblyai:us")], "assemblyai:us", "out")).toBeUndefined();
    expect(originConflict([done("sandbox")], "assemblyai:us", "out")).toBeUndefined();
    expect(originConflict([{ ...done("http://x"), done: false }], "assemblyai:us", "out")).toBeUndefined();
  });
});

describe("replacesSandboxNote", () => {
  it("replaces sandbox output only in a run against a real API", () => {
    const st: VisitState = { visit: "v", stage: "note_written", origin: "sandbox", done: true };
    expect(replacesSandboxNote(st, "assemblyai:us")).toBe(true);
    expect(replacesSandboxNote(st, "sandbox")).toBe(false);
    expect(replacesSandboxNote({ ...st, origin: "assemblyai:us" }, "assemblyai:eu")).toBe(false);
  });
});
