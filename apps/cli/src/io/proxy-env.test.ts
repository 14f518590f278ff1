import { describe, expect, it } from "vitest";
import { UsageError } from "../errors/cli-errors.js";
import { ProxiedFetchError, proxyFor, proxyRouteOf, readProxyEnv, redactProxyUrl } from "./proxy-env.js";

describe("readProxyEnv", () => {
  it("reads the lower-case variables first, as curl and undici do, and lets HTTPS fall back to HTTP_PROXY", () => {
    const p = readProxyEnv({ HTTP_PROXY: "http://upper:1", http_proxy: "http://lower:2", NO_PROXY: "a.example" });
    expect(p).toEqual({ httpProxy: "http://lower:2", httpsProxy: "http://lower:2", noProxy: "a.example", httpVar: "http_proxy", httpsVar: "http_proxy" });
    expect(readProxyEnv({ HTTPS_PROXY: "http://s:3" })).toMatchObject({ httpProxy: "", httpsProxy: "http://s:3", httpsVar: "HTTPS_PROXY" });
  });

  it("treats empty values as unset (never falls back to the process environment)", () => {
    expect(readProxyEnv({ HTTPS_PROXY: "  ", NO_PROXY: "" })).toMatchObject({ httpProxy: "", httpsProxy: "", noProxy: "" });
  });

  it.each([
    ["HTTPS_PROXY", "proxy.example.org:3128", /HTTPS_PROXY is not a URL \(got "proxy\.example\.org:3128"\): give the proxy as http:\/\/host:port/],
    ["HTTP_PROXY", "ftp://proxy.example.org", /HTTP_PROXY must be an http:\/\/, https:\/\/ or socks5:\/\/ proxy URL/],
  ])("refuses %s=%s with a usage error saying how to write it", (name, value, message) => {
    const err = (() => {
      try {
        readProxyEnv({ [name]: value });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
  });

  it("never prints the proxy's credentials", () => {
    expect(redactProxyUrl("http://me:s3cret@proxy:8080")).toBe("http://***@proxy:8080");
    expect(() => readProxyEnv({ HTTPS_PROXY: "me:s3cret@proxy" })).toThrow(/\*\*\*@proxy/);
  });
});

describe("proxyFor", () => {
  const env = readProxyEnv({ HTTPS_PROXY: "http://u:p@proxy:3128", HTTP_PROXY: "http://plain:8080", NO_PROXY: "localhost, .internal.example,10.0.0.1:8443" });

  it("routes https through HTTPS_PROXY and http through HTTP_PROXY, credentials hidden", () => {
    expect(proxyFor("https://api.assemblyai.com/v2/upload", env)).toEqual({ url: "http://***@proxy:3128", variable: "HTTPS_PROXY" });
    expect(proxyFor("http://127.0.0.1:8787/v2/transcript", env)).toEqual({ url: "http://plain:8080", variable: "HTTP_PROXY" });
  });

  it("sends NO_PROXY hosts direct: exact names, subdomains, and host:port entries", () => {
    expect(proxyFor("http://localhost:8787/x", env)).toBeUndefined();
    expect(proxyFor("https://api.internal.example/x", env)).toBeUndefined();
    expect(proxyFor("https://internal.example/x", env)).toBeUndefined();
    expect(proxyFor("https://10.0.0.1:8443/x", env)).toBeUndefined();
    expect(proxyFor("https://10.0.0.1/x", env)).toBeDefined();
    expect(proxyFor("https://notinternal.example/x", env)).toBeDefined();
  });

  it("sends everything direct with NO_PROXY=*, or with no proxy variable", () => {
    expect(proxyFor("https://api.assemblyai.com", readProxyEnv({ HTTPS_PROXY: "http://p:1", NO_PROXY: "*" }))).toBeUndefined();
    expect(proxyFor("https://api.assemblyai.com", readProxyEnv({}))).toBeUndefined();
  });
});

describe("proxyRouteOf", () => {
  it("finds the proxy recorded in a cause chain", () => {
    const route = { url: "http://proxy:3128", variable: "HTTPS_PROXY" };
    const wrapped = new Error("POST /v2/upload could not connect", { cause: new ProxiedFetchError(route, new Error("connect ECONNREFUSED")) });
    expect(proxyRouteOf(wrapped)).toEqual(route);
    expect(proxyRouteOf(new Error("x", { cause: new TypeError("fetch failed") }))).toBeUndefined();
  });
});
