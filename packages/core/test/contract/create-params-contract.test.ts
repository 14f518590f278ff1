/**
 * CreateTranscriptParams against openapi.yml `TranscriptParams` and against the sandbox:
 * - the client knows exactly the spec's fields (plus `domain`, documented in API-NOTES.md) and accepts
 *   every value the schema allows, except the listed gaps;
 * - what the schema refuses, the client refuses before sending (RequestValidationError naming the
 *   field), and the sandbox refuses too (400);
 * - what only AssemblyAI can judge (speech model names and what each model takes) the client sends,
 *   and the sandbox answers 400 naming the field.
 */
import { createSandbox } from "@org/soap-sandbox";
import { describe, expect, it } from "vitest";
import { BadRequestError } from "../../src/errors/api-errors.js";
import { RequestValidationError } from "../../src/errors/response-validation-error.js";
import { TranscriptsClient, type CreateTranscriptParams } from "../../src/index.js";
import { createTranscriptParamsSchema } from "../../src/schemas/index.js";
import { loadSpec, specValidator, type Json } from "./spec-loader.js";

const v2 = loadSpec("openapi.yml");
const transcriptParams = specValidator(v2, "openapi-create")("TranscriptParams");
const schemas = v2.components.schemas;
const AUDIO = "https://files.example.com/visit-02-knee-sprain.mp3";
const BASE = { audio_url: AUDIO, speech_models: ["universal-3-pro"] };

/** The merged TranscriptParams: `audio_url` + TranscriptOptionalParams' properties. */
const specProperties: Record<string, Json> = { audio_url: schemas["TranscriptParams"].allOf[0].properties.audio_url, ...schemas["TranscriptOptionalParams"].properties };

/** Values the schema allows that the client refuses, on purpose (matched by field and issue message). */
const KNOWN_GAPS: { field: string; message: string; reason: string }[] = [
  { field: "speech_models", message: "Too small: expected array", reason: "an empty priority list names no model (no minItems in the spec)" },
  { field: "speech_models", message: "Too small: expected string to have >=1 characters", reason: "an empty model name" },
  { field: "speech_model", message: "Too small: expected string to have >=1 characters", reason: "an empty model name" },
  { field: "language_code", message: "Too small: expected string to have >=1 characters", reason: "an empty language code" },
  { field: "language_codes", message: 'one of the values specified must be "en"', reason: "the field's description: One of the values specified must be `en`" },
  { field: "audio_start_from", message: "Too small", reason: "a time in ms into the file (the schema says integer only)" },
  { field: "audio_end_at", message: "Too small", reason: "as audio_start_from" },
  { field: "audio_end_at", message: "must be greater than audio_start_from", reason: "an empty or reversed range" },
  { field: "speakers_expected", message: "Too small", reason: "a speaker count" },
  { field: "speaker_options", message: "Too small", reason: "speaker counts" },
  { field: "speech_understanding", message: 'required if speaker_type is "role"', reason: "SpeakerIdentificationRequestBody.known_values description" },
  { field: "keyterms_prompt", message: "Too small: expected string to have >=1 characters", reason: "an empty keyterm" },
  { field: "webhook_auth_header_name", message: "Too small: expected string to have >=1 characters", reason: "an empty header name" },
  { field: "webhook_auth_header_name", message: "go together", reason: "a header name without a value (or the reverse) authenticates nothing" },
  { field: "webhook_auth_header_value", message: "Too small: expected string to have >=1 characters", reason: "an empty secret" },
  { field: "webhook_auth_header_value", message: "go together", reason: "as webhook_auth_header_name" },
  { field: "redact_pii", message: "must be true when redact_pii_audio is true", reason: "redacted audio needs redaction" },
  { field: "redact_pii_policies", message: "required (non-empty) when redact_pii is true", reason: "redaction without policies redacts nothing (docs/pii-redaction.mdx troubleshooting): the client refuses it, AssemblyAI accepts it" },
];

interface Sample {
  label: string;
  value: unknown;
}

