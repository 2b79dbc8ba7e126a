import Provider, { errors, type Configuration } from 'oidc-provider';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { sqliteAdapter } from './adapter';
import { API_SCOPE } from './verify';

export { API_SCOPE };
import { signingKeys } from './keys';
import { keyMatches } from './apps';
import { logoutPage, messagePage, pageLocale, TEXT } from './pages';

export interface ProviderOptions {
  issuer: string;
  /** The resource indicator (and JWT audience) of the platform API. */
  apiAudience: string;
  pepper: string;
  /** Lifetime of API access tokens, in seconds. */
  accessTokenTtl?: number;
  /** Seconds a just-rotated refresh token still works (see the adapter). Default 10. */
  refreshReuseGraceSeconds?: number;
}


function cookieKeys(db: Db): string[] {
  const row = db.one(`SELECT value FROM settings WHERE key = 'cookie_keys'`) as { value: string } | undefined;
  if (row) return JSON.parse(row.value) as string[];
  const keys = [randomBytes(32).toString('base64url')];
  db.run(`INSERT OR IGNORE INTO settings (key, value) VALUES ('cookie_keys', ?)`, JSON.stringify(keys));
  return cookieKeys(db);
}

/**
 * The authorization server: oidc-provider with the platform's store, its persisted signing keys,
 * client credentials for apps, and short-lived JWT access tokens for the platform API.
 */
export async function createProvider(db: Db, options: ProviderOptions): Promise<Provider> {
  const keys = await signingKeys(db);
  const ttl = options.accessTokenTtl ?? 600;
  const platformOrigin = new URL(options.issuer).origin;
  const configuration: Configuration = {
    adapter: sqliteAdapter(db, options.pepper, options.issuer, { refreshReuseGraceSeconds: options.refreshReuseGraceSeconds ?? 10 }),
    // The grant id rides in user access tokens, so the API can refuse a token whose grant was
    // revoked (sign-out, revocation, refresh reuse) before the token expires.
    extraTokenClaims: async (_ctx, token) => ('grantId' in token && typeof token.grantId === 'string' ? { gid: token.grantId } : undefined),
    jwks: { keys },
    cookies: { keys: cookieKeys(db) },
    scopes: ['openid', 'offline_access', API_SCOPE],
    // The authorization code flow only: no implicit flow, no tokens in URLs.
    responseTypes: ['code', 'none'],
    // Signing keys are ES256 (see keys.ts); clients default to it.
    clientDefaults: { id_token_signed_response_alg: 'ES256', grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none' },
    extraClientMetadata: { properties: ['web_origins'] },
    // Browsers may call the token endpoint for public clients only: an app key has no business in
    // a page. Besides the app's own sites, the platform's origin: the embed frames it serves for
    // the app (/embed/:id?client_id=) sign readers in from there.
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientAuthMethod === 'none' && (origin === platformOrigin || ((client as unknown as { web_origins?: string[] }).web_origins ?? []).includes(origin)),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.set('content-security-policy', "default-src 'none'; style-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'");
          ctx.body = logoutPage(pageLocale(ctx.get('accept-language')), form);
        },
        postLogoutSuccessSource: async (ctx) => {
          const locale = pageLocale(ctx.get('accept-language'));
          ctx.set('content-security-policy', "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
          ctx.body = messagePage(locale, TEXT[locale].signOut, TEXT[locale].signedOut);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.apiAudience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== options.apiAudience) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: options.apiAudience,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Public clients (pages, the add-in) keep a signed-in reader with a rotating refresh token;
    // they may not rely on offline_access, which needs prompt=consent on every sign-in.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Errors a browser sees (a bad redirect URI, say) get a plain page in the reader's language.
    renderError: async (ctx, out) => {
      const locale = pageLocale(ctx.get('accept-language'));
      ctx.type = 'html';
      ctx.set('content-security-policy', "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
      ctx.body = messagePage(locale, locale === 'en' ? 'Sign-in failed' : '登录失败', `${out.error}: ${out.error_description ?? ''}`);
    },
    findAccount: async (_ctx, sub) => {
      const user = db.one('SELECT id FROM users WHERE id = ?', sub) as { id: string } | undefined;
      return user ? { accountId: user.id, claims: async () => ({ sub: user.id }) } : undefined;
    },
    // Lifetimes, in seconds: short for what proves access, a school term for staying signed in.
    ttl: {
      ClientCredentials: ttl,
      AccessToken: ttl,
      AuthorizationCode: 60,
      IdToken: 3600,
      // Time to type a password; every anonymous /auth stores one until then.
      Interaction: 600,
      Session: 14 * 86400,
      Grant: 120 * 86400,
      // A refresh token bound to the reader's browser key (DPoP) lasts two weeks from its last
      // use, so a reader who comes back within a fortnight stays signed in (the grant, 120
      // days, and rotation's one-year cap still end it). An unbound one inherits what was left
      // of the token it replaces: rotation never extends it.
      RefreshToken: (ctx, token) => {
        const rotated = ctx?.oidc.entities.RotatedRefreshToken;
        if (rotated && !token.isSenderConstrained()) return rotated.remainingTTL;
        return 14 * 86400;
      },
    },
    // Every use of a refresh token rotates it, bound or not: a copy taken from a browser is
    // one use from being refused (and reuse past the grace period ends the whole grant).
    rotateRefreshToken: (ctx) => ctx.oidc.entities.RefreshToken!.totalLifetime() < 365 * 86400,
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = false;
  compareClientSecret(provider, db, options.pepper);
  return provider;
}

/**
 * App keys are stored only as keyed hashes, and an app may have several at once (the old one
 * works through a rotation's grace period), so the key a client sends is looked up among its
 * live keys instead of compared with one stored secret.
 */
function compareClientSecret(provider: Provider, db: Db, pepper: string): void {
  const proto = provider.Client.prototype as unknown as { clientId: string; compareClientSecret(actual: string): boolean };
  proto.compareClientSecret = function (this: { clientId: string }, actual: string): boolean {
    return keyMatches(db, pepper, this.clientId, String(actual));
  };
}
