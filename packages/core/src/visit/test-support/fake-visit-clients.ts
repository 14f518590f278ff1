/** Fakes of the transcripts client and gateway, and plans with real template hashes, for visit tests. Never built. */
import { DEFAULT_SOAP_CONFIG, getTemplate, templateHash, templateRef } from "@org/soap-prompts";
import type { SpeakerRoles } from "../../clients/gateway/gateway-client.js";
import type { ChatCompletion, ChatCompletionRequest } from "../../clients/gateway/chat-schemas.js";
import type { CreateTranscriptParams } from "../../clients/transcripts/create-transcript-params.js";
import type { Transcript, TranscriptListItem, TranscriptWord } from "../../clients/transcripts/transcript-schemas.js";
import type { WaitOptions } from "../../clients/transcripts/wait-for-transcript.js";
import type { RequestOptions } from "../../http/client-options.js";
import { applyCheckpoint, type CheckpointUpdate, type VisitCheckpoint } from "../checkpoint.js";
import type { VisitPlan } from "../plan.js";
import type { ListTranscripts } from "../recover-create.js";
import { planTextRedaction } from "../text-redaction.js";
import { transcriptionParams } from "../transcription-params.js";
import type { VisitGateway, VisitTranscripts } from "../visit-ports.js";

/**
 * A plan for tests, built by hand (independent of `planVisit`): the template `spec` with its REAL
 * content hash (draftNote refuses a plan whose hash differs), model `test-model`, the default
 * config's transcription settings, transcript mode `auto`, no role identification, `assemblyai`,
 * and text dialogues stated de-identified (scrubbed locally, then sent; the test dialogues hold no
 * identifiers, so they go unchanged). text-redaction.test.ts covers the other text decisions.
 */
export async function testPlan(overrides: Partial<VisitPlan> = {}, spec = "soap-structured@^2"): Promise<VisitPlan> {
  const template = getTemplate(spec);
  const transcription = transcriptionParams(DEFAULT_SOAP_CONFIG.transcription);
  return {
    template: { ref: templateRef(template), hash: await templateHash(template) },
    model: "test-model",
    transcription,
    transcriptMode: "auto",
    identifyRoles: false,
    environment: "assemblyai",
    textRedaction: planTextRedaction(transcription, "assemblyai", true),
    ...overrides,
  };
}

/** A shared, ordered record of what happened ("upload", "create", "wait", hooks…). */
export type CallLog = string[];

const LINES: [speaker: string, text: string][] = [
  ["A", "Good morning, what brings you in today?"],
  ["B", "My right knee has been hurting for two weeks."],
  ["A", "Let's start you on ibuprofen and physical therapy."],
];

/** A completed transcript with words and utterances (speaker A speaks first). */
export function completedTranscript(id = "tr_visit_1", withUtterances = true): Transcript {
  let t = 0;
  const utterances = LINES.map(([speaker, text]) => {
    const words: TranscriptWord[] = text.split(" ").map((w) => {
      const word = { text: w, start: t, end: t + 300, confidence: 0.99, speaker };
      t += 350;
      return word;
    });
    return { speaker, text, start: words[0]?.start ?? 0, end: words[words.length - 1]?.end ?? 0, confidence: 0.99, words };
  });
  return {
    id,
    status: "completed",
    text: LINES.map(([, text]) => text).join(" "),
    words: utterances.flatMap((u) => u.words),
    ...(withUtterances ? { utterances } : {}),
    audio_duration: 4,
  };
}

/** The structured (soap-structured@2) answer quoting the transcript above. */
export const STRUCTURED_ANSWER = JSON.stringify({
  subjective: { statements: [{ text: "Right knee pain for two weeks.", evidence: [{ quote: "My right knee has been hurting for two weeks", speaker: "B" }] }] },
  objective: { statements: [] },
  assessment: { statements: [{ text: "Knee pain.", evidence: [] }] },
  plan: { statements: [{ text: "Ibuprofen and physical therapy.", evidence: [{ quote: "start you on ibuprofen and physical therapy", speaker: "A" }] }] },
});

/** Resolves after a few turns of the event loop (lets a test observe ordering). */
export async function ticks(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setTimeout(r, 0));
}

/** Rejects when the signal aborts; never resolves otherwise. */
export function hang(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true });
  });
}

/** A checkpoint update as one log line: `uploaded:<url>`, `creating:<url>`, `transcript_created:<id>`, `transcribed:<id>`… */
export function describeCheckpoint(u: CheckpointUpdate): string {
  switch (u.step) {
    case "uploaded":
      return `uploaded:${u.uploadUrl}`;
    case "creating":
      return `creating:${u.audioUrl}`;
    case "transcript_created":
      return `transcript_created:${u.transcriptId}${u.recovered ? ":recovered" : ""}`;
    case "transcribed":
      return `transcribed:${u.transcriptId}`;
    case "note_written":
    case "deleted":
      return u.step;
  }
}