/** Values at the edges of what a schema node allows (each enum value, each type, bounds, null where allowed). */
function samples(node: Json, depth = 0): Sample[] {
  if (depth > 8 || node === undefined) return [];
  if (node.$ref) return samples(schemas[String(node.$ref).split("/").pop()!], depth + 1);
  for (const key of ["oneOf", "anyOf"]) if (Array.isArray(node[key])) return (node[key] as Json[]).flatMap((b) => samples(b, depth + 1));
  if (Array.isArray(node.enum)) return (node.enum as unknown[]).map((v) => ({ label: JSON.stringify(v), value: v }));
  if (Array.isArray(node.type)) return (node.type as string[]).flatMap((t) => samples({ ...node, type: t }, depth + 1));
  switch (node.type) {
    case "null":
      return [{ label: "null", value: null }];
    case "boolean":
      return [true, false].map((v) => ({ label: String(v), value: v }));
    case "integer":
    case "number": {
      const bounded = node.minimum !== undefined || node.maximum !== undefined;
      const edges = bounded ? [node.minimum, node.maximum].filter((v) => v !== undefined) : node.type === "integer" ? [-1, 0, 1] : [-0.5, 0, 1.5];
      return (edges as number[]).map((v) => ({ label: String(v), value: v }));
    }
    case "string":
      return node.format === "url" ? [{ label: "url", value: "https://example.com/a.mp3" }] : [{ label: '""', value: "" }, { label: '"sample"', value: "sample" }];
    case "array": {
      const items = node.items ? samples(node.items, depth + 1) : [];
      return [{ label: "[]", value: [] }, ...items.map((s) => ({ label: `[${s.label}]`, value: [s.value] }))];
    }
    case "object": {
      const props = (node.properties ?? {}) as Record<string, Json>;
      const required = (node.required ?? []) as string[];
      const minimal: Record<string, unknown> = {};
      for (const r of required) minimal[r] = samples(props[r]!, depth + 1).at(-1)?.value;
      const out: Sample[] = [{ label: "{}", value: minimal }];
      for (const [name, prop] of Object.entries(props)) {
        for (const s of samples(prop, depth + 1)) out.push({ label: `{${name}: ${s.label}}`, value: { ...minimal, [name]: s.value } });
      }
      return out;
    }
    default:
      return [{ label: "any", value: "sample" }];
  }
}

describe("drift: CreateTranscriptParams follows openapi.yml TranscriptParams", () => {
  it("knows exactly the spec's fields, plus domain (API-NOTES.md)", () => {
    expect(Object.keys(createTranscriptParamsSchema.shape).sort()).toEqual([...Object.keys(specProperties), "domain"].sort());
  });

  it("accepts every value the schema allows, or refuses it for a listed reason", () => {
    const unexplained: string[] = [];
    const hit = new Set<string>();
    let walked = 0;
    for (const [field, prop] of Object.entries(specProperties)) {
      for (const s of samples(prop)) {
        const body = { ...BASE, [field]: s.value };
        walked++;
        expect(transcriptParams(body).errors, `the walk makes spec-valid bodies: ${field} = ${s.label}`).toBe("No errors");
        const result = createTranscriptParamsSchema.safeParse(body);
        if (result.success) continue;
        for (const issue of result.error.issues) {
          const gap = KNOWN_GAPS.find((g) => (issue.path[0] === g.field || (issue.path.length === 0 && field === g.field)) && issue.message.includes(g.message));
          if (gap) hit.add(`${gap.field}: ${gap.message}`);
          else unexplained.push(`${field} = ${s.label}: ${issue.path.join(".")} ${issue.message}`);
        }
      }
    }
    expect(unexplained).toEqual([]);
    expect(walked).toBeGreaterThan(400);
    const reachable = KNOWN_GAPS.filter((g) => !["go together", "must be true when redact_pii_audio"].some((m) => g.message.includes(m)));
    for (const g of reachable) expect([...hit], `gap still happens: ${g.field}: ${g.message}`).toContain(`${g.field}: ${g.message}`);
  });

  it("is a compile-time contract: a misspelt field does not type-check", () => {
    // @ts-expect-error: speaker_label is not a TranscriptParams field (speaker_labels is)
    const typo: CreateTranscriptParams = { audio_url: AUDIO, speaker_label: true };
    // @ts-expect-error: null is not allowed for summary_model (the spec does not mark it nullable)
    const nulled: CreateTranscriptParams = { audio_url: AUDIO, summary_model: null };
    expect(createTranscriptParamsSchema.safeParse(typo).success).toBe(false);
    expect(createTranscriptParamsSchema.safeParse(nulled).success).toBe(false);
  });
});

