import { RequestValidationError } from "../errors/response-validation-error.js";

/**
 * The global `fetch`, or a how-to-fix error when the runtime has none. The one place the clients
 * read `globalThis.fetch`; the result is always called unbound (`fetch.call(undefined, ...)`),
 * because a fetch bound to another object throws "Illegal invocation" on Workers.
 *
 * @example
 * ```ts
 * const f = getDefaultFetch();
 * await f.call(undefined, "https://example.com");
 * ```
 */
export function getDefaultFetch(): typeof fetch {
  const candidate: unknown = (globalThis as { fetch?: unknown }).fetch;
  if (typeof candidate !== "function") {
    throw new RequestValidationError(
      "No global fetch is available in this runtime. Use Node 20+, Workers or a browser, " +
        "or pass one explicitly: new TranscriptsClient({ apiKey, fetch: myFetch }) (e.g. undici's fetch).",
      { issues: [{ path: ["fetch"], message: "no global fetch" }] },
    );
  }
  return candidate as typeof fetch;
}
