import { ConnectionError } from "@org/soap-core/errors";
import { describe, expect, it } from "vitest";
import { ProxiedFetchError } from "../io/proxy-env.js";
import { describeConnectionFailure, isUnreachable } from "./network-message.js";

const conn = (code: string | undefined, host = "api.assemblyai.com", cause?: unknown) =>
  new ConnectionError(`POST /v2/upload could not connect: ${code}`, { code, host, cause });

describe("describeConnectionFailure", () => {
  it.each([
    ["ENOTFOUND", /^cannot reach api\.assemblyai\.com: the name does not resolve \(DNS ENOTFOUND\); check the URL \(--base-url .*\) and your network's DNS$/],
    ["EAI_AGAIN", /^cannot reach api\.assemblyai\.com: the DNS lookup failed \(EAI_AGAIN\): no network.*check your network connection/],
    ["ECONNREFUSED", /^cannot reach api\.assemblyai\.com: the connection was refused \(ECONNREFUSED\): nothing listens there; check the URL and port/],
    ["ECONNRESET", /^the connection to api\.assemblyai\.com was cut \(ECONNRESET\); a firewall or proxy .*HTTPS_PROXY/],
    ["UND_ERR_CONNECT_TIMEOUT", /^cannot reach api\.assemblyai\.com: connecting timed out \(UND_ERR_CONNECT_TIMEOUT\)/],
    ["ENETUNREACH", /^cannot reach api\.assemblyai\.com: no route to it \(ENETUNREACH\)/],
    ["CERT_HAS_EXPIRED", /^the TLS connection to api\.assemblyai\.com failed \(CERT_HAS_EXPIRED\): its certificate is not trusted.*NODE_EXTRA_CA_CERTS=<file\.pem>/],
    ["SELF_SIGNED_CERT_IN_CHAIN", /^the TLS connection to api\.assemblyai\.com failed \(SELF_SIGNED_CERT_IN_CHAIN\)/],
    ["ERR_TLS_CERT_ALTNAME_INVALID", /failed \(ERR_TLS_CERT_ALTNAME_INVALID\): its certificate is not trusted or does not match the name/],
    ["ERR_SSL_WRONG_VERSION_NUMBER", /does not speak HTTPS on that port; check the URL's scheme/],
    ["EWHATEVER", /^cannot reach api\.assemblyai\.com \(EWHATEVER\); check your network, the URL .*HTTPS_PROXY/],
  ])("names the host, the cause and the fix for %s", (code, message) => {
    expect(describeConnectionFailure(conn(code))).toMatch(message);
  });

  it("says 'AssemblyAI' when the host is unknown, and never 'undefined'", () => {
    const line = describeConnectionFailure(new ConnectionError("x"));
    expect(line).toBe("cannot reach AssemblyAI (no answer); check your network, the URL (--base-url / --gateway-url), and HTTPS_PROXY if you use a proxy");
  });

  describe("through a proxy", () => {
    const route = { url: "http://127.0.0.1:9", variable: "HTTPS_PROXY" };
    const via = (code: string | undefined, inner: unknown) => conn(code, "api.assemblyai.com", new ProxiedFetchError(route, inner));

    it("blames the proxy when it cannot be reached, and says how to go around it", () => {
      expect(describeConnectionFailure(via("ECONNREFUSED", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" })))).toBe(
        "cannot reach the proxy http://127.0.0.1:9 (HTTPS_PROXY) on the way to api.assemblyai.com (ECONNREFUSED: nothing listens there); check that the proxy runs and HTTPS_PROXY is right, unset it, or add api.assemblyai.com to NO_PROXY to go direct",
      );
    });

    it("reports the status a proxy answered to CONNECT", () => {
      const refused = new Error("Proxy response (502) !== 200 when HTTP Tunneling");
      expect(describeConnectionFailure(via("UND_ERR_ABORTED", refused))).toMatch(/^the proxy http:\/\/127\.0\.0\.1:9 \(HTTPS_PROXY\) would not open a connection to api\.assemblyai\.com: it answered 502/);
      const auth = new Error("Proxy response (407) !== 200 when HTTP Tunneling");
      expect(describeConnectionFailure(via("UND_ERR_ABORTED", auth))).toMatch(/wants credentials \(407 Proxy Authentication Required\).*http:\/\/user:password@host:port/);
    });

    it("names the proxy in a TLS failure (an inspecting proxy is the usual cause)", () => {
      expect(describeConnectionFailure(via("SELF_SIGNED_CERT_IN_CHAIN", new Error("self-signed certificate in certificate chain")))).toMatch(
        /^the TLS connection to api\.assemblyai\.com through the proxy http:\/\/127\.0\.0\.1:9 \(HTTPS_PROXY\) failed/,
      );
    });
  });
});

describe("isUnreachable", () => {
  it("counts what never reached the host (DNS, refused, timeout, TLS, the proxy), not a reset mid-request", () => {
    for (const code of ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "DEPTH_ZERO_SELF_SIGNED_CERT"]) expect(isUnreachable(conn(code)), code).toBe(true);
    for (const code of ["ECONNRESET", "UND_ERR_SOCKET", "EPIPE", undefined]) expect(isUnreachable(conn(code)), String(code)).toBe(false);
    const route = { url: "http://proxy:3128", variable: "HTTPS_PROXY" };
    expect(isUnreachable(conn("UND_ERR_ABORTED", "h", new ProxiedFetchError(route, new Error("Proxy response (502) !== 200 when HTTP Tunneling"))))).toBe(true);
    expect(isUnreachable(conn("UND_ERR_ABORTED", "h", new ProxiedFetchError(route, new Error("aborted"))))).toBe(false);
  });
});
