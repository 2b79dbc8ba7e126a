import type { Db } from '../db/open';

interface Tally {
  calls: number;
  errors: number;
  ms: number;
}

export interface UsageDay {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  calls: number;
  /** Answers with a 4xx or 5xx status. */
  errors: number;
  /** Mean response time in milliseconds (0 on a day without calls). */
  meanMs: number;
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * API calls per app and UTC day, for the developer portal. Counted in memory and written to the
 * store every few seconds, so a request costs a map update rather than a write.
 */
export class UsageRecorder {
  readonly #db: Db;
  readonly #pending = new Map<string, Tally>();
  readonly #timer: NodeJS.Timeout;

  constructor(db: Db, flushEveryMs = 10_000) {
    this.#db = db;
    this.#timer = setInterval(() => this.flush(), flushEveryMs);
    this.#timer.unref();
  }

  observe(clientId: string, status: number, seconds: number, at = Date.now()): void {
    const key = `${clientId}\n${dayOf(at)}`;
    const t = this.#pending.get(key) ?? { calls: 0, errors: 0, ms: 0 };
    t.calls++;
    if (status >= 400) t.errors++;
    t.ms += seconds * 1000;
    this.#pending.set(key, t);
  }

  flush(): void {
    if (this.#pending.size === 0) return;
    const entries = [...this.#pending];
    this.#pending.clear();
    this.#db.write(() => {
      for (const [key, t] of entries) {
        const [clientId, day] = key.split('\n') as [string, string];
        this.#db.run(
          `INSERT INTO usage_daily (client_id, day, calls, errors, total_ms) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (client_id, day) DO UPDATE SET calls = calls + excluded.calls, errors = errors + excluded.errors, total_ms = total_ms + excluded.total_ms`,
          clientId,
          day,
          t.calls,
          t.errors,
          t.ms,
        );
      }
    });
  }

  /** The last `days` days for one app, oldest first, days without calls included. */
  days(clientId: string, days: number, now = Date.now()): UsageDay[] {
    this.flush();
    const first = dayOf(now - (days - 1) * 86_400_000);
    const rows = this.#db.all<{ day: string; calls: number; errors: number; total_ms: number }>(
      'SELECT day, calls, errors, total_ms FROM usage_daily WHERE client_id = ? AND day >= ? ORDER BY day',
      clientId,
      first,
    );
    const byDay = new Map(rows.map((r) => [r.day, r]));
    return Array.from({ length: days }, (_, i) => {
      const day = dayOf(now - (days - 1 - i) * 86_400_000);
      const r = byDay.get(day);
      return { day, calls: r?.calls ?? 0, errors: r?.errors ?? 0, meanMs: r && r.calls ? Math.round((r.total_ms / r.calls) * 10) / 10 : 0 };
    });
  }

  close(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}
