import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { describeFindings, isUserOutput, loadNeedles, scanDir, scanText, transcriptSnippets } from "./leaks.js";

const secrets = { apiKey: "chaos_0123456789abcdef0123456789abcdef", webhookSecret: "whsec_TESTtestTESTtest" };

describe("loadNeedles", () => {
  const needles = loadNeedles(secrets);
  test("holds both secrets, every fixture PHI string and transcript snippets of every fixture", () => {
    expect(needles.filter((n) => n.kind === "api_key").map((n) => n.value)).toEqual([secrets.apiKey]);
    expect(needles.filter((n) => n.kind === "webhook_secret").map((n) => n.value)).toEqual([secrets.webhookSecret]);
    expect(needles.filter((n) => n.kind === "phi").length).toBeGreaterThanOrEqual(70);
    expect(needles.some((n) => n.kind === "phi" && n.value === "Odalys Penberthy")).toBe(true);
    const slugs = new Set(needles.filter((n) => n.kind === "transcript").map((n) => n.label.split(" of ")[1]));
    expect(slugs.size).toBe(7);
  });
});

describe("transcriptSnippets", () => {
  const words = Array.from({ length: 100 }, (_, i) => ({ text: `word${i}` }));
  test("skips runs that touch a PII span", () => {
    const all = transcriptSnippets({ slug: "x", words, pii: [] }, 4, 8);
    const some = transcriptSnippets({ slug: "x", words, pii: [{ first_word: 20, last_word: 20 }] }, 4, 8);
    expect(all.length).toBe(4);
    expect(some.length).toBe(3);
    expect(some.every((s) => !s.split(" ").includes("word20"))).toBe(true);
  });
});

describe("scanText", () => {
  const needles = loadNeedles(secrets);
  test("finds a secret with its line and never echoes its value", () => {
    const findings = scanText(`ok\nAuthorization: ${secrets.apiKey}\n`, needles, "x.log");
    expect(findings).toEqual([{ kind: "api_key", label: "the run's AssemblyAI API key", where: "x.log", line: 2 }]);
    expect(describeFindings(findings)).not.toContain(secrets.apiKey);
  });
  test("finds a PHI name and every repeat of it", () => {
    expect(scanText("Penberthy and Penberthy", needles, "y").filter((f) => f.kind === "phi").length).toBeGreaterThanOrEqual(2);
  });
  test("clean text has no findings", () => {
    expect(scanText("visit-01 failed: TranscriptError (status error) [id 5f1c]", needles, "z")).toEqual([]);
  });
});

describe("scanDir", () => {
  test("scans reports beside notes but not the notes themselves", () => {
    const dir = mkdtempSync(join(tmpdir(), "leaks-"));
    mkdirSync(join(dir, "work/a/notes"), { recursive: true });
    writeFileSync(join(dir, "work/a/notes/visit-01.md"), "Ms. Penberthy presents with finger pain.");
    writeFileSync(join(dir, "work/a/notes/visit-01.json"), '{"subjective":"Penberthy"}');
    writeFileSync(join(dir, "work/a/notes/failures.jsonl"), '{"message":"Penberthy"}\n');
    writeFileSync(join(dir, "run.log"), `key=${secrets.webhookSecret}`);
    const { files, findings } = scanDir(dir, loadNeedles(secrets));
    expect(files).toBe(2);
    expect(findings.map((f) => f.where).sort()).toEqual(["run.log", join("work/a/notes/failures.jsonl")]);
  });
  test("isUserOutput: only note files inside a notes folder", () => {
    expect(isUserOutput(join("work", "notes", "a.md"))).toBe(true);
    expect(isUserOutput(join("work", "notes", ".soap-notes-ledger.jsonl"))).toBe(false);
    expect(isUserOutput(join("work", "a.md"))).toBe(false);
  });
});
