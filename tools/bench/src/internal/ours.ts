import { openAsBlob } from "node:fs";
import * as core from "@org/soap-core";
import { GatewayClient, TranscriptsClient, type RequestGate, type Transcript } from "@org/soap-core";
import type { TranscriptionSlots } from "@org/soap-core/visit";
import { generateSoapNote, type SoapNote } from "@org/soap-core/engine";
import type { SoapTemplate } from "@org/soap-prompts";
import { Agent, fetch as undiciFetch } from "undici";
import { SEED_MODEL, SEED_TRANSCRIPTION } from "../baseline/seed-prompts.js";

/** Our clients over one undici Agent with keep-alive, sized like the CLI's pool. */
export interface OurClients {
  transcripts: TranscriptsClient;
  gateway: GatewayClient;
  close(): Promise<void>;
}

/** Builds core's clients against `origin` (the sandbox serves the v2 API and the gateway). */
export function ourClients(
  origin: string,
  apiKey: string,
  connections: number,
  extra: { timeoutMs?: number; uploadIdleTimeoutMs?: number; maxRetries?: number; gate?: RequestGate } = {},
  /** Called before every request leaves (after the gate): the bench counts sends with it. */
  onSend?: (url: string) => void,
): OurClients {
  const agent = new Agent({ connections, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
  const pooled = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    onSend?.(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    return undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent }) as unknown as Promise<Response>;
  };
  const common = { apiKey, baseUrl: origin, gatewayBaseUrl: origin, fetch: pooled as typeof fetch, ...extra };
  return {
    transcripts: new TranscriptsClient({ ...common, defaultSpeechModels: [...SEED_TRANSCRIPTION.speech_models] }),
    gateway: new GatewayClient(common),
    close: () => agent.close(),
  };
}

/** The transcription parameters ours sends: the tutorial's redaction, plus speaker labels. */
export const OUR_TRANSCRIPTION = {
  speech_models: [...SEED_TRANSCRIPTION.speech_models],
  speaker_labels: true,
  redact_pii: true,
  redact_pii_policies: [...SEED_TRANSCRIPTION.redact_pii_policies],
  redact_pii_sub: "hash",
} as const;

/** The model ours asks for (the tutorial's). */
export const OUR_MODEL = SEED_MODEL;

/** Poll tuning passed to `wait` (core's `WaitOptions` subset the bench varies). */
export interface WaitTuning {
  initialDelayMs?: number;
  maxDelayMs?: number;
  multiplier?: number;
}

/** The contract's runVisit (docs/ARCHITECTURE.md), typed locally so the bench works before core exports it. */
type RunVisit = (
  input: { kind: "audio"; body: Blob },
  o: { transcripts: TranscriptsClient; gateway: GatewayClient; template: SoapTemplate; model: string; transcription?: Record<string, unknown>; wait?: WaitTuning; transcriptionSlots?: TranscriptionSlots },
) => Promise<{ note: SoapNote; transcript?: Transcript }>;

/** core's `runVisit` when it is exported, else undefined. */
export function coreRunVisit(): RunVisit | undefined {
  const fn = (core as Record<string, unknown>)["runVisit"];
  return typeof fn === "function" ? (fn as RunVisit) : undefined;
}

/** Which path `runOurVisit` takes. */
export function ourVisitPath(): string {
  return coreRunVisit() ? "core runVisit" : "core clients (upload, create, wait) + generateSoapNote, as the CLI's adapter does";
}

/**
 * One visit from an audio file to a note, the way the product does it: the file as a file-backed
 * Blob (streamed, replayable), then core's `runVisit` (or, before it exists, upload + create + wait +
 * generateSoapNote, exactly the CLI's adapter).
 */
export async function runOurVisit(file: string, clients: OurClients, template: SoapTemplate, wait?: WaitTuning, transcriptionSlots?: TranscriptionSlots): Promise<SoapNote> {
  const body = await openAsBlob(file, { type: "audio/mpeg" });
  const runVisit = coreRunVisit();
  if (runVisit) {
    const r = await runVisit({ kind: "audio", body }, { transcripts: clients.transcripts, gateway: clients.gateway, template, model: OUR_MODEL, transcription: { ...OUR_TRANSCRIPTION }, ...(wait ? { wait } : {}), ...(transcriptionSlots ? { transcriptionSlots } : {}) });
    return r.note;
  }
  const { upload_url } = await clients.transcripts.upload(body);
  // As core's runVisit does with `transcriptionSlots`: a slot from the create to the end of the wait.
  const release = transcriptionSlots ? await transcriptionSlots.acquire() : undefined;
  let transcript: Transcript;
  try {
    const created = await clients.transcripts.create({ ...OUR_TRANSCRIPTION, redact_pii_policies: [...OUR_TRANSCRIPTION.redact_pii_policies], speech_models: [...OUR_TRANSCRIPTION.speech_models], audio_url: upload_url } as Parameters<TranscriptsClient["create"]>[0]);
    transcript = await clients.transcripts.wait(created.id, wait ?? {});
  } finally {
    release?.();
  }
  return generateSoapNote({ gateway: clients.gateway, template, transcript, model: OUR_MODEL });
}
