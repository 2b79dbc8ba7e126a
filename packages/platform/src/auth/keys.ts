import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { nowIso, type Db } from '../db/open';

export interface SigningKey extends JWK {
  kid: string;
  alg: string;
  use: 'sig';
}

/** Adds a new ES256 signing key; it becomes the one tokens are signed with. */
export async function addSigningKey(db: Db): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = (await exportJWK(privateKey)) as SigningKey;
  // A letter first: a kid is typed on command lines, where a leading '-' reads as an option.
  jwk.kid = `k${randomBytes(12).toString('base64url')}`;
  jwk.alg = 'ES256';
  jwk.use = 'sig';
  db.run('INSERT INTO signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?)', jwk.kid, JSON.stringify(jwk), nowIso());
  return jwk.kid;
}

/**
 * The keys oidc-provider signs with, newest first (it signs with the first). Retired keys stay
 * published until the tokens they signed have expired.
 */
export async function signingKeys(db: Db): Promise<SigningKey[]> {
  const read = () =>
    // Active keys first (the first one signs); keys retired within the last day follow, so the
    // tokens they signed (10 minutes) still verify and their key stays in the JWKS.
    (
      db
        .all(`SELECT private_jwk FROM signing_keys WHERE retired_at IS NULL OR retired_at > ?
           ORDER BY retired_at IS NOT NULL, created_at DESC, rowid DESC`, new Date(Date.now() - 86400_000).toISOString()) as { private_jwk: string }[]
    ).map(
      (r) => JSON.parse(r.private_jwk) as SigningKey,
    );
  let keys = read();
  const active = db.one('SELECT count(*) AS n FROM signing_keys WHERE retired_at IS NULL') as { n: number };
  if (active.n === 0) {
    await addSigningKey(db);
    keys = read();
  }
  return keys;
}

/** A per-store random secret, made on first use and kept in the store's settings. */
function storeSecret(db: Db, key: string): string {
  const row = db.one<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, key);
  if (row) return row.value;
  db.run(`INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)`, key, randomBytes(32).toString('base64url'));
  return db.one<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, key)!.value;
}

/** A per-store random value for keyed hashes of app keys. */
export const storePepper = (db: Db): string => storeSecret(db, 'app_key_pepper');

/** The key that signs known-device cookies of the sign-in pages. */
export const deviceCookieKey = (db: Db): string => storeSecret(db, 'device_cookie_key');
