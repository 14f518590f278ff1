import type { Sandbox } from "../sandbox.js";

/** A parsed JSON body, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/**
 * `speech_models` every create body needs (openapi.yml requires it): spread it into raw bodies,
 * `{ ...U3, audio_url }`. `create()` adds it unless `params` names its own.
 */
export const U3 = { speech_models: ["universal-3-pro"] } as const;
import { tinyAudio } from "./fixtures.js";

/** Small JSON helpers over a sandbox's in-process fetch. */
export function api(sb: Sandbox, key: string = sb.apiKey) {
  const headers = (extra: Record<string, string> = {}) => ({ authorization: key, ...extra });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await sb.fetch(`https://api.assemblyai.com${path}`, {
      method,
      headers: headers(body === undefined ? {} : { "content-type": "application/json" }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined; // not JSON: tests look at `text`
    }
    return { status: res.status, headers: res.headers, text, json: json as Json };
  };
  return {
    call,
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown) => call("POST", path, body),
    del: (path: string) => call("DELETE", path),
    async upload(bytes: Uint8Array = tinyAudio()) {
      const res = await sb.fetch("https://api.assemblyai.com/v2/upload", { method: "POST", headers: headers({ "content-type": "application/octet-stream" }), body: bytes });
      return { status: res.status, json: (await res.json()) as Json };
    },
    /** Uploads the tiny audio and creates a transcript with `params`. */
    async create(params: Record<string, unknown> = {}) {
      const up = await this.upload();
      return call("POST", "/v2/transcript", { ...U3, audio_url: up.json["upload_url"], ...params });
    },
  };
}
