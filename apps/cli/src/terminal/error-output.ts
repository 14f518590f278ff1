import type { CliContext } from "../context.js";

/**
 * Whether the command line asks for `--json` (before a `--` that ends the options). Known before
 * commander parses anything, so even a parse error can be reported as JSON.
 */
export function wantsJson(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === "--") return false;
    if (a === "--json") return true;
  }
  return false;
}

/** `UsageError` → `usage_error`, `commander.unknownOption` → `unknown_option`. */
export function snakeCase(name: string): string {
  return name
    .replace(/^commander\./, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toLowerCase();
}

/**
 * The stable `code` of an error in JSON output: commander's parse error code, else the error's class
 * name in snake_case (`usage_error`, `input_error`, `auth_error`, `not_found_error`…).
 */
export function errorCode(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const { code, name } = err as { code?: unknown; name?: unknown };
    if (typeof code === "string" && code.startsWith("commander.")) return snakeCase(code);
    if (typeof name === "string" && name !== "" && name !== "Error") return snakeCase(name);
  }
  return "unexpected_error";
}

/** What the top-level handler reports: one line, and the exit code. */
export interface ReportedError {
  message: string;
  exitCode: number;
}

/**
 * Prints the one error of a run on stderr: `soap-notes: <message>` (commander's messages start with
 * `error:` already and are printed by commander itself), or with `--json` one JSON object on one
 * line, `{"error":{"code","message","exit_code"}}`. With `SOAP_NOTES_DEBUG=1` the stack follows
 * (as a `stack` field under `--json`).
 */
export function printError(ctx: Pick<CliContext, "stderr" | "env">, err: unknown, report: ReportedError, json: boolean): void {
  const stack = ctx.env["SOAP_NOTES_DEBUG"] === "1" && err instanceof Error ? err.stack : undefined;
  if (json) {
    const error = { code: errorCode(err), message: report.message.replace(/^error: /, ""), exit_code: report.exitCode, ...(stack !== undefined ? { stack } : {}) };
    ctx.stderr.write(`${JSON.stringify({ error })}\n`);
    return;
  }
  ctx.stderr.write(`soap-notes: ${report.message}\n`);
  if (stack !== undefined) ctx.stderr.write(`${stack}\n`);
}
