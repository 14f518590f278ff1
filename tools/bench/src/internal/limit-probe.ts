import type { Sandbox } from "@org/soap-sandbox";
import { SEED_TRANSCRIPTION } from "../baseline/seed-prompts.js";
import { timed } from "./context.js";
import { sandboxCompletion } from "./sandbox-harness.js";

/** The three single calls whose sum is the physical limit of one visit. */
export interface LimitParts {
  uploadMs: number;
  /** From sending the create to knowing it completed: create call + queued + processing + one GET. */
  transcriptionMs: number;
  chatMs: number;
  transcriptId: string;
}

async function ok(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status}`);
  return res;
}

/**
 * Measures the physical limit of one visit on this sandbox with single plain-fetch calls: one
 * upload of the bytes (already in memory), one create, the sandbox's own completion time (read
 * from its state, so no polling delay) plus one GET to learn it, and one gateway call.
 */
export async function measureLimit(sandbox: Sandbox, origin: string, bytes: Uint8Array<ArrayBuffer>, chatBody: (transcriptId: string) => unknown): Promise<LimitParts> {
  const headers = { authorization: sandbox.apiKey };
  const up = await timed(async () => (await (await ok(await fetch(`${origin}/v2/upload`, { method: "POST", headers, body: bytes }), "upload")).json()) as { upload_url: string });
  const t0 = Date.now();
  const created = (await (
    await ok(
      await fetch(`${origin}/v2/transcript`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ audio_url: up.value.upload_url, speech_models: [...SEED_TRANSCRIPTION.speech_models], speaker_labels: true }),
      }),
      "create",
    )
  ).json()) as { id: string };
  const done = await sandboxCompletion(sandbox, created.id);
  if (done.status !== "completed") throw new Error(`limit probe transcript ended ${done.status}`);
  const get = await timed(async () => (await ok(await fetch(`${origin}/v2/transcript/${created.id}`, { headers }), "get")).json());
  const chat = await timed(async () =>
    (await ok(await fetch(`${origin}/v1/chat/completions`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(chatBody(created.id)) }), "chat")).json(),
  );
  return { uploadMs: up.ms, transcriptionMs: done.completedAt - t0 + get.ms, chatMs: chat.ms, transcriptId: created.id };
}

/** The limit of one visit: the sum of the three single calls. */
export function limitTotal(p: LimitParts): number {
  return p.uploadMs + p.transcriptionMs + p.chatMs;
}
