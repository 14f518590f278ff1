import type { Transcript } from "@org/soap-core";
import { z } from "zod";
import { loadSettings } from "../../config/load-settings.js";
import { createRuntime, type Runtime } from "../../config/runtime.js";
import type { CliContext } from "../../context.js";
import { UsageError } from "../../errors/cli-errors.js";

async function withRuntime<T>(ctx: CliContext, options: Record<string, unknown>, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const settings = await loadSettings(ctx, options);
  const rt = await createRuntime(settings, ctx, 2);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** What `transcripts get` shows without `--text`: status and metadata, never what was said. */
function metadata(t: Transcript): Record<string, unknown> {
  const r = t as Record<string, unknown>;
  const pick: Record<string, unknown> = {};
  for (const key of ["id", "status", "error", "audio_duration", "language_code", "speech_model_used", "speaker_labels", "redact_pii", "audio_url"]) {
    if (r[key] !== undefined && r[key] !== null) pick[key] = r[key];
  }
  if (Array.isArray(r["utterances"])) pick["utterances"] = r["utterances"].length;
  if (Array.isArray(r["words"])) pick["words"] = r["words"].length;
  return pick;
}

const listOptions = z.object({
  limit: z.coerce.number({ error: "--limit must be a whole number" }).int("--limit must be a whole number").min(1, "--limit must be 1-200").max(200, "--limit must be 1-200"),
  status: z.enum(["queued", "processing", "completed", "error"], { error: "--status must be queued, processing, completed or error" }).optional(),
});

/** `transcripts list`. */
export async function runTranscriptsList(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const parsed = listOptions.safeParse({ limit: options["limit"] ?? 20, status: options["status"] });
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "bad options");
  const { limit, status } = parsed.data;
  await withRuntime(ctx, options, async (rt) => {
    let n = 0;
    for await (const t of rt.transcripts.list({ limit, ...(status ? { status } : {}) })) {
      if (n++ >= limit) break;
      ctx.stdout.write(options["json"] ? `${JSON.stringify(t)}\n` : `${t.id}  ${String(t.status).padEnd(10)}  ${t.created}  ${t.audio_url}\n`);
    }
    if (n === 0 && !options["json"]) ctx.stderr.write(rt.mode === "sandbox" ? "no transcripts (the in-process sandbox starts empty)\n" : "no transcripts\n");
  });
}

/** `transcripts get <id>`: metadata; the text only with `--text`. */
export async function runTranscriptsGet(ctx: CliContext, id: string, options: Record<string, unknown>): Promise<void> {
  await withRuntime(ctx, options, async (rt) => {
    const t = await rt.transcripts.get(id);
    const meta = metadata(t);
    if (options["text"]) meta["text"] = t.text ?? null;
    if (options["json"]) {
      ctx.stdout.write(`${JSON.stringify(meta, null, 2)}\n`);
      return;
    }
    for (const [k, v] of Object.entries(meta)) if (k !== "text") ctx.stdout.write(`${k}: ${String(v)}\n`);
    if (options["text"]) ctx.stdout.write(`\n${t.text ?? "(no text yet)"}\n`);
  });
}

/** `transcripts delete <id>`. */
export async function runTranscriptsDelete(ctx: CliContext, id: string, options: Record<string, unknown>): Promise<void> {
  await withRuntime(ctx, options, async (rt) => {
    const t = await rt.transcripts.delete(id);
    ctx.stdout.write(options["json"] ? `${JSON.stringify({ id: t.id, deleted: true })}\n` : `deleted ${t.id}\n`);
  });
}
