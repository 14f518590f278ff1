/**
 * Clinician/patient roles by default, against the sandbox in-process: the default config's plan, the
 * real clients and templates, the sample audio (ACI-BENCH dialogues, CC BY 4.0, fictional PII).
 * Requests are counted by the sandbox's own route counters.
 */
import { readFile } from "node:fs/promises";
import { DEFAULT_SOAP_CONFIG } from "@org/soap-prompts";
import { createSandbox, type Sandbox } from "@org/soap-sandbox";
import { loadFixtures } from "@org/soap-sandbox/node";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GatewayClient } from "../clients/gateway/gateway-client.js";
import { TranscriptsClient } from "../clients/transcripts/transcripts-client.js";
import { toFhirBundle } from "../export/to-fhir-bundle.js";
import { toMarkdown } from "../export/to-markdown.js";
import type { Evidence, SoapNote } from "../note/soap-note.js";
import { planVisit, type VisitOverrides } from "./plan.js";
import { runVisit } from "./run-visit.js";
import { ROLES_WARNING_CODE } from "./speaker-roles.js";

const REPO = new URL("../../../../", import.meta.url);
const SLUG = "visit-02-knee-sprain";
let fixtures: Awaited<ReturnType<typeof loadFixtures>>;
let audio: Uint8Array;
let sandbox: Sandbox | undefined;

beforeAll(async () => {
  fixtures = await loadFixtures();
  audio = new Uint8Array(await readFile(new URL(`samples/visits/${SLUG}.mp3`, REPO)));
});

afterEach(() => sandbox?.close());

async function visit(overrides: VisitOverrides = {}) {
  sandbox = createSandbox({ fixtures, queuedMs: 5, processingMs: 20 });
  const common = { apiKey: sandbox.apiKey, fetch: sandbox.fetch as typeof fetch, baseUrl: "http://sandbox.test", gatewayBaseUrl: "http://sandbox.test", maxRetries: 0 };
  const plan = await planVisit(DEFAULT_SOAP_CONFIG, "visit-roles", { environment: "sandbox", ...overrides });
  const { note } = await runVisit(
    { kind: "audio", body: audio },
    { plan, transcripts: new TranscriptsClient(common), gateway: new GatewayClient(common), wait: { initialDelayMs: 5, maxDelayMs: 20 } },
  );
  return { note, sandbox, plan };
}

const evidence = (note: SoapNote): Evidence[] => Object.values(note.sections).flatMap((s) => s.statements.flatMap((st) => st.evidence));
const fixtureRole = (label: string | undefined) => fixtures.find((f) => f.slug === SLUG)?.speakers[label ?? ""];

describe("roles by default, named in the generation request", () => {
  it.each([["the default template"], ["soap-complete@1"], ["soap-sectioned@1"]])(
    "%s: audio evidence says clinician/patient (the fixture's roles) with no /v1/understanding request",
    async (spec) => {
      const { note, sandbox, plan } = await visit(spec === "the default template" ? {} : { template: spec });
      if (spec === "the default template") expect(plan.template.ref).toBe("soap-structured@3.0.0");
      const quotes = evidence(note);
      expect(quotes.length).toBeGreaterThan(2);
      for (const e of quotes) {
        expect(e.found).toBe(true);
        expect(e.role).toBe(fixtureRole(e.speaker));
      }
      expect(new Set(quotes.map((e) => e.role))).toEqual(new Set(["clinician", "patient"]));
      expect(note.warnings.filter((w) => w.code === ROLES_WARNING_CODE)).toEqual([]);
      expect(sandbox.counters.calls("understanding")).toBe(0);
      expect(sandbox.counters.calls("chat")).toBe(note.provenance.requests);
      expect(note.provenance.requests).toBe(spec === "soap-sectioned@1" ? 4 : 1);
      expect(note.provenance.transcript_mode).toBe("inline");
      const markdown = toMarkdown(note);
      expect(markdown).toContain("clinician");
      expect(markdown).toContain("patient");
      expect(JSON.stringify(toFhirBundle(note))).toContain("clinician");
    },
  );

  it("with identifyRoles, uses /v1/understanding instead of asking, and counts its request in the note", async () => {
    const { note, sandbox } = await visit({ identifyRoles: true });
    expect(sandbox.counters.calls("understanding")).toBe(1);
    expect(sandbox.counters.calls("chat")).toBe(1);
    expect(note.provenance.requests).toBe(2);
    const prompt = sandbox.state.chatRequests[0]?.messages.map((m) => m.content).join("\n") ?? "";
    expect(prompt).toContain('speaker "A" is the clinician');
    expect(prompt).not.toContain("speaker_roles");
    expect(evidence(note).every((e) => e.role === fixtureRole(e.speaker))).toBe(true);
  });
});

describe("roles in transcript_id mode", () => {
  it("falls back to speaker labels with a warning when roles cannot be asked for", async () => {
    const { note, sandbox } = await visit({ transcriptMode: "transcript_id" });
    expect(sandbox.counters.calls("understanding")).toBe(0);
    expect(evidence(note).every((e) => e.role === undefined)).toBe(true);
    expect(note.warnings.filter((w) => w.code === ROLES_WARNING_CODE)).toEqual([expect.objectContaining({ message: expect.stringMatching(/transcript_id mode/) })]);
  });

  it("gets roles from /v1/understanding when the plan turns it on", async () => {
    const { note, sandbox } = await visit({ transcriptMode: "transcript_id", identifyRoles: true });
    expect(sandbox.counters.calls("understanding")).toBe(1);
    expect(note.provenance.requests).toBe(2);
    expect(evidence(note).every((e) => e.role !== undefined && e.role === fixtureRole(e.speaker))).toBe(true);
    expect(note.warnings.filter((w) => w.code === ROLES_WARNING_CODE)).toEqual([]);
  });
});
