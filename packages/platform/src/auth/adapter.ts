import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Db } from '../db/open';
import { clientMetadata } from './apps';

/**
 * oidc-provider's storage in the platform's SQLite store: sessions, grants, codes, refresh
 * tokens survive a restart. Clients are not stored here: they are the platform's apps.
 */
export interface AdapterOptions {
  /**
   * Seconds after its first use during which a rotated refresh token is still accepted (and
   * rotated again) instead of counting as reuse: parallel tabs of one browser refreshing at once
   * stay signed in. Past it, reuse revokes the grant, as oidc-provider does.
   */
  refreshReuseGraceSeconds: number;
}

export function sqliteAdapter(db: Db, pepper: string, issuer: string, { refreshReuseGraceSeconds }: AdapterOptions): new (name: string) => Adapter {
  const upsert = `INSERT INTO oidc_models (model, id, payload, expires_at, uid, user_code, grant_id, consumed_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at, uid = excluded.uid,
       user_code = excluded.user_code, grant_id = excluded.grant_id`;
  const find = `SELECT payload, consumed_at, expires_at FROM oidc_models WHERE model = ? AND id = ?`;
  const findBy = (column: 'uid' | 'user_code') => `SELECT payload, consumed_at, expires_at FROM oidc_models WHERE model = ? AND ${column} = ?`;
  const byUid = findBy('uid');
  const byUserCode = findBy('user_code');
  // The first use is the one that counts: a second never moves it (the grace window stays put)
  // and never succeeds silently for a one-time code.
  const consume = `UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ? AND consumed_at IS NULL`;
  const destroy = `DELETE FROM oidc_models WHERE model = ? AND id = ?`;
  const revokeByGrant = `DELETE FROM oidc_models WHERE grant_id = ?`;

  const load = (model: string, row: { payload: string; consumed_at: number | null; expires_at: number | null } | undefined): AdapterPayload | undefined => {
    if (!row) return undefined;
    if (row.expires_at !== null && row.expires_at <= Date.now()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    const inGrace = model === 'RefreshToken' && row.consumed_at !== null && Date.now() / 1000 - row.consumed_at < refreshReuseGraceSeconds;
    if (row.consumed_at !== null && !inGrace) payload.consumed = row.consumed_at;
    return payload;
  };

  return class SqliteAdapter implements Adapter {
    constructor(private readonly model: string) {}
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
      db.run(upsert, this.model, id, JSON.stringify(payload), expiresAt, payload.uid ?? null, payload.userCode ?? null, payload.grantId ?? null);
    }
    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return clientMetadata(db, id, pepper, issuer);
      return load(this.model, db.one(find, this.model, id) as never);
    }
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return load(this.model, db.one(byUid, this.model, uid) as never);
    }
    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return load(this.model, db.one(byUserCode, this.model, userCode) as never);
    }
    async consume(id: string): Promise<void> {
      const { changes } = db.run(consume, Math.floor(Date.now() / 1000), this.model, id);
      // Two redemptions of one code raced past oidc-provider's check: only the first may win.
      if (changes === 0 && this.model !== 'RefreshToken') throw new errors.InvalidGrant('grant request is invalid');
    }
    async destroy(id: string): Promise<void> {
      db.run(destroy, this.model, id);
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      db.run(revokeByGrant, grantId);
    }
  };
}
