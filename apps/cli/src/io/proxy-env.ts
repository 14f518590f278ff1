import { UsageError } from "../errors/cli-errors.js";

/**
 * The proxy variables as read from the environment (lower case first, as curl and undici read
 * them). Empty strings mean "not set", so undici never falls back to `process.env` on its own.
 */
export interface ProxyEnv {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
  /** The variable each value came from, for messages (`HTTPS_PROXY`, `http_proxy`…). */
  httpVar: string;
  httpsVar: string;
}

/** The proxy a request goes through: its URL without credentials, and the variable that set it. */
export interface ProxyRoute {
  url: string;
  variable: string;
}

function first(env: Record<string, string | undefined>, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** A proxy URL with any `user:password@` replaced by `***@`: it is printed in messages. */
export function redactProxyUrl(url: string): string {
  return url.replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?)[^/@]*@/i, "$1***@");
}

const PROXY_PROTOCOLS = new Set(["http:", "https:", "socks:", "socks5:"]);

/** `value` as a URL when it spells its scheme out ("proxy:3128" would parse as a URL of scheme "proxy:"). */
function parseProxyUrl(value: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function checkProxyUrl(name: string, value: string): void {
  const url = parseProxyUrl(value);
  if (url === undefined) {
    throw new UsageError(`${name} is not a URL (got "${redactProxyUrl(value).slice(0, 80)}"): give the proxy as http://host:port (credentials, if any, as http://user:password@host:port)`);
  }
  if (!PROXY_PROTOCOLS.has(url.protocol)) {
    throw new UsageError(`${name} must be an http://, https:// or socks5:// proxy URL (got ${url.protocol}//…): for example http://proxy.example.org:3128`);
  }
}

/**
 * Reads `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (and their lower-case forms, which win) from `env`.
 * An HTTPS request without `HTTPS_PROXY` goes through `HTTP_PROXY`, as in undici.
 * @throws {UsageError} for a proxy value that is not a proxy URL.
 */
export function readProxyEnv(env: Record<string, string | undefined>): ProxyEnv {
  const http = first(env, ["http_proxy", "HTTP_PROXY"]);
  const https = first(env, ["https_proxy", "HTTPS_PROXY"]) ?? http;
  const no = first(env, ["no_proxy", "NO_PROXY"]);
  if (http) checkProxyUrl(http.name, http.value);
  if (https) checkProxyUrl(https.name, https.value);
  return {
    httpProxy: http?.value ?? "",
    httpsProxy: https?.value ?? "",
    noProxy: no?.value ?? "",
    httpVar: http?.name ?? "HTTP_PROXY",
    httpsVar: https?.name ?? "HTTPS_PROXY",
  };
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/** Whether `NO_PROXY` sends `url` direct: the same rules as undici's EnvHttpProxyAgent. */
function bypassed(url: URL, noProxy: string): boolean {
  if (noProxy === "*") return true;
  const hostname = url.host.replace(/:\d*$/, "").toLowerCase();
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const host = (parsed ? (parsed[1] as string) : entry).replace(/^\*?\./, "").toLowerCase();
    const entryPort = parsed ? Number.parseInt(parsed[2] as string, 10) : 0;
    if (entryPort && entryPort !== port) continue;
    if (hostname === host || hostname.endsWith(`.${host}`)) return true;
  }
  return false;
}

/**
 * The proxy a request to `url` goes through under `proxy`, or `undefined` when it goes direct
 * (no proxy variable for its scheme, or `NO_PROXY` matches its host).
 */
export function proxyFor(url: string | URL, proxy: ProxyEnv): ProxyRoute | undefined {
  const u = typeof url === "string" ? new URL(url) : url;
  const https = u.protocol === "https:";
  const value = https ? proxy.httpsProxy : proxy.httpProxy;
  if (value === "" || bypassed(u, proxy.noProxy)) return undefined;
  return { url: redactProxyUrl(value), variable: https ? proxy.httpsVar : proxy.httpVar };
}

/**
 * A failed fetch that went through a proxy: what core wraps as the `cause` of its ConnectionError,
 * so the CLI can say the proxy was on the way. Same message as fetch's own failure.
 */
export class ProxiedFetchError extends TypeError {
  readonly proxy: ProxyRoute;

  constructor(proxy: ProxyRoute, cause: unknown) {
    super("fetch failed", { cause });
    this.name = "TypeError";
    this.proxy = proxy;
  }
}

/** The proxy recorded in an error's cause chain by {@link ProxiedFetchError}, if any. */
export function proxyRouteOf(err: unknown): ProxyRoute | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    if (e instanceof ProxiedFetchError) return e.proxy;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
