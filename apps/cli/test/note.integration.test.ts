import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SoapNote } from "@org/soap-core/engine";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Core's R4 validation helper (FHIR.js, a devDependency of @org/soap-core only), by path: it is not part of core's exports.
import { expectValidR4Bundle } from "../../../packages/core/src/internal/test-support/fhir-validator.js";
import { runCli, SAMPLES } from "./support/cli.js";
import { startSandbox } from "./support/sandbox.js";

const AUDIO = `${SAMPLES}/visits/visit-01-finger-injury.mp3`;
const DIALOGUE = `${SAMPLES}/transcripts/visit-01-finger-injury.txt`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-note-e2e-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("note on the embedded sandbox (no key)", () => {
  it("turns an audio file into a Markdown note and says it came from the sandbox", async () => {
    const r = await runCli(["note", AUDIO]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/local in-process sandbox \(no network, sample fixtures only/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/^> \*\*Sandbox output\.\*\*/);
    for (const h of ["Subjective", "Objective", "Assessment", "Plan"]) expect(r.stdout).toMatch(new RegExp(`^## ${h}`, "m"));
    // The header names the visit (core records the planned visit id in the note) and its date.
    expect(r.stdout).toMatch(/^\*\*Visit:\*\* visit-01-finger-injury · \*\*Date:\*\* \d{4}-\d\d-\d\d \d\d:\d\d UTC/m);
  });

  it("writes a valid JSON note from a transcript file, marked as sandbox output", async () => {
    const r = await runCli(["note", "--transcript-file", DIALOGUE, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const raw = JSON.parse(r.stdout) as { provenance: Record<string, unknown> };
    const note = SoapNote.parse(raw);
    expect(note.provenance.transcript_source).toBe("text");
    expect(raw.provenance["environment"]).toBe("sandbox");
    // Typed provenance now: the marker survives SoapNote.parse (it was an extra key that parse dropped).
    expect(note.provenance.environment).toBe("sandbox");
    // AssemblyAI never saw the text: the local scrubber did (the sandbox needs no statement, #13).
    expect(note.provenance.redaction).toMatchObject({ applied: true, method: "local-scrubber", found: { date_of_birth: 1, phone_number: 1 } });
  });

  it("reads a transcript from stdin with --transcript-file -", async () => {
    const r = await runCli(["note", "--transcript-file", "-", "--format", "json"], { stdin: await readFile(DIALOGUE) });
    expect(r.code, r.stderr).toBe(0);
    expect(SoapNote.safeParse(JSON.parse(r.stdout)).success).toBe(true);
  });

  it("reads audio from stdin with -", async () => {
    const r = await runCli(["note", "-", "--json", "-q"], { stdin: await readFile(AUDIO) });
    expect(r.code, r.stderr).toBe(0);
    expect(SoapNote.parse(JSON.parse(r.stdout)).provenance.transcript_source).toBe("assemblyai");
  });

  it("writes a FHIR document Bundle", async () => {
    const r = await runCli(["note", AUDIO, "--format", "fhir"]);
    expect(r.code, r.stderr).toBe(0);
    const bundle = JSON.parse(r.stdout) as { resourceType: string; type: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.type).toBe("document");
    expect(bundle.entry[0]?.resource.resourceType).toBe("Composition");
    expectValidR4Bundle(bundle);
  });

  it("writes --out atomically and prints nothing on stdout", async () => {
    const out = join(dir, "n1.json");
    const r = await runCli(["note", AUDIO, "--format", "json", "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("");
    expect(SoapNote.safeParse(JSON.parse(await readFile(out, "utf8"))).success).toBe(true);
    expect((await readdir(dir)).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("regenerates one section of a note made from a transcript file and keeps the others", async () => {
    const first = join(dir, "text-note.json");
    expect((await runCli(["note", "--transcript-file", DIALOGUE, "--format", "json", "--out", first])).code).toBe(0);
    const before = SoapNote.parse(JSON.parse(await readFile(first, "utf8")));
    const r = await runCli(["regenerate", first, "--section", "plan", "--transcript-file", DIALOGUE]);
    expect(r.code, r.stderr).toBe(0);
    const after = SoapNote.parse(JSON.parse(r.stdout));
    expect(after.sections.subjective).toEqual(before.sections.subjective);
    expect(after.sections.objective).toEqual(before.sections.objective);
    expect(after.sections.assessment).toEqual(before.sections.assessment);
    expect(after.provenance.history?.map((h) => h.section)).toEqual(["plan"]);
  });

  it("refuses to regenerate from another visit's dialogue (exit 2, both named, note untouched, nothing sent)", async () => {
    const first = join(dir, "finger.json");
    expect((await runCli(["note", "--transcript-file", DIALOGUE, "--format", "json", "--out", first])).code).toBe(0);
    const before = await readFile(first, "utf8");
    const other = `${SAMPLES}/transcripts/visit-07-chest-pain.txt`;
    const r = await runCli(["regenerate", first, "--section", "plan", "--transcript-file", other, "--in-place", "--verbose"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/content hash sha256:[0-9a-f]{8}…, but the dialogue given has hash sha256:[0-9a-f]{8}…/);
    expect(r.stderr).toMatch(/Nothing was sent.*\(the note was not changed\)/);
    expect(await readFile(first, "utf8")).toBe(before);
    expect(r.stdout).toBe("");
  });

  it("checks a regenerate --out target before the paid request", async () => {
    const first = join(dir, "finger-2.json");
    expect((await runCli(["note", "--transcript-file", DIALOGUE, "--format", "json", "--out", first])).code).toBe(0);
    const r = await runCli(["regenerate", first, "--section", "plan", "--transcript-file", DIALOGUE, "--out", join(dir, "missing", "x.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: cannot write .*x\.json: the folder .*missing does not exist/);
  });
});

describe("note over HTTP against a served sandbox", () => {
  let sb: { served: ServedSandbox; env: Record<string, string> };
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb.served.close();
  });

  it("transcribes an audio file with the medical redaction preset and records the transcript id", async () => {
    const before = sb.served.sandbox.counters.transcriptsCreated;
    const r = await runCli(["note", AUDIO, "--format", "json", "--speakers-expected", "2", "--medical"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    // A served sandbox is recognised by its response header (#14): one line says so, and no other line mentions it.
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^soap-notes: http:\/\/127\.0\.0\.1:\d+ is a soap-notes sandbox .*notes are marked as sandbox output/)]);
    const note = SoapNote.parse(JSON.parse(r.stdout));
    expect(note.provenance.transcript_source).toBe("assemblyai");
    expect(note.provenance.environment).toBe("sandbox");
    expect(sb.served.sandbox.counters.transcriptsCreated).toBe(before + 1);
    const stored = sb.served.sandbox.state.transcripts.get(note.provenance.transcript_id as string);
    expect(stored?.params).toMatchObject({ redact_pii: true, redact_pii_sub: "hash", speakers_expected: 2, speaker_labels: true, domain: "medical-v1" });
    expect((stored?.params as { redact_pii_policies?: string[] }).redact_pii_policies).toEqual(expect.arrayContaining(["person_name", "date_of_birth", "phone_number", "us_social_security_number"]));
  });

  it("transcribes an https audio URL without uploading anything", async () => {
    const uploads = sb.served.sandbox.counters.uploads;
    const r = await runCli(["note", "https://media.example.org/visits/visit-02-knee-sprain.mp3", "--format", "json", "--verbose"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    const note = SoapNote.parse(JSON.parse(r.stdout));
    expect(sb.served.sandbox.state.transcripts.get(note.provenance.transcript_id as string)?.fixture?.slug).toBe("visit-02-knee-sprain");
    expect(sb.served.sandbox.counters.uploads).toBe(uploads);
    expect(r.stderr).toMatch(/soap-notes: transcribe…\nsoap-notes: transcript .* created/);
    expect(r.stderr).not.toContain(sb.env["ASSEMBLYAI_API_KEY"] as string);
  });

  it("writes a note from an existing transcript id without creating a transcript", async () => {
    const made = await runCli(["note", AUDIO, "--format", "json"], { env: sb.env });
    const id = SoapNote.parse(JSON.parse(made.stdout)).provenance.transcript_id as string;
    const before = sb.served.sandbox.counters.transcriptsCreated;
    const r = await runCli(["note", "--transcript-id", id, "--format", "md"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^## Plan/m);
    // Notes from a served sandbox carry the sandbox banner (#14; before, they passed for AssemblyAI's).
    expect(r.stdout).toMatch(/^> \*\*Sandbox output\.\*\*/);
    expect(sb.served.sandbox.counters.transcriptsCreated).toBe(before);
  });

  it("checks --out before paying: a missing folder exits 2 with nothing uploaded, created or asked", async () => {
    const counters = sb.served.sandbox.counters;
    const before = { uploads: counters.uploads, created: counters.transcriptsCreated, chats: counters.calls("chat") };
    const r = await runCli(["note", AUDIO, "--out", join(dir, "no-such-folder", "n.md")], { env: sb.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: cannot write .*n\.md: the folder .*no-such-folder does not exist \(create it first\); nothing was sent/);
    expect({ uploads: counters.uploads, created: counters.transcriptsCreated, chats: counters.calls("chat") }).toEqual(before);
  });

  it("--out - writes the note to stdout, not to a file named -", async () => {
    const r = await runCli(["note", AUDIO, "--out", "-"], { env: sb.env, cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^## Plan/m);
    expect(await readdir(dir)).not.toContain("-");
  });

  it("deletes the transcript after writing the note with --delete-after", async () => {
    const out = join(dir, "deleted.json");
    const r = await runCli(["note", AUDIO, "--format", "json", "--out", out, "--delete-after"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    const id = SoapNote.parse(JSON.parse(await readFile(out, "utf8"))).provenance.transcript_id as string;
    expect(sb.served.sandbox.state.transcripts.get(id)?.deleted).toBe(true);
  });

  it("lists, shows and deletes transcripts", async () => {
    const made = await runCli(["note", AUDIO, "--format", "json"], { env: sb.env });
    const id = SoapNote.parse(JSON.parse(made.stdout)).provenance.transcript_id as string;
    const list = await runCli(["transcripts", "list", "--json", "--limit", "50"], { env: sb.env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { id: string }).id)).toContain(id);
    const get = await runCli(["transcripts", "get", id, "--json"], { env: sb.env });
    expect(get.code).toBe(0);
    const meta = JSON.parse(get.stdout) as Record<string, unknown>;
    expect(meta).toMatchObject({ id, status: "completed" });
    expect(meta["text"]).toBeUndefined();
    const withText = await runCli(["transcripts", "get", id, "--text"], { env: sb.env });
    expect(withText.stdout.length).toBeGreaterThan(get.stdout.length);
    const del = await runCli(["transcripts", "delete", id], { env: sb.env });
    expect(del.code).toBe(0);
    expect(del.stdout.trim()).toBe(`deleted ${id}`);
    expect(sb.served.sandbox.state.transcripts.get(id)?.deleted).toBe(true);
  });

  it("regenerates a section of a note from its AssemblyAI transcript in place", async () => {
    const file = join(dir, "regen.json");
    expect((await runCli(["note", AUDIO, "--format", "json", "--out", file], { env: sb.env })).code).toBe(0);
    const before = SoapNote.parse(JSON.parse(await readFile(file, "utf8")));
    const r = await runCli(["regenerate", file, "--section", "assessment", "--in-place"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    const after = SoapNote.parse(JSON.parse(await readFile(file, "utf8")));
    expect(after.sections.plan).toEqual(before.sections.plan);
    expect(after.provenance.history?.[0]?.section).toBe("assessment");
  });
});
