/**
 * The headers every answer of the edge API must carry (apps/edge-api README, "Errors, auth, limits"):
 * notes, renderings, listings and errors can all hold PHI, so none may be cached, sniffed, framed or
 * leak through a referrer, and each carries its correlation id. The docs page sets its own CSP (one
 * inline style by hash), still with `default-src 'none'`.
 */
const RULES: readonly [header: string, ok: (value: string) => boolean, want: string][] = [
  ["cache-control", (v) => v === "no-store", "no-store"],
  ["x-content-type-options", (v) => v === "nosniff", "nosniff"],
  ["strict-transport-security", (v) => /^max-age=(\d+); includeSubDomains$/.test(v) && Number(/\d+/.exec(v)?.[0]) >= 31_536_000, "max-age of a year or more; includeSubDomains"],
  ["content-security-policy", (v) => v.startsWith("default-src 'none'") && v.includes("frame-ancestors 'none'"), "default-src 'none' … frame-ancestors 'none'"],
  ["x-frame-options", (v) => v === "DENY", "DENY"],
  ["referrer-policy", (v) => v === "no-referrer", "no-referrer"],
  ["x-request-id", (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v), "a UUID"],
];

/**
 * What is wrong with the security headers of one answer, one line per header (empty when all are
 * right). `route` names the request in the lines (method and path, no query).
 */
export function securityHeaderProblems(route: string, res: Response): string[] {
  return RULES.flatMap(([header, ok, want]) => {
    const value = res.headers.get(header);
    if (value !== null && ok(value)) return [];
    return [`${route} -> ${res.status}: ${header} is ${value === null ? "missing" : JSON.stringify(value)}, want ${want}`];
  });
}
