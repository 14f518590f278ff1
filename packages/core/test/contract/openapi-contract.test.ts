import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayClient, PII_POLICIES, TranscriptsClient, fromResponse, type CreateTranscriptParams } from "../../src/index.js";
import {
  chatCompletionRequestSchema,
  chatCompletionSchema,
  createTranscriptParamsSchema,
  pageDetailsSchema,
  paragraphsResponseSchema,
  redactedAudioResponseSchema,
  sentencesResponseSchema,
  transcriptListItemSchema,
  transcriptListSchema,
  transcriptParagraphSchema,
  transcriptSchema,
  transcriptSentenceSchema,
  transcriptUtteranceSchema,
  transcriptWordSchema,
  understandingRequestSchema,
  understandingResponseSchema,
  uploadResponseSchema,
  wordSearchResponseSchema,
} from "../../src/schemas/index.js";
import { fakeFetch, json, transcriptBody, type RecordedCall } from "../../src/internal/test-support/fake-fetch.js";
import { loadApiNotes, loadDoc, loadSpec, specValidator, type Json } from "./spec-loader.js";

const v2 = loadSpec("openapi.yml");
const gw = loadSpec("llm-gateway.yml");
const v2Schema = specValidator(v2, "openapi");
const gwSchema = specValidator(gw, "llm-gateway");

/** Runs `fn` against clients whose fake fetch records the request and answers `answer`. */
async function captureBody(answer: unknown, fn: (t: TranscriptsClient, g: GatewayClient) => Promise<unknown>): Promise<Record<string, unknown>> {
  const calls: RecordedCall[] = [];
  const f = fakeFetch((call) => {
    calls.push(call);
    return json(answer);
  });
  const opts = { apiKey: "contract-key", fetch: f.fetch };
  await fn(new TranscriptsClient(opts), new GatewayClient(opts));
  // The gateway client's model check may GET /v1/models first (no body): the request under test is the one with a body.
  const sent = calls.find((c) => c.body !== undefined);
  return JSON.parse(sent!.body as string) as Record<string, unknown>;
}

/** `domain` (Medical Mode) is documented in API-NOTES but absent from openapi.yml. */
function withoutDocumentedExtras(body: Record<string, unknown>): Record<string, unknown> {
  const { domain: _domain, ...rest } = body;
  return rest;
}

const AUDIO = "https://cdn.assemblyai.com/upload/f756988d-47e2-4ca3-96ce-04bb168f8f2a";

