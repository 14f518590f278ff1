import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
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

// Bad inputs through the built CLI: each case must exit 2 (or 3 for a refused key, 4 for an
// unreachable AssemblyAI or proxy, 130 / 143 for a signal, 0 for a reader that closed the pipe) with
// one error line that says what was wrong and how to fix it, send nothing to the sandbox, and write
// nothing (but a stopped batch's own state, where a case says so).
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
  if (args[0] === "batch" && !args.includes("--out")) args.push("--out", "notes");
  if (c.target ?? true) args.push(...cliTarget(served));
  return args;
}

/** What a case does to the running CLI: close its stdout, send it a signal at its trigger. */
function interfere(c: BadInputCase, dir: string): { onSpawn: (child: ChildProcess) => void; sent: () => boolean } {
  let sent = false;
  const onSpawn = (child: ChildProcess): void => {
    if (c.closeStdout) child.stdout?.destroy();
    const signal = c.signal;
    if (signal === undefined) return;
    const fire = (): void => {
      if (sent) return;
      sent = true;
      child.kill(signal.name);
    };
    if (signal.onStderr !== undefined) {
      let seen = "";
      child.stderr?.on("data", (d: string | Buffer) => {
        seen += String(d);
        if (signal.onStderr?.test(seen)) fire();
      });
    }
    const watched = signal.whenFile;
    if (watched !== undefined) {
      const path = join(dir, watched.path);
      const startSize = existsSync(path) ? statSync(path).size : 0;
      const timer = setInterval(() => {
        if (!existsSync(path)) return;
        if (watched.grows.test(readFileSync(path, "utf8").slice(startSize))) fire();
      }, 10);
      child.on("close", () => clearInterval(timer));
    }
  };
  return { onSpawn, sent: () => sent };
}

function hasPhrase(line: string, phrase: string | RegExp): boolean {
  return typeof phrase === "string" ? line.includes(phrase) : phrase.test(line);
}

describe("bad inputs through the CLI", () => {
  test("the corpus holds at least 32 distinct cases over every input family", () => {
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size).toBe(BAD_INPUT_CASES.length);
    expect(BAD_INPUT_CASES.filter((c) => c.skip?.() === undefined).length).toBeGreaterThanOrEqual(32);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.family))).toEqual(new Set(["file", "transcript", "manifest", "config", "flag", "env", "regenerate", "auth", "pipe", "signal", "network"]));
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

      const first = interfere(c, dir);
      const run = await runCli(args, { logName, cwd: dir, ...stdin, ...(c.env ? { env: c.env } : {}), onSpawn: first.onSpawn });
      if (c.signal) expect(first.sent(), `${c.signal.name} was sent`).toBe(true);
      const line = errorLine(run.stderr);
      expect(run.code, `exit code of "${c.name}"`).toBe(c.exit);
      for (const phrase of c.phrases) expect(hasPhrase(line, phrase), `error line of "${c.name}" holds ${String(phrase)}`).toBe(true);
      // The message comes first; a stack trace (SOAP_NOTES_DEBUG=1) may only follow it.
      const lines = run.stderr.split("\n");
      const firstStack = lines.findIndex((l) => STACK_LINE.test(l));
      if (firstStack !== -1) expect(firstStack).toBeGreaterThan(lines.indexOf(line));

      // Without SOAP_NOTES_DEBUG: the same exit and line, and no stack trace at all.
      const quiet = await runCli(args, { logName, cwd: dir, ...stdin, env: { ...c.env, SOAP_NOTES_DEBUG: undefined }, onSpawn: interfere(c, dir).onSpawn });
      expect(quiet.code).toBe(c.exit);
      expect(errorLine(quiet.stderr)).toBe(line);
      expect(quiet.stderr.split("\n").filter((l) => STACK_LINE.test(l))).toEqual([]);

      const countersAfter = served.sandbox.counters.snapshot();
      expect(countersAfter.transcriptsCreated - countersBefore.transcriptsCreated).toBe(0);
      expect(countersAfter.uploads - countersBefore.uploads).toBe(0);
      const changes = treeChanges(before, snapshotTree(dir));
      if ((c.sends ?? "none") === "none") {
        expect(totalCalls(countersAfter) - totalCalls(countersBefore), "requests sent to the sandbox").toBe(0);
        expect(
          changes.filter((f) => !c.mayWrite?.test(f)),
          "files written",
        ).toEqual([]);
      } else {
        // Refused key: every request it sent that needs a key was answered 401, and no note file appeared.
        const sent = totalCalls(countersAfter) - totalCalls(countersBefore);
        const keyless = modelCalls(countersAfter) - modelCalls(countersBefore);
        expect(sent - keyless).toBeGreaterThan(0);
        expect(count401(countersAfter) - count401(countersBefore), "requests answered 401").toBe(sent - keyless);
        // The batch's run summary (`_summary.json`) is written on every run; notes are the other .md/.json files.
        expect(changes.filter((f) => /\.(md|json)$/.test(f) && !f.endsWith(".jsonl") && !/(^|[/\\])_summary\.json$/.test(f))).toEqual([]);
      }
      saveLog("bad-inputs-summary", `${c.family}\t${c.name}\texit ${run.code}\t${changes.length} changes`);
      addTally(task, { badInputsAnswered: 1 });
    });
  }
});
