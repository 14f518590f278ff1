import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkOutFolder, LEDGER_FILE } from "./check-out.js";

const line = (visit: string, stage: string, extra: Record<string, string> = {}): string => `${JSON.stringify({ v: 1, visit, stage, at: "2026-01-01T00:00:00Z", ...extra })}\n`;

describe("checkOutFolder", () => {
  test("names a second transcript, a missing note, a bad note, leftovers and a torn ledger", () => {
    const dir = mkdtempSync(join(tmpdir(), "out-"));
    writeFileSync(
      join(dir, LEDGER_FILE),
      line("a", "creating") + line("a", "transcript_created", { transcript_id: "t1" }) + line("a", "creating") + line("a", "transcript_created", { transcript_id: "t2" }) +
        line("a", "note_written") + line("b", "transcript_created", { transcript_id: "t1" }) + '{"v":1,"visit":"b"',
    );
    writeFileSync(join(dir, "a.json"), "{}");
    writeFileSync(join(dir, "a.md"), "# SOAP note\n");
    writeFileSync(join(dir, ".a.json.tmp-1-abcd"), "{");
    writeFileSync(join(dir, ".soap-notes.lock"), "1\n");
    const check = checkOutFolder(dir, ["a", "b"]);
    const text = check.problems.join("\n");
    expect(text).toContain("a got a second transcript (t1, then t2)");
    expect(text).toContain("transcript t1 recorded for both a and b");
    expect(text).toContain("unexpected file left in the out folder: .a.json.tmp-1-abcd");
    expect(text).toContain("unexpected file left in the out folder: .soap-notes.lock");
    expect(text).toContain("missing: b.json");
    expect(text).toContain("b has 0 note_written lines");
    expect(text).toContain("a.json is not a valid SoapNote");
    expect(text).toContain("the last line is torn");
    expect(check.notes).toBe(0);
    expect(check.recreates).toBe(1);
  });
  test("a create before a kill boundary and its id after it is a lost answer found by lookup", () => {
    const dir = mkdtempSync(join(tmpdir(), "out-"));
    writeFileSync(join(dir, LEDGER_FILE), line("a", "uploaded") + line("a", "creating") + line("a", "transcript_created", { transcript_id: "t1" }));
    expect(checkOutFolder(dir, ["a"], [2]).lostCreatesFound).toBe(1);
    expect(checkOutFolder(dir, ["a"], [1]).lostCreatesFound).toBe(0);
    expect(checkOutFolder(dir, ["a"], [3]).lostCreatesFound).toBe(0);
  });
});
