import type { MiddlewareHandler } from "hono";
import type { SandboxEnv } from "./middleware.js";

/**
 * Header on every response of the sandbox (routes, 404s, 401s, injected faults): clients tell a
 * served sandbox from AssemblyAI by it, e.g. the CLI marks notes made on one as sandbox output.
 */
export const SANDBOX_RESPONSE_HEADER = "x-soap-notes-sandbox";

/** Sets {@link SANDBOX_RESPONSE_HEADER} on whatever answer the rest of the app gave. */
export function sandboxHeader(): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    await next();
    c.header(SANDBOX_RESPONSE_HEADER, "1");
  };
}
