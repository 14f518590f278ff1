import type { ConnectionError } from "@org/soap-core/errors";
import { proxyRouteOf, type ProxyRoute } from "../io/proxy-env.js";

/** Codes that mean the TCP connection (to the host, or to the proxy) never came up. */
const CONNECT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EHOSTDOWN"]);

/** TLS failures: an untrusted or wrong certificate, or no TLS at all on the other side. */
function isTlsCode(code: string): boolean {
  return /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|EPROTO$)/.test(code) || code.includes("CERT");
}

/** Messages of the error and its causes (undici reports a refused tunnel only in a message). */
function messages(err: unknown): string {
  const out: string[] = [];
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const m = (e as { message?: unknown }).message;
    if (typeof m === "string") out.push(m);
    e = (e as { cause?: unknown }).cause;
  }
  return out.join(" | ");
}

/**
 * True when the request never reached the host at all: its name did not resolve, the connection was
 * refused, timed out or had no route, TLS failed, or the proxy could not be reached or refused the
 * tunnel. A connection that was reset mid-request is not this: the host answered before.
 */
export function isUnreachable(err: ConnectionError): boolean {
  const code = err.code;
  if (code !== undefined && (CONNECT_CODES.has(code) || isTlsCode(code))) return true;
  return proxyRouteOf(err) !== undefined && /Proxy response \(\d{3}\)|Proxy Authentication Required/.test(messages(err));
}

function hostOnly(host: string): string {
  return host.replace(/:\d+$/, "");
}

function direct(host: string, code: string | undefined): string {
  switch (code) {
    case "ENOTFOUND":
    case "EAI_NONAME":
    case "EAI_FAIL":
      return `cannot reach ${host}: the name does not resolve (DNS ${code}); check the URL (--base-url / ASSEMBLYAI_BASE_URL, --gateway-url, --region) and your network's DNS`;
    case "EAI_AGAIN":
      return `cannot reach ${host}: the DNS lookup failed (EAI_AGAIN): no network, or no DNS server answers; check your network connection (behind a proxy, set HTTPS_PROXY)`;
    case "ECONNREFUSED":
      return `cannot reach ${host}: the connection was refused (ECONNREFUSED): nothing listens there; check the URL and port (--base-url / --gateway-url), or that the server (e.g. \`soap-notes sandbox\`) is running`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
    case "EPIPE":
      return `the connection to ${host} was cut (${code}); a firewall or proxy may be closing it: check your network (behind a proxy, set HTTPS_PROXY), then run the same command again`;
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return `cannot reach ${host}: connecting timed out (${code}); check your network and firewall (behind a proxy, set HTTPS_PROXY)`;
    case "ENETUNREACH":
    case "EHOSTUNREACH":
    case "ENETDOWN":
    case "EHOSTDOWN":
      return `cannot reach ${host}: no route to it (${code}): the network is down or blocked; check your network connection`;
    default:
      return `cannot reach ${host} (${code ?? "no answer"}); check your network, the URL (--base-url / --gateway-url), and HTTPS_PROXY if you use a proxy`;
  }
}

function tls(host: string, code: string, proxy: ProxyRoute | undefined): string {
  const via = proxy ? ` through the proxy ${proxy.url} (${proxy.variable})` : "";
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER" || code === "EPROTO" || code === "ERR_SSL_PACKET_LENGTH_TOO_LONG") {
    return `the TLS handshake with ${host}${via} failed (${code}): the server does not speak HTTPS on that port; check the URL's scheme (http:// or https://) and port`;
  }
  return (
    `the TLS connection to ${host}${via} failed (${code}): its certificate is not trusted or does not match the name; ` +
    "a proxy or firewall that inspects HTTPS may be in the way: give its CA certificate with NODE_EXTRA_CA_CERTS=<file.pem> (never turn verification off), and check the URL"
  );
}

function throughProxy(host: string, code: string | undefined, proxy: ProxyRoute, text: string): string | undefined {
  const name = hostOnly(host);
  const bypass = `or add ${name} to NO_PROXY to go direct`;
  const refused = /Proxy response \((\d{3})\)/.exec(text)?.[1] ?? (/Proxy Authentication Required \((407)\)/.exec(text)?.[1]);
  if (refused === "407") {
    return `the proxy ${proxy.url} (${proxy.variable}) wants credentials (407 Proxy Authentication Required) to reach ${host}: put them in the proxy URL (http://user:password@host:port)`;
  }
  if (refused !== undefined) {
    return `the proxy ${proxy.url} (${proxy.variable}) would not open a connection to ${host}: it answered ${refused}; check that the proxy allows ${name}, ${bypass}`;
  }
  if (code !== undefined && (CONNECT_CODES.has(code) || code === "ECONNRESET" || code === "UND_ERR_SOCKET")) {
    const why = code === "ECONNREFUSED" ? "nothing listens there" : code === "ENOTFOUND" || code === "EAI_AGAIN" ? "its name does not resolve" : "the proxy did not answer";
    return `cannot reach the proxy ${proxy.url} (${proxy.variable}) on the way to ${host} (${code}: ${why}); check that the proxy runs and ${proxy.variable} is right, unset it, ${bypass}`;
  }
  return undefined;
}

/**
 * One line for a request that got no HTTP answer: the host, the likely cause (DNS, refused, reset,
 * timeout, TLS, proxy) and what to check. The proxy is named (without credentials) when the request
 * went through one.
 *
 * @example
 * describeConnectionFailure(err)
 * // "cannot reach api.assemblyai.com: the name does not resolve (DNS ENOTFOUND); check the URL …"
 */
export function describeConnectionFailure(err: ConnectionError): string {
  const host = err.host ?? "AssemblyAI";
  const code = err.code;
  const proxy = proxyRouteOf(err);
  if (code !== undefined && isTlsCode(code)) return tls(host, code, proxy);
  if (proxy !== undefined) {
    const line = throughProxy(host, code, proxy, messages(err));
    if (line !== undefined) return line;
    return `${direct(host, code)} (through the proxy ${proxy.url}, ${proxy.variable})`;
  }
  return direct(host, code);
}
