/**
 * Issue #14 (part B): output conventions of the built CLI. Colour by Node's rules (NO_COLOR,
 * FORCE_COLOR, TERM=dumb), a live line only on a terminal that can be redrawn, a heartbeat on logs
 * that are not a terminal, JSON errors and one key casing under --json, the batch summary file.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_API_KEY } from "@org/soap-sandbox";
import { serve, type ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, SAMPLES } from "./support/cli.js";
import { readJsonl } from "./support/outputs.js";
import { HAS_SCRIPT, runInPty } from "./support/pty.js";

const ESC = "\x1b[";
/** Two visits, so runs stay short. */
const TWO = ["visit-01-finger-injury", "visit-02-knee-sprain"];

let dir: string;
let manifest: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-output-conventions-"));
  manifest = join(dir, "two.csv");
  await writeFile(manifest, `id,audio\n${TWO.map((id) => `${id},${SAMPLES}/visits/${id}.mp3`).join("\n")}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every key of a JSON value, nested ones included. */
function keysOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(keysOf);
  if (typeof v !== "object" || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]);
}

describe("colour", () => {
  it("colours done lines in a pipe only when FORCE_COLOR asks, and never with FORCE_COLOR=0 or NO_COLOR", async () => {
    const forced = await runCli(["batch", manifest, "--out", join(dir, "c1")], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(`${ESC}32mdone${ESC}39m`);
    const plainEnvs: Record<string, string>[] = [{ NO_COLOR: "", FORCE_COLOR: "0" }, { NO_COLOR: "1" }, { NO_COLOR: "" }];
    for (const [i, env] of plainEnvs.entries()) {
      const r = await runCli(["batch", manifest, "--out", join(dir, `c-plain-${i}`)], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^done {3}visit-0/m);
      expect(r.stderr).not.toContain("\x1b");
    }
  });

  it.skipIf(!HAS_SCRIPT)("draws a live line in place on a terminal, in colour", async () => {
    const r = await runInPty(["batch", manifest, "--out", join(dir, "tty")], { TERM: "xterm-256color" });
    expect(r.code, r.output).toBe(0);
    // Drawn in place: back to column 1 (CSI 1 G), then the line.
    expect(r.output).toContain(`${ESC}1G[0/2] upload`);
    expect(r.output).toMatch(/\[2\/2\] upload 0/);
    expect(r.output).toContain(`${ESC}32mdone${ESC}39m`);
    expect(r.output).toContain("Finished: 2 done");
  });

  it.skipIf(!HAS_SCRIPT)("TERM=dumb: no colour and no redraw on a terminal, plain lines only", async () => {
    const r = await runInPty(["batch", manifest, "--out", join(dir, "dumb")], { TERM: "dumb" });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/^done {3}visit-0/m);
    expect(r.output).not.toContain("\x1b");
  });

  it.skipIf(!HAS_SCRIPT)("NO_COLOR on a terminal: the live line still redraws, without colour", async () => {
    const r = await runInPty(["batch", manifest, "--out", join(dir, "nocolor-tty")], { TERM: "xterm-256color", NO_COLOR: "1" });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain(`${ESC}1G[0/2] upload`);
    expect(r.output).not.toContain(`${ESC}32m`);
  });
});

describe("heartbeat on logs that are not a terminal", () => {
  let served: ServedSandbox;
  let env: Record<string, string>;
  beforeAll(async () => {
    // Slow transcription: the batch spends a few hundred ms with visits in flight.
    served = await serve({ port: 0, hostname: "127.0.0.1", queuedMs: 50, processingMs: 600 });
    env = { ASSEMBLYAI_API_KEY: DEMO_API_KEY, ASSEMBLYAI_BASE_URL: served.apiBaseUrl, ASSEMBLYAI_GATEWAY_URL: served.gatewayBaseUrl };
  });
  afterAll(async () => {
    await served.close();
  });

  it("prints a line with the stage counts every SOAP_NOTES_HEARTBEAT seconds", async () => {
    const r = await runCli(["batch", manifest, "--out", join(dir, "hb")], { env: { ...env, SOAP_NOTES_HEARTBEAT: "0.1" } });
    expect(r.code, r.stderr).toBe(0);
    const beats = r.stderr.split("\n").filter((l) => /^soap-notes: \d+\/2 done, \d+ failed, \d+ in progress/.test(l));
    expect(beats.length).toBeGreaterThanOrEqual(3);
    // Stage counts and the time so far, e.g. "soap-notes: 0/2 done, 0 failed, 2 in progress (transcribing 2), 412ms".
    expect(beats.some((l) => /, 2 in progress \((uploading|transcribing|generating|writing) \d[^)]*\), \d+(ms|s)$/.test(l))).toBe(true);
  });

  it("prints none with the default interval in a short run, and progress events as JSON lines with --json", async () => {
    const plain = await runCli(["batch", manifest, "--out", join(dir, "hb-default")], { env });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toMatch(/in progress/);
    const json = await runCli(["batch", manifest, "--out", join(dir, "hb-json"), "--json"], { env: { ...env, SOAP_NOTES_HEARTBEAT: "0.1" } });
    expect(json.code, json.stderr).toBe(0);
    const events = json.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const progress = events.filter((e) => e["event"] === "progress");
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatchObject({ total: 2, in_progress: expect.any(Number), elapsed_ms: expect.any(Number) });
  });

  it("refuses a heartbeat interval that is not a number of seconds, before anything is sent", async () => {
    const before = served.sandbox.counters.snapshot();
    const r = await runCli(["batch", manifest, "--out", join(dir, "hb-bad")], { env: { ...env, SOAP_NOTES_HEARTBEAT: "often" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SOAP_NOTES_HEARTBEAT must be a number of seconds from 0 to 3600 .*got "often"/);
    expect(served.sandbox.counters.snapshot()).toEqual(before);
  });
});

describe("--json", () => {
  it.each([
    [["note", "missing.mp3", "--json"], "input_error", /audio file not found/],
    [["note", "--colour", "--json"], "unknown_option", /^unknown option '--colour'$/],
    [["batch", "--json"], "missing_argument", /missing required argument 'input'/],
    [["batch", "samples/manifest.csv", "--json", "--concurrency", "65"], "usage_error", /--concurrency must be at most 64/],
  ] as const)("reports %j as one JSON object on stderr", async (args, code, message) => {
    const r = await runCli([...args]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0] as string) as { error: { code: string; message: string; exit_code: number } };
    expect(Object.keys(parsed)).toEqual(["error"]);
    expect(parsed.error).toMatchObject({ code, exit_code: 2 });
    expect(parsed.error.message).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("keeps the plain-text error line without --json", async () => {
    const r = await runCli(["note", "missing.mp3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^soap-notes: audio file not found/);
  });

  it("uses snake_case for every key of the summary on stdout and of the JSON lines on stderr", async () => {
    const r = await runCli(["batch", manifest, "--out", join(dir, "keys"), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ total: 2, done: 2, sandbox: true, audio_minutes: expect.any(Number), wall_ms: expect.any(Number), out_dir: join(dir, "keys") });
    expect(summary["audioMinutes"]).toBeUndefined();
    const events = r.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as unknown);
    expect(events.length).toBeGreaterThan(2);
    for (const k of [...keysOf(summary), ...keysOf(events)]) expect(k).toMatch(/^[a-z0-9_]+$/);
  });
});

describe("the batch summary file", () => {
  let served: ServedSandbox;
  beforeAll(async () => {
    served = await serve({ port: 0, hostname: "127.0.0.1", queuedMs: 5, processingMs: 20 });
  });
  afterAll(async () => {
    await served.close();
  });

  it("is written to <out>/_summary.json with counts, durations, failures and token usage, as the README says", async () => {
    served.sandbox.faults.add({ route: "create", kind: "transcript_error", times: 1, message: "audio too short" });
    const out = join(dir, "summary");
    const env = { ASSEMBLYAI_API_KEY: DEMO_API_KEY, ASSEMBLYAI_BASE_URL: served.apiBaseUrl, ASSEMBLYAI_GATEWAY_URL: served.gatewayBaseUrl };
    const r = await runCli(["batch", manifest, "--out", out, "--concurrency", "1"], { env });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`summary (counts, durations, failures, tokens) in ${join(out, "_summary.json")}`);
    const summary = JSON.parse(await readFile(join(out, "_summary.json"), "utf8")) as Record<string, unknown>;
    expect(summary).toMatchObject({
      v: 1,
      total: 2,
      done: 1,
      failed: 1,
      skipped: 0,
      interrupted: false,
      stopped_by: null,
      sandbox: true,
      origin: served.apiBaseUrl,
      visit_durations: { count: 1 },
      token_usage: { total_tokens: expect.any(Number) },
    });
    expect((summary["token_usage"] as { total_tokens: number }).total_tokens).toBeGreaterThan(0);
    const failures = summary["failures"] as Record<string, unknown>[];
    expect(failures).toEqual(await readJsonl(join(out, "failures.jsonl")));
    expect(failures[0]).toMatchObject({ stage: "transcribe", name: "TranscriptFailedError", permanent: true });
    expect(Date.parse(summary["finished_at"] as string)).toBeGreaterThanOrEqual(Date.parse(summary["started_at"] as string));
  });
});
