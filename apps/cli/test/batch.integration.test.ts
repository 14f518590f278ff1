import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
// Core's R4 validation helper (FHIR.js, a devDependency of @org/soap-core only), by path: it is not part of core's exports.
import { expectValidR4Bundle } from "../../../packages/core/src/internal/test-support/fhir-validator.js";
import { runCli, SAMPLES } from "./support/cli.js";
import { readJsonl, readNotes, sampleIds } from "./support/outputs.js";
import { startSandbox } from "./support/sandbox.js";

let dir: string;
let ids: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-batch-e2e-"));
  ids = await sampleIds(SAMPLES);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("batch on the embedded sandbox", () => {
  it("turns every sample visit into notes, then skips them all on a re-run without rewriting", async () => {
    const out = join(dir, "embedded");
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/local in-process sandbox/);
    expect(r.stderr).toMatch(new RegExp(`Finished: ${ids.length} done, 0 failed, 0 skipped \\(already done\\) of ${ids.length} visits`));
    expect(r.stderr).toMatch(/audio \d+\.\d min · tokens \d+ · wall time/);
    const notes = await readNotes(out);
    expect([...notes.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const md = await readFile(join(out, `${id}.md`), "utf8");
      expect(md).toMatch(/^> \*\*Sandbox output\.\*\*/);
    }
    expect(await readFile(join(out, "failures.jsonl"), "utf8")).toBe("");
    const mtimes = await Promise.all(ids.map(async (id) => (await stat(join(out, `${id}.md`))).mtimeMs));

    const again = await runCli(["batch", "samples/manifest.csv", "--out", out, "--json"]);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout) as { done: number; skipped: number; sandbox: boolean };
    expect(summary).toMatchObject({ done: 0, skipped: ids.length, sandbox: true });
    expect(await Promise.all(ids.map(async (id) => (await stat(join(out, `${id}.md`))).mtimeMs))).toEqual(mtimes);
  });

  it("reads a JSON lines manifest from stdin and writes every requested format", async () => {
    const out = join(dir, "stdin");
    const manifest = ids.slice(0, 2).map((id) => JSON.stringify({ id, transcript_file: `samples/transcripts/${id}.txt` })).join("\n");
    const r = await runCli(["batch", "-", "--out", out, "--format", "md,fhir", "--json"], { stdin: manifest });
    expect(r.code, r.stderr).toBe(0);
    const files = (await readdir(out)).filter((n) => !n.startsWith(".")).sort();
    expect(files).toEqual(["_summary.json", "failures.jsonl", ...ids.slice(0, 2).flatMap((id) => [`${id}.fhir.json`, `${id}.json`, `${id}.md`])].sort());
    for (const id of ids.slice(0, 2)) expectValidR4Bundle(JSON.parse(await readFile(join(out, `${id}.fhir.json`), "utf8")));
    const events = r.stderr.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { event: string });
    expect(events.filter((e) => e.event === "done")).toHaveLength(2);
    expect(events.at(-1)?.event).toBe("summary");
  });

  it("takes a folder of audio files", async () => {
    const out = join(dir, "folder");
    const r = await runCli(["batch", "samples/visits", "--out", out, "--concurrency", "3", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect((await readNotes(out)).size).toBe(ids.length);
  });
});

