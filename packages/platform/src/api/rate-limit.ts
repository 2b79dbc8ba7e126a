/**
 * Token buckets per caller: an app (by client id) or an anonymous address. Each bucket holds
 * ten seconds' worth of its per-minute rate, so short bursts pass and sustained floods do not.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;
  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Takes one request from `key`'s bucket; returns 0 if allowed, else the seconds to wait. */
  take(key: string, perMinute: number): number {
    if (perMinute <= 0) return 0;
    const rate = perMinute / 60_000; // tokens per millisecond
    const capacity = Math.max(1, perMinute / 6);
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * rate);
    bucket.at = t;
    this.buckets.delete(key);
    this.buckets.set(key, bucket); // re-inserted: the map stays in least-recently-used order
    // A flood of addresses must not exhaust memory: forget the longest-idle callers first.
    for (const oldest of this.buckets.keys()) {
      if (this.buckets.size <= 100_000) break;
      this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / rate / 1000);
  }
}
