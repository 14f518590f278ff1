import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, runCli, SAMPLES } from "./support/cli.js";

const AUDIO = `${SAMPLES}/visits/visit-01-finger-injury.mp3`;
const DIALOGUE = `${SAMPLES}/transcripts/visit-01-finger-injury.txt`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-review-e2e-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("--format html: the review page", () => {
  it("writes a page whose audio is the local recording, relative to the page, under its own CSP", async () => {
    const out = join(dir, "visit.html");
    const r = await runCli(["note", AUDIO, "--format", "html", "--out", out, "-q"]);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(out, "utf8");
    const src = /<audio id="audio"[^>]* src="([^"]+)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    expect(new URL(src as string, `file://${out}`).pathname).toBe(AUDIO);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-/);
    expect(html).toContain('<ol class="utts">');
    expect(html).toMatch(/<button type="button" class="st"[^>]* data-start="\d+\.\d{3}"/);
  });

  it("says that a note written from a transcript has no recording to play", async () => {
    const r = await runCli(["note", "--transcript-file", DIALOGUE, "--format", "html"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout).toContain("No recording: this note was written from a transcript");
    expect(r.stdout).not.toContain("<audio");
    expect(r.stdout).toContain(`<span class="who">Clinician (doctor)</span>`);
  });

  it("writes <id>.html beside the other outputs of a batch", async () => {
    const out = join(dir, "batch");
    const manifest = "id,audio\nv1,samples/visits/visit-02-knee-sprain.mp3\n";
    const r = await runCli(["batch", "-", "--out", out, "--format", "md,html", "-q"], { stdin: manifest, cwd: REPO });
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(join(out, "v1.html"), "utf8");
    expect(html).toContain("<h1>SOAP note review</h1>");
    expect(new URL(/<audio id="audio"[^>]* src="([^"]+)"/.exec(html)?.[1] as string, `file://${join(out, "v1.html")}`).pathname).toBe(
      `${SAMPLES}/visits/visit-02-knee-sprain.mp3`,
    );
    await readFile(join(out, "v1.md"), "utf8");
  });

  it("refuses an unknown format, naming the four it takes", async () => {
    const r = await runCli(["batch", "samples/manifest.csv", "--out", join(dir, "x"), "--format", "pdf"], { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format takes md, json, fhir or html");
  });
});
