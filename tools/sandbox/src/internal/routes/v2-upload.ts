import type { Context } from "hono";
import type { Engine } from "../engine.js";
import { v2Error } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";

/** POST /v2/upload: raw bytes in, `{upload_url}` out. The bytes are hashed to find the fixture. */
export function uploadHandler(engine: Engine) {
  return async (c: Context<SandboxEnv>) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength === 0) return v2Error(c, 400, "Upload failed: the request body is empty");
    const upload = await engine.createUpload(c.get("owner"), bytes);
    return c.json({ upload_url: `${c.get("origin")}/upload/${upload.id}` });
  };
}
