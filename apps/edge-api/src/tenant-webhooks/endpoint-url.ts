import { classifyIpLiteral, isInternalHostName } from "../notes/create-note-ip-ranges.js";

/** Longest endpoint URL accepted. */
export const MAX_ENDPOINT_URL_LENGTH = 2048;

/** Hosts a development deployment may call over plain http (a receiver on the developer's machine). */
const DEV_HTTP_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * What is wrong with a webhook endpoint URL, or undefined when the API may POST to it: an absolute
 * https URL with a fully qualified public host name (no IP literal: a bare address hides what the
 * host is and is the usual way to aim at internal services), no internal name, no user name or password, no
 * fragment, at most {@link MAX_ENDPOINT_URL_LENGTH} characters. With `DEVELOPMENT_MODE` only,
 * `http://localhost`, `http://127.0.0.1` and `http://[::1]` (any port) are accepted too. Checked when
 * an endpoint is registered and again before every delivery. Every message says what to send instead.
 */
export function endpointUrlProblem(raw: string, development: boolean): string | undefined {
  if (raw.length > MAX_ENDPOINT_URL_LENGTH) return `must be at most ${MAX_ENDPOINT_URL_LENGTH} characters (got ${raw.length})`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute https URL, e.g. https://hooks.example.com/soap-notes";
  }
  if (url.username !== "" || url.password !== "") {
    return "must not contain a user name or password: verify deliveries with the signing secret (Soap-Signature) instead";
  }
  if (url.hash !== "") return "must not contain a fragment (#…): it is never sent";
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (development && url.protocol === "http:" && DEV_HTTP_HOSTS.has(host)) return undefined;
  if (url.protocol !== "https:") {
    return `must use https (got ${url.protocol.replace(/:$/, "")})${development ? "; plain http only to localhost or 127.0.0.1 in development mode" : ""}`;
  }
  if (development && DEV_HTTP_HOSTS.has(host)) return undefined;
  if (classifyIpLiteral(host) !== undefined) return `must name a host, not an IP address (${host}): use the receiver's public DNS name`;
  if (isInternalHostName(host)) {
    return `must not use an internal host name (${host}): give a public, fully qualified host name`;
  }
  return undefined;
}
