import { describe, expect, it } from "vitest";
import { clientKey } from "./ip-rate-limit.js";

describe("clientKey", () => {
  it("counts an IPv4 client by its address, an IPv6 client by its /64, a mapped address as IPv4", () => {
    expect(clientKey("203.0.113.7")).toBe("ip:203.0.113.7");
    expect(clientKey("2001:db8:1:2::a")).toBe("ip6:2001:db8:1:2::/64");
    expect(clientKey("2001:0db8:0001:0002:ffff:0:0:1")).toBe("ip6:2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("ip6:2001:db8:0:0::/64");
    expect(clientKey("::ffff:198.51.100.9")).toBe("ip:198.51.100.9");
    expect(clientKey(undefined)).toBe("ip:unknown");
    expect(clientKey(" ")).toBe("ip:unknown");
  });
});
