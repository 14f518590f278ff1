import type { Context } from "hono";
import type { Engine } from "../engine.js";
import { v2Error } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";
import { Sha256 } from "../sha256.js";

/**
 * Hashes a request body as it streams in: constant memory whatever its size. Keeps no bytes (the
 * sandbox recognises fixtures by SHA-256 alone and never serves an upload's bytes back).
 */
export async function hashBody(body: ReadableStream<Uint8Array> | null): Promise<{ sha256: string; size: number }> {
  const hash = new Sha256();
  if (body) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        hash.update(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  return { sha256: hash.hexDigest(), size: hash.byteLength };
}

/** POST /v2/upload: raw bytes in, `{upload_url}` out. The bytes are hashed as they stream in to find the fixture. */
export function uploadHandler(engine: Engine) {
  return async (c: Context<SandboxEnv>) => {
    const content = await hashBody(c.req.raw.body);
    if (content.size === 0) return v2Error(c, 400, "Upload failed: the request body is empty");
    const upload = engine.createUpload(c.get("owner"), content);
    return c.json({ upload_url: `${c.get("origin")}/upload/${upload.id}` });
  };
}
