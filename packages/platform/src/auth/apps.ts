import type { AdapterPayload } from 'oidc-provider';
import { nowIso, type Db } from '../db/open';
import { randomBytes } from 'node:crypto';
import { hashAppKey, newAppKey } from './secrets';

export interface AppRow {
  client_id: string;
  name: string;
  kind: 'public' | 'confidential';
  secret_hash: string | null;
  redirect_uris: string;
  origins: string;
  created_at: string;
  owner_id: string | null;
  description: string;
  suspended_at: string | null;
  suspended_reason: string;
}

export interface AppInfo {
  clientId: string;
  name: string;
  kind: 'public' | 'confidential';
  redirectUris: string[];
  origins: string[];
  createdAt: string;
  /** The user who registered it in the developer portal; null for apps made with the CLI. */
  ownerId: string | null;
  /** Shown to readers on the consent page. */
  description: string;
  /** When an operator suspended it (its keys and tokens stop working), else null. */
  suspendedAt: string | null;
  suspendedReason: string;
}

export const CLIENT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

function toInfo(row: AppRow): AppInfo {
  return {
    clientId: row.client_id,
    name: row.name,
    kind: row.kind,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    origins: JSON.parse(row.origins) as string[],
    createdAt: row.created_at,
    ownerId: row.owner_id,
    description: row.description,
    suspendedAt: row.suspended_at,
    suspendedReason: row.suspended_reason,
  };
}

function checkOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.origin !== origin) throw new Error(`"${origin}" is not an origin (scheme://host[:port], no path)`);
  return origin;
}

export interface CreateAppOptions {
  clientId: string;
  name: string;
  kind: 'public' | 'confidential';
  redirectUris?: string[];
  origins?: string[];
  /** Only for seeds and tests: a fixed key instead of a generated one. */
  key?: string;
  ownerId?: string;
  description?: string;
}

