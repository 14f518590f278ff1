import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LedgerEvent, parseLedger, reduceLedger } from "./ledger-format.js";

const ev = (visit: string, stage: LedgerEvent["stage"], extra: Partial<LedgerEvent> = {}): LedgerEvent => ({
  v: 1,
  visit,
  stage,
  at: "2026-01-01T00:00:00.000Z",
  ...extra,
});
const lines = (...events: LedgerEvent[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join("");

describe("parseLedger", () => {
  it("reads every complete line", () => {
    const text = lines(ev("a", "creating"), ev("a", "transcript_created", { transcript_id: "t1" }));
    const parsed = parseLedger(text);
    expect(parsed.events.map((e) => e.stage)).toEqual(["creating", "transcript_created"]);
    expect(parsed.validBytes).toBe(Buffer.byteLength(text));
    expect(parsed.warnings).toEqual([]);
  });

  it("ignores a torn last line and stops validBytes before it", () => {
    const good = lines(ev("a", "transcript_created", { transcript_id: "t1" }));
    const torn = JSON.stringify(ev("a", "note_written")).slice(0, 20);
    const parsed = parseLedger(good + torn);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.validBytes).toBe(Buffer.byteLength(good));
    expect(parsed.warnings[0]).toMatch(/line 2 was torn/);
  });

  it("ignores a complete but invalid last line (torn before its newline was synced)", () => {
    const good = lines(ev("a", "creating"));
    const parsed = parseLedger(`${good}{"v":1,"visit":"a"\n`);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.validBytes).toBe(Buffer.byteLength(good));
  });

  it("skips a bad line in the middle and says which", () => {
    const parsed = parseLedger(`${lines(ev("a", "creating"))}garbage\n${lines(ev("b", "creating"))}`);
    expect(parsed.events.map((e) => e.visit)).toEqual(["a", "b"]);
    expect(parsed.warnings).toEqual(["ledger line 2 is not a valid entry and is skipped"]);
  });

  it("recovers the full prefix whatever byte a crash cut the file at", () => {
    const all = [
      ev("a", "uploaded", { upload_url: "https://cdn/u1" }),
      ev("a", "creating"),
      ev("a", "transcript_created", { transcript_id: "t-ü" }),
      ev("b", "failed", { error: { name: "BadRequestError", message: "bad", permanent: true } }),
    ];
    const text = lines(...all);
    const bytes = Buffer.from(text);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => {
        const prefix = bytes.subarray(0, cut).toString("utf8");
        const parsed = parseLedger(prefix);
        const wholeLines = bytes.subarray(0, cut).toString("utf8").split("\n").length - 1;
        expect(parsed.events).toEqual(all.slice(0, wholeLines));
        expect(parsed.validBytes).toBeLessThanOrEqual(cut);
        expect(parseLedger(bytes.subarray(0, parsed.validBytes).toString("utf8")).warnings).toEqual([]);
      }),
    );
  });
});

describe("reduceLedger", () => {
  it("keeps the transcript id through later stages and marks written notes done", () => {
    const states = reduceLedger([
      ev("a", "uploaded", { upload_url: "https://cdn/u1" }),
      ev("a", "creating", { at: "2026-01-01T00:00:01.000Z" }),
      ev("a", "transcript_created", { transcript_id: "t1" }),
      ev("a", "failed", { error: { name: "TimeoutError", message: "slow", permanent: false } }),
      ev("b", "transcript_created", { transcript_id: "t2" }),
      ev("b", "note_written", { outputs: ["b.md"] }),
    ]);
    expect(states.get("a")).toMatchObject({ stage: "failed", transcriptId: "t1", uploadUrl: "https://cdn/u1", done: false });
    expect(states.get("a")?.creatingAt).toBe("2026-01-01T00:00:01.000Z");
    expect(states.get("b")).toMatchObject({ done: true, outputs: ["b.md"], transcriptId: "t2" });
  });

  it("clears the error once a failed visit moves on", () => {
    const states = reduceLedger([
      ev("a", "failed", { error: { name: "X", message: "m", permanent: false } }),
      ev("a", "creating"),
    ]);
    expect(states.get("a")?.error).toBeUndefined();
  });
});
