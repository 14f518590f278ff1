/**
 * A stand-in for Cloudflare's Rate Limiting binding (`IP_RATE_LIMITER`): every client is under its
 * limit except the addresses given, which are always over it. Keys are the edge API's (`ip:<v4>`,
 * `ip6:<prefix>::/64`); every call is recorded.
 */
export class OverLimitFor implements RateLimit {
  readonly calls: string[] = [];
  private readonly over: ReadonlySet<string>;

  constructor(addresses: readonly string[]) {
    this.over = new Set(addresses.map((a) => `ip:${a}`));
  }

  async limit({ key }: RateLimitOptions): Promise<RateLimitOutcome> {
    this.calls.push(key);
    return { success: !this.over.has(key) };
  }
}
