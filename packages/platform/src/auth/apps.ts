import type { AdapterPayload } from 'oidc-provider';
import { nowIso, type Db } from '../db/open';
import { hashAppKey, newAppKey } from './secrets';

export interface AppRow {
  client_id: string;
  name: string;
  kind: 'public' | 'confidential';
  secret_hash: string | null;
  redirect_uris: string;
  origins: string;
  created_at: string;
}

export interface AppInfo {
  clientId: string;
  name: string;
  kind: 'public' | 'confidential';
  redirectUris: string[];
  origins: string[];
  createdAt: string;
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
}

/** Registers an app. A confidential app's key is returned here once and stored only hashed. */
export function createApp(db: Db, pepper: string, options: CreateAppOptions): { app: AppInfo; key?: string } {
  if (!CLIENT_ID.test(options.clientId)) throw new Error(`client id "${options.clientId}" must be 2–63 lowercase letters, digits or dashes`);
  for (const uri of options.redirectUris ?? []) new URL(uri);
  const origins = (options.origins ?? []).map(checkOrigin);
  const key = options.kind === 'confidential' ? (options.key ?? newAppKey()) : undefined;
  db.run(`INSERT INTO apps (client_id, name, kind, secret_hash, redirect_uris, origins, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, 
    options.clientId,
    options.name,
    options.kind,
    key ? hashAppKey(key, pepper) : null,
    JSON.stringify(options.redirectUris ?? []),
    JSON.stringify(origins),
    nowIso(),
  );
  return { app: findApp(db, options.clientId)!, key };
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
  if (!row) return undefined;
  const info = toInfo(row);
  if (row.kind === 'confidential') {
    return {
      client_id: row.client_id,
      client_name: row.name,
      client_secret: row.secret_hash ?? undefined,
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
