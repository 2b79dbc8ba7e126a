import { createHmac, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/** scrypt parameters for user passwords (N = 2^15: ~50 ms on a laptop core). */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { ...SCRYPT, N: Number(n) });
  return timingSafeEqual(actual, expected);
}

/** A new app key: 256 random bits, shown once. */
export function newAppKey(): string {
  return `npk_${randomBytes(32).toString('base64url')}`;
}

/**
 * What the store keeps of an app key. Generated keys are 256 random bits, so a keyed hash is as
 * good as a slow one and cheap enough for every token request; the pepper lives in the store's
 * settings, so a copy of the apps table alone reveals nothing.
 */
export function hashAppKey(key: string, pepper: string): string {
  return createHmac('sha256', pepper).update(key).digest('base64url');
}
