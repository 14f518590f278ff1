import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { startEdgeStack, type EdgeStack } from "./support/edge-stack.js";
import { startFaultProxy, type FaultProxy } from "./support/fault-proxy.js";
import { writeManifest } from "./support/manifest.js";

let stack: EdgeStack;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  stack = await startEdgeStack({ RATE_LIMIT_PER_MINUTE: "100000", TENANT_CREATES_PER_MINUTE: "10000", TENANT_CREATES_PER_DAY: "100000", TENANT_MAX_IN_FLIGHT: "100" });
  proxy = await startFaultProxy(stack.apiUrl);
  dir = await mkdtemp(join(tmpdir(), "soap-remote-it-"));
});

afterAll(async () => {
  await proxy?.close();
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface LedgerLine {
  visit: string;
  stage: string;
  note_id?: string;
  upload_url?: string;
}

async function ledger(out: string): Promise<LedgerLine[]> {
  const path = join(out, ".soap-notes-ledger.jsonl");
  if (!existsSync(path)) return [];
  return (await readFile(path, "utf8"))
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LedgerLine);
}

async function sandboxCreates(): Promise<number> {
  const counters = (await (await fetch(`${stack.sandboxUrl}/__sandbox/counters`)).json()) as { transcriptsCreated?: number };
  return counters.transcriptsCreated ?? -1;
}

describe("soap-notes batch --api (built CLI, wrangler dev, sandbox, fault proxy)", () => {
  it("refuses a key given as a flag, a missing key and a refused key with the documented exit codes", async () => {
    const { path } = await writeManifest(join(dir, "refusals"), 1, 0);
    const flag = await runCli(["batch", path, "--api", proxy.url, "--api-key", "soap_sk_x", "--out", join(dir, "refusals/out")], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("SOAP_NOTES_API_KEY");
    expect(flag.stderr).not.toContain("soap_sk_x");
    const missing = await runCli(["batch", path, "--api", proxy.url, "--out", join(dir, "refusals/out")], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("SOAP_NOTES_API_KEY");
    const wrong = await runCli(["batch", path, "--api", proxy.url, "--out", join(dir, "refusals/out2")], { cwd: dir, env: { SOAP_NOTES_API_KEY: "soap_sk_not_a_key_of_anyone" } });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain("SOAP_NOTES_API_KEY");
  });

  it("uploads, submits once per visit through 429s, 503s and lost answers, survives Ctrl-C and resumes to every note", async () => {
    const work = join(dir, "batch");
    const out = join(work, "out");
    const { path, ids } = await writeManifest(work, 8, 2);
    const env = { SOAP_NOTES_API_KEY: stack.apiKey, SOAP_NOTES_REMOTE_POLL_MS: "300" };
    const args = ["batch", path, "--api", proxy.url, "--out", out, "--concurrency", "4", "--format", "md,json", "--verbose"];
    const createsBefore = await sandboxCreates();
    proxy.setFaults({ rateLimited: 0.15, unavailable: 0.1, resetAfter: 0.3, match: /^(POST|PUT|GET) \/v1\/(notes|uploads)/ });

    // First run: interrupted (SIGINT) once a visit is submitted.
    const first = await runCli(args, {
      cwd: work,
      env,
      onSpawn: (child) => {
        // One SIGINT only (a second one means "exit now"): reads of the ledger may overlap.
        let sent = false;
        const timer = setInterval(() => {
          void ledger(out).then((lines) => {
            if (!sent && lines.some((l) => l.stage === "submitted")) {
              sent = true;
              clearInterval(timer);
              child.kill("SIGINT");
            }
          });
        }, 100);
        child.on("exit", () => clearInterval(timer));
      },
    });
    expect(first.code, first.stderr).toBe(130);
    expect(first.stderr).toContain("to resume, run the same command again");
    const submittedBefore = new Map((await ledger(out)).filter((l) => l.stage === "submitted").map((l) => [l.visit, l.note_id]));
    expect(submittedBefore.size).toBeGreaterThan(0);

    // Second run: the same command finishes the batch.
    const second = await runCli(args, { cwd: work, env });
    expect(second.code, second.stderr).toBe(0);
    for (const id of ids) {
      const note = JSON.parse(await readFile(join(out, `${id}.json`), "utf8")) as { sections: Record<string, unknown> };
      expect(Object.keys(note.sections)).toEqual(["subjective", "objective", "assessment", "plan"]);
      expect(existsSync(join(out, `${id}.md`))).toBe(true);
    }
    const lines = await ledger(out);
    const written = lines.filter((l) => l.stage === "note_written").map((l) => l.visit);
    expect(written.sort()).toEqual([...ids].sort());
    // A visit submitted before Ctrl-C kept its note id.
    for (const [visit, noteId] of submittedBefore) expect(lines.filter((l) => l.visit === visit && l.stage === "submitted").map((l) => l.note_id)).toEqual([noteId]);
    const noteIds = new Set(lines.filter((l) => l.stage === "submitted").map((l) => l.note_id));
    expect(noteIds.size).toBe(ids.length);

    // Exactly one job and one transcript per visit, whatever the proxy did to the answers.
    const jobs = await stack.query<{ n: number }>(`SELECT COUNT(*) AS n FROM jobs WHERE tenant_id = '${stack.tenantId}'`);
    expect(jobs[0]?.n).toBe(ids.length);
    expect((await sandboxCreates()) - createsBefore).toBe(ids.length);
    expect(proxy.counts.rateLimited).toBeGreaterThan(0);
    expect(proxy.counts.resetAfter).toBeGreaterThan(0);
    // The summary counts the skipped (already written) and done visits.
    const summary = JSON.parse(await readFile(join(out, "_summary.json"), "utf8")) as { done: number; skipped: number; failed: number; origin: string };
    expect(summary).toMatchObject({ failed: 0, origin: `api:${proxy.url}` });
    expect(summary.done + summary.skipped).toBe(ids.length);
    // No key in anything the CLI printed.
    expect(`${first.stderr}${second.stderr}${second.stdout}`).not.toContain(stack.apiKey);
  });
});
