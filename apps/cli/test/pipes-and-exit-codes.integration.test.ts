import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, BIN, REPO, runCli, SAMPLES } from "./support/cli.js";

const STACK_LINE = /^\s+at /m;
const TRANSCRIPT = `${SAMPLES}/transcripts/visit-01-finger-injury.txt`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-pipes-"));
  // Faults injected with `node --import`: a throw nothing catches, and a bug inside a command's action.
  await writeFile(join(dir, "uncaught.mjs"), 'setTimeout(() => { throw new TypeError("injected fault"); }, 300);\n');
  await writeFile(join(dir, "rejection.mjs"), 'setTimeout(() => { void Promise.reject(new RangeError("injected rejection")); }, 300);\n');
  await writeFile(join(dir, "bug.mjs"), 'String.prototype.padEnd = function () { throw new TypeError("injected bug"); };\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `soap-notes <args> | <reader>` in bash and returns the CLI's own exit code and stderr. */
function piped(args: string, reader: string): { code: number; stderr: string; out: string } {
  const script = `node ${JSON.stringify(BIN)} ${args} 2>"$ERR" | ${reader}; echo "cli=\${PIPESTATUS[0]}"`;
  const err = join(dir, `stderr-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync("bash", ["-c", script], { cwd: REPO, env: baseEnv({ ERR: err }), encoding: "utf8", timeout: 30_000 });
  const code = Number(/cli=(\d+)/.exec(r.stdout)?.[1] ?? "-1");
  const stderr = spawnSync("cat", [err], { encoding: "utf8" }).stdout;
  return { code, stderr, out: r.stdout.replace(/cli=\d+\n$/, "") };
}

describe("a reader that closes the pipe early (EPIPE)", () => {
  it("`prompts list | true`: exit 0, nothing on stderr (no stack trace)", () => {
    const r = piped("prompts list", "true");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("`prompts show … | head -1`: the first line arrives, then exit 0 quietly", () => {
    const r = piped("prompts show soap-complete@1", "head -1");
    expect(r.out).toMatch(/^# soap-complete@1\.\d+\.\d+ /);
    expect(r.out.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("`note … | true` on the in-process sandbox: the reader is gone before the note is ready; exit 0, no EPIPE", async () => {
    const r = piped(`note --transcript-file ${JSON.stringify(TRANSCRIPT)}`, "true");
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|^\s+at /m);
    expect(r.code).toBe(0);
  });

  it("a stdout closed before the first byte: the note is generated, dropped, exit 0", async () => {
    const r = await runCli(["note", "--transcript-file", TRANSCRIPT, "--verbose"], { closeStdout: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe("unexpected errors: exit 70 (EX_SOFTWARE), one line, the stack only with SOAP_NOTES_DEBUG=1", () => {
  it.each([
    ["an exception nothing caught", "uncaught.mjs", /^soap-notes: internal error: TypeError: injected fault \(a bug in soap-notes: run again with SOAP_NOTES_DEBUG=1 for the stack trace, and report it\)$/],
    ["a rejected promise no one awaited", "rejection.mjs", /^soap-notes: internal error: RangeError: injected rejection \(a bug in soap-notes/],
  ])("%s while serving the sandbox", async (_label, file, line) => {
    const args = ["sandbox", "--port", "0"];
    const r = await runCli(args, { env: { NODE_OPTIONS: `--import=${join(dir, file)}` } });
    expect(r.code).toBe(70);
    expect(r.stderr.trim()).toMatch(line);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const debug = await runCli(args, { env: { NODE_OPTIONS: `--import=${join(dir, file)}`, SOAP_NOTES_DEBUG: "1" } });
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(STACK_LINE);
  });

  it("a bug inside a command's action", async () => {
    const r = await runCli(["prompts", "list"], { env: { NODE_OPTIONS: `--import=${join(dir, "bug.mjs")}` } });
    expect(r.code).toBe(70);
    expect(r.stderr).toBe("soap-notes: internal error: TypeError: injected bug (a bug in soap-notes: run again with SOAP_NOTES_DEBUG=1 for the stack trace, and report it)\n");
  });
});

describe("--help states the exit codes and the limits", () => {
  it("lists every exit code, and the proxy variables", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, " ");
    for (const code of ["0 ok", "1 some visits failed", "2 usage/config/input/file error", "3 AssemblyAI refused the key", "4 cannot reach AssemblyAI", "70 internal error", "130 interrupted", "143 terminated (SIGTERM)"]) {
      expect(help).toContain(code);
    }
    expect(help).toMatch(/HTTPS_PROXY, HTTP_PROXY, NO_PROXY/);
  });

  it("gives --concurrency's range in `batch --help`", async () => {
    const r = await runCli(["batch", "--help"]);
    expect(r.stdout.replace(/\s+/g, " ")).toMatch(/--concurrency <n> +requests in flight per stage \(uploads, creates, polls, note generation\), 1 to 64/);
  });
});
