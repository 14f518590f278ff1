import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parityProblems, type ParityRecord } from "../parity/record.js";
import { chaosEnv } from "../support/env.js";
import { describeFindings, loadNeedles, scanDir } from "../support/leaks.js";
import { shortfalls, summaryLine } from "../support/summary.js";
import { sumTallies, type ChaosTally } from "../support/tally.js";

interface JsonReport {
  numFailedTests: number;
  numTotalTests: number;
  testResults: { assertionResults: { fullName: string; status: string; meta?: { chaos?: ChaosTally; parity?: ParityRecord } }[] }[];
}

const PARTS = ["node", "edge"] as const;

function loadReports(): JsonReport[] {
  const env = chaosEnv();
  return PARTS.map((part) => {
    const path = join(env.outDir, "reports", `${part}.json`);
    expect(existsSync(path), `the ${part} part wrote no report (${path}): did it run?`).toBe(true);
    return JSON.parse(readFileSync(path, "utf8")) as JsonReport;
  });
}

/** The parity check over both parts' reports: differences between the CLI's and the edge API's record, or what is missing. */
function parityOf(reports: readonly JsonReport[]): string[] {
  const records = reports.flatMap((r) => r.testResults.flatMap((f) => f.assertionResults.flatMap((a) => (a.meta?.parity ? [a.meta.parity] : []))));
  return parityProblems(records);
}

test("every part ran, no secret or PHI leaked anywhere, every minimum met", () => {
  const env = chaosEnv();
  const reports = loadReports();
  const tallies = reports.flatMap((r) => r.testResults.flatMap((f) => f.assertionResults.map((a) => a.meta?.chaos ?? {})));
  const failedTests = reports.reduce((n, r) => n + r.numFailedTests, 0);

  // Everything the suite wrote: logs, CLI work folders (reports, ledgers, failures.jsonl), the
  // Vitest reports and console output of the other parts (which carry workerd's log lines).
  const needles = loadNeedles(env);
  const { files, findings } = scanDir(env.outDir, needles);
  const total = sumTallies([...tallies, { leaksFound: findings.length }]);

  const line = summaryLine(total, { files, elapsedMs: Number(process.env.CHAOS_ELAPSED_MS ?? 0), seed: env.seed, failedTests, parity: parityOf(reports) });
  writeFileSync(join(env.outDir, "summary.txt"), `${line}\n`);

  expect(findings, `secrets or PHI found:\n${describeFindings(findings)}`).toEqual([]);
  expect(shortfalls(total)).toEqual([]);
  expect(failedTests).toBe(0);
});

test("parity: the CLI and the edge API made the same visit with the same config the same way", () => {
  // Create params (webhook_* aside), template ref and hash, transcript mode, model, redaction, every
  // gateway chat message, and note.sections: src/parity/record.ts.
  const problems = parityOf(loadReports());
  expect(problems, `the CLI and the edge API differ:\n${problems.join("\n")}`).toEqual([]);
});
