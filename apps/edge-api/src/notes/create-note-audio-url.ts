import { classifyIpLiteral, isInternalHostName } from "./create-note-ip-ranges.js";

/** Who may fetch what: the deployment's development mode and the tenant's allowlist. */
export interface AudioUrlPolicy {
  /** `DEVELOPMENT_MODE`: http, private addresses and internal names are accepted (the sandbox on 127.0.0.1). */
  development: boolean;
  /** The tenant's host patterns (`media.example.com`, `*.example.com`); null: any public host. */
  allowedHosts: readonly string[] | null;
}

/** Whether `host` (lower case, no trailing dot) matches an allowlist pattern: exact, or `*.` for any subdomain. */
export function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase().replace(/\.$/, "");
  if (p.startsWith("*.")) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
  return host === p;
}

/**
 * What is wrong with an `audio_url` AssemblyAI is to fetch, or undefined when it may be used: https
 * only, no user name or password, no IP literal in a private, loopback, link-local or unique-local
 * range (IPv4 and IPv6, including IPv4-mapped IPv6 and the decimal, hex and octal IPv4 forms the URL
 * parser normalises), no internal host name (localhost, `*.local`, `*.internal`, single labels), and,
 * when the tenant has an allowlist, one of its hosts. In development mode only the credentials rule
 * and the allowlist apply. Every message says what to send instead.
 */
export function audioUrlProblem(raw: string, policy: AudioUrlPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute https URL";
  }
  if (url.username !== "" || url.password !== "") {
    return "must not contain a user name or password: use a pre-signed URL (a token in the query string) instead";
  }
  const https = url.protocol === "https:";
  if (!https && !(policy.development && url.protocol === "http:")) {
    return `must use https (got ${url.protocol.replace(/:$/, "")}): AssemblyAI fetches the audio, and the recording must not travel in clear`;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (!policy.development) {
    const ip = classifyIpLiteral(host);
    if (ip === "blocked") {
      return `must not point at a private, loopback, link-local or reserved address (${host}): give a public https URL`;
    }
    if (ip === undefined && isInternalHostName(host)) {
      return `must not use an internal host name (${host}): give a public, fully qualified host name`;
    }
  }
  if (policy.allowedHosts !== null && !policy.allowedHosts.some((pattern) => hostMatches(host, pattern))) {
    const list = policy.allowedHosts.length > 0 ? policy.allowedHosts.join(", ") : "none";
    return `host ${host} is not one of this tenant's allowed audio hosts (${list}); ask the operator to add it`;
  }
  return undefined;
}
