import type { Db } from './db/open';

export const ACTIONS = ['view', 'edit', 'save_as'] as const;
export type Action = (typeof ACTIONS)[number];

/** Who is asking: the app a token was issued to and, for a user token, the user. */
export interface Principal {
  clientId?: string;
  userId?: string;
}

export interface Entitlement {
  actions: Action[];
  /** When the last of these rights ends; `null` when one of them never does. */
  expiresAt: string | null;
  /** Where the rights come from: `free`, `app`, `user`. */
  via: string[];
  /**
   * Only when the caller may not view the figure but once could: when the last right to view
   * it ended. Lets an embed say "your access ended on …" instead of offering a first purchase.
   */
  expired?: string;
}

interface GrantRow {
  subject_type: 'app' | 'user';
  object_type: 'figure' | 'node';
  object_id: string;
  actions: string;
  valid_until: string | null;
}

/** The queries behind every figure request (the store keeps them prepared). */
const SQL = {
    figures: `SELECT id, free FROM figures WHERE id IN (SELECT value FROM json_each(?))`,
    // Every node above each figure, in every dimension.
    ancestors: `WITH RECURSIVE up(figure_id, node_id) AS (
         SELECT figure_id, node_id FROM figure_nodes WHERE figure_id IN (SELECT value FROM json_each(?))
         UNION
         SELECT up.figure_id, n.parent_id FROM up JOIN dimension_nodes n ON n.id = up.node_id WHERE n.parent_id IS NOT NULL
       ) SELECT figure_id, node_id FROM up`,
    grants: `SELECT subject_type, object_type, object_id, actions, valid_until FROM grants
       WHERE revoked_at IS NULL AND (valid_from IS NULL OR valid_from <= ?) AND (valid_until IS NULL OR valid_until > ?)
         AND ((subject_type = 'app' AND subject_id = ?) OR (subject_type = 'user' AND subject_id = ?))`,
    lapsed: `SELECT subject_type, object_type, object_id, actions, valid_until FROM grants
       WHERE revoked_at IS NULL AND valid_until IS NOT NULL AND valid_until <= ?
         AND ((subject_type = 'app' AND subject_id = ?) OR (subject_type = 'user' AND subject_id = ?))`,
};

/**
 * Effective rights on each figure = the union of the free tier and every unexpired, unrevoked
 * grant of the token's app and user, on the figure itself or on any catalogue node above it.
 */
export function entitlementsFor(db: Db, principal: Principal, figureIds: readonly string[], now = new Date()): Map<string, Entitlement> {
  const result = new Map<string, Entitlement>();
  if (figureIds.length === 0) return result;
  const ids = JSON.stringify(figureIds);
  const figures = db.all(SQL.figures, ids) as { id: string; free: number }[];
  const nowIso = now.toISOString();
  const grants =
    principal.clientId || principal.userId
      ? (db.all(SQL.grants, nowIso, nowIso, principal.clientId ?? null, principal.userId ?? null) as GrantRow[])
      : [];
  // Lapsed grants matter only for a figure the caller can no longer view.
  const lapsed =
    (principal.clientId || principal.userId) && figures.some((f) => !f.free)
      ? (db.all(SQL.lapsed, nowIso, principal.clientId ?? null, principal.userId ?? null) as GrantRow[]).filter((g) => (JSON.parse(g.actions) as Action[]).includes('view'))
      : [];
  // Node grants need the figures' ancestors; figure grants and the free tier do not.
  const nodesOf = new Map<string, Set<string>>();
  if (grants.some((g) => g.object_type === 'node') || lapsed.some((g) => g.object_type === 'node')) {
    for (const { figure_id, node_id } of db.all(SQL.ancestors, ids) as { figure_id: string; node_id: string }[]) {
      if (!nodesOf.has(figure_id)) nodesOf.set(figure_id, new Set());
      nodesOf.get(figure_id)!.add(node_id);
    }
  }

  for (const figure of figures) {
    const actions = new Set<Action>();
    const via = new Set<string>();
    let expiresAt: string | null | undefined;
    const extend = (until: string | null) => {
      expiresAt = expiresAt === null || until === null ? null : expiresAt === undefined || until > expiresAt ? until : expiresAt;
    };
    if (figure.free) {
      actions.add('view');
      via.add('free');
      extend(null);
    }
    const nodes = nodesOf.get(figure.id);
    for (const grant of grants) {
      const applies = grant.object_type === 'figure' ? grant.object_id === figure.id : (nodes?.has(grant.object_id) ?? false);
      if (!applies) continue;
      for (const a of JSON.parse(grant.actions) as Action[]) actions.add(a);
      via.add(grant.subject_type);
      extend(grant.valid_until);
    }
    const entitlement: Entitlement = {
      actions: ACTIONS.filter((a) => actions.has(a)),
      expiresAt: actions.size ? (expiresAt ?? null) : null,
      via: [...via],
    };
    if (!actions.has('view')) {
      let ended: string | undefined;
      for (const grant of lapsed) {
        const applies = grant.object_type === 'figure' ? grant.object_id === figure.id : (nodes?.has(grant.object_id) ?? false);
        if (applies && grant.valid_until && (!ended || grant.valid_until > ended)) ended = grant.valid_until;
      }
      if (ended) entitlement.expired = ended;
    }
    result.set(figure.id, entitlement);
  }
  return result;
}