describe("batch over HTTP with injected faults", () => {
  let sb: { served: ServedSandbox; env: Record<string, string> };
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb.served.close();
  });
  beforeEach(() => {
    sb.served.sandbox.reset();
  });

  it("retries transient faults, fails only the visit with a permanent one, and reports it", async () => {
    const { faults } = sb.served.sandbox;
    faults.add({ route: "create", kind: "transcript_error", times: 1, message: "audio too short" });
    faults.add({ route: "chat", kind: "status", status: 503, times: 2 });
    faults.add({ route: "get", kind: "reset", times: 2 });
    const out = join(dir, "faults");
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out, "--concurrency", "2"], { env: sb.env });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Finished: ${ids.length - 1} done, 1 failed`));
    expect(r.stderr).toContain(`soap-notes: 1 of ${ids.length} visits failed`);
    const failures = await readJsonl(join(out, "failures.jsonl"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ name: "TranscriptFailedError", permanent: true, transcript_failed: true });
    expect(String(failures[0]?.["message"])).toMatch(/audio too short/);
    expect((await readNotes(out)).size).toBe(ids.length - 1);
    expect(sb.served.sandbox.counters.transcriptsCreated).toBe(ids.length);

    // Re-running does not transcribe the failed visit again (it has a transcript id) nor the others.
    const again = await runCli(["batch", "samples/manifest.csv", "--out", out], { env: sb.env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`0 done, 1 failed, ${ids.length - 1} skipped`));
    expect(sb.served.sandbox.counters.transcriptsCreated).toBe(ids.length);
  });

  it("deletes each transcript once its note is written with --delete-after", async () => {
    const out = join(dir, "delete-after");
    const manifest = join(dir, "two.csv");
    await writeFile(manifest, `id,audio\n${ids.slice(0, 2).map((id) => `${id},${SAMPLES}/visits/${id}.mp3`).join("\n")}\n`);
    const r = await runCli(["batch", manifest, "--out", out, "--delete-after"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    const notes = await readNotes(out);
    for (const note of notes.values()) expect(sb.served.sandbox.state.transcripts.get(note.provenance.transcript_id as string)?.deleted).toBe(true);
    const ledger = await readJsonl(join(out, ".soap-notes-ledger.jsonl"));
    expect(ledger.filter((e) => e["stage"] === "deleted")).toHaveLength(2);
  });

  it("replaces the sandbox's demo notes when the same command runs with a key, and refuses the reverse", async () => {
    const out = join(dir, "embedded");
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`replacing ${ids.length} note\\(s\\) made on the local sandbox`));
    expect(sb.served.sandbox.counters.transcriptsCreated).toBe(ids.length);
    // Replaced: every note now names a transcript of the served sandbox. (They still carry the sandbox
    // banner, as every note from a served sandbox does since #14: only their origin changed.)
    for (const note of (await readNotes(out)).values()) expect(sb.served.sandbox.state.transcripts.has(note.provenance.transcript_id as string)).toBe(true);
    const back = await runCli(["batch", "samples/manifest.csv", "--out", out]);
    expect(back.code).toBe(2);
    expect(back.stderr.trim()).toMatch(/embedded holds notes made on http:\/\/127\.0\.0\.1:\d+, but this run uses the local sandbox; write to a new --out folder/);
  });

  it("stops the batch with exit code 3 when the key is refused", async () => {
    const out = join(dir, "badkey");
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out], { env: { ...sb.env, ASSEMBLYAI_API_KEY: "wrong-key-123" } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/check ASSEMBLYAI_API_KEY/);
    expect(r.stderr).not.toContain("wrong-key-123");
  });

  it("with --concurrency 1, starts the next visit while one waits for its transcript, within --max-requests-per-5min", async () => {
    sb.served.sandbox.faults.add({ route: "create", kind: "status", status: 429, retryAfterSeconds: 1, times: 1 });
    const out = join(dir, "scheduled");
    const manifest = join(dir, "three.csv");
    await writeFile(manifest, `id,audio\n${ids.slice(0, 3).map((id) => `${id},${SAMPLES}/visits/${id}.mp3`).join("\n")}\n`);
    const r = await runCli(["batch", manifest, "--out", out, "--concurrency", "1", "--max-requests-per-5min", "200"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    expect(sb.served.sandbox.counters.transcriptsCreated).toBe(3);
    const ledger = await readJsonl(join(out, ".soap-notes-ledger.jsonl"));
    const at = (visit: string | undefined, stage: string) => ledger.findIndex((e) => e["visit"] === visit && e["stage"] === stage);
    // One slot per stage, not per visit: the second visit uploaded before the first one's note was written.
    expect(at(ids[1], "uploaded")).toBeGreaterThanOrEqual(0);
    expect(at(ids[1], "uploaded")).toBeLessThan(at(ids[0], "note_written"));
  });

  it("refuses a request budget over AssemblyAI's limit before sending anything", async () => {
    const r = await runCli(["batch", "samples/manifest.csv", "--out", join(dir, "over-budget"), "--max-requests-per-5min", "50000"], { env: sb.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-requests-per-5min must be at most 20000/);
    expect(sb.served.sandbox.counters.transcriptsCreated).toBe(0);
  });

  it("finds a transcript whose create answer was lost instead of creating it again", async () => {
    sb.served.sandbox.faults.add({ route: "create", kind: "status", status: 500, after: true, times: 1 });
    const out = join(dir, "uncertain");
    const manifest = join(dir, "one.csv");
    await writeFile(manifest, `id,audio\n${ids[0]},${SAMPLES}/visits/${ids[0]}.mp3\n`);
    const r = await runCli(["batch", manifest, "--out", out], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    expect(sb.served.sandbox.counters.transcriptsCreated).toBe(1);
    expect((await readNotes(out)).size).toBe(1);
  });
});
