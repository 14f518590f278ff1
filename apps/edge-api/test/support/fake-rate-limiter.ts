/**
 * A stand-in for Cloudflare's Rate Limiting binding (miniflare emulates it on the wall clock, shared by
 * every test): `limit` successes per key, then failures, and every call recorded.
 */
export class FakeRateLimiter implements RateLimit {
  readonly calls: string[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  async limit({ key }: RateLimitOptions): Promise<RateLimitOutcome> {
    this.calls.push(key);
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return { success: count <= this.max };
  }
}
