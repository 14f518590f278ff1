import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, SAMPLES } from "./support/cli.js";
import { startSandbox } from "./support/sandbox.js";

let dir: string;
const f = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-bad-input-"));
  await writeFile(f("empty.mp3"), "");
  await writeFile(f("notes.mp3"), "Patient says the knee hurts.\n");
  await writeFile(f("bad-row.csv"), `id,audio\nok,${SAMPLES}/visits/visit-01-finger-injury.mp3\nbad id!,x.mp3\n`);
  await writeFile(f("missing-audio.csv"), `id,audio\na,${SAMPLES}/visits/visit-01-finger-injury.mp3\nb,nowhere.mp3\n`);
  await writeFile(f("bad.jsonl"), '{"id":"a","audio":"a.mp3"}\n{"id":\n');
  await writeFile(f("mars.config.json"), JSON.stringify({ region: "mars" }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every bad input gets exactly one line on stderr, starting with the program name. */
function oneLine(stderr: string): string {
  // The sandbox notices (embedded, or served since #14: "… is a soap-notes sandbox") are not the error line.
  const lines = stderr.trim().split("\n").filter((l) => !/local in-process sandbox|is a soap-notes sandbox/.test(l));
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

describe("bad input: one clear line and the right exit code", () => {
  it.each([
    ["a missing audio file", ["note", "nowhere.mp3"], 2, /^soap-notes: audio file not found: .*nowhere\.mp3 \(check the path\)$/],
    ["an empty audio file", ["note", "empty.mp3"], 2, /^soap-notes: audio file is empty: .*empty\.mp3/],
    ["a non-audio file", ["note", "notes.mp3"], 2, /^soap-notes: not an audio file: .*notes\.mp3 \(it looks like text; .*--transcript-file\)$/],
    ["no input at all", ["note"], 2, /^soap-notes: nothing to do: give an audio file/],
    ["two inputs", ["note", "x.mp3", "--transcript-id", "t1"], 2, /^soap-notes: give only one input/],
    ["a plain http URL", ["note", "http://example.org/a.mp3"], 2, /^soap-notes: audio URLs must use https:\/\//],
    ["an unreadable manifest row", ["batch", "bad-row.csv", "--out", "o1"], 2, /^soap-notes: manifest line 3: id "bad id!" may only contain/],
    ["a manifest row naming a missing file", ["batch", "missing-audio.csv", "--out", "o2"], 2, /^soap-notes: manifest line 3: audio file not found: .*nowhere\.mp3 .*\(nothing was sent\)$/],
    ["broken JSON in a JSONL manifest", ["batch", "bad.jsonl", "--out", "o3"], 2, /^soap-notes: manifest line 2: not valid JSON/],
    ["a missing batch input", ["batch", "nope.csv"], 2, /^soap-notes: batch input not found: /],
    ["an unknown template", ["note", "--transcript-file", `${SAMPLES}/transcripts/visit-01-finger-injury.txt`, "--template", "soap-x@7"], 2, /^soap-notes: unknown template: .*soap-complete@/],
    ["a bad flag value", ["batch", "bad-row.csv", "--concurrency", "0"], 2, /^soap-notes: --concurrency must be at least 1$/],
    ["a bad config field", ["note", "x.mp3", "--config", "mars.config.json"], 2, /^soap-notes: config file .*mars\.config\.json: region: /],
    ["an --out folder that does not exist", ["note", "--transcript-file", `${SAMPLES}/transcripts/visit-01-finger-injury.txt`, "--out", "no/such/dir/n.md"], 2, /^soap-notes: --out: cannot write .*n\.md: the folder .*no\/such\/dir does not exist \(create it first\); nothing was sent/],
    ["a transcript id the in-process sandbox cannot know", ["note", "--transcript-id", "5551722-f677"], 2, /^soap-notes: transcript 5551722-f677 is not in the in-process sandbox/],
    ["a missing config file", ["note", "x.mp3", "--config", "none.json"], 2, /^soap-notes: config file not found: .*none\.json/],
  ])("%s", async (_label, args, code, message) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(code);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe("");
  });
});

describe("bad key", () => {
  let sb: { served: ServedSandbox; env: Record<string, string> };
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb.served.close();
  });

  it("turns a 401 into 'check ASSEMBLYAI_API_KEY' with exit code 3, never printing the key", async () => {
    const r = await runCli(["note", `${SAMPLES}/visits/visit-01-finger-injury.mp3`], { env: { ...sb.env, ASSEMBLYAI_API_KEY: "not-the-key-987" } });
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr)).toMatch(/^soap-notes: AssemblyAI rejected the API key \(401\): check ASSEMBLYAI_API_KEY/);
    expect(r.stderr + r.stdout).not.toContain("not-the-key-987");
  });

  it("refuses a base URL override without a key", async () => {
    const r = await runCli(["transcripts", "list"], { env: { ASSEMBLYAI_BASE_URL: sb.env["ASSEMBLYAI_BASE_URL"] as string } });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/ASSEMBLYAI_API_KEY is not set/);
  });
});
