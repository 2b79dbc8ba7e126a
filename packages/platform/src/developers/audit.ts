import { nowIso, type Db } from '../db/open';

/**
 * Who did it: `user:<id>` (a developer in the portal), `operator:<id>` (the operators' console),
 * `cli` (the operator's shell).
 */
export type Actor = `user:${string}` | `operator:${string}` | 'cli';

export type AuditAction =
  | 'app.create'
  | 'app.update'
  | 'app.remove'
  | 'app.suspend'
  | 'app.resume'
  | 'key.rotate'
  | 'key.revoke';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  clientId: string | null;
  detail: Record<string, unknown>;
}

/** Appends one change to the audit log. Entries are never updated or deleted. */
export function audit(db: Db, actor: Actor, action: AuditAction, clientId: string | null, detail: Record<string, unknown> = {}): void {
  db.run('INSERT INTO audit_log (at, actor, action, client_id, detail) VALUES (?, ?, ?, ?, ?)', nowIso(), actor, action, clientId, JSON.stringify(detail));
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  client_id: string | null;
  detail: string;
}

/** Newest first; `before` pages back through older entries. */
export function auditLog(db: Db, filter: { clientId?: string; before?: number; limit?: number } = {}): AuditEntry[] {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const rows = db.all<AuditRow>(
    `SELECT * FROM audit_log WHERE (?1 IS NULL OR client_id = ?1) AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3`,
    filter.clientId ?? null,
    filter.before ?? null,
    limit,
  );
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, clientId: r.client_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** How many times `actor` did `action` since `sinceIso`: the portal's per-developer limits. */
export function countRecent(db: Db, actor: Actor, action: AuditAction, sinceIso: string, clientId?: string): number {
  return db.one<{ n: number }>(
    'SELECT COUNT(*) AS n FROM audit_log WHERE actor = ? AND action = ? AND at > ? AND (?4 IS NULL OR client_id = ?4)',
    actor,
    action,
    sinceIso,
    clientId ?? null,
  )!.n;
}
