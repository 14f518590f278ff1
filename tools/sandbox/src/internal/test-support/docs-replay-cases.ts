import type { Binding, RegionSession, Reply } from "./docs-replay-session.js";
import { DOCS_AUDIO_URL } from "./docs-replay-session.js";

/**
 * What the docs replay expects of each page: how many examples of each kind it holds (so an added or
 * removed example is noticed), how to fill the values a snippet only has at run time, and the
 * examples that do not get a 2xx, each with its reason.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

/** Per page: requests replayed, error examples, blocks skipped (with a listed reason), other blocks (responses, output, helpers). */
export const EXPECTED_COUNTS: Record<string, { requests: number; errors: number; skipped: number; other: number }> = {
  "chat-completions.mdx": { requests: 5, errors: 1, skipped: 0, other: 1 },
  "common_errors_and_solutions.mdx": { requests: 0, errors: 9, skipped: 0, other: 3 },
  "delete-transcripts.mdx": { requests: 8, errors: 0, skipped: 2, other: 0 },
  "llm-gateway-select-the-region.mdx": { requests: 6, errors: 0, skipped: 0, other: 0 },
  "llm-gateway.mdx": { requests: 2, errors: 0, skipped: 0, other: 0 },
  "medical-scribe-best-practices.mdx": { requests: 4, errors: 0, skipped: 8, other: 6 },
  "pii-redaction.mdx": { requests: 13, errors: 0, skipped: 5, other: 2 },
  "soap-note-generation.mdx": { requests: 5, errors: 0, skipped: 0, other: 1 },
  "speaker-diarization.mdx": { requests: 16, errors: 0, skipped: 4, other: 5 },
  "speaker-identification-existing-transcript.mdx": { requests: 17, errors: 0, skipped: 2, other: 0 },
  "structured-outputs.mdx": { requests: 3, errors: 0, skipped: 0, other: 3 },
  "transcripts-select-the-region.mdx": { requests: 12, errors: 0, skipped: 4, other: 0 },
  "webhooks.mdx": { requests: 10, errors: 0, skipped: 8, other: 2 },
};

/** Names a snippet assigns a literal to but whose real value comes at run time (left as markers). */
export const RUNTIME_NAMES = new Set([
  "selected_model", // medical-scribe: `selected_model = None`, then picked from a menu before any request
]);

const key = (r: RegionSession) => r.sb.apiKey;
const text = (r: RegionSession) => r.transcriptText();

/** How each marker the snippets leave is filled. Every marker must be here, and every entry used. */
export const BINDINGS: Record<string, Binding> = {
  upload_url: { why: "the upload_url of the snippet's upload (POST /v2/upload)", value: (r) => r.uploadUrl() },
  uploadUrl: { why: "as upload_url (JavaScript)", value: (r) => r.uploadUrl() },
  transcript_id: { why: "the id of the transcript created above it", value: (r) => r.transcriptId() },
  transcriptId: { why: "as transcript_id (JavaScript)", value: (r) => r.transcriptId() },
  "transcription_result['text']": { why: "the polled transcript's text", value: text },
  transcript: { why: "medical-scribe's SOAP generators take the transcript text as an argument", value: text },
  api_key: { why: "the API key (a constructor argument)", value: key },
  ASSEMBLYAI_API_KEY: { why: "the API key (from the environment)", value: key },
  selected_model: { why: "picked from the snippet's AVAILABLE_MODELS menu; one the docs' model list has", value: () => "claude-sonnet-4-5-20250929" },
  messages: {
    why: "_gateway_chat's argument: its callers pass a [system, user] pair",
    value: () => [
      { role: "system", content: "You are a clinical transcription editor. Keep the speaker's words." },
      { role: "user", content: "Edit this short transcript for medical accuracy and readability.\n\nTranscript:\nThe patient takes metformin twice daily." },
    ],
  },
  max_tokens: { why: "_gateway_chat's default (max_tokens=800)", value: () => 800 },
  temperature: { why: "_gateway_chat's default (temperature=0.2)", value: () => 0.2 },
  context_prompt: { why: "_build_context_prompt's result: a heading and the transcript", value: async (r) => `Generate a SOAP note for a general medical encounter.\n\nMEDICAL ENCOUNTER TRANSCRIPT:\n${await r.transcriptText()}` },
  specialty: { why: "generate_specialty_soap's argument, one of its template keys", value: () => "cardiology" },
  template: { why: "the specialty's template (a block of section headings)", value: () => "Subjective:\n- Chief complaint\n\nObjective:\n- Vital signs\n\nAssessment:\n- Diagnosis\n\nPlan:\n- Follow-up" },
};

/** An example the sandbox refuses on purpose: the docs break the spec (or show what the sandbox does not emulate). */
export interface Refused {
  status: number;
  error: string;
  why: string;
  /** The spec's verdict on the body: "invalid" (the docs break it) or "valid" (a gap of the sandbox). */
  spec: "invalid" | "valid";
  /** The body fixed to the spec, replayed next (it must then pass), so the page's later requests have their transcript. */
  repair?: (body: Body) => Body;
}

