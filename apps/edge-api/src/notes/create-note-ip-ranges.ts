/**
 * Which IP literals an audio URL may not name: private, loopback, link-local, unique-local, shared,
 * multicast, documentation and reserved ranges, for IPv4 and IPv6 (with the IPv6 forms that carry an
 * IPv4 address: mapped, compatible, 6to4, and the NAT64 and Teredo prefixes, which reach any address).
 * Hosts arrive as the WHATWG URL parser leaves them: IPv4 in dotted decimal (it already turned
 * `0x7f.1`, `2130706433` and `0177.0.0.1` into `127.0.0.1`), IPv6 in brackets, lower-case hex.
 */

/** IPv4 ranges that are not publicly routable: [first octets as a number, prefix length]. */
const BLOCKED_V4: readonly (readonly [string, number])[] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services live here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

/** A dotted-decimal IPv4 address as an unsigned 32-bit number, or undefined when `host` is not one. */
export function parseIpv4(host: string): number | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function inV4Range(ip: number, [base, bits]: readonly [string, number]): boolean {
  const start = parseIpv4(base) ?? 0;
  const size = 2 ** (32 - bits);
  return ip >= start && ip < start + size;
}

/** Whether an IPv4 address (as a number) is in a blocked range. */
export function isBlockedIpv4(ip: number): boolean {
  return BLOCKED_V4.some((range) => inV4Range(ip, range));
}

/** An IPv6 address (without brackets) as its eight 16-bit groups, or undefined when it is not one. */
export function parseIpv6(text: string): number[] | undefined {
  let body = text.toLowerCase();
  const tail: number[] = [];
  // A trailing dotted IPv4 (the parser normalises it away, but accept it anyway).
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const v4 = parseIpv4(dotted[2] ?? "");
    if (v4 === undefined) return undefined;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    body = (dotted[1] ?? "").endsWith("::") ? (dotted[1] ?? "") : (dotted[1] ?? "").slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const toGroups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = toGroups(halves[0] ?? "");
  const right = toGroups(halves[1] ?? "");
  if (![...left, ...right].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const known = left.length + right.length + tail.length;
  if (halves.length === 1 && known !== 8) return undefined;
  if (halves.length === 2 && known > 7) return undefined;
  const zeros = Array<number>(8 - known).fill(0);
  return [...left.map((g) => parseInt(g, 16)), ...(halves.length === 2 ? zeros : []), ...right.map((g) => parseInt(g, 16)), ...tail];
}

/** The IPv4 address in groups 6–7 (or 1–2 for 6to4) as a number. */
const v4At = (g: number[], i: number) => (g[i] ?? 0) * 65536 + (g[i + 1] ?? 0);

/** Whether an IPv6 address (as eight groups) is blocked, itself or through the IPv4 address it carries. */
export function isBlockedIpv6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0] = g;
  const firstFourZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (firstFourZero && g4 === 0 && g5 === 0xffff) return isBlockedIpv4(v4At(g, 6)); // ::ffff:0:0/96, IPv4-mapped
  if (firstFourZero && g4 === 0xffff && g5 === 0) return isBlockedIpv4(v4At(g, 6)); // ::ffff:0:0:0/96, IPv4-translated
  if (g0 < 0x100) return true; // ::/8: unspecified, loopback, IPv4-compatible (deprecated), reserved
  if (g0 === 0x64 && g1 === 0xff9b) return true; // 64:ff9b::/96 and 64:ff9b:1::/48, NAT64 to any IPv4
  if (g0 === 0x2002) return isBlockedIpv4(v4At(g, 1)); // 6to4 carries an IPv4 address
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo
  if (g0 === 0x2001 && g1 === 0xdb8) return true; // documentation
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique-local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/**
 * What kind of IP literal `hostname` (as `URL.hostname` gives it) is: `"blocked"`, `"public"`, or
 * `undefined` for a name.
 */
export function classifyIpLiteral(hostname: string): "blocked" | "public" | undefined {
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    const groups = parseIpv6(hostname.slice(1, -1));
    // The URL parser only lets valid IPv6 literals through; anything else is refused.
    if (groups === undefined) return "blocked";
    return isBlockedIpv6(groups) ? "blocked" : "public";
  }
  const v4 = parseIpv4(hostname);
  if (v4 === undefined) return undefined;
  return isBlockedIpv4(v4) ? "blocked" : "public";
}

/** Name suffixes that only resolve inside a network (RFC 6761, RFC 8375, and common private zones). */
const INTERNAL_SUFFIXES = ["localhost", "local", "localdomain", "internal", "intranet", "lan", "home.arpa", "corp", "private"];

/**
 * Whether a host name (lower case, no trailing dot; not an IP literal) only resolves inside a network:
 * a single label, or one of {@link INTERNAL_SUFFIXES} or a name under it. The rule for `audio_url` and
 * for webhook endpoint URLs alike.
 */
export function isInternalHostName(host: string): boolean {
  return !host.includes(".") || INTERNAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));
}
