import type * as z from "zod/mini";
import type { ConfigIssue } from "./errors.js";

/** `["experiments", 0, "variants", 1, "weight"]` -> `experiments[0].variants[1].weight`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * Turns zod issues into path-named issues. Unknown keys become one issue per key, located at the key,
 * so the message names them. Zod messages never echo input values here (no transcript text leaks).
 */
export function toIssues(error: z.core.$ZodError): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key]), message: "unknown key" });
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return issues;
}
