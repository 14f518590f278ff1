import { describe, expect, test } from "vitest";
import { shortfalls, summaryLine } from "./summary.js";
import { addTally, sumTallies } from "./tally.js";

const good = sumTallies([
  { faultCases: 30, faultsSurvived: 20, faultsFailedCleanly: 10 },
  { crashRuns: 10, crashesResumed: 10, kills: 17 },
  { badInputs: 45, badInputsAnswered: 45 },
  { fuzzCases: 100_000 },
]);

describe("tallies", () => {
  test("addTally accumulates on a task's meta", () => {
    const task = { meta: {} as { chaos?: Record<string, number> } };
    addTally(task, { faultCases: 2, faultsSurvived: 1 });
    addTally(task, { faultCases: 1, faultsFailedCleanly: 1 });
    expect(task.meta.chaos).toEqual({ faultCases: 3, faultsSurvived: 1, faultsFailedCleanly: 1 });
  });
});

describe("shortfalls", () => {
  test("a complete run has none", () => expect(shortfalls(good)).toEqual([]));
  test.each([
    [{ crashRuns: 9, crashesResumed: 9 }, "crash/resume: 9 runs, need 10"],
    [{ crashesResumed: 9 }, "crash/resume: 1 of 10 runs not resumed"],
    [{ badInputs: 39, badInputsAnswered: 39 }, "bad inputs: 39 tried, need 40"],
    [{ fuzzCases: 99_999 }, "parser fuzz: 99999 cases, need 100000"],
    [{ fuzzUntypedThrows: 1 }, "parser fuzz: 1 untyped throws"],
    [{ leaksFound: 2 }, "2 leaks found"],
    [{ faultsSurvived: 19 }, "fault matrix: 1 of 30 cells"],
  ])("%o is named", (change, message) => {
    expect(shortfalls({ ...good, ...change }).join("\n")).toContain(message);
  });
});

describe("summaryLine", () => {
  test("one line with every total, PASS only when nothing is short", () => {
    const line = summaryLine(good, { files: 12, elapsedMs: 125_000, seed: 7, failedTests: 0 });
    expect(line).not.toContain("\n");
    expect(line).toMatch(/^chaos PASS: faults 30\/30 handled .* crashes 10\/10 runs resumed \(17 SIGKILLs\);.*bad inputs 45\/45.*100000 answers, 0 untyped.*leaks found 0 \(12 files scanned\).*2m05s, seed 7$/);
    expect(summaryLine({ ...good, leaksFound: 1 }, { files: 1, elapsedMs: 0, seed: 1, failedTests: 0 })).toMatch(/^chaos FAIL/);
  });

  test("says parity ok when the apps agree, and FAILs when they do not", () => {
    const ok = summaryLine(good, { files: 12, elapsedMs: 125_000, seed: 7, failedTests: 0, parity: [] });
    expect(ok).toMatch(/^chaos PASS: .*leaks found 0 \(12 files scanned\); parity ok; 0 failed tests; 2m05s, seed 7$/);
    const differ = summaryLine(good, { files: 12, elapsedMs: 0, seed: 7, failedTests: 0, parity: ["create.redact_pii_policies: cli … ≠ edge …"] });
    expect(differ).toMatch(/^chaos FAIL: .*; parity FAIL \(1 problem\); 0 failed tests;/);
    expect(summaryLine(good, { files: 1, elapsedMs: 0, seed: 1, failedTests: 0 })).not.toContain("parity");
  });
});
