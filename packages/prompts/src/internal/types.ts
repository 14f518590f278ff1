/** One of the four parts of a SOAP note. */
export type SoapSection = "subjective" | "objective" | "assessment" | "plan";

/**
 * How a template asks for the note:
 * `complete` sends one request for the whole note (markdown), `sectioned` one request per section,
 * `structured` one request answered as JSON against a JSON schema.
 */
export type TemplateMode = "complete" | "sectioned" | "structured";

/** Where the transcript comes from. */
export type TranscriptSource =
  /** On AssemblyAI: the messages carry the gateway's literal `{{ transcript }}` placeholder. */
  | { kind: "transcript_id"; transcriptId: string }
  /** Inline text (text files, other ASR): fenced between `<transcript>` lines and labelled as data. */
  | { kind: "text"; text: string };

/** What a template renders from. */
export interface TemplateInput {
  transcript: TranscriptSource;
  /** Who each speaker label is, e.g. `{ A: "clinician", B: "patient" }`. */
  speakerRoles?: Record<string, string>;
}

/** One chat message of a rendered request. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** The `response_format` of a structured request, as the LLM Gateway takes it. */
export interface JsonSchemaResponseFormat {
  type: "json_schema";
  json_schema: { name: string; schema: object; strict?: boolean };
}

/** What core sends to `/v1/chat/completions` (plus the model, which comes from config). */
export interface RenderedRequest {
  /** Set for one-section requests. */
  section?: SoapSection;
  messages: ChatMessage[];
  max_tokens: number;
  temperature?: number;
  response_format?: JsonSchemaResponseFormat;
  /** Set when `transcript.kind === "transcript_id"`. */
  transcript_id?: string;
  /**
   * Set when the request asks the model which speaker label is the clinician and which the patient
   * (a last `Speaker roles: {...}` line in free-text modes, a `speaker_roles` field in structured
   * mode). Like `section`, it stays on our side: it is not sent to the gateway.
   */
  asksSpeakerRoles?: true;
}

/** A versioned prompt template. Released versions never change (see templates.lock.json). */
export interface SoapTemplate {
  id: string;
  /** Semver `major.minor.patch`. */
  version: string;
  description: string;
  mode: TemplateMode;
  /** Default `max_tokens` of the whole-note request(s). */
  maxTokens: number;
  /** One request, or four (one per section, in S-O-A-P order) for `sectioned`. */
  render(input: TemplateInput): RenderedRequest[];
  /** One request for one section, whatever the mode (to regenerate a single section). */
  renderSection(input: TemplateInput, section: SoapSection): RenderedRequest;
}
