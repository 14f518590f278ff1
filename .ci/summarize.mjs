// Reads the test run's log (stdin) and prints one closing line with the totals over every
// project's Vitest summary ("Tests  12 passed | 1 skipped (13)"), so CI's log ends with
// "tests: N passed, N failed, N skipped".
import { readFileSync } from "node:fs";

const log = readFileSync(0, "utf8").replace(/\u001b\[[0-9;]*m/g, "");
const totals = { passed: 0, failed: 0, skipped: 0 };
let suites = 0;
for (const line of log.split("\n")) {
  const m = /^\S*:?\s*Tests\s+(.+?)\s+\(\d+\)\s*$/.exec(line.trim());
  if (!m) continue;
  suites += 1;
  for (const part of m[1].split("|")) {
    const p = /(\d+)\s+(passed|failed|skipped|todo)/.exec(part);
    if (p) totals[p[2] === "todo" ? "skipped" : p[2]] += Number(p[1]);
  }
}
if (suites === 0) {
  console.error("summarize: found no Vitest summary in the log: did any test run?");
  process.exit(1);
}
console.log(`(${suites} test runs)`);
// The chaos suite's own one-line summary (tools/chaos), repeated so the log ends with it.
const chaos = log.split("\n").map((l) => l.replace(/^\S+:\s+/, "").trim()).filter((l) => /^chaos (PASS|FAIL):/.test(l)).at(-1);
if (chaos) console.log(chaos);
else console.log("chaos: no summary line in the log (did test:chaos run?)");
// Name what failed, so a red run's last lines say which test (Vitest's " FAIL  file > test" lines,
// and any unhandled error it reported), not only how many.
const failures = [...new Set(log.split("\n").map((l) => l.replace(/^\S+:\s+/, "").trim()).filter((l) => /^FAIL\s+\S+\.test\.[cm]?[jt]sx?\b/.test(l) || /^(Unhandled (Errors?|Rejection)|Error: \[vitest-pool\]|Error: Worker exited)/.test(l)))];
for (const line of failures.slice(0, 40)) console.log(`failed: ${line.replace(/\s+/g, " ")}`);
if (failures.length > 40) console.log(`failed: ... and ${failures.length - 40} more`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