describe("request bodies validate against the official specs", () => {
  const transcriptParams = v2Schema("TranscriptParams");

  it("lists exactly the spec's PiiPolicy names", () => {
    expect([...PII_POLICIES].sort()).toEqual([...(v2.components.schemas["PiiPolicy"].enum as string[])].sort());
    expect(PII_POLICIES).toHaveLength(44);
  });

  it("sends a medical transcript request the spec accepts", async () => {
    const body = await captureBody(transcriptBody("t", "queued"), (t) =>
      t.create({
        audio_url: AUDIO,
        speech_models: ["universal-3-pro", "universal-2"],
        language_code: "en_us",
        speaker_labels: true,
        speakers_expected: 2,
        keyterms_prompt: ["metformin", "HbA1c"],
        prompt: "A doctor-patient visit.",
        domain: "medical-v1",
        entity_detection: true,
        punctuate: true,
        format_text: true,
        redact_pii: true,
        redact_pii_policies: [...PII_POLICIES],
        redact_pii_sub: "entity_name",
        redact_pii_audio: true,
        redact_pii_audio_quality: "wav",
        webhook_url: "https://example.com/hook",
        webhook_auth_header_name: "X-Webhook-Secret",
        webhook_auth_header_value: "s3cret-value",
      }),
    );
    expect(body["domain"]).toBe("medical-v1");
    expect(loadApiNotes()).toContain('domain: "medical-v1"');
    const result = transcriptParams(withoutDocumentedExtras(body));
    expect(result.errors).toBe("No errors");
    expect(result.ok).toBe(true);
  });

  it("fails the spec check for a field the spec does not know (the check can fail)", () => {
    expect(transcriptParams({ audio_url: AUDIO, speech_models: ["u"], not_a_field: 1 }).ok).toBe(false);
    expect(transcriptParams({ audio_url: AUDIO, speech_models: ["u"], redact_pii_policies: ["shoe_size"] }).ok).toBe(false);
  });

  it("refuses the spec's TranscriptParams example as printed (it breaks its own schema) and accepts it repaired", () => {
    // The example sends summary_model/summary_type null (not nullable) and omits speech_models (required).
    const example = v2.components.schemas["TranscriptParams"].example as Record<string, unknown>;
    const asPrinted = createTranscriptParamsSchema.safeParse(example);
    expect(asPrinted.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["summary_model", "summary_type"]);
    expect(transcriptParams(example).ok).toBe(false);
    const { summary_model: _model, summary_type: _type, ...rest } = example;
    const repaired = { ...rest, speech_models: ["universal-3-pro"] };
    expect(createTranscriptParamsSchema.safeParse(repaired).success).toBe(true);
    expect(transcriptParams(repaired).errors).toBe("No errors");
  });

  it("only ever sends transcript requests the spec accepts (property)", async () => {
    const params = fc.record(
      {
        speech_models: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 3 }),
        language_code: fc.option(fc.constantFrom("en_us", "en", "es", "de"), { nil: null }),
        language_detection: fc.boolean(),
        speaker_labels: fc.boolean(),
        speakers_expected: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
        multichannel: fc.boolean(),
        keyterms_prompt: fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 5 }),
        prompt: fc.string({ maxLength: 50 }),
        entity_detection: fc.boolean(),
        punctuate: fc.boolean(),
        format_text: fc.boolean(),
        redact_pii_sub: fc.option(fc.constantFrom("hash" as const, "entity_name" as const), { nil: null }),
        redact_pii_audio_quality: fc.constantFrom("mp3" as const, "wav" as const),
        webhook_url: fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((host) => `https://${host}.example.com/hook`),
      },
      { requiredKeys: ["speech_models"] },
    );
    const policies = fc.subarray([...PII_POLICIES], { minLength: 1 });
    await fc.assert(
      fc.asyncProperty(params, policies, fc.boolean(), async (p, pol, redact) => {
        const input: CreateTranscriptParams = { audio_url: AUDIO, ...p, ...(redact ? { redact_pii: true, redact_pii_policies: pol } : {}) };
        const body = await captureBody(transcriptBody("t", "queued"), (t) => t.create(input));
        const result = transcriptParams(body);
        if (!result.ok) throw new Error(result.errors);
      }),
      { numRuns: 100 },
    );
  });

  it("sends chat requests the gateway spec accepts", async () => {
    const request = gwSchema("LLMGatewayRequest");
    const answer = { choices: [{ message: { role: "assistant", content: "x" } }] };
    const structured = await captureBody(answer, (_, g) =>
      g.chat({
        model: "claude-sonnet-4-5-20250929",
        transcript_id: "tr-1",
        messages: [
          { role: "system", content: "You write SOAP notes." },
          { role: "user", content: [{ type: "text", text: "<transcript>\n{{ transcript }}\n</transcript>" }] },
        ],
        max_tokens: 2000,
        temperature: 0,
        response_format: { type: "json_schema", json_schema: { name: "soap", schema: { type: "object" }, strict: true } },
      }),
    );
    expect(request(structured).errors).toBe("No errors");
    const prompt = await captureBody(answer, (_, g) => g.chat({ model: "gemini-2.5-flash", prompt: "Hi", max_tokens: 10 }));
    expect(request(prompt).ok).toBe(true);
    expect(request({ model: "m", max_tokens: 0 }).ok).toBe(false);
  });

  it("sends a speaker-role understanding request the gateway spec accepts", async () => {
    const answer = { speech_understanding: { response: { speaker_identification: { mapping: { A: "clinician" }, status: "completed" } } } };
    const body = await captureBody(answer, (_, g) => g.identifySpeakerRoles("tr-1"));
    const result = gwSchema("UnderstandingRequest")(body);
    expect(result.errors).toBe("No errors");
  });

  it("accepts the gateway spec's own request examples", () => {
    const chatExamples = gw.paths["/chat/completions"].post.requestBody.content["application/json"].examples as Record<string, Json>;
    for (const ex of Object.values(chatExamples)) expect(chatCompletionRequestSchema.safeParse(ex.value).success).toBe(true);
    const uExamples = gw.paths["/understanding"].post.requestBody.content["application/json"].examples as Record<string, Json>;
    for (const ex of Object.values(uExamples)) expect(understandingRequestSchema.safeParse(ex.value).success).toBe(true);
  });
});

