/**
 * Issue #14 (part B): workflow helpers of the built CLI: `--dry-run` for note and batch (checked as a
 * real run, nothing sent or written), `soap-notes config` (effective settings and their sources, never
 * the key), shell completion generated from the program, and `--concurrency`'s cap in `--help`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProgram } from "../src/index.js";
import { runCli, SAMPLES } from "./support/cli.js";
import { runMain } from "./support/in-process.js";
import { startSandbox } from "./support/sandbox.js";

const AUDIO = `${SAMPLES}/visits/visit-01-finger-injury.mp3`;
const DIALOGUE = "[doctor] how is the knee today ?\n[patient] it still hurts on the stairs .\n";

let dir: string;
let sb: { served: ServedSandbox; env: Record<string, string> };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-workflow-"));
  await writeFile(join(dir, "dialogue.txt"), DIALOGUE);
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.served.close();
  await rm(dir, { recursive: true, force: true });
});

describe("note --dry-run", () => {
  it("checks everything, prints the plan as JSON, and sends nothing to a served sandbox", async () => {
    const before = sb.served.sandbox.counters.snapshot();
    const out = join(dir, "n.md");
    const r = await runCli(["note", AUDIO, "--dry-run", "--json", "--medical", "--out", out], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { plan: { template: { ref: string; hash: string } } };
    expect(plan).toMatchObject({
      dry_run: true,
      command: "note",
      sent: false,
      visit_id: "visit-01-finger-injury",
      input: { kind: "audio_file", path: AUDIO, format: "mp3" },
      target: { kind: "served_sandbox", base_url: sb.served.apiBaseUrl, api_key: "set" },
      plan: { model: expect.any(String), transcript_mode: "auto", environment: "sandbox", transcription: { redact_pii: true, redact_pii_sub: "hash", domain: "medical-v1" } },
      // --json makes the note itself JSON too (as without --dry-run).
      output: { format: "json", path: out },
    });
    expect(plan.plan.template.ref).toMatch(/^soap-structured@3\./);
    expect(plan.plan.template.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.stdout).not.toContain(sb.env["ASSEMBLYAI_API_KEY"] as string);
    expect(sb.served.sandbox.counters.snapshot()).toEqual(before);
    expect(existsSync(out)).toBe(false);
  });

  it("prints the plan as text on the embedded sandbox", async () => {
    const r = await runCli(["note", AUDIO, "--dry-run", "--no-redact"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^soap-notes note --dry-run: every check passed; nothing was sent or written/);
    expect(r.stdout).toMatch(/template\s+soap-structured@3\.\S+ sha256:[0-9a-f]{64}/);
    expect(r.stdout).toMatch(/redaction\s+off/);
    expect(r.stdout).toMatch(/send to\s+the local in-process sandbox/);
    expect(r.stdout).toMatch(/output\s+md to stdout/);
    // No sandbox notice: no sandbox was started.
    expect(r.stderr).toBe("");
  });

  it("fails as the real run would: a refused text dialogue exits 2 with nothing sent", async () => {
    const before = sb.served.sandbox.counters.snapshot();
    const env = { ...sb.env, ASSEMBLYAI_GATEWAY_URL: "http://127.0.0.1:9" };
    const r = await runCli(["note", "--transcript-file", "dialogue.txt", "--dry-run"], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to send a text dialogue/);
    expect(r.stdout).toBe("");
    expect(sb.served.sandbox.counters.snapshot()).toEqual(before);
  });

  it("fails on an unknown template and on a missing --out folder, exit 2", async () => {
    expect((await runCli(["note", AUDIO, "--dry-run", "--template", "soap-haiku@1"])).stderr).toMatch(/unknown template/);
    const r = await runCli(["note", AUDIO, "--dry-run", "--out", join(dir, "no-such", "n.md")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: cannot write/);
  });
});

describe("batch --dry-run", () => {
  it("plans every visit, creates no folder and sends nothing", async () => {
    const before = sb.served.sandbox.counters.snapshot();
    const out = join(dir, "dry-out", "notes");
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out, "--dry-run", "--json", "--format", "md,fhir"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { visits: { outputs: string[] }[]; files: { summary: string } };
    expect(plan).toMatchObject({ dry_run: true, command: "batch", sent: false, out_dir: out, out_dir_exists: false, formats: ["md", "fhir"], counts: { total: 7, to_run: 7, already_done: 0 } });
    expect(plan.visits).toHaveLength(7);
    expect(plan.visits[0]).toMatchObject({ id: "visit-01-finger-injury", line: 2, input: { kind: "audio_file" }, action: "run" });
    expect(plan.visits[0]?.outputs).toEqual([join(out, "visit-01-finger-injury.json"), join(out, "visit-01-finger-injury.md"), join(out, "visit-01-finger-injury.fhir.json")]);
    expect(plan.files.summary).toBe(join(out, "_summary.json"));
    expect(existsSync(join(dir, "dry-out"))).toBe(false);
    expect(sb.served.sandbox.counters.snapshot()).toEqual(before);
  });

  it("says which visits an earlier run already did, without touching the folder", async () => {
    const out = join(dir, "dry-resume");
    await writeFile(join(dir, "one.csv"), `id,audio\nvisit-01-finger-injury,${AUDIO}\n`);
    expect((await runCli(["batch", join(dir, "one.csv"), "--out", out])).code).toBe(0);
    const files = (await readdir(out)).sort();
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out, "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/would process 6 of 7 visits \(1 already done\)/);
    expect(r.stdout).toMatch(/^ {4}skip {4}visit-01-finger-injury /m);
    expect(r.stdout).toMatch(/^ {4}run {5}visit-02-knee-sprain /m);
    expect((await readdir(out)).sort()).toEqual(files);
  });

  it("refuses an output path with a file in the way, as a real run would", async () => {
    await writeFile(join(dir, "a-file"), "x");
    const r = await runCli(["batch", "samples/manifest.csv", "--out", join(dir, "a-file", "notes"), "--dry-run"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a-file is a file, not a folder/);
  });
});

describe("soap-notes config", () => {
  it("shows each setting's value and where it came from: flag, env, file, default; never the key", async () => {
    await writeFile(join(dir, "soap.config.json"), JSON.stringify({ model: "claude-haiku-4-5-20251001", transcription: { keyterms_prompt: ["ibuprofen"] } }));
    const key = "a-secret-key-that-must-not-print";
    const r = await runCli(["config", "--json", "--region", "eu"], { cwd: dir, env: { ASSEMBLYAI_API_KEY: key, SOAP_NOTES_TEMPLATE: "soap-complete@1" } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(key);
    const { settings } = JSON.parse(r.stdout) as { settings: Record<string, { value: unknown; source: string; from: string }> };
    expect(settings["region"]).toEqual({ value: "eu", source: "flag", from: "--region" });
    expect(settings["template"]).toEqual({ value: "soap-complete@1", source: "env", from: "SOAP_NOTES_TEMPLATE" });
    expect(settings["model"]).toEqual({ value: "claude-haiku-4-5-20251001", source: "file", from: "model" });
    expect(settings["keyterms"]).toEqual({ value: ["ibuprofen"], source: "file", from: "transcription.keyterms_prompt" });
    expect(settings["concurrency"]).toEqual({ value: 8, source: "default", from: "built-in" });
    expect(settings["api_key"]).toEqual({ value: "set", source: "env", from: "ASSEMBLYAI_API_KEY" });
    expect(settings["config_file"]).toMatchObject({ value: join(dir, "soap.config.json"), source: "default" });
    expect(settings["target"]?.value).toBe("AssemblyAI");
    await rm(join(dir, "soap.config.json"));
  });

  it("prints a table as text, and names a served sandbox as the target", async () => {
    const r = await runCli(["config"], { env: sb.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}target\s+served sandbox {2}\(derived: both URLs answer as a soap-notes sandbox\)$/m);
    expect(r.stdout).toMatch(/^ {2}environment\s+sandbox/m);
    expect(r.stdout).toMatch(/^ {2}base_url\s+http:\/\/127\.0\.0\.1:\d+ {2}\(env: ASSEMBLYAI_BASE_URL\)$/m);
    expect(r.stdout).toMatch(/^ {2}api_key\s+set {2}\(env: ASSEMBLYAI_API_KEY\)$/m);
    expect(r.stdout).not.toContain(sb.env["ASSEMBLYAI_API_KEY"] as string);
  });

  it("refuses a bad flag as note and batch do", async () => {
    const r = await runMain(["config", "--concurrency", "65"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--concurrency must be at most 64/);
  });
});

/** Every command path and every long option of the program, read from commander. */
function everything(): { commands: string[]; options: string[] } {
  const commands: string[] = [];
  const options = new Set<string>();
  const walk = (c: ReturnType<typeof createProgram>): void => {
    // Hidden options (`batch --api-key`, which only exists to be refused) are not offered for completion.
    for (const o of c.options) if (o.long && !o.hidden) options.add(o.long);
    for (const s of c.commands) {
      commands.push(s.name());
      walk(s);
    }
  };
  walk(createProgram({ stdout: { write: () => true }, stderr: { write: () => true }, stdin: process.stdin, env: {}, cwd: process.cwd(), argv: [], onInterrupt: () => () => undefined }));
  return { commands, options: [...options] };
}

