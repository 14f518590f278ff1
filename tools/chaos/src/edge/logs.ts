import { expect } from "vitest";
import phi from "../../../sandbox/fixtures/phi-strings.json" with { type: "json" };
import type { Harness } from "./harness.js";
import { SECRETS } from "./harness.js";

const PHI_VALUES: readonly string[] = Object.values(phi.fixtures).flatMap((items) => items.map((i) => i.text));

/**
 * Hands the log records and error bodies a harness captured to the finale (through the test's meta,
 * which the JSON report carries) and checks them here too: no API key, no webhook secret, no fixture
 * PHI. The assertion messages name what leaked, never the value. Also checks that every answer the
 * Worker gave since the last call carried the security headers (`secure-headers.ts`).
 */
export function keepLogs(task: { meta: { chaosLogs?: string[] } }, h: Harness, extra: readonly string[] = []): void {
  const lines = [...h.captured, ...extra];
  task.meta.chaosLogs = [...(task.meta.chaosLogs ?? []), ...lines];
  h.captured.length = 0;
  const leaks = leaksIn(lines);
  expect(leaks, "secrets or PHI in captured log lines / error bodies").toEqual([]);
  const unprotected = h.securityProblems.splice(0);
  expect(unprotected, "answers without no-store, nosniff, HSTS, CSP, DENY, no-referrer or a request id").toEqual([]);
}

/** Names (never values) of the secrets and PHI found in `lines`. */
export function leaksIn(lines: readonly string[]): string[] {
  const text = lines.join("\n");
  const found: string[] = [];
  if (text.includes(SECRETS.apiKey)) found.push("the run's API key");
  if (text.includes(SECRETS.webhookSecret)) found.push("the run's webhook secret");
  PHI_VALUES.forEach((value, i) => {
    if (text.includes(value)) found.push(`fixture PHI string #${i}`);
  });
  return found;
}
