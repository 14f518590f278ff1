import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyIpLiteral, parseIpv6 } from "./create-note-ip-ranges.js";

const hostOf = (literal: string) => new URL(`https://${literal}/a.mp3`).hostname;

describe("classifyIpLiteral", () => {
  it.each([
    ["127.0.0.1", "blocked"],
    ["10.0.0.1", "blocked"],
    ["172.15.255.255", "public"],
    ["172.16.0.0", "blocked"],
    ["172.31.255.255", "blocked"],
    ["172.32.0.0", "public"],
    ["192.168.0.1", "blocked"],
    ["169.254.0.1", "blocked"],
    ["100.63.255.255", "public"],
    ["100.64.0.0", "blocked"],
    ["224.0.0.1", "blocked"],
    ["255.255.255.255", "blocked"],
    ["8.8.8.8", "public"],
    ["[::1]", "blocked"],
    ["[::]", "blocked"],
    ["[::ffff:7f00:1]", "blocked"],
    ["[::ffff:808:808]", "public"],
    ["[fc00::1]", "blocked"],
    ["[fdff:ffff::1]", "blocked"],
    ["[fe80::1]", "blocked"],
    ["[febf::1]", "blocked"],
    ["[ff02::1]", "blocked"],
    ["[2001:db8::1]", "blocked"],
    ["[2001:0::1]", "blocked"],
    ["[2002:808:808::1]", "public"],
    ["[2002:c0a8:101::1]", "blocked"],
    ["[64:ff9b::808:808]", "blocked"],
    ["[2606:4700:4700::1111]", "public"],
    ["media.example.com", undefined],
  ] as const)("%s is %s", (host, kind) => {
    expect(classifyIpLiteral(host)).toBe(kind);
  });

  it("sees the address behind every spelling the URL parser accepts for a private IPv4 address", () => {
    for (const spelling of ["127.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "0177.1", "127.0.1"]) {
      expect(classifyIpLiteral(hostOf(spelling)), spelling).toBe("blocked");
    }
    for (const spelling of ["[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]", "[::ffff:10.1.2.3]", "[::127.0.0.1]"]) {
      expect(classifyIpLiteral(hostOf(spelling)), spelling).toBe("blocked");
    }
  });

  it("agrees with the IPv4 rule for every IPv4-mapped IPv6 address", () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        expect(classifyIpLiteral(hostOf(`[::ffff:${v4}]`))).toBe(classifyIpLiteral(v4));
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseIpv6", () => {
  it("expands :: and a trailing dotted IPv4, and refuses what is not an address", () => {
    expect(parseIpv6("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6("2001:db8::8:800:200c:417a")).toEqual([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    expect(parseIpv6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseIpv6("1::2::3")).toBeUndefined();
    expect(parseIpv6("1:2:3")).toBeUndefined();
    expect(parseIpv6("g::1")).toBeUndefined();
  });
});
