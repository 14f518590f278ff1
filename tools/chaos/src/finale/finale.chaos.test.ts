import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { chaosEnv } from "../support/env.js";
import { describeFindings, loadNeedles, scanDir } from "../support/leaks.js";
import { shortfalls, summaryLine } from "../support/summary.js";
import { sumTallies, type ChaosTally } from "../support/tally.js";

interface JsonReport {
  numFailedTests: number;
  numTotalTests: number;
  testResults: { assertionResults: { fullName: string; status: string; meta?: { chaos?: ChaosTally } }[] }[];
}

const PARTS = ["node", "edge"] as const;

test("every part ran, no secret or PHI leaked anywhere, every minimum met", () => {
  const env = chaosEnv();
  const reports = PARTS.map((part) => {
    const path = join(env.outDir, "reports", `${part}.json`);
    expect(existsSync(path), `the ${part} part wrote no report (${path}): did it run?`).toBe(true);
    return JSON.parse(readFileSync(path, "utf8")) as JsonReport;
  });
  const tallies = reports.flatMap((r) => r.testResults.flatMap((f) => f.assertionResults.map((a) => a.meta?.chaos ?? {})));
  const failedTests = reports.reduce((n, r) => n + r.numFailedTests, 0);

  // Everything the suite wrote: logs, CLI work folders (reports, ledgers, failures.jsonl), the
  // Vitest reports and console output of the other parts (which carry workerd's log lines).
  const needles = loadNeedles(env);
  const { files, findings } = scanDir(env.outDir, needles);
  const total = sumTallies([...tallies, { leaksFound: findings.length }]);

  const line = summaryLine(total, { files, elapsedMs: Number(process.env.CHAOS_ELAPSED_MS ?? 0), seed: env.seed, failedTests });
  writeFileSync(join(env.outDir, "summary.txt"), `${line}\n`);

  expect(findings, `secrets or PHI found:\n${describeFindings(findings)}`).toEqual([]);
  expect(shortfalls(total)).toEqual([]);
  expect(failedTests).toBe(0);
});
