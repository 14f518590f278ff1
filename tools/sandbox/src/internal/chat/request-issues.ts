import type { z } from "zod";

/**
 * One message for the first problem of a gateway request body, in the wording of the docs' error
 * example (chat-completions.mdx: `"Invalid request: missing required field 'model'"`): the field's
 * path in single quotes and what it must be. Never echoes a submitted value (prompts hold transcripts).
 */

type Issue = z.core.$ZodIssue;

const ARTICLE: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
  record: "an object",
};

const listed = (values: readonly unknown[]): string => values.map((v) => `'${String(v)}'`).join(", ");

/** The value at `path` in the body, and whether it is there at all. */
function valueAt(raw: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let value: unknown = raw;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !(String(key) in value)) return { present: false, value: undefined };
    value = (value as Record<string, unknown>)[String(key)];
  }
  return { present: true, value };
}

/** What one issue says a value must be, for joining alternatives ("a string or an array"). */
function expectation(issue: Issue): string | null {
  if (issue.code === "invalid_type") return ARTICLE[issue.expected] ?? issue.expected;
  if (issue.code === "invalid_value") return `one of ${listed(issue.values)}`;
  return null;
}

/** The first issue of the union branch that got furthest, or null when no branch did. */
function deepestBranch(issue: Issue & { code: "invalid_union" }): Issue | null {
  const firsts = issue.errors.map((branch) => branch[0]).filter((i): i is Issue => i !== undefined);
  const depth = (i: Issue) => i.path.length;
  const best = Math.max(...firsts.map(depth));
  const deepest = firsts.filter((i) => depth(i) === best);
  return best > 0 && deepest.length === 1 ? (deepest[0] as Issue) : null;
}

/** Describes one issue at `path` (the issue's own path is relative to it). */
function describe(issue: Issue, prefix: readonly PropertyKey[], raw: unknown): string {
  const path = [...prefix, ...issue.path];
  const name = path.map(String).join(".");
  const at = valueAt(raw, path);
  if (!name && issue.code === "invalid_type") return "Invalid request: the body must be a JSON object";
  if (!at.present && (issue.code === "invalid_type" || issue.code === "invalid_union" || issue.code === "invalid_value")) return `Invalid request: missing required field '${name}'`;
  const field = (what: string) => `Invalid request: '${name}' ${what}`;
  const nullNote = at.value === null ? " (null is not allowed)" : "";
  switch (issue.code) {
    case "invalid_type":
      if (!issue.message.startsWith("Invalid input")) return field(`${issue.message}${nullNote}`); // a message of our own
      return field(`must be ${ARTICLE[issue.expected] ?? issue.expected}${nullNote}`);
    case "invalid_value":
      return field(`must be ${issue.values.length === 1 ? listed(issue.values) : `one of ${listed(issue.values)}`}${nullNote}`);
    case "invalid_union": {
      const discriminator = (issue as { options?: unknown[] }).options;
      if (discriminator) return field(`must be one of ${listed(discriminator)}${nullNote}`);
      const deepest = deepestBranch(issue);
      if (deepest) return describe(deepest, path, raw);
      const alternatives = issue.errors.map((b) => (b[0] ? expectation(b[0]) : null)).filter((x): x is string => x !== null);
      return field(alternatives.length > 0 ? `must be ${[...new Set(alternatives)].join(" or ")}${nullNote}` : "does not match any of its allowed forms");
    }
    case "too_small":
    case "too_big": {
      if (!issue.message.startsWith("Too ")) return field(issue.message); // a message of our own (the spec's wording)
      const small = issue.code === "too_small";
      const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      if (issue.origin === "array") return field(`must have ${small ? "at least" : "at most"} ${bound} item(s)`);
      if (issue.origin === "string") return field(`must have ${small ? "at least" : "at most"} ${bound} character(s)`);
      return field(`must be ${small ? ">=" : "<="} ${bound}`);
    }
    default:
      return field(issue.message);
  }
}

/** The message of the first issue of a gateway request body (`raw` is the body, to tell missing from null). */
export function describeRequestIssue(error: z.ZodError, raw: unknown): string {
  const issue = error.issues[0];
  return issue ? describe(issue, [], raw) : "Invalid request";
}
