import { TemplateNotFoundError } from "./errors.js";
import { compareVersions, parseRange, parseVersion, satisfies } from "./semver.js";
import { soapCompleteV1 } from "./templates/soap-complete-v1.js";
import { soapCompleteV1_1 } from "./templates/soap-complete-v1-1.js";
import { soapSectionedV1 } from "./templates/soap-sectioned-v1.js";
import { soapSectionedV1_1 } from "./templates/soap-sectioned-v1-1.js";
import { soapStructuredV2 } from "./templates/soap-structured-v2.js";
import { soapStructuredV3 } from "./templates/soap-structured-v3.js";
import { templateRef } from "./template-ref.js";
import type { SoapTemplate } from "./types.js";

/** Every shipped template. Add new versions here (and to templates.lock.json via `npm run lock:update`). */
const TEMPLATES: readonly SoapTemplate[] = Object.freeze(
  [soapCompleteV1, soapCompleteV1_1, soapSectionedV1, soapSectionedV1_1, soapStructuredV2, soapStructuredV3].sort(byIdThenVersion),
);

function byIdThenVersion(a: SoapTemplate, b: SoapTemplate): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return compareVersions(parseVersion(a.version) ?? [0, 0, 0], parseVersion(b.version) ?? [0, 0, 0]);
}

export { templateRef };

/** Every shipped template, sorted by id then version (oldest first). */
export function listTemplates(): SoapTemplate[] {
  return [...TEMPLATES];
}

/**
 * Resolves a template spec: `id` alone (the latest version), `id@2.0.0` (exact) or `id@<range>`
 * (`^2`, `~2.0`, `2.x`, `*`, `>=1.0.0 <3`, `1 || 2`); the highest matching version wins.
 * @throws {TemplateNotFoundError} unknown id, malformed or unmatched range; the message lists what exists.
 * @example getTemplate("soap-structured@^3").version // "3.0.0"
 */
export function getTemplate(spec: string): SoapTemplate {
  return resolveTemplate(spec, TEMPLATES);
}

/** {@link getTemplate} over a given list (for tests and tools). */
export function resolveTemplate(spec: string, templates: readonly SoapTemplate[]): SoapTemplate {
  const available = templates.map(templateRef);
  const at = spec.indexOf("@");
  const id = (at === -1 ? spec : spec.slice(0, at)).trim();
  const rangeText = at === -1 ? "*" : spec.slice(at + 1);
  const candidates = templates.filter((t) => t.id === id);
  if (candidates.length === 0) throw new TemplateNotFoundError(spec, available, `Unknown template id "${id}"`);
  const range = parseRange(rangeText);
  if (!range) throw new TemplateNotFoundError(spec, available, `Malformed version range "${rangeText}" in "${spec}"`);
  let best: SoapTemplate | undefined;
  for (const t of candidates) {
    const v = parseVersion(t.version);
    if (!v || !satisfies(v, range)) continue;
    if (!best || compareVersions(v, parseVersion(best.version) as readonly [number, number, number]) > 0) best = t;
  }
  if (!best) throw new TemplateNotFoundError(spec, available, `No version of "${id}" matches "${rangeText}"`);
  return best;
}
