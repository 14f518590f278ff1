import type { CountersSnapshot } from "@org/soap-sandbox";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DIALOGUE, type BadInputCase } from "./bad-inputs/case.js";
import { BAD_INPUT_CASES } from "./bad-inputs/cases.js";
import { snapshotTree, treeChanges, writeCaseFiles } from "./bad-inputs/tree.js";
import { runCli } from "./support/cli.js";
import { workDir } from "./support/env.js";
import { saveLog } from "./support/logs.js";
import { cliTarget, startSandbox } from "./support/sandbox.js";
import { addTally } from "./support/tally.js";

// Bad inputs through the built CLI: each case must exit 2 (or 3 for a refused key) with one error
// line that says what was wrong and how to fix it, send nothing to the sandbox, and write nothing.
// The table is fixed (no randomness): its order and content do not depend on the seed.

const VERBOSE_COMMANDS = new Set(["note", "batch", "regenerate"]);
const STACK_LINE = /^\s+at /;

let served: ServedSandbox;
beforeAll(async () => {
  served = await startSandbox({ queuedMs: 5, processingMs: 10 });
});
afterAll(async () => {
  await served?.close();
});

function totalCalls(s: CountersSnapshot): number {
  return Object.values(s.routes).reduce((sum, r) => sum + (r?.calls ?? 0), 0);
}

/** `GET /v1/models` takes no key (API-NOTES.md): core's model check before the first chat is answered 200 whatever the key. */
function modelCalls(s: CountersSnapshot): number {
  return s.routes.models?.calls ?? 0;
}

function count401(s: CountersSnapshot): number {
  return Object.values(s.routes).reduce((sum, r) => sum + (r?.statuses["401"] ?? 0), 0);
}

/** The CLI's error line: the last line it printed as `soap-notes: …` or commander's `error: …`. */
function errorLine(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => /^(soap-notes: |error: )/.test(l));
  return lines.at(-1) ?? "";
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
}

function argsOf(c: BadInputCase): string[] {
  const args = [...c.args];
  if (c.verbose ?? VERBOSE_COMMANDS.has(args[0] ?? "")) args.push("--verbose");
  if (args[0] === "batch") args.push("--out", "notes");
  if (c.target ?? true) args.push(...cliTarget(served));
  return args;
}

function hasPhrase(line: string, phrase: string | RegExp): boolean {
  return typeof phrase === "string" ? line.includes(phrase) : phrase.test(line);
}

describe("bad inputs through the CLI", () => {
  test("the corpus holds at least 32 distinct cases over every input family", () => {
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size).toBe(BAD_INPUT_CASES.length);
    expect(BAD_INPUT_CASES.filter((c) => c.skip?.() === undefined).length).toBeGreaterThanOrEqual(32);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.family))).toEqual(new Set(["file", "transcript", "manifest", "config", "flag", "env", "regenerate", "auth"]));
  });

  for (const c of BAD_INPUT_CASES) {
    const skipped = c.skip?.();
    test.skipIf(skipped !== undefined)(c.name, async ({ task }) => {
      addTally(task, { badInputs: 1 });
      const dir = workDir(`bad-inputs/${slug(c.name)}`);
      writeCaseFiles(dir, { "t.txt": DIALOGUE, ...c.files });
      const before = snapshotTree(dir);
      const countersBefore = served.sandbox.counters.snapshot();
      const args = argsOf(c);
      const logName = `bad-inputs-${slug(c.name)}`;
      const stdin = c.stdin === undefined ? {} : { stdin: c.stdin };

      const run = await runCli(args, { logName, cwd: dir, ...stdin, ...(c.env ? { env: c.env } : {}) });
      const line = errorLine(run.stderr);
      expect(run.code, `exit code of "${c.name}"`).toBe(c.exit);
      for (const phrase of c.phrases) expect(hasPhrase(line, phrase), `error line of "${c.name}" holds ${String(phrase)}`).toBe(true);
      // The message comes first; a stack trace (SOAP_NOTES_DEBUG=1) may only follow it.
      const lines = run.stderr.split("\n");
      const firstStack = lines.findIndex((l) => STACK_LINE.test(l));
      if (firstStack !== -1) expect(firstStack).toBeGreaterThan(lines.indexOf(line));

      // Without SOAP_NOTES_DEBUG: the same exit and line, and no stack trace at all.
      const quiet = await runCli(args, { logName, cwd: dir, ...stdin, env: { ...c.env, SOAP_NOTES_DEBUG: undefined } });
      expect(quiet.code).toBe(c.exit);
      expect(errorLine(quiet.stderr)).toBe(line);
      expect(quiet.stderr.split("\n").filter((l) => STACK_LINE.test(l))).toEqual([]);

      const countersAfter = served.sandbox.counters.snapshot();
      expect(countersAfter.transcriptsCreated - countersBefore.transcriptsCreated).toBe(0);
      expect(countersAfter.uploads - countersBefore.uploads).toBe(0);
      const changes = treeChanges(before, snapshotTree(dir));
      if ((c.sends ?? "none") === "none") {
        expect(totalCalls(countersAfter) - totalCalls(countersBefore), "requests sent to the sandbox").toBe(0);
        expect(changes, "files written").toEqual([]);
      } else {
        // Refused key: every request it sent that needs a key was answered 401, and no note file appeared.
        const sent = totalCalls(countersAfter) - totalCalls(countersBefore);
        const keyless = modelCalls(countersAfter) - modelCalls(countersBefore);
        expect(sent - keyless).toBeGreaterThan(0);
        expect(count401(countersAfter) - count401(countersBefore), "requests answered 401").toBe(sent - keyless);
        expect(changes.filter((f) => /\.(md|json)$/.test(f) && !f.endsWith(".jsonl"))).toEqual([]);
      }
      saveLog("bad-inputs-summary", `${c.family}\t${c.name}\texit ${run.code}\t${changes.length} changes`);
      addTally(task, { badInputsAnswered: 1 });
    });
  }
});