const hasShell = (shell: string): boolean => spawnSync(shell, ["-c", "exit 0"]).status === 0;

describe("soap-notes completion", () => {
  it.skipIf(!hasShell("bash"))("bash: the completion function completes commands, subcommands, options and their choices", async () => {
    const script = await runCli(["completion", "bash"]);
    expect(script.code, script.stderr).toBe(0);
    const file = join(dir, "completion.bash");
    await writeFile(file, script.stdout);
    const complete = (...words: string[]): string[] => {
      const probe = `source ${JSON.stringify(file)}\nCOMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")})\nCOMP_CWORD=${words.length - 1}\n_soap_notes\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = spawnSync("bash", ["--norc", "--noprofile", "-c", probe], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split("\n").filter((l) => l !== "");
    };
    expect(complete("soap-notes", "")).toEqual(expect.arrayContaining(["note", "batch", "config", "completion", "transcripts"]));
    expect(complete("soap-notes", "ba")).toEqual(["batch"]);
    expect(complete("soap-notes", "prompts", "")).toEqual(["list", "show", "diff"]);
    expect(complete("soap-notes", "note", "--dry")).toEqual(["--dry-run"]);
    expect(complete("soap-notes", "note", "--format", "")).toEqual(["md", "json", "fhir", "html"]);
    expect(complete("soap-notes", "batch", "m.csv", "--out", "o", "--con")).toEqual(["--concurrency", "--config"]);
    expect(complete("soap-notes", "completion", "")).toEqual(["bash", "zsh", "fish"]);
    // A value of an option is not taken for a command: after `--template note`, still completing batch's flags.
    expect(complete("soap-notes", "batch", "--template", "note", "--dry")).toEqual(["--dry-run"]);
  });

  it.each(["bash", "zsh", "fish"])("%s: the script names every command and every option of the program", async (shell) => {
    const r = await runMain(["completion", shell]);
    expect(r.code, r.stderr).toBe(0);
    const { commands, options } = everything();
    expect(commands.length).toBeGreaterThan(10);
    for (const c of commands) expect(r.stdout).toMatch(new RegExp(`\\b${c}\\b`));
    for (const o of options) expect(r.stdout).toContain(shell === "fish" ? `-l ${o.slice(2)}` : o);
    if (hasShell(shell)) {
      const file = join(dir, `syntax.${shell}`);
      await writeFile(file, r.stdout);
      const check = spawnSync(shell, ["-n", file], { encoding: "utf8" });
      expect(check.status, check.stderr).toBe(0);
    }
  });

  it.skipIf(!hasShell("fish"))("fish: completes subcommands and choices", async () => {
    const file = join(dir, "soap-notes.fish");
    await writeFile(file, (await runMain(["completion", "fish"])).stdout);
    const complete = (line: string): string[] => {
      const r = spawnSync("fish", ["--no-config", "-c", `source ${file}; complete -C ${JSON.stringify(line)}`], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split("\n").filter((l) => l !== "").map((l) => l.split("\t")[0] as string);
    };
    expect(complete("soap-notes prompts ")).toEqual(["diff", "list", "show"]);
    expect(complete("soap-notes note --format ")).toEqual(["fhir", "html", "json", "md"]);
  });

  it("refuses an unknown shell, naming the ones it knows", async () => {
    const r = await runMain(["completion", "tcsh"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'tcsh' is invalid for argument 'shell'\. Allowed choices are bash, zsh, fish/);
  });
});

describe("--help", () => {
  it("states --concurrency's range, 1 to 64, and offers --dry-run", async () => {
    const r = await runMain(["batch", "--help"]);
    expect(r.stdout).toMatch(/--concurrency <n>\s+requests in flight per stage[\s\S]*?1 to 64/);
    expect(r.stdout).toMatch(/--max-requests-per-5min <n>\s+most requests sent to AssemblyAI[\s\S]*?100 to 20000/);
    expect(r.stdout).toMatch(/--dry-run/);
    expect((await runMain(["note", "--help"])).stdout).toMatch(/--dry-run/);
  });
});
