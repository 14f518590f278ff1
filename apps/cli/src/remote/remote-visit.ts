import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { ApiError } from "@org/soap-core";
import { SoapNote } from "@org/soap-core/engine";
import { visitIdempotencyKey } from "@org/soap-core/visit";
import type { VisitState } from "../commands/batch/ledger-format.js";
import type { Ledger } from "../commands/batch/ledger.js";
import type { VisitSpec } from "../commands/batch/manifest.js";
import type { ProgressStage } from "../terminal/progress-format.js";
import type { FinishedWatcher } from "./finished-watcher.js";
import type { RemoteClient } from "./remote-client.js";
import { RemoteNoteFailedError } from "./remote-errors.js";

/** The fields of `POST /v1/notes` every visit of the run shares (the visit adds its audio and template). */
export interface RemoteNoteOptions {
  template?: string;
  medical?: boolean;
  speakers_expected?: number;
  redaction?: false;
}

/** What a remote visit works with. */
export interface RemoteVisitContext {
  client: RemoteClient;
  watcher: FinishedWatcher;
  ledger: Ledger;
  /** The ledger's origin of this run (`api:<url>`): ids recorded against another origin are not reused. */
  origin: string;
  options: RemoteNoteOptions;
  signal: AbortSignal;
  onStage: (stage: ProgressStage) => void;
}

interface UploadAnswer {
  id: string;
  status: "uploading" | "complete";
  part_size: number;
  parts: number;
  received_parts: number[];
}

const UPLOAD_PREFIX = "upload:";

/** SHA-256 of a file's bytes (streamed): the part of a visit's idempotency key that changes with the recording. */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function readPart(path: string, offset: number, length: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const bytes = new Uint8Array(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(bytes, read, length - read, offset + read);
      if (bytesRead === 0) throw new Error(`the file got shorter while it was uploaded (${path})`);
      read += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/**
 * Uploads a local recording (or resumes its upload from the ledger's `upload:<id>`): the parts the API
 * has not received yet, then completes it. The upload id is in the ledger before the first part is
 * sent, so that a resumed run never makes a second upload for the same create.
 */
async function uploadFile(ctx: RemoteVisitContext, spec: VisitSpec, path: string, size: number, state: VisitState | undefined): Promise<string> {
  const { client, signal } = ctx;
  let upload: UploadAnswer | undefined;
  const recorded = state?.origin === ctx.origin && state.uploadUrl?.startsWith(UPLOAD_PREFIX) ? state.uploadUrl.slice(UPLOAD_PREFIX.length) : undefined;
  if (recorded !== undefined) {
    try {
      upload = (await client.request<UploadAnswer>("GET", `/v1/uploads/${encodeURIComponent(recorded)}`, { signal, operation: "GET /v1/uploads/{id}" })).body;
    } catch (err) {
      // Expired (24 h) or unknown: a new upload; anything else is the visit's failure.
      if ((err as { status?: unknown }).status !== 404) throw err;
    }
  }
  if (upload === undefined) {
    upload = (await client.request<UploadAnswer>("POST", "/v1/uploads", { json: { size, file_name: basename(path) }, signal })).body;
    await ctx.ledger.append({ visit: spec.id, stage: "uploaded", origin: ctx.origin, upload_url: `${UPLOAD_PREFIX}${upload.id}` });
  }
  if (upload.status === "complete") return upload.id;
  const received = new Set(upload.received_parts);
  for (let part = 1; part <= upload.parts; part++) {
    if (received.has(part)) continue;
    const offset = (part - 1) * upload.part_size;
    const bytes = await readPart(path, offset, Math.min(upload.part_size, size - offset));
    await client.request("PUT", `/v1/uploads/${encodeURIComponent(upload.id)}/parts/${part}`, { bytes, signal, operation: "PUT /v1/uploads/{id}/parts/{n}" });
  }
  await client.request("POST", `/v1/uploads/${encodeURIComponent(upload.id)}/complete`, { signal, operation: "POST /v1/uploads/{id}/complete" });
  return upload.id;
}

/**
 * `POST /v1/notes`; the note id. A `502 transcript_create_uncertain` names a note that may still be made
 * (its transcript's webhook resumes it): its id is returned and the watcher gives it a grace period.
 */
async function createNote(client: RemoteClient, body: object, key: string, signal: AbortSignal): Promise<string> {
  try {
    return (await client.request<{ id: string }>("POST", "/v1/notes", { json: body, headers: { "idempotency-key": key }, signal })).body.id;
  } catch (err) {
    if (err instanceof ApiError && err.status === 502) {
      const error = (err.body as { error?: { code?: unknown; details?: { id?: unknown } } } | undefined)?.error;
      if (error?.code === "transcript_create_uncertain" && typeof error.details?.id === "string") return error.details.id;
    }
    throw err;
  }
}

/**
 * One visit through the edge API: upload its audio (a local file) or send its URL, create the note with
 * the visit's `Idempotency-Key` (core's {@link visitIdempotencyKey}: a resumed run that sends it again gets
 * the same note, never a second one), record the note id, wait for it with the run's
 * {@link FinishedWatcher}, and download it. Each step is in the ledger before the next starts.
 * @throws {RemoteNoteFailedError} when the API reports the note failed; core's errors for HTTP failures.
 */
export async function runRemoteVisit(ctx: RemoteVisitContext, spec: VisitSpec, state: VisitState | undefined): Promise<{ note: SoapNote }> {
  const { client, signal } = ctx;
  const ours = state?.origin === ctx.origin ? state : undefined;
  let noteId = ours?.noteId;
  if (noteId === undefined) {
    const source = spec.source;
    let audio: { audio_url: string } | { upload_id: string };
    let fingerprint: string;
    if (source.kind === "audio_url") {
      audio = { audio_url: source.url };
      fingerprint = source.url;
    } else if (source.kind === "audio_file") {
      ctx.onStage("upload");
      const size = (await open(source.path, "r").then(async (h) => {
        try {
          return (await h.stat()).size;
        } finally {
          await h.close();
        }
      })) as number;
      fingerprint = `sha256:${await fileSha256(source.path)}`;
      audio = { upload_id: await uploadFile(ctx, spec, source.path, size, ours) };
    } else {
      throw new Error(`unreachable: ${source.kind} rows are refused before a remote batch starts`);
    }
    ctx.onStage("transcribe");
    const key = await visitIdempotencyKey({ visitId: spec.id, source: fingerprint });
    const body = { ...audio, ...ctx.options, ...(spec.template !== undefined ? { template: spec.template } : {}), experiment_key: spec.id };
    await ctx.ledger.append({ visit: spec.id, stage: "creating", origin: ctx.origin, at: new Date().toISOString() });
    noteId = await createNote(client, body, key, signal);
    await ctx.ledger.append({ visit: spec.id, stage: "submitted", origin: ctx.origin, note_id: noteId });
  } else {
    ctx.onStage("transcribe");
  }
  // A note submitted by an earlier run may have finished long ago: ask for it by id first.
  const outcome = await ctx.watcher.wait(noteId, ours?.noteId !== undefined);
  if (outcome.status === "failed") throw new RemoteNoteFailedError(noteId, outcome.failure?.code ?? "failed", outcome.failure?.reason ?? "");
  ctx.onStage("write");
  const { body } = await client.request<{ status: string; note: unknown }>("GET", `/v1/notes/${encodeURIComponent(noteId)}`, { signal, operation: "GET /v1/notes/{id}" });
  if (body.status !== "completed") throw new RemoteNoteFailedError(noteId, "not_completed", `the API reports it ${body.status}`);
  return { note: SoapNote.parse(body.note) };
}
