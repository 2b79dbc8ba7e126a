/**
 * What a developer may register, checked before it reaches the apps table: names, kinds, web
 * origins and redirect URIs, and how many apps and keys one developer may create.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { findApp } from '../auth/apps';
import { countRecent, type Actor } from './audit';

export class RegistrationError extends Error {
  constructor(
    readonly code: 'invalid_app' | 'too_many_apps' | 'rate_limited',
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RegistrationError';
  }
}

/** Per developer: apps owned, apps created an hour, keys rotated an hour per app. */
export const PORTAL_LIMITS = { appsPerDeveloper: 20, appsPerHour: 5, keysPerHour: 10, originsPerApp: 20, redirectUrisPerApp: 10 } as const;

/** The kinds a developer picks from, and what the authorization server makes of them. */
export const APP_KINDS = { website: 'public', server: 'confidential' } as const;
export type AppKind = keyof typeof APP_KINDS;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function invalid(field: string, message: string): never {
  throw new RegistrationError('invalid_app', message, { field });
}

/** https, or http on this machine (developers try things on localhost first); no wildcards. */
function checkUrl(value: unknown, field: string, what: 'origin' | 'redirect'): URL {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) invalid(field, `${field}: give a URL of at most 500 characters`);
  if (value.includes('*')) invalid(field, `${field}: "${value}" has a wildcard; list each address instead`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid(field, `${field}: "${value}" is not a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    invalid(field, `${field}: "${value}" must use https (http only for localhost)`);
  }
  if (url.username || url.password) invalid(field, `${field}: "${value}" must not carry a user name or password`);
  if (what === 'origin' && url.origin !== value) invalid(field, `${field}: "${value}" is not an origin: scheme://host[:port], no path or trailing slash`);
  if (what === 'redirect' && url.hash) invalid(field, `${field}: "${value}" must not have a #fragment`);
  return url;
}

export interface AppInput {
  name: string;
  kind: AppKind;
  description: string;
  origins: string[];
  redirectUris: string[];
}

function text(value: unknown, field: string, max: number, required: boolean): string {
  if (value === undefined && !required) return '';
  if (value === undefined) invalid(field, `${field} is required`);
  if (typeof value !== 'string') invalid(field, `${field} must be text`);
  const trimmed = value.trim();
  if (required && !trimmed) invalid(field, `${field} is required`);
  if ([...trimmed].length > max) invalid(field, `${field} is at most ${max} characters`);
  // Control characters and bidi overrides would disguise text on the consent page; line breaks
  // are fine in a description.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(trimmed)) invalid(field, `${field} contains control characters`);
  return trimmed;
}

function list(value: unknown, field: string, max: number, what: 'origin' | 'redirect'): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) invalid(field, `${field} must be a list`);
  if (value.length > max) invalid(field, `${field}: at most ${max}`);
  value.forEach((v, i) => checkUrl(v, `${field}[${i}]`, what));
  return [...new Set(value as string[])];
}

/**
 * Checks a whole registration (create), or the fields given for an app of kind `existing`
 * (update: the kind itself cannot change).
 */
export function readAppInput(body: Record<string, unknown>): AppInput;
export function readAppInput(body: Record<string, unknown>, existing: AppKind): Partial<AppInput>;
export function readAppInput(body: Record<string, unknown>, existing?: AppKind): Partial<AppInput> {
  const partial = existing !== undefined;
  const out: Partial<AppInput> = {};
  if (!partial || 'name' in body) out.name = text(body.name, 'name', 80, true);
  if (!partial) {
    if (body.kind !== 'website' && body.kind !== 'server') invalid('kind', 'kind is "website" (a site or blog: readers sign in) or "server" (your backend, with an App key)');
    out.kind = body.kind;
  } else if ('kind' in body) invalid('kind', 'the kind of an app cannot change: register a new app');
  if (!partial || 'description' in body) out.description = text(body.description, 'description', 500, false);
  if (!partial || 'origins' in body) out.origins = list(body.origins, 'origins', PORTAL_LIMITS.originsPerApp, 'origin');
  if (!partial || 'redirectUris' in body) out.redirectUris = list(body.redirectUris, 'redirectUris', PORTAL_LIMITS.redirectUrisPerApp, 'redirect');
  if ((out.kind ?? existing) === 'server' && out.redirectUris?.length) invalid('redirectUris', 'a server app signs no readers in: it has no redirect URIs');
  return out;
}

/** 32 letters and digits: a byte modulo 32 picks each evenly. */
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** An App id from the name: readable where it can be, unique always (`my-blog-7k2q`). */
export function newClientId(db: Db, name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  for (;;) {
    const suffix = Array.from(randomBytes(4), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
    const id = `${slug || 'app'}-${suffix}`;
    if (!findApp(db, id)) return id;
  }
}

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/** Refuses a registration over the developer's limits, saying when to try again. */
export function checkCreateLimits(db: Db, actor: Actor, ownerId: string): void {
  const owned = db.one<{ n: number }>('SELECT COUNT(*) AS n FROM apps WHERE owner_id = ?', ownerId)!.n;
  if (owned >= PORTAL_LIMITS.appsPerDeveloper) {
    throw new RegistrationError('too_many_apps', `You have ${owned} apps, the most one developer may have: remove one you no longer use`, { limit: PORTAL_LIMITS.appsPerDeveloper });
  }
  if (countRecent(db, actor, 'app.create', hourAgo()) >= PORTAL_LIMITS.appsPerHour) {
    throw new RegistrationError('rate_limited', `At most ${PORTAL_LIMITS.appsPerHour} new apps an hour: try again later`, { retryAfter: 3600 });
  }
}

export function checkKeyLimits(db: Db, actor: Actor, clientId: string): void {
  if (countRecent(db, actor, 'key.rotate', hourAgo(), clientId) >= PORTAL_LIMITS.keysPerHour) {
    throw new RegistrationError('rate_limited', `At most ${PORTAL_LIMITS.keysPerHour} new keys an hour for one app: try again later`, { retryAfter: 3600 });
  }
}
