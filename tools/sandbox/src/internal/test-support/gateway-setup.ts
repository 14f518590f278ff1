import { createSandbox, type Sandbox } from "../../index.js";
import type { GatewayRegion } from "../models.js";
import { manualTime, tinyFixture } from "./fixtures.js";
import { api, type Json } from "./http.js";

/** The transcripts a gateway contract test works on. */
export interface GatewayIds {
  /** Completed, diarised (speaker identification works on it). */
  id: string;
  /** Completed, without speaker labels. */
  plain: string;
  /** Still queued. */
  pending: string;
}

/** What a gateway request got back. */
export interface GatewayReply {
  status: number;
  json: Json;
  text: string;
  headers: Headers;
}

/**
 * A sandbox for the gateway contract tests, with a completed diarised transcript, a completed plain
 * one and a queued one, and `send` for raw bodies (a string is sent as is, anything else as JSON).
 */
export async function gatewaySetup(region: GatewayRegion = "us") {
  const time = manualTime();
  const sb: Sandbox = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 10, processingMs: 10, region });
  const a = api(sb);
  const id = (await a.create({ speaker_labels: true })).json["id"] as string;
  const plain = (await a.create({})).json["id"] as string;
  time.advance(100);
  const pending = (await a.create({})).json["id"] as string;
  const send = async (path: string, body: unknown, key: string = sb.apiKey): Promise<GatewayReply> => {
    const res = await sb.fetch(`https://llm-gateway.assemblyai.com${path}`, {
      method: "POST",
      headers: { authorization: key, "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      // not JSON: callers look at `text`
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  const ids: GatewayIds = { id, plain, pending };
  return { sb, ids, send };
}
