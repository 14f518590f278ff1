import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import type { SoapNote } from "@org/soap-core/engine";
import type { Transcript } from "@org/soap-core";

const EDGE = fileURLToPath(new URL("../../../../apps/edge-api/", import.meta.url));

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Splits a migration into statements: `;` at a line's end ends one, except inside a `CREATE TRIGGER … END` (one statement). */
function statements(sql: string): string[] {
  const pieces = sql
    .split("\n")
    .map((l) => l.replace(/--.*$/, ""))
    .join("\n")
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
  // A trigger's body (`CREATE TRIGGER … BEGIN …; …; END`) holds statements of its own: it is one statement.
  const out: string[] = [];
  let trigger: string[] | undefined;
  for (const piece of pieces) {
    if (trigger) trigger.push(piece);
    else if (/^CREATE\s+TRIGGER\b/i.test(piece)) trigger = [piece];
    else out.push(piece);
    if (trigger && /\bEND$/i.test(piece)) {
      out.push(trigger.join(";\n"));
      trigger = undefined;
    }
  }
  if (trigger) throw new Error("a CREATE TRIGGER in the migrations has no END");
  return out;
}

/**
 * A stand-in for AssemblyAI's transcript endpoint and the recording's host, on 127.0.0.1: serves the
 * transcript (its `audio_url` pointing back here) and the recording with HTTP Range support, which a
 * browser needs to seek.
 */
async function startMediaHost(transcript: Transcript, wav: Uint8Array): Promise<{ origin: string; server: Server }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = createServer((req, res) => {
    if (req.url === `/v2/transcript/${transcript.id}`) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...transcript, audio_url: `${origin}/visit.wav` }));
      return;
    }
    if (req.url === "/visit.wav") {
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
      if (range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), wav.length - 1) : wav.length - 1;
        res.writeHead(206, { "content-type": "audio/wav", "accept-ranges": "bytes", "content-range": `bytes ${start}-${end}/${wav.length}`, "content-length": end - start + 1 });
        res.end(wav.subarray(start, end + 1));
      } else {
        res.writeHead(200, { "content-type": "audio/wav", "accept-ranges": "bytes", "content-length": wav.length }).end(wav);
      }
      return;
    }
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  return { origin, server };
}

/** The edge API served locally (workerd through Miniflare, local D1), with one completed note per tenant. */
export interface EdgeServer {
  origin: string;
  mediaOrigin: string;
  secret: string;
  tenants: { a: { tenantId: string; key: string; noteId: string }; b: { tenantId: string; key: string; noteId: string } };
  stop(): Promise<void>;
}

/**
 * Bundles the Worker (apps/edge-api/src/worker.ts, sources through the `@org/source` condition), runs it in
 * workerd with a local D1 migrated like production, pointed at {@link startMediaHost} in development mode,
 * and seeds two tenants, each with an API key and a completed note written from `transcript`.
 */
export async function startEdge(note: SoapNote, transcript: Transcript, wav: Uint8Array): Promise<EdgeServer> {
  const media = await startMediaHost(transcript, wav);
  const bundle = await build({
    entryPoints: [`${EDGE}src/worker.ts`],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["@org/source", "workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const secret = randomUUID() + randomUUID();
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: "2026-04-01",
    host: "127.0.0.1",
    port,
    d1Databases: ["DB"],
    queueProducers: { NOTE_JOBS: { queueName: "soap-note-jobs" } },
    ratelimits: { IP_RATE_LIMITER: { simple: { limit: 1_000_000, period: 60 } } },
    bindings: {
      ASSEMBLYAI_API_KEY: "sandbox-demo-key",
      WEBHOOK_SECRET: "whsec-browser-test-0123456789",
      PUBLIC_BASE_URL: origin,
      DEVELOPMENT_MODE: "true",
      ASSEMBLYAI_BASE_URL: media.origin,
      ASSEMBLYAI_GATEWAY_URL: media.origin,
      REVIEW_LINK_SECRET: secret,
      SOAP_CONFIG: "{}",
    },
  });
  await mf.ready;
  const db = await mf.getD1Database("DB");
  const migrations = readdirSync(`${EDGE}migrations`).filter((f) => f.endsWith(".sql")).sort();
  for (const file of migrations) for (const sql of statements(readFileSync(`${EDGE}migrations/${file}`, "utf8"))) await db.prepare(sql).run();

  const now = Date.now();
  const noteJson = JSON.stringify(note);
  const copy = JSON.stringify(transcript);
  const seed = async (name: string, transcriptId: string) => {
    const tenantId = `ten_${name}_${randomUUID().slice(0, 8)}`;
    const key = `soap_sk_browser_${randomUUID()}`;
    const noteId = `note_${name}_${randomUUID().slice(0, 8)}`;
    await db.batch([
      db.prepare("INSERT INTO tenants (id, name, created_at) VALUES (?1, ?2, ?3)").bind(tenantId, name, now),
      db
        .prepare("INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(`key_${tenantId}`, tenantId, createHash("sha256").update(key).digest("hex"), key.slice(0, 12), now),
      db
        .prepare(
          `INSERT INTO jobs (id, tenant_id, status, transcript_id, template_spec, model, options_json, created_at, updated_at, finished_at)
           VALUES (?1, ?2, 'completed', ?3, 'soap-complete@1', ?4, '{}', ?5, ?5, ?5)`,
        )
        .bind(noteId, tenantId, transcriptId, note.provenance.model, now),
      db
        .prepare("INSERT INTO notes (job_id, tenant_id, note_json, transcript_json, transcript_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)")
        .bind(noteId, tenantId, noteJson, copy, `sha256:${"0".repeat(64)}`, now),
    ]);
    return { tenantId, key, noteId };
  };
  const a = await seed("a", transcript.id);
  const b = await seed("b", `${transcript.id}_b`);
  return {
    origin,
    mediaOrigin: media.origin,
    secret,
    tenants: { a, b },
    async stop() {
      await mf.dispose();
      await new Promise((ok) => media.server.close(ok));
    },
  };
}
