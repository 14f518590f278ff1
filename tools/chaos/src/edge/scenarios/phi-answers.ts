import { expect } from "vitest";
import { envelope } from "../api.js";
import { securityHeaderProblems } from "../secure-headers.js";
import { addFault, completedNote } from "../steps.js";
import { STATUSES_5XX, type FaultOn } from "./faults.js";
import { scenario, type Scenario } from "./scenario.js";

/**
 * Every answer that carries (or could carry) PHI, also the ones a failure produces, is `no-store`,
 * `nosniff`, HSTS, `default-src 'none'` CSP, not frameable, sends no referrer and has its own request
 * id, which error bodies quote; an upstream failure is answered generically (no upstream request id).
 * (Every answer of every edge cell is checked the same way by the harness; this cell names the PHI ones.)
 */
const phiAnswers = scenario<{ route: "chat" | "get"; fault: FaultOn; says: string }>({
  name: "security headers on answers with PHI",
  variants: [
    ...STATUSES_5XX.map((s) => ({ label: `the gateway answers ${s} during a regenerate`, value: { route: "chat" as const, fault: { kind: "status", status: s } as FaultOn, says: `HTTP ${s}` } })),
    { label: "AssemblyAI resets every transcript lookup during a regenerate", value: { route: "get", fault: { kind: "reset" }, says: "could not connect" } },
  ],
  async run(make, upstream) {
    const h = make();
    const { key } = await h.seedTenant();
    const { id } = await completedNote(h, key);
    const fired = addFault(h, { route: upstream.route, ...upstream.fault });
    const path = `/v1/notes/${encodeURIComponent(id)}`;
    const answers: [string, Response][] = [
      ["regenerate (failing upstream)", await h.request(`${path}/sections/plan/regenerate`, { method: "POST", key })],
      ["note", await h.request(path, { key })],
      ["note as Markdown", await h.request(`${path}?format=md`, { key })],
      ["note as FHIR", await h.request(`${path}?format=fhir`, { key })],
      ["note list", await h.request("/v1/notes", { key })],
      ["audit trail", await h.request("/v1/audit", { key })],
      ["unknown note", await h.request("/v1/notes/no-such-note", { key })],
      ["note without a key", await h.request(path)],
    ];
    expect(fired()).toBeGreaterThan(0);
    expect(answers.map(([name, res]) => `${name}: ${res.status}`)).toEqual([
      "regenerate (failing upstream): 502",
      "note: 200",
      "note as Markdown: 200",
      "note as FHIR: 200",
      "note list: 200",
      "audit trail: 200",
      "unknown note: 404",
      "note without a key: 401",
    ]);
    expect(answers.flatMap(([name, res]) => securityHeaderProblems(name, res))).toEqual([]);
    expect(new Set(answers.map(([, res]) => res.headers.get("x-request-id"))).size, "request ids reused").toBe(answers.length);
    const [, failed] = answers[0] ?? [];
    if (!failed) throw new Error("no regenerate answer");
    const { error } = await envelope(failed);
    expect(error.code).toBe("upstream_error");
    expect(error.message).toBe(`AssemblyAI request failed (${upstream.says}); try again later. Quote request id ${error.request_id} to the operator.`);
    return "failedCleanly";
  },
});

/** Security headers and generic errors (#15 item 8). */
export const PHI_ANSWER_SCENARIOS: readonly Scenario[] = [phiAnswers];