/** `field`: the top-level field the refusal names. `by`: who refuses it (the sandbox refuses all of them). */
const invalid: { rule: string; params: Record<string, unknown>; field: string; by: "client" | "sandbox" }[] = [
  { rule: "unknown field (typo)", params: { speaker_label: true }, field: "speaker_label", by: "client" },
  { rule: "unknown nested field", params: { speaker_options: { max_speakers: 3 } }, field: "speaker_options", by: "client" },
  { rule: "boolean type", params: { speaker_labels: "yes" }, field: "speaker_labels", by: "client" },
  { rule: "not nullable", params: { punctuate: null }, field: "punctuate", by: "client" },
  { rule: "summary_model not nullable", params: { summary_model: null }, field: "summary_model", by: "client" },
  { rule: "PiiPolicy enum", params: { redact_pii: true, redact_pii_policies: ["shoe_size"] }, field: "redact_pii_policies", by: "client" },
  { rule: "SubstitutionPolicy enum", params: { redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_sub: "entity_type" }, field: "redact_pii_sub", by: "client" },
  { rule: "content_safety_confidence 25..100", params: { content_safety_confidence: 101 }, field: "content_safety_confidence", by: "client" },
  { rule: "speech_threshold 0..1", params: { speech_threshold: 2 }, field: "speech_threshold", by: "client" },
  { rule: "speakers_expected integer", params: { speakers_expected: 1.5 }, field: "speakers_expected", by: "client" },
  { rule: "keyterms: 6 words per phrase", params: { keyterms_prompt: ["one two three four five six seven"] }, field: "keyterms_prompt", by: "client" },
  { rule: "keyterms: at most 1000", params: { keyterms_prompt: Array.from({ length: 1001 }, (_, i) => `k${i}`) }, field: "keyterms_prompt", by: "client" },
  { rule: "language_codes includes en", params: { language_codes: ["es"] }, field: "language_codes", by: "client" },
  { rule: "speech_understanding needs request", params: { speech_understanding: {} }, field: "speech_understanding", by: "client" },
  { rule: "unknown speech model", params: { speech_models: ["universal-9"] }, field: "speech_models", by: "sandbox" },
  { rule: "language_code outside TranscriptLanguageCode", params: { language_code: "english" }, field: "language_code", by: "sandbox" },
  { rule: "keyterms: 200 with Universal-2", params: { speech_models: ["universal-2"], keyterms_prompt: Array.from({ length: 201 }, (_, i) => `k${i}`) }, field: "keyterms_prompt", by: "sandbox" },
  { rule: "prompt only with Universal-3 Pro", params: { speech_models: ["universal-2"], prompt: "A visit." }, field: "prompt", by: "sandbox" },
  { rule: "temperature only with Universal-3 Pro", params: { speech_models: ["universal-2"], temperature: 0.1 }, field: "temperature", by: "sandbox" },
  { rule: "domain is a documented value", params: { domain: "legal-v1" }, field: "domain", by: "sandbox" },
];

describe("the client and the sandbox refuse the same bodies", () => {
  it.each(invalid.map((c) => [c.rule, c] as const))("%s", async (_, c) => {
    const sb = createSandbox({ queuedMs: 0, processingMs: 0 });
    try {
      const client = new TranscriptsClient({ apiKey: sb.apiKey, fetch: sb.fetch, maxRetries: 0 });
      const err = await client.create({ ...BASE, ...c.params } as never).catch((e: unknown) => e);
      if (c.by === "client") {
        expect(err).toBeInstanceOf(RequestValidationError);
        const issues = (err as RequestValidationError).issues;
        expect(issues.some((i) => i.path[0] === c.field || i.message.includes(`"${c.field}"`)), JSON.stringify(issues)).toBe(true);
        expect(sb.counters.route("create").calls).toBe(0);
        // The sandbox refuses the same body when it is sent anyway.
        const raw = await sb.fetch("https://api.assemblyai.com/v2/transcript", { method: "POST", headers: { authorization: sb.apiKey, "content-type": "application/json" }, body: JSON.stringify({ ...BASE, ...c.params }) });
        expect(raw.status).toBe(400);
        expect(((await raw.json()) as { error: string }).error).toContain(c.field);
      } else {
        expect(err).toBeInstanceOf(BadRequestError);
        expect((err as BadRequestError).message).toContain(c.field);
      }
    } finally {
      sb.close();
    }
  });
});
