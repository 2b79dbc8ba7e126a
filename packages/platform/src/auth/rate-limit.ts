/**
 * Failed sign-ins counted per key (an account, an address) in a sliding window. In memory: one
 * platform process; several processes would share this through the store.
 */
const MAX_KEYS = 50_000;

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    return recent.length < this.limit ? 0 : recent[0]! + this.windowMs - this.now();
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > MAX_KEYS) this.sweep();
  }

  /** Forgets keys whose failures are all outside the window, so unused usernames do not pile up. */
  private sweep(): void {
    const since = this.now() - this.windowMs;
    for (const [key, list] of this.failures) if (!list.some((t) => t > since)) this.failures.delete(key);
    // Still too many (a flood of fresh keys): drop the oldest.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(key);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  /** Takes back the latest failure of `key` (an attempt counted in advance that succeeded). */
  undo(key: string): void {
    const list = this.failures.get(key);
    list?.pop();
    if (list && list.length === 0) this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