/** Registers an app. A confidential app's key is returned here once and stored only hashed. */
export function createApp(db: Db, pepper: string, options: CreateAppOptions): { app: AppInfo; key?: string } {
  if (!CLIENT_ID.test(options.clientId)) throw new Error(`client id "${options.clientId}" must be 2–63 lowercase letters, digits or dashes`);
  for (const uri of options.redirectUris ?? []) new URL(uri);
  const origins = (options.origins ?? []).map(checkOrigin);
  const key = options.kind === 'confidential' ? (options.key ?? newAppKey()) : undefined;
  db.write(() => {
    db.run(
      `INSERT INTO apps (client_id, name, kind, redirect_uris, origins, created_at, owner_id, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      options.clientId,
      options.name,
      options.kind,
      JSON.stringify(options.redirectUris ?? []),
      JSON.stringify(origins),
      nowIso(),
      options.ownerId ?? null,
      options.description ?? '',
    );
    if (key) insertKey(db, pepper, options.clientId, key);
  });
  return { app: findApp(db, options.clientId)!, key };
}

export interface AppKeyInfo {
  id: string;
  /** The key's last characters, to tell keys apart: `npk_…x7Qa`. */
  hint: string;
  createdAt: string;
  /** When a rotation's grace period ends it; null while it is the current key. */
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** Whether the token endpoint accepts it now. */
  active: boolean;
}

interface AppKeyRow {
  id: string;
  hint: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

const keyHint = (key: string) => `${key.slice(0, 4)}…${key.slice(-4)}`;

function insertKey(db: Db, pepper: string, clientId: string, key: string): string {
  const id = `key_${randomBytes(8).toString('hex')}`;
  db.run('INSERT INTO app_keys (id, client_id, hash, hint, created_at) VALUES (?, ?, ?, ?, ?)', id, clientId, hashAppKey(key, pepper), keyHint(key), nowIso());
  return id;
}

export function listKeys(db: Db, clientId: string, now = Date.now()): AppKeyInfo[] {
  const rows = db.all<AppKeyRow>('SELECT id, hint, created_at, expires_at, revoked_at, last_used_at FROM app_keys WHERE client_id = ? ORDER BY created_at DESC, id', clientId);
  return rows.map((r) => ({
    id: r.id,
    hint: r.hint,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
    active: !r.revoked_at && (!r.expires_at || Date.parse(r.expires_at) > now),
  }));
}

/**
 * A new key for a confidential app. The keys it had keep working for `graceSeconds` (servers
 * still deploying the new one), then stop; 0 stops them at once. Returns the key, shown once.
 */
export function rotateKey(db: Db, pepper: string, clientId: string, graceSeconds: number): { key: string; id: string } {
  const app = findApp(db, clientId);
  if (!app) throw new Error(`no app "${clientId}"`);
  if (app.kind !== 'confidential') throw new Error(`app "${clientId}" is a website or blog: it has no key`);
  const key = newAppKey();
  const until = new Date(Date.now() + graceSeconds * 1000).toISOString();
  return db.write(() => {
    // A key already ending sooner keeps its earlier end: rotating never lengthens a grace period.
    db.run('UPDATE app_keys SET expires_at = ? WHERE client_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)', until, clientId, until);
    return { key, id: insertKey(db, pepper, clientId, key) };
  });
}

/** Stops one key at once. */
export function revokeKey(db: Db, clientId: string, keyId: string): void {
  const changed = db.run('UPDATE app_keys SET revoked_at = ? WHERE client_id = ? AND id = ? AND revoked_at IS NULL', nowIso(), clientId, keyId).changes;
  if (changed === 0) {
    const exists = db.one('SELECT 1 FROM app_keys WHERE client_id = ? AND id = ?', clientId, keyId);
    throw new Error(exists ? `key ${keyId} is already revoked` : `app "${clientId}" has no key ${keyId}`);
  }
}

/**
 * Whether `key` is a working key of the app: neither revoked nor past its grace period, and the
 * app not suspended. Marks the key used (the portal shows when an old key was last seen).
 */
export function keyMatches(db: Db, pepper: string, clientId: string, key: string): boolean {
  const now = nowIso();
  const row = db.one<{ id: string; last_used_at: string | null }>(
    `SELECT k.id, k.last_used_at FROM app_keys k JOIN apps a ON a.client_id = k.client_id
     WHERE k.client_id = ? AND k.hash = ? AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?) AND a.suspended_at IS NULL`,
    clientId,
    hashAppKey(key, pepper),
    now,
  );
  if (!row) return false;
  // At most one write a minute per key: the token endpoint stays read-only under load.
  if (!row.last_used_at || Date.parse(row.last_used_at) < Date.now() - 60_000) db.run('UPDATE app_keys SET last_used_at = ? WHERE id = ?', now, row.id);
  return true;
}

export function findApp(db: Db, clientId: string): AppInfo | undefined {
  const row = db.one('SELECT * FROM apps WHERE client_id = ?', clientId) as AppRow | undefined;
  return row ? toInfo(row) : undefined;
}

export function listApps(db: Db): AppInfo[] {
  return (db.all('SELECT * FROM apps ORDER BY client_id') as AppRow[]).map(toInfo);
}

/** Takes one web origin away from an app: it may no longer call the API or frame its embeds from there. */
export function removeOrigin(db: Db, clientId: string, origin: string): AppInfo {
  const app = findApp(db, clientId);
  if (!app) throw new Error(`no app "${clientId}"`);
  if (!app.origins.includes(origin)) throw new Error(`app "${clientId}" has no origin ${origin} (it has: ${app.origins.join(' ') || 'none'})`);
  db.run('UPDATE apps SET origins = ? WHERE client_id = ?', JSON.stringify(app.origins.filter((o) => o !== origin)), clientId);
  return findApp(db, clientId)!;
}

/**
 * Removes an app: its key stops working at once, its grants are revoked, and the sign-ins and
 * tokens the authorization server keeps for it are deleted. Returns how many grants it had.
 */
export function removeApp(db: Db, clientId: string, protectedIds: readonly string[] = []): { grants: number } {
  if (protectedIds.includes(clientId)) throw new Error(`"${clientId}" is the platform's own app and cannot be removed`);
  if (!findApp(db, clientId)) throw new Error(`no app "${clientId}"`);
  return db.write(() => {
    const grants = db.run(`UPDATE grants SET revoked_at = ? WHERE subject_type = 'app' AND subject_id = ? AND revoked_at IS NULL`, new Date().toISOString(), clientId).changes;
    db.run(`DELETE FROM oidc_models WHERE json_extract(payload, '$.clientId') = ?`, clientId);
    db.run('DELETE FROM apps WHERE client_id = ?', clientId);
    return { grants };
  });
}

export function addOrigin(db: Db, clientId: string, origin: string): AppInfo {
  const app = findApp(db, clientId);
  if (!app) throw new Error(`no app "${clientId}"`);
  const origins = [...new Set([...app.origins, checkOrigin(origin)])];
  db.run('UPDATE apps SET origins = ? WHERE client_id = ?', JSON.stringify(origins), clientId);
  return findApp(db, clientId)!;
}

/**
 * The app as oidc-provider sees it. For a confidential app the "secret" is the stored hash;
 * the token endpoint hashes what the client sends before oidc-provider compares (see
 * hashClientSecretMiddleware).
 */
/**
 * The platform's own page that ends a sign-in started inside an embed frame (`/embed/:id`).
 * Every public app may use it: it is on the platform's origin, and it hands the result only to
 * the frame that opened the popup, on that same origin.
 */
export const EMBED_SIGNED_IN_PATH = '/embed/signed-in';

export function clientMetadata(db: Db, clientId: string, _pepper: string, issuer?: string): AdapterPayload | undefined {
  const row = db.one('SELECT * FROM apps WHERE client_id = ?', clientId) as AppRow | undefined;
  // A suspended app is unknown to the authorization server: no sign-in, no token.
  if (!row || row.suspended_at) return undefined;
  const info = toInfo(row);
  if (row.kind === 'confidential') {
    return {
      client_id: row.client_id,
      client_name: row.name,
      // The keys themselves are in app_keys (several during a rotation); compareClientSecret
      // in provider.ts checks them. oidc-provider only needs the client to have a secret.
      client_secret: 'app-keys',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      web_origins: info.origins,
    } as AdapterPayload;
  }
  return {
    client_id: row.client_id,
    client_name: row.name,
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: issuer ? [...new Set([...info.redirectUris, `${issuer}${EMBED_SIGNED_IN_PATH}`])] : info.redirectUris,
    web_origins: info.origins,
  } as AdapterPayload;
}

/** Changes what a developer may change of an app; fields left out stay as they are. */
export function updateApp(db: Db, clientId: string, changes: { name?: string; description?: string; origins?: string[]; redirectUris?: string[] }): AppInfo {
  const app = findApp(db, clientId);
  if (!app) throw new Error(`no app "${clientId}"`);
  db.run(
    'UPDATE apps SET name = ?, description = ?, origins = ?, redirect_uris = ? WHERE client_id = ?',
    changes.name ?? app.name,
    changes.description ?? app.description,
    JSON.stringify((changes.origins ?? app.origins).map(checkOrigin)),
    JSON.stringify(changes.redirectUris ?? app.redirectUris),
    clientId,
  );
  return findApp(db, clientId)!;
}

/**
 * Suspends an app (an operator's decision): its keys stop at the token endpoint, its tokens at
 * the API, its sites lose their CORS access and its embed frames show why. `resume` undoes it.
 */
export function suspendApp(db: Db, clientId: string, reason: string): AppInfo {
  if (!findApp(db, clientId)) throw new Error(`no app "${clientId}"`);
  db.run('UPDATE apps SET suspended_at = ?, suspended_reason = ? WHERE client_id = ?', nowIso(), reason, clientId);
  return findApp(db, clientId)!;
}

export function resumeApp(db: Db, clientId: string): AppInfo {
  if (!findApp(db, clientId)) throw new Error(`no app "${clientId}"`);
  db.run(`UPDATE apps SET suspended_at = NULL, suspended_reason = '' WHERE client_id = ?`, clientId);
  return findApp(db, clientId)!;
}

export function appsOwnedBy(db: Db, ownerId: string): AppInfo[] {
  return (db.all('SELECT * FROM apps WHERE owner_id = ? ORDER BY created_at, client_id', ownerId) as AppRow[]).map(toInfo);
}
