import type { Hook } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { errorBody, requestIdOf } from "./errors.js";

/** One invalid field: its dotted path (`redaction.policies.0`) and what is wrong with it. */
export interface FieldIssue {
  field: string;
  location: string;
  message: string;
}

/** Turns zod issues into field issues, never echoing the rejected value. */
export function fieldIssues(error: ZodError, location: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    // zod names unknown keys in `keys`, not in `path`.
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const field = keys.length > 0 ? [path, ...keys].filter(Boolean).join(".") : path || "(body)";
    return { field, location, message: issue.message };
  });
}

/**
 * The zod-openapi default hook: a request that does not validate gets a 400 envelope whose message names
 * every offending field and whose `details.issues` lists them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook serves every route, whatever its input type
export const validationHook: Hook<any, any, any, Response | undefined> = (result, c) => {
  if (result.success) return undefined;
  const issues = fieldIssues(result.error, result.target);
  const fields = [...new Set(issues.map((i) => i.field))];
  return c.json(errorBody("validation_failed", `Invalid ${result.target}: ${fields.join(", ")}`, { issues }, requestIdOf(c)), 400);
};
