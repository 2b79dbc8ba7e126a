/**
 * Slows password guessing without locking anyone out. Each key (an account on a known device,
 * an account from an address, an account from unknown devices, an address) counts its failed
 * sign-ins in a sliding window; past a free allowance, each further attempt must wait twice as
 * long as the last, up to a cap. The owner on a device she signed in from before is counted
 * apart from everyone else, so an attacker's guesses never slow her down.
 *
 * In memory: one platform process. Several processes would keep these counters in the store.
 */
export interface ThrottleRule {
  /** Failures allowed before any wait. */
  free: number;
  /** The longest wait. */
  maxMs: number;
}

const MAX_KEYS = 100_000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly windowMs: number,
    private readonly baseMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds `key` must still wait before its next attempt; 0 when it may go now. */
  wait(key: string, rule: ThrottleRule): number {
    const recent = this.recent(key);
    const over = recent.length - rule.free;
    if (over < 0) return 0;
    const delay = Math.min(rule.maxMs, this.baseMs * 2 ** over);
    return Math.max(0, recent[recent.length - 1]! + delay - this.now());
  }

  /** Counts a failure (before the password is checked, so parallel guesses count too). */
  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > MAX_KEYS) this.sweep();
  }

  /** Takes back the failure counted in advance for an attempt that succeeded. */
  undo(key: string): void {
    const list = this.failures.get(key);
    list?.pop();
    if (list && list.length === 0) this.failures.delete(key);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private sweep(): void {
    const since = this.now() - this.windowMs;
    for (const [key, list] of this.failures) if (!list.some((t) => t > since)) this.failures.delete(key);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(key);
    }
  }
}