describe("the specs' response examples parse with the client's schemas", () => {
  const s = v2.components.schemas;
  it.each([
    ["Transcript", transcriptSchema, s["Transcript"].example],
    ["DeleteTranscriptResponse", transcriptSchema, v2.components.examples!["DeleteTranscriptResponse"].value],
    ["TranscriptWord", transcriptWordSchema, s["TranscriptWord"].example],
    ["TranscriptUtterance", transcriptUtteranceSchema, s["TranscriptUtterance"].example],
    ["TranscriptSentence", transcriptSentenceSchema, s["TranscriptSentence"].example],
    ["TranscriptParagraph", transcriptParagraphSchema, s["TranscriptParagraph"].example],
    ["SentencesResponse", sentencesResponseSchema, s["SentencesResponse"].example],
    ["ParagraphsResponse", paragraphsResponseSchema, s["ParagraphsResponse"].example],
    ["PageDetails", pageDetailsSchema, s["PageDetails"].example],
    ["TranscriptListItem", transcriptListItemSchema, s["TranscriptListItem"].example],
    ["TranscriptList", transcriptListSchema, s["TranscriptList"].example],
    ["UploadedFile", uploadResponseSchema, s["UploadedFile"].example],
    ["RedactedAudioResponse", redactedAudioResponseSchema, s["RedactedAudioResponse"].example],
    ["WordSearchResponse", wordSearchResponseSchema, s["WordSearchResponse"].example],
  ] as const)("%s", (_, schema, example) => {
    expect(example).toBeDefined();
    const result = (schema as { safeParse: (v: unknown) => { success: boolean; error?: unknown } }).safeParse(example);
    expect(result.error).toBeUndefined();
  });

  it("keeps unknown fields of the Transcript example (passthrough)", () => {
    const parsed = transcriptSchema.parse(s["Transcript"].example) as Record<string, unknown>;
    expect(parsed["auto_highlights_result"]).toBeDefined();
    expect(parsed["acoustic_model"]).toBe("assemblyai_default");
  });

  it("the gateway understanding example", () => {
    const ex = gw.paths["/understanding"].post.responses["200"].content["application/json"].examples.complete_response.value;
    const parsed = understandingResponseSchema.parse(ex);
    expect(parsed.speech_understanding?.response?.speaker_identification?.mapping).toEqual({ A: "Michel Martin", B: "Peter DeCarlo" });
  });

  it("the chat completion example of the docs, with usage normalised", () => {
    const doc = loadDoc("chat-completions.mdx");
    const block = /### Response[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    const parsed = chatCompletionSchema.parse(JSON.parse(block!));
    expect(parsed.usage).toEqual({ input_tokens: 15, output_tokens: 8, total_tokens: 23 });
  });

  it("every error example of the v2 spec becomes a typed error carrying its message", () => {
    const statusOf: Record<string, number> = { BadRequest: 400, Unauthorized: 401, CannotAccessUploadedFile: 403, NotFound: 404, TooManyRequests: 429, InternalServerError: 500 };
    const responses = v2.components.responses!;
    for (const [name, status] of Object.entries(statusOf)) {
      const example = responses[name].content["application/json"].example as { error: string };
      const err = fromResponse({ status, headers: new Headers(), bodyText: JSON.stringify(example), operation: "op", secrets: [] });
      expect(err.status).toBe(status);
      expect(err.message).toContain(example.error);
    }
  });

  it("the gateway's documented error envelope", () => {
    const doc = loadDoc("chat-completions.mdx");
    const block = /### Error response[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    const err = fromResponse({ status: 400, headers: new Headers(), bodyText: block!, operation: "op", secrets: [] });
    expect(err.message).toContain("missing required field 'model'");
    expect(err.code).toBe(400);
  });
});
