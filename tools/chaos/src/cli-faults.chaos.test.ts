/**
 * The fault matrix through the CLI: every fault the sandbox can inject, on every route the CLI
 * calls, in a 2-visit `soap-notes batch --verbose --identify-roles --delete-after` against a served
 * sandbox of its own. Each cell asserts its designed outcome (see cli-faults/matrix.ts), then the
 * rerun with the fault removed. Cells run concurrently in a small pool.
 */
import { describe, test } from "vitest";
import { chaosEnv, REPO_ROOT } from "./support/env.js";
import { saveLog } from "./support/logs.js";
import { addTally } from "./support/tally.js";
import { buildCells, chooseFromSeed, coverageGaps, NOT_APPLICABLE, NOT_RUN_COMBINATIONS, seeded, VISITS } from "./cli-faults/matrix.js";
import { runCell, sampleVisits } from "./cli-faults/run-cell.js";

/** CLI runs in flight at once (each with its own sandbox): the file must fit in minutes on 2 shared cores. */
const POOL = 4;

const random = seeded(chaosEnv().seed ^ 0x0c11fa17);
const choices = chooseFromSeed(random);
const samples = sampleVisits(REPO_ROOT);
const first = Math.floor(random() * samples.length);
const visits = [0, 1].slice(0, VISITS).map((i) => samples[(first + i) % samples.length]).filter((v) => v !== undefined);
// CHAOS_CLI_CELLS=<regex> runs only the matching cells (to replay one by hand).
const only = process.env.CHAOS_CLI_CELLS ? new RegExp(process.env.CHAOS_CLI_CELLS) : undefined;
const allCells = buildCells(choices);
const cells = only ? allCells.filter((c) => only.test(c.id)) : allCells;
const picks = `times=${choices.times} retryAfter=${choices.retryAfterSeconds}s section=${choices.section} visits=${visits.map((v) => v.id).join("+")}`;
saveLog("cli-faults/matrix", `seed ${chaosEnv().seed}: ${picks}\n${cells.length} cells\n${cells.map((c) => `${c.id}\t${JSON.stringify(c.faults)}\t${c.expect.kind}\t${c.why}`).join("\n")}\nnot applicable:\n${NOT_APPLICABLE.map((n) => `${n.kind} × ${n.route}: ${n.why}`).join("\n")}\nnot run:\n${NOT_RUN_COMBINATIONS.join("\n")}`);

let running = 0;
const waiting: (() => void)[] = [];
async function inPool<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= POOL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

describe(`CLI fault matrix (${picks})`, () => {
  test("every fault kind × route has cells or an explicit not-applicable reason", ({ expect }) => {
    expect(coverageGaps(allCells)).toEqual([]);
    expect(new Set(allCells.map((c) => c.id)).size, "cell ids are unique").toBe(allCells.length);
    expect(visits.length).toBe(VISITS);
  });

  describe.concurrent("cells", () => {
    for (const cell of cells) {
      const outcome = cell.expect.kind === "survive" ? "survives" : `fails ${cell.expect.name}`;
      test(`${cell.id} → ${outcome}`, async ({ task, expect }) => {
        addTally(task, { faultCases: 1 });
        const result = await inPool(() => runCell(expect, cell, visits));
        // Counted only once every assertion of the cell passed.
        addTally(task, result === "survived" ? { faultsSurvived: 1 } : { faultsFailedCleanly: 1 });
      });
    }
  });
});
