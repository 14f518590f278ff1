/**
 * What a model's answer said about speaker roles when it was asked (see `@org/soap-prompts`'
 * `ROLES_LINE_PREFIX`): `missing` (no line or field), `malformed` (one, not in the asked form), or
 * the labels it named (`"unknown"` or `""` when it could not tell). Labels are the model's claim and
 * must still be checked against the transcript.
 */
export type RolesClaim = { kind: "missing" } | { kind: "malformed" } | { kind: "named"; clinician: string; patient: string };

/** A free-text answer without its roles line, and what that line said. */
export interface RolesLineResult {
  /** The answer with the roles line removed (unchanged when there is none). */
  content: string;
  claim: RolesClaim;
}

// `Speaker roles: {...}` on a line of its own; models may wrap the label in markdown (bold, code, a
// list marker or a quote mark), so that markup is allowed around it. The payload is parsed as JSON.
// Every part is a single character class or a literal, so matching stays linear in the line length.
const ROLES_LINE = /^[ \t>*_`-]*speaker[ \t]+roles[ \t*_`]*:(.*)$/i;

/**
 * The roles named by a parsed JSON value: `{ clinician, patient }` strings; a missing role counts as
 * `"unknown"`; anything else is `malformed`. Never throws.
 */
export function rolesClaimFromValue(value: unknown): RolesClaim {
  if (value === undefined || value === null) return { kind: "missing" };
  if (typeof value !== "object" || Array.isArray(value)) return { kind: "malformed" };
  const v = value as Record<string, unknown>;
  const clinician = v["clinician"] ?? "unknown";
  const patient = v["patient"] ?? "unknown";
  if (typeof clinician !== "string" || typeof patient !== "string") return { kind: "malformed" };
  return { kind: "named", clinician, patient };
}

function claimFromText(payload: string): RolesClaim {
  const start = payload.indexOf("{");
  const end = payload.lastIndexOf("}");
  if (start === -1 || end < start) return { kind: "malformed" };
  try {
    return rolesClaimFromValue(JSON.parse(payload.slice(start, end + 1)) as unknown);
  } catch {
    // Not JSON: the line is still not note content, but it names no usable roles.
    return { kind: "malformed" };
  }
}

/**
 * Takes the `Speaker roles: {"clinician": "A", "patient": "B"}` line out of a free-text answer. The
 * last such line counts (the one the model was asked to write last); every such line is removed so
 * none ends up in a section. Never throws.
 *
 * @example
 * ```ts
 * extractRolesLine('## Plan\nIce.\nSpeaker roles: {"clinician": "A", "patient": "B"}');
 * // { content: "## Plan\nIce.", claim: { kind: "named", clinician: "A", patient: "B" } }
 * ```
 */
export function extractRolesLine(content: string): RolesLineResult {
  const lines = content.split("\n");
  let claim: RolesClaim = { kind: "missing" };
  const kept: string[] = [];
  for (const line of lines) {
    const m = ROLES_LINE.exec(line.replace(/\r$/, ""));
    if (m) claim = claimFromText(m[1] ?? "");
    else kept.push(line);
  }
  if (claim.kind === "missing") return { content, claim };
  return { content: kept.join("\n").replace(/\s+$/, ""), claim };
}
