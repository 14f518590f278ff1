/**
 * Issue #13, reproduction 2: a text dialogue with a name, a date of birth and a phone number, given to
 * `note --transcript-file` with a real-looking key. Every gateway request goes through a recording
 * proxy, so the tests see exactly what would have left the machine. The proxy does not pass on the
 * sandbox's `x-soap-notes-sandbox` header, so to the CLI the gateway is not a sandbox and the run is in
 * its "assemblyai" environment (since #14 a served sandbox reached directly is recognised as one:
 * see the last describe block).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SoapNote } from "@org/soap-core/engine";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli, SAMPLES } from "./support/cli.js";
import { startSandbox } from "./support/sandbox.js";

const DIALOGUE = [
  "[doctor] Can you confirm your full name and date of birth?",
  "[patient] Sure. Odalys Penberthy, April 9, 1977.",
  "[doctor] And we can still reach you at 312-555-0147?",
  "[patient] Yes. My right knee has been hurting for two weeks, I take ibuprofen 400 mg twice a day.",
  "[doctor] Okay, we'll get an x-ray of the right knee and keep the ibuprofen.",
].join("\n");
const IDENTIFIERS = ["April 9, 1977", "312-555-0147"];

let dir: string;
let served: ServedSandbox;
let sandboxEnv: Record<string, string>;
let proxy: Server;
let proxyUrl: string;
/** Bodies of the requests that reached the gateway, in order. */
let sent: { path: string; body: string }[] = [];
/**
 * The CLI's sandbox probes (#14): a GET with no key and no body, asking whether the gateway is a
 * soap-notes sandbox. Kept apart from `sent`: they carry nothing of the visit.
 */
