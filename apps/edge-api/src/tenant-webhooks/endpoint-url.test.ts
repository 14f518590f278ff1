import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endpointUrlProblem } from "./endpoint-url.js";

describe("endpointUrlProblem", () => {
  it("accepts public https host names, with ports, paths and queries", () => {
    for (const url of ["https://hooks.example.com/soap", "https://a.b.example.org:8443/x?y=1", "https://HOOKS.Example.COM./in"]) {
      expect(endpointUrlProblem(url, false), url).toBeUndefined();
    }
  });

  it("refuses every IPv4 spelling and IPv6 literal, also public ones", () => {
    for (const host of ["8.8.8.8", "0x7f.1", "2130706433", "[2001:4860:4860::8888]", "[::ffff:127.0.0.1]"]) {
      expect(endpointUrlProblem(`https://${host}/x`, false), host).toMatch(/not an IP address/);
    }
  });

  it("keeps development mode's exception to loopback over http", () => {
    expect(endpointUrlProblem("http://127.0.0.1:9000/x", true)).toBeUndefined();
    expect(endpointUrlProblem("http://[::1]:9000/x", true)).toBeUndefined();
    expect(endpointUrlProblem("http://192.168.1.10/x", true)).toMatch(/https/);
    expect(endpointUrlProblem("http://hooks.example.com/x", true)).toMatch(/https/);
  });

  it("never throws, and whatever it accepts outside development is https to a dotted, non-IP host without credentials", () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ maxLength: 300 })), (raw) => {
        const problem = endpointUrlProblem(raw, false);
        if (problem !== undefined) return;
        const url = new URL(raw);
        expect(url.protocol).toBe("https:");
        expect(url.username + url.password).toBe("");
        expect(url.hash).toBe("");
        expect(url.hostname).toMatch(/\./);
        expect(url.hostname).not.toMatch(/^[\d.]+$|^\[/);
      }),
      { numRuns: 300 },
    );
  });
});
