import type * as z from "zod/mini";

/** How sizes read per origin (`expected string to have >=1 characters`). */
const UNITS: Readonly<Record<string, string>> = { string: "characters", array: "items", set: "items", map: "entries", file: "bytes" };
/** Names of the string formats core's schemas use; any other format is named by its code. */
const FORMATS: Readonly<Record<string, string>> = { url: "URL", datetime: "ISO datetime" };

const quoted = (v: unknown): string => (typeof v === "string" ? `"${v}"` : typeof v === "bigint" ? `${v}n` : String(v));

/** The type a value was, as zod's English messages name it (`null`, `array`, `NaN`, `Date`…). */
function typeOf(v: unknown): string {
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Number.isFinite(v) ? "number" : String(v);
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null && typeof (v as { constructor?: unknown }).constructor === "function") return (v as { constructor: { name: string } }).constructor.name;
  }
  return typeof v;
}

function bound(sign: "<" | ">", issue: { origin?: string; exact?: boolean; inclusive?: boolean }, limit: unknown): string {
  const adj = issue.exact ? "exactly " : issue.inclusive ? `${sign}=` : sign;
  const unit = issue.origin !== undefined ? UNITS[issue.origin] : undefined;
  const what = `Too ${sign === "<" ? "big" : "small"}: expected ${issue.origin ?? "value"}`;
  return unit !== undefined ? `${what} to have ${adj}${String(limit)} ${unit}` : `${what} to be ${adj}${String(limit)}`;
}

/**
 * English message of a zod issue, worded as zod's own English locale words it (`Too small: expected
 * string to have >=1 characters`, `Invalid input: expected number, received string`) for every issue
 * core's schemas raise, without bundling the locale's table of every format and language.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `Invalid input: expected ${issue.expected === "nan" ? "NaN" : issue.expected}, received ${typeOf(issue.input)}`;
    case "invalid_value":
      return issue.values.length === 1 ? `Invalid input: expected ${quoted(issue.values[0])}` : `Invalid option: expected one of ${issue.values.map(quoted).join("|")}`;
    case "too_big":
      return bound("<", issue, issue.maximum);
    case "too_small":
      return bound(">", issue, issue.minimum);
    case "invalid_format":
      return issue.format === "regex" ? `Invalid string: must match pattern ${String(issue.pattern)}` : `Invalid ${FORMATS[issue.format] ?? issue.format}`;
    case "unrecognized_keys":
      return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.map(quoted).join(", ")}`;
    case "invalid_key":
      return `Invalid key in ${issue.origin}`;
    case "invalid_element":
      return `Invalid value in ${issue.origin}`;
    case "invalid_union":
      return "options" in issue && Array.isArray(issue.options) && issue.options.length > 0
        ? `Invalid discriminator value. Expected ${issue.options.map((o) => `'${String(o)}'`).join(" | ")}`
        : issue.inclusive === false ? "Invalid input: more than one option matched" : "Invalid input";
    default:
      return "Invalid input";
  }
}
