import { createSandbox, type Sandbox } from "../../index.js";
import type { GatewayRegion } from "../models.js";
import { markersIn } from "./docs-eval.js";
import type { DocRequest } from "./docs-requests.js";
import { manualTime, tinyAudio, tinyFixture } from "./fixtures.js";
import type { Json } from "./http.js";

/**
 * The sandboxes a docs page is replayed against, and what its snippets carry from one request to the
 * next (the last upload URL, the last transcript id), per region: a request to `api.eu.` or
 * `llm-gateway.eu.` goes to a sandbox that emulates the EU, with state of its own.
 */

/** The docs' sample audio. The replay's fixture is named after it, so the URL resolves as written. */
export const DOCS_AUDIO_URL = "https://assembly.ai/wildfires.mp3";
/** The key every replayed request carries (the docs' `<YOUR_API_KEY>`). */
export const REPLAY_KEY = "docs-replay-key";

/** What one request got back. */
export interface Reply {
  status: number;
  json: Json;
  text: string;
}

/** One region's sandbox and the page's state in it. */
export class RegionSession {
  lastUpload: string | null = null;
  lastTranscript: string | null = null;
  private prepared: string | null = null;

  constructor(
    readonly sb: Sandbox,
    readonly region: GatewayRegion,
  ) {}

  async send(method: string, url: string, body?: unknown, opts: { upload?: boolean; key?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = { authorization: opts.key ?? REPLAY_KEY };
    let payload: Uint8Array | string | undefined;
    if (opts.upload) {
      headers["content-type"] = "application/octet-stream";
      payload = tinyAudio("wildfires");
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await this.sb.fetch(url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      // not JSON: the assertions look at the status and `text`
    }
    return { status: res.status, json, text };
  }

  /**
   * The transcript a snippet's `transcript_id` means: the page's last created one, else a completed one
   * made for the replay (diarised, with redacted audio, so speaker identification and
   * /redacted-audio work on it, as the docs' "the transcript_id from the response above" assumes).
   */
  async transcriptId(): Promise<string> {
    if (this.lastTranscript) return this.lastTranscript;
    this.prepared ??= (
      await this.send("POST", `${this.apiBase()}/v2/transcript`, {
        audio_url: DOCS_AUDIO_URL,
        speech_models: ["universal-3-pro"],
        speaker_labels: true,
        redact_pii: true,
        redact_pii_policies: ["person_name"],
        redact_pii_audio: true,
      })
    ).json["id"] as string;
    return this.prepared;
  }

  async transcriptText(): Promise<string> {
    const t = await this.send("GET", `${this.apiBase()}/v2/transcript/${await this.transcriptId()}`);
    return String(t.json["text"]);
  }

  async uploadUrl(): Promise<string> {
    this.lastUpload ??= (await this.send("POST", `${this.apiBase()}/v2/upload`, undefined, { upload: true })).json["upload_url"] as string;
    return this.lastUpload;
  }

  apiBase(): string {
    return this.region === "eu" ? "https://api.eu.assemblyai.com" : "https://api.assemblyai.com";
  }
}

/** A page's replay: one session per region, made on first use. */
export class PageSession {
  private readonly regions = new Map<GatewayRegion, RegionSession>();

  async region(url: string): Promise<RegionSession> {
    const region: GatewayRegion = /^https?:\/\/[^/]*\.eu\./.test(url) ? "eu" : "us";
    let session = this.regions.get(region);
    if (!session) {
      const time = manualTime();
      const sb = createSandbox({
        fixtures: [await tinyFixture("wildfires")],
        apiKeys: [REPLAY_KEY],
        region,
        clock: time.clock,
        scheduler: time.scheduler,
        queuedMs: 0,
        processingMs: 0,
        webhookFetch: async () => new Response("ok"),
      });
      session = new RegionSession(sb, region);
      this.regions.set(region, session);
    }
    return session;
  }
}

/** How the replay fills one marker, and why that value. */
export interface Binding {
  why: string;
  value: (r: RegionSession) => unknown;
}

/**
 * Replaces every `⟦marker⟧` (bindings) and docs placeholder (`<YOUR_API_KEY>`, `<TRANSCRIPT_ID>`, ...)
 * in a request. A marker with no binding throws: a new docs variable must be bound on purpose.
 */
export async function resolveRequest(req: DocRequest, r: RegionSession, bindings: Record<string, Binding>): Promise<{ url: string; body: unknown; authorization: unknown }> {
  const values = new Map<string, unknown>();
  for (const m of markersIn([req.url, req.body, req.authorization])) {
    const binding = bindings[m];
    if (!binding) throw new Error(`${req.file}:${req.line}: no binding for ⟦${m}⟧ (add it to BINDINGS, with why)`);
    values.set(m, await binding.value(r));
  }
  const id = /<TRANSCRIPT_ID>|\{transcript_id\}|\/transcript\/transcript_id\//.test(JSON.stringify([req.url, req.body])) ? await r.transcriptId() : "";
  const fill = (s: string): unknown => {
    const whole = /^⟦([^⟧]+)⟧$/.exec(s);
    if (whole) return values.get(whole[1] as string);
    return s
      .replace(/⟦([^⟧]+)⟧/g, (_, m: string) => String(values.get(m)))
      .replace(/<YOUR_API_KEY>|YOUR_API_KEY|your_api_key/g, REPLAY_KEY)
      .replace(/<TRANSCRIPT_ID>|\{transcript_id\}/g, id)
      .replace(/\/transcript\/transcript_id\//g, `/transcript/${id}/`)
      .replace(/YOUR_AUDIO_URL/g, DOCS_AUDIO_URL);
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return fill(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { url: String(walk(req.url)), body: walk(req.body), authorization: walk(req.authorization) };
}
