import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_API_KEY } from "@org/soap-sandbox";
import { serve, type ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, SAMPLES } from "./support/cli.js";
import { readJsonl, sampleIds } from "./support/outputs.js";

// SIGINT (Ctrl-C) and SIGTERM (`kill`, `docker stop`, a CI cancel) on the built CLI, with real
// signals: the same clean stop at every instant, 130 / 143, the lock released, the resume command.

const LOCK = ".soap-notes.lock";
const RESUME = /to resume, run the same command again:\n {2}soap-notes batch /;

let dir: string;
let slow: ServedSandbox;
let slowEnv: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-signals-"));
  // Jobs that take seconds: a signal lands while visits are in flight.
  slow = await serve({ port: 0, hostname: "127.0.0.1", queuedMs: 50, processingMs: 3000 });
  slowEnv = { ASSEMBLYAI_API_KEY: DEMO_API_KEY, ASSEMBLYAI_BASE_URL: slow.apiBaseUrl, ASSEMBLYAI_GATEWAY_URL: slow.gatewayBaseUrl };
});
afterAll(async () => {
  await slow.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a signal before any work started", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s while a batch waits for its manifest on stdin: exit %i, one line, the command to run again", async (signal, code) => {
    const out = join(dir, `stdin-${signal}`);
    const r = await runCli(["batch", "-", "--out", out], {
      stdinOpen: true,
      // Long past start-up, even on a loaded machine: the CLI is blocked reading stdin, no command handler yet.
      onSpawn: (child) => void setTimeout(() => child.kill(signal), 1500),
    });
    expect(r.signal, "killed outright by the signal").toBeNull();
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(new RegExp(`soap-notes: interrupted \\(${signal}\\); ${RESUME.source}-`));
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s between taking the output lock and starting the visits: exit %i and the lock is released", async (signal, code) => {
    const out = join(dir, `startup-${signal}`);
    let sent = false;
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out], {
      // No key: the in-process sandbox prints its notice after the lock is taken, while it loads its fixtures.
      onStderrLine: (line, child) => {
        if (!sent && /runs on the local in-process sandbox/.test(line)) {
          sent = true;
          child.kill(signal);
        }
      },
    });
    expect(sent).toBe(true);
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(RESUME);
    expect(existsSync(join(out, LOCK)), "lock left behind").toBe(false);
    // Nothing is lost: the same command finishes the batch.
    const again = await runCli(["batch", "samples/manifest.csv", "--out", out, "--quiet"]);
    expect(again.code, again.stderr).toBe(0);
  });
});

describe("a signal mid-batch", () => {
  it("SIGTERM with visits in flight: checkpoint, ledger flushed, lock released, exit 143; the resumed run creates no transcript twice", { timeout: 60_000 }, async () => {
    const out = join(dir, "late");
    const args = ["batch", "samples/manifest.csv", "--out", out, "--concurrency", "3"];
    const createdBefore = slow.sandbox.counters.transcriptsCreated;
    let sent = false;
    let timer: NodeJS.Timeout | undefined;
    const r = await runCli(args, {
      env: slowEnv,
      onSpawn: (child) => {
        // Once a transcript id is in the ledger, the visits are waiting on AssemblyAI.
        timer = setInterval(() => {
          void readFile(join(out, ".soap-notes-ledger.jsonl"), "utf8").then(
            (text) => {
              if (!sent && text.includes('"transcript_created"')) {
                sent = true;
                child.kill("SIGTERM");
              }
            },
            () => undefined,
          );
        }, 20);
      },
    });
    clearInterval(timer);
    expect(sent).toBe(true);
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toMatch(/Interrupted\. Progress is saved in .*\.soap-notes-ledger\.jsonl; to resume, run the same command again:\n {2}soap-notes batch samples\/manifest\.csv --out /);
    expect(r.stderr).toMatch(/soap-notes: interrupted \(SIGTERM\)$/m);
    expect(existsSync(join(out, LOCK))).toBe(false);
    const recorded = (await readJsonl(join(out, ".soap-notes-ledger.jsonl"))).filter((e) => e["stage"] === "transcript_created").length;
    expect(recorded).toBeGreaterThanOrEqual(1);

    const resumed = await runCli([...args, "--json"], { env: slowEnv });
    expect(resumed.code, resumed.stderr).toBe(0);
    const ids = (await sampleIds(SAMPLES)).length;
    // One transcript per visit over both runs: the ids recorded before SIGTERM were waited on, not created again.
    expect(slow.sandbox.counters.transcriptsCreated - createdBefore).toBe(ids);
  });
});

describe("a signal during one note", () => {
  it("SIGTERM while the transcript is processing: exit 143, nothing written", { timeout: 30_000 }, async () => {
    const out = join(dir, "one-note.md");
    let sent = false;
    const r = await runCli(["note", `${SAMPLES}/visits/visit-01-finger-injury.mp3`, "--out", out, "--verbose"], {
      env: slowEnv,
      onStderrLine: (line, child) => {
        if (!sent && /transcript \S+ created/.test(line)) {
          sent = true;
          child.kill("SIGTERM");
        }
      },
    });
    expect(sent).toBe(true);
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toMatch(/^soap-notes: interrupted; nothing was written \(SIGTERM\)$/m);
    expect(existsSync(out)).toBe(false);
  });
});


describe("a signal to a served sandbox", () => {
  it("SIGTERM (docker stop) closes it and exits 0, like Ctrl-C", async () => {
    let listening = false;
    const r = await runCli(["sandbox", "--port", "0", "--json"], {
      onSpawn: (child) => {
        child.stdout?.once("data", () => {
          listening = true;
          child.kill("SIGTERM");
        });
      },
    });
    expect(listening).toBe(true);
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(0);
  });
});
