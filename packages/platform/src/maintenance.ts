import type { Db } from './db/open';

/**
 * Deletes what has expired: authorization server records (sessions, interactions, codes,
 * refresh tokens, pushed requests) past their expiry. oidc-provider never deletes them itself,
 * so without this an anonymous flood of sign-in starts would fill the disk.
 */
export function sweepExpired(db: Db, now: number = Date.now()): { oidc: number } {
  return { oidc: db.run('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at <= ?', now).changes };
}

/** Runs the sweep now and then every `everyMs`; the returned function stops it. */
export function scheduleSweeps(db: Db, everyMs = 60_000): () => void {
  const run = () => {
    try {
      sweepExpired(db);
    } catch {
      // A busy store skips one round; the next one catches up.
    }
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
