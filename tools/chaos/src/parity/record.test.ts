import { describe, expect, test } from "vitest";
import { buildParityRecord, canonicalJson, normaliseCreateParams, parityDifferences, parityProblems, sha256Hex, type ParityInput } from "./record.js";

const note = {
  sections: {
    subjective: { statements: [{ text: "Knee hurts since yesterday.", evidence: [{ quote: "It was yesterday." }] }] },
    objective: { statements: [] },
    assessment: { statements: [{ text: "Sprain." }] },
    plan: { statements: [{ text: "Rest." }] },
  },
  provenance: { template: { ref: "soap-sectioned@1.0.0", hash: "abc" }, transcript_mode: "inline", model: "m", mode: "sectioned", redaction: { applied: true, policies: ["person_name"], substitution: "hash" } },
  warnings: [],
};

const input = (over: Partial<ParityInput> = {}): ParityInput => ({
  app: "cli",
  transcripts: [{ audio_url: "https://x/visit.mp3", speaker_labels: true, redact_pii: true, redact_pii_policies: ["person_name"] }],
  chatRequests: [{ transcriptId: null, messages: [{ role: "system", content: "You write SOAP notes." }, { role: "user", content: "[doctor] It was yesterday." }] }],
  note,
  ...over,
});

describe("canonicalJson and digests", () => {
  test("key order does not matter, array order does, undefined is dropped", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  test("sha256Hex is the SHA-256 of the UTF-8 bytes", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test("create params lose webhook_* fields and nulls, keep everything else", () => {
    expect(
      normaliseCreateParams({ webhook_url: "https://api/hook?job=1", webhook_auth_header_name: "X", webhook_auth_header_value: "s", speech_models: ["u"], domain: "medical-v1", language_code: null }),
    ).toEqual({ domain: "medical-v1", speech_models: ["u"] });
  });
});

describe("buildParityRecord", () => {
  test("keeps non-PHI fields in clear and text only as digests", async () => {
    const r = await buildParityRecord(input());
    expect(r.create).toEqual({ audio_url: "https://x/visit.mp3", redact_pii: true, redact_pii_policies: ["person_name"], speaker_labels: true });
    expect(r.template).toEqual({ ref: "soap-sectioned@1.0.0", hash: "abc" });
    expect(r.transcriptMode).toBe("inline");
    expect(r.chat.requests[0]?.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(r.sections.each["subjective"]?.statements).toBe(1);
    const text = JSON.stringify(r);
    for (const phrase of ["It was yesterday", "Knee hurts", "You write SOAP notes"]) expect(text).not.toContain(phrase);
  });

  test("fails, naming what is missing, without a transcript or a note", async () => {
    await expect(buildParityRecord(input({ transcripts: [] }))).rejects.toThrow(/no transcript/);
    await expect(buildParityRecord(input({ note: { sections: {} } }))).rejects.toThrow(/no sections or no provenance/);
  });
});

describe("parityDifferences / parityProblems", () => {
  test("equal visits have no differences whatever the app", async () => {
    const cli = await buildParityRecord(input());
    const edge = await buildParityRecord(input({ app: "edge", transcripts: [{ ...input().transcripts[0], webhook_url: "https://api/hook" }] }));
    expect(parityDifferences(cli, edge)).toEqual([]);
    expect(parityProblems([cli, edge])).toEqual([]);
  });

  test("names each differing field with both values", async () => {
    const cli = await buildParityRecord(input());
    const edge = await buildParityRecord(
      input({
        app: "edge",
        transcripts: [{ audio_url: "https://x/visit.mp3", speaker_labels: true, redact_pii: true, redact_pii_policies: ["person_name", "date"] }],
        note: { ...note, provenance: { ...note.provenance, transcript_mode: "transcript_id" }, sections: { ...note.sections, plan: { statements: [{ text: "Ice." }] } } },
      }),
    );
    const diffs = parityDifferences(cli, edge);
    expect(diffs).toContain('create.redact_pii_policies: cli ["person_name"] ≠ edge ["person_name","date"]');
    expect(diffs).toContain('transcriptMode: cli "inline" ≠ edge "transcript_id"');
    expect(diffs.some((d) => d.startsWith("sections.each.plan.sha256: cli "))).toBe(true);
    expect(diffs.some((d) => d.startsWith("sections.jsonSha256: "))).toBe(true);
    expect(diffs.some((d) => d.startsWith("createSha256: "))).toBe(true);
    expect(diffs.some((d) => d.startsWith("sections.each.subjective"))).toBe(false);
  });

  test("a missing record is a problem", async () => {
    const cli = await buildParityRecord(input());
    expect(parityProblems([cli]).join("\n")).toMatch(/no parity record from the edge API/);
    expect(parityProblems([]).length).toBe(2);
    expect(parityProblems([cli, cli, await buildParityRecord(input({ app: "edge" }))]).join("\n")).toMatch(/2 parity records from the cli/);
  });
});