/**
 * An `onCheckpoint` that records every update (into `log` too, when given) and folds them with
 * `applyCheckpoint`, as the apps do: `checkpoint` is what a later run would resume from.
 */
export function checkpointRecorder(log?: CallLog): {
  updates: CheckpointUpdate[];
  readonly checkpoint: VisitCheckpoint;
  onCheckpoint: (u: CheckpointUpdate) => void;
} {
  const updates: CheckpointUpdate[] = [];
  let checkpoint: VisitCheckpoint = {};
  return {
    updates,
    get checkpoint() {
      return checkpoint;
    },
    onCheckpoint: (u) => {
      updates.push(u);
      checkpoint = applyCheckpoint(checkpoint, u);
      log?.push(describeCheckpoint(u));
    },
  };
}

/** Options of {@link FakeTranscripts}. */
export interface FakeTranscriptsOptions {
  log?: CallLog;
  /** What wait() does; default: resolve with a completed transcript of the id. */
  wait?: (id: string, o: WaitOptions) => Promise<Transcript>;
  create?: (params: CreateTranscriptParams) => Promise<Transcript>;
  /** Rows `list()` yields, newest first; without it the fake has no `list`. */
  listItems?: TranscriptListItem[];
}

/** A transcripts client that records calls. */
export class FakeTranscripts implements VisitTranscripts {
  readonly log: CallLog;
  readonly uploads: unknown[] = [];
  readonly creates: CreateTranscriptParams[] = [];
  readonly waits: { id: string; o: WaitOptions }[] = [];
  readonly signals: (AbortSignal | undefined)[] = [];
  readonly list?: ListTranscripts;

  constructor(private readonly opts: FakeTranscriptsOptions = {}) {
    this.log = opts.log ?? [];
    const items = opts.listItems;
    if (items) {
      const log = this.log;
      this.list = (params) => ({
        async *[Symbol.asyncIterator]() {
          log.push(`list:${params?.limit ?? ""}`);
          yield* items;
        },
      });
    }
  }

  async upload(body: unknown, o?: RequestOptions): Promise<{ upload_url: string }> {
    this.log.push("upload");
    this.uploads.push(body);
    this.signals.push(o?.signal);
    return { upload_url: "https://cdn.assemblyai.test/upload/abc" };
  }

  async create(params: CreateTranscriptParams, o?: RequestOptions): Promise<Transcript> {
    this.log.push("create");
    this.creates.push(params);
    this.signals.push(o?.signal);
    if (this.opts.create) return this.opts.create(params);
    return { id: "tr_visit_1", status: "queued", audio_url: params.audio_url };
  }

  async wait(id: string, o: WaitOptions = {}): Promise<Transcript> {
    this.log.push(`wait:${id}`);
    this.waits.push({ id, o });
    this.signals.push(o.signal);
    if (this.opts.wait) return this.opts.wait(id, o);
    o.onPoll?.({ id, status: "processing" }, { attempt: 0, elapsedMs: 0, nextDelayMs: 250 });
    const done = completedTranscript(id);
    o.onPoll?.(done, { attempt: 1, elapsedMs: 250, nextDelayMs: undefined });
    return done;
  }
}

/** Options of {@link FakeVisitGateway}. */
export interface FakeVisitGatewayOptions {
  log?: CallLog;
  /** Answer content per chat request; default: {@link STRUCTURED_ANSWER}. */
  answer?: (req: ChatCompletionRequest) => string;
  /** What identifySpeakerRoles does; default: A clinician, B patient. */
  roles?: (transcriptId: string, o: RequestOptions | undefined) => Promise<Record<string, string>>;
}

/** A gateway that records chat requests and role identifications. */
export class FakeVisitGateway implements VisitGateway {
  readonly log: CallLog;
  readonly requests: ChatCompletionRequest[] = [];
  readonly roleCalls: { transcriptId: string; knownValues: readonly string[] | undefined }[] = [];

  constructor(private readonly opts: FakeVisitGatewayOptions = {}) {
    this.log = opts.log ?? [];
  }

  async chat(req: ChatCompletionRequest, _o?: RequestOptions): Promise<ChatCompletion> {
    this.log.push("chat");
    this.requests.push(req);
    const content = this.opts.answer ? this.opts.answer(req) : STRUCTURED_ANSWER;
    return {
      choices: [{ message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: { input_tokens: 120, output_tokens: 30, total_tokens: 150 },
    };
  }

  async identifySpeakerRoles(transcriptId: string, knownValues?: readonly string[], o?: RequestOptions): Promise<SpeakerRoles> {
    this.log.push("roles");
    this.roleCalls.push({ transcriptId, knownValues });
    const mapping = this.opts.roles ? await this.opts.roles(transcriptId, o) : { A: "clinician", B: "patient" };
    return { mapping, status: "completed", response: {} };
  }

  /** All message text of request `i`. */
  content(i = 0): string {
    return (this.requests[i]?.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join(""))).join("\n");
  }
}