let probes: { method: string; path: string; authorized: boolean }[] = [];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Forwards to the served sandbox's gateway and records each request body. */
async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (req.method === "GET" && body.length === 0 && req.headers.authorization === undefined) probes.push({ method: req.method, path: req.url ?? "", authorized: false });
  else sent.push({ path: req.url ?? "", body: body.toString("utf8") });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v;
  const upstream = await fetch(`${served.gatewayBaseUrl}${req.url ?? ""}`, {
    method: req.method ?? "GET",
    headers,
    ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
  });
  res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-text-redaction-"));
  await writeFile(join(dir, "dialogue.txt"), DIALOGUE);
  ({ served, env: sandboxEnv } = await startSandbox());
  proxy = createServer((req, res) => {
    forward(req, res).catch((err: unknown) => {
      res.writeHead(502);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await served.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sent = [];
  probes = [];
});

/** The CLI's environment with a (sandbox) key: the CLI believes it talks to AssemblyAI. */
const realEnv = (): Record<string, string> => ({ ...sandboxEnv, ASSEMBLYAI_GATEWAY_URL: proxyUrl });

describe("note --transcript-file with a key (AssemblyAI's gateway)", () => {
  it("refuses a dialogue when the user stated nothing: exit 2, what/why/how in one line, not one request sent", async () => {
    const before = served.sandbox.counters.snapshot();
    const r = await runCli(["note", "--transcript-file", "dialogue.txt"], { cwd: dir, env: realEnv() });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^soap-notes: refusing to send a text dialogue to AssemblyAI's LLM Gateway: .*not names\. Nothing was sent\. Add --deidentified .*--no-redact/m);
    for (const s of [...IDENTIFIERS, "Odalys"]) expect(r.stderr).not.toContain(s);
    expect(r.stdout).toBe("");
    expect(sent).toEqual([]);
    // The only request that reached the gateway is the sandbox probe: keyless, bodiless, at its root.
    expect(probes).toEqual([{ method: "GET", path: "/", authorized: false }]);
    expect(served.sandbox.counters.snapshot()).toEqual(before);
  });

  it("sends it with --deidentified, scrubbed: no phone number or birth date in any request, and the note says what was done", async () => {
    const r = await runCli(["note", "--transcript-file", "dialogue.txt", "--deidentified", "--format", "json"], { cwd: dir, env: realEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(sent.length).toBeGreaterThan(0);
    const bodies = sent.map((s) => s.body).join("\n");
    for (const s of IDENTIFIERS) expect(bodies).not.toContain(s);
    expect(bodies).toContain("ibuprofen 400 mg");
    const note = SoapNote.parse(JSON.parse(r.stdout));
    expect(note.provenance.environment).toBe("assemblyai");
    expect(note.provenance.redaction).toMatchObject({ applied: true, method: "local-scrubber", statement: "deidentified", found: { date_of_birth: 1, phone_number: 1 } });
    expect(r.stdout).not.toContain("312-555-0147");
  });

  it("takes the statement from $SOAP_NOTES_DEIDENTIFIED=1 as well", async () => {
    const r = await runCli(["note", "--transcript-file", "dialogue.txt", "--json", "-q"], { cwd: dir, env: { ...realEnv(), SOAP_NOTES_DEIDENTIFIED: "1" } });
    expect(r.code, r.stderr).toBe(0);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.map((s) => s.body).join("\n")).not.toContain("312-555-0147");
  });

  it("sends it as it is with --no-redact, as the user asked, and the note says so", async () => {
    const r = await runCli(["note", "--transcript-file", "dialogue.txt", "--no-redact", "--format", "json"], { cwd: dir, env: realEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(sent.map((s) => s.body).join("\n")).toContain("312-555-0147");
    expect(SoapNote.parse(JSON.parse(r.stdout)).provenance.redaction).toEqual({ applied: false, statement: "no_redact" });
  });

  it("refuses --deidentified on audio: it is a statement about text", async () => {
    const r = await runCli(["note", `${SAMPLES}/visits/visit-01-finger-injury.mp3`, "--deidentified"], { cwd: dir, env: realEnv() });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--deidentified states that a text dialogue .* is already de-identified/);
    expect(sent).toEqual([]);
  });
});

describe("note --transcript-file on the embedded sandbox (no key)", () => {
  it("runs without a statement, scrubbed, so the demo keeps working", async () => {
    const r = await runCli(["note", "--transcript-file", "dialogue.txt", "--format", "json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const note = SoapNote.parse(JSON.parse(r.stdout));
    expect(note.provenance.environment).toBe("sandbox");
    expect(note.provenance.redaction).toMatchObject({ applied: true, method: "local-scrubber", found: { phone_number: 1 } });
    expect(note.provenance.redaction?.statement).toBeUndefined();
  });
});

describe("batch with text rows and a key", () => {
  it("refuses the whole batch before anything is sent, naming the manifest line", async () => {
    await writeFile(join(dir, "m.csv"), "id,transcript_file\nv1,dialogue.txt\n");
    const before = served.sandbox.counters.snapshot();
    const r = await runCli(["batch", "m.csv", "--out", "out-refused"], { cwd: dir, env: realEnv() });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/manifest line 2: refusing to send a text dialogue/);
    expect(r.stderr).toMatch(/deidentified column/);
    expect(sent).toEqual([]);
    expect(served.sandbox.counters.snapshot()).toEqual(before);
  });

  it("runs a row whose deidentified column says yes, scrubbed", async () => {
    await writeFile(join(dir, "m-yes.csv"), "id,transcript_file,deidentified\nv1,dialogue.txt,yes\n");
    const r = await runCli(["batch", "m-yes.csv", "--out", "out-yes"], { cwd: dir, env: realEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(sent.length).toBeGreaterThan(0);
    for (const s of IDENTIFIERS) expect(sent.map((x) => x.body).join("\n")).not.toContain(s);
    const note = SoapNote.parse(JSON.parse(await readFile(join(dir, "out-yes", "v1.json"), "utf8")));
    expect(note.provenance.redaction).toMatchObject({ method: "local-scrubber", statement: "deidentified" });
  });
});

describe("a served sandbox reached directly (#14)", () => {
  it("is recognised: a dialogue runs without a statement, scrubbed, and the note is marked as sandbox output", async () => {
    const created = served.sandbox.counters.calls("chat");
    const r = await runCli(["note", "--transcript-file", "dialogue.txt", "--format", "json"], { cwd: dir, env: sandboxEnv });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/is a soap-notes sandbox/);
    expect(served.sandbox.counters.calls("chat")).toBeGreaterThan(created);
    const note = SoapNote.parse(JSON.parse(r.stdout));
    expect(note.provenance.environment).toBe("sandbox");
    expect(note.provenance.redaction).toMatchObject({ applied: true, method: "local-scrubber", found: { phone_number: 1 } });
    expect(note.provenance.redaction?.statement).toBeUndefined();
    expect(r.stdout).not.toContain("312-555-0147");
  });
});
