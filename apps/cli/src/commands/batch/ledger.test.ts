import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Ledger } from "./ledger.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-ledger-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Ledger", () => {
  it("persists appends and reloads the same state", async () => {
    const path = join(dir, "ledger.jsonl");
    const ledger = await Ledger.open(path);
    await Promise.all([
      ledger.append({ visit: "a", stage: "transcript_created", transcript_id: "t1" }),
      ledger.append({ visit: "b", stage: "transcript_created", transcript_id: "t2" }),
    ]);
    await ledger.append({ visit: "a", stage: "note_written", outputs: ["a.md"] });
    await ledger.close();
    const again = await Ledger.open(path);
    expect(again.get("a")).toMatchObject({ done: true, transcriptId: "t1" });
    expect(again.get("b")).toMatchObject({ done: false, transcriptId: "t2" });
    await again.close();
  });

  it("truncates a torn last line so later appends stay readable", async () => {
    const path = join(dir, "ledger.jsonl");
    const first = `${JSON.stringify({ v: 1, visit: "a", stage: "transcript_created", at: "x", transcript_id: "t1" })}\n`;
    await writeFile(path, `${first}{"v":1,"visit":"a","sta`);
    const ledger = await Ledger.open(path);
    expect(ledger.warnings).toHaveLength(1);
    await ledger.append({ visit: "a", stage: "note_written" });
    await ledger.close();
    const text = await readFile(path, "utf8");
    expect(text.startsWith(first)).toBe(true);
    expect(text.split("\n").filter(Boolean)).toHaveLength(2);
    const again = await Ledger.open(path);
    expect(again.warnings).toEqual([]);
    expect(again.get("a")).toMatchObject({ done: true, transcriptId: "t1" });
    await again.close();
  });

  it("refuses appends after close", async () => {
    const ledger = await Ledger.open(join(dir, "l.jsonl"));
    await ledger.close();
    await expect(ledger.append({ visit: "a", stage: "creating" })).rejects.toThrow(/closed/);
  });
});
