import type * as z from "zod/mini";
import { ResponseValidationError, RequestValidationError, type ValidationIssue } from "../errors/response-validation-error.js";
import { redactSecrets } from "../errors/redact.js";
import { safeParse } from "../internal/zod-parse.js";

/** zod issues reduced to paths and messages: never the offending values. */
export function toIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
    code: i.code,
  }));
}

function describe(issues: ValidationIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : "";
  return `${shown.join("; ")}${more}`;
}

/** Parses a response body text as JSON and validates it, or throws {@link ResponseValidationError}. */
export function parseResponse<T>(
  schema: z.core.$ZodType<T>,
  text: string,
  ctx: { operation: string; status: number; requestId: string | undefined; secrets: readonly string[] },
): T {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    throw new ResponseValidationError(`${ctx.operation} returned HTTP ${ctx.status} with a body that is not JSON.`, {
      issues: [{ path: [], message: "not JSON" }],
      status: ctx.status,
      requestId: ctx.requestId,
      cause: err,
    });
  }
  const result = safeParse(schema, json);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new ResponseValidationError(
    redactSecrets(`${ctx.operation} returned a body that does not match the expected schema: ${describe(issues)}`, ctx.secrets),
    { issues, status: ctx.status, requestId: ctx.requestId },
  );
}

/** Validates a plain-text response body (e.g. subtitles), or throws {@link ResponseValidationError}. */
export function parseText<T>(
  schema: z.core.$ZodType<T>,
  text: string,
  ctx: { operation: string; status: number; requestId: string | undefined; secrets: readonly string[] },
): T {
  const result = safeParse(schema, text);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new ResponseValidationError(`${ctx.operation} returned an unexpected body: ${describe(issues)}`, {
    issues,
    status: ctx.status,
    requestId: ctx.requestId,
  });
}

/** Validates call parameters before anything is sent, or throws {@link RequestValidationError}. */
export function parseParams<S extends z.core.$ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new RequestValidationError(`Invalid ${what}: ${describe(issues)}`, { issues });
}