const withSpeechModels = (body: Body): Body => ({ ...body, speech_models: ["universal-3-pro", "universal-2"] });
const missingSpeechModels: Refused = {
  status: 400,
  error: 'Missing required field "speech_models"',
  why: "openapi.yml's TranscriptParams requires speech_models; this example predates that (like the spec's own TranscriptParams example)",
  spec: "invalid",
  repair: withSpeechModels,
};
const streaming: Refused = {
  status: 400,
  error: "Invalid request: 'stream: true' (server-sent events) is not emulated by the soap-notes sandbox; leave stream out or send false",
  why: "streamed (SSE) chat is not emulated (README, Known gaps); the example is valid (stream on an OpenAI model)",
  spec: "valid",
};

/** Examples that do not get a 2xx, by `file:line`. Every other example must. */
export const REFUSED: Record<string, Refused> = {
  "chat-completions.mdx:86": streaming,
  "chat-completions.mdx:109": streaming,
  "pii-redaction.mdx:343": missingSpeechModels,
  "pii-redaction.mdx:400": missingSpeechModels,
  "pii-redaction.mdx:494": missingSpeechModels,
  "pii-redaction.mdx:519": missingSpeechModels,
  "soap-note-generation.mdx:48": missingSpeechModels,
  "speaker-identification-existing-transcript.mdx:164": missingSpeechModels,
  "speaker-identification-existing-transcript.mdx:363": missingSpeechModels,
  "speaker-identification-existing-transcript.mdx:515": missingSpeechModels,
  "webhooks.mdx:61": missingSpeechModels,
  "webhooks.mdx:112": missingSpeechModels,
  "webhooks.mdx:343": missingSpeechModels,
  "webhooks.mdx:394": missingSpeechModels,
};

/** How a documented error is provoked, and what of it is checked. */
export type ErrorCase =
  | { skip: string }
  | {
      provoke: (r: RegionSession) => Promise<Reply>;
      /** The exact message expected, or null when the docs give none the sandbox can match (then `note` says why). */
      message: string | null;
      note?: string;
    };

const createBody = (extra: Body): Body => ({ audio_url: DOCS_AUDIO_URL, speech_models: ["universal-3-pro"], ...extra });

/** A job that ends in status "error": create it, then poll it. */
const failedJob = (audioUrl: string) => async (r: RegionSession) => {
  const created = await r.send("POST", "https://api.assemblyai.com/v2/transcript", createBody({ audio_url: audioUrl }));
  return r.send("GET", `https://api.assemblyai.com/v2/transcript/${String(created.json["id"])}`);
};
const cannotFetch =
  "the sandbox downloads nothing: any audio_url that is not one of its fixtures ends in status error with its own message (pointing to the fixtures), not the docs' wording";

/** Each documented error example, by `file:line`. */
export const ERROR_CASES: Record<string, ErrorCase> = {
  "chat-completions.mdx:236": {
    provoke: (r) => r.send("POST", "https://llm-gateway.assemblyai.com/v1/chat/completions", { messages: [{ role: "user", content: "What is the capital of France?" }] }),
    message: "Invalid request: missing required field 'model'",
  },
  "common_errors_and_solutions.mdx:45": { skip: "which features each language supports is on the Supported Languages page, which is not in the reference: not emulated" },
  "common_errors_and_solutions.mdx:56": { skip: "account balances are not emulated (the sandbox bills nothing)" },
  "common_errors_and_solutions.mdx:71": {
    provoke: (r) => r.send("GET", "https://api.assemblyai.com/v2/transcript", undefined, { key: "not-a-key" }),
    message: "Authentication error, API token missing/invalid",
    note: "the page ends the message with a period; openapi.yml's 401 example does not, and the sandbox follows the spec",
  },
  "common_errors_and_solutions.mdx:86": {
    provoke: (r) => r.send("POST", "https://api.assemblyai.com/v2/transcript", createBody({ word_boost: ["🇸🇬"] })),
    message: null,
    note: "word_boost (custom vocabulary) is no longer in openapi.yml: the sandbox refuses it as an unknown field (400) before any character check, so the message is the unknown-field one",
  },
  "common_errors_and_solutions.mdx:109": {
    provoke: (r) => r.send("GET", "https://api.assemblyai.com/v2/transcript/00000000-0000-4000-8000-000000000000"),
    message: "Transcript lookup error, transcript id not found",
  },
  "common_errors_and_solutions.mdx:124": {
    provoke: async (r) => {
      r.sb.faults.add({ route: "get", kind: "status", status: 500, times: 1 });
      return r.send("GET", `https://api.assemblyai.com/v2/transcript/${await r.transcriptId()}`);
    },
    message: "Internal Server Error",
    note: "the page shows \"Server error, developers have been alerted.\"; openapi.yml's 500 example says \"Internal Server Error\", which the sandbox's fault answers",
  },
  "common_errors_and_solutions.mdx:146": { provoke: failedJob("https://www.youtube.com/watch?v=r8KTOBOMm0A"), message: null, note: cannotFetch },
  "common_errors_and_solutions.mdx:159": { provoke: failedJob("https://foo.bar"), message: null, note: cannotFetch },
  "common_errors_and_solutions.mdx:178": { provoke: failedJob("https://foo.bar"), message: null, note: `audio duration is not checked: ${cannotFetch}` },
};