export interface GrantInput {
  subjectType: 'app' | 'user';
  subjectId: string;
  objectType: 'figure' | 'node';
  objectId: string;
  actions: Action[];
  validFrom?: string | null;
  validUntil?: string | null;
  source: string;
}

export function addGrant(db: Db, g: GrantInput): number {
  if (g.actions.length === 0 || g.actions.some((a) => !ACTIONS.includes(a))) throw new Error(`actions must be some of ${ACTIONS.join(', ')}`);
  const table = g.objectType === 'figure' ? 'figures' : 'dimension_nodes';
  if (!db.one(`SELECT 1 FROM ${table} WHERE id = ?`, g.objectId)) throw new Error(`no ${g.objectType} "${g.objectId}"`);
  return db.run(
    `INSERT INTO grants (subject_type, subject_id, object_type, object_id, actions, valid_from, valid_until, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    g.subjectType,
    g.subjectId,
    g.objectType,
    g.objectId,
    JSON.stringify(g.actions),
    g.validFrom ?? null,
    g.validUntil ?? null,
    g.source,
    new Date().toISOString(),
  ).lastId;
}

export function revokeGrant(db: Db, id: number): boolean {
  return db.run(`UPDATE grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, new Date().toISOString(), id).changes === 1;
}

export interface HeldRight {
  grantId: number;
  object: { type: 'figure' | 'node'; id: string; name: { 'zh-CN': string; en: string } };
  actions: Action[];
  validFrom: string | null;
  validUntil: string | null;
  /** Where it came from: the order that bought it, or how it was given. */
  source: { kind: 'order'; orderId: string } | { kind: 'grant'; note: string };
  /** Whether it still holds now. */
  active: boolean;
}

/**
 * A user's (or an app's) own rights, with the names of what they open: current ones first (ending soonest
 * last), then those that ended in the last `endedWithinDays` days.
 */
export function rightsOf(db: Db, subjectId: string, now = new Date(), endedWithinDays = 90, subjectType: 'user' | 'app' = 'user'): HeldRight[] {
  const at = now.toISOString();
  const since = new Date(now.getTime() - endedWithinDays * 86400_000).toISOString();
  const rows = db.all<{
    id: number;
    object_type: 'figure' | 'node';
    object_id: string;
    actions: string;
    valid_from: string | null;
    valid_until: string | null;
    source: string;
    name_zh: string | null;
    name_en: string | null;
  }>(
    `SELECT g.id, g.object_type, g.object_id, g.actions, g.valid_from, g.valid_until, g.source,
            COALESCE(f.title_zh, n.name_zh) AS name_zh, COALESCE(f.title_en, n.name_en) AS name_en
       FROM grants g
       LEFT JOIN figures f ON g.object_type = 'figure' AND f.id = g.object_id
       LEFT JOIN dimension_nodes n ON g.object_type = 'node' AND n.id = g.object_id
      WHERE g.subject_type = ? AND g.subject_id = ? AND g.revoked_at IS NULL
        AND (g.valid_until IS NULL OR g.valid_until > ?)
      ORDER BY g.id`,
    subjectType,
    subjectId,
    since,
  );
  const rights = rows.map((r): HeldRight => ({
    grantId: r.id,
    object: { type: r.object_type, id: r.object_id, name: { 'zh-CN': r.name_zh ?? r.object_id, en: r.name_en ?? r.object_id } },
    actions: ACTIONS.filter((a) => (JSON.parse(r.actions) as Action[]).includes(a)),
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    source: r.source.startsWith('order:') ? { kind: 'order', orderId: r.source.slice('order:'.length) } : { kind: 'grant', note: r.source },
    active: (r.valid_from === null || r.valid_from <= at) && (r.valid_until === null || r.valid_until > at),
  }));
  // Current rights first, then ended ones; each group latest end first (no end date first of all).
  const end = (r: HeldRight) => r.validUntil ?? '9999';
  return rights.sort((a, b) => Number(b.active) - Number(a.active) || end(b).localeCompare(end(a)));
}
