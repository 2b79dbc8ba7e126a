import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { sqliteAdapter } from './adapter';
import { signingKeys } from './keys';
import { hashAppKey } from './secrets';
import { logoutPage, messagePage, pageLocale, TEXT } from './pages';

export interface ProviderOptions {
  issuer: string;
  /** The resource indicator (and JWT audience) of the platform API. */
  apiAudience: string;
  pepper: string;
  /** Lifetime of API access tokens, in seconds. */
  accessTokenTtl?: number;
}

export const API_SCOPE = 'figures';

function cookieKeys(db: Db): string[] {
  const row = db.prepare(`SELECT value FROM settings WHERE key = 'cookie_keys'`).get() as { value: string } | undefined;
  if (row) return JSON.parse(row.value) as string[];
  const keys = [randomBytes(32).toString('base64url')];
  db.prepare(`INSERT OR IGNORE INTO settings (key, value) VALUES ('cookie_keys', ?)`).run(JSON.stringify(keys));
  return cookieKeys(db);
}

/**
 * The authorization server: oidc-provider with the platform's store, its persisted signing keys,
 * client credentials for apps, and short-lived JWT access tokens for the platform API.
 */
export async function createProvider(db: Db, options: ProviderOptions): Promise<Provider> {
  const keys = await signingKeys(db);
  const ttl = options.accessTokenTtl ?? 600;
  const configuration: Configuration = {
    adapter: sqliteAdapter(db, options.pepper),
    jwks: { keys },
    cookies: { keys: cookieKeys(db) },
    scopes: ['openid', 'offline_access', API_SCOPE],
    // The authorization code flow only: no implicit flow, no tokens in URLs.
    responseTypes: ['code', 'none'],
    // Signing keys are ES256 (see keys.ts); clients default to it.
    clientDefaults: { id_token_signed_response_alg: 'ES256', grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none' },
    extraClientMetadata: { properties: ['web_origins'] },
    clientBasedCORS: (_ctx, origin, client) => ((client as unknown as { web_origins?: string[] }).web_origins ?? []).includes(origin),
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
      const user = db.prepare('SELECT id FROM users WHERE id = ?').get(sub) as { id: string } | undefined;
      return user ? { accountId: user.id, claims: async () => ({ sub: user.id }) } : undefined;
    },
    ttl: { ClientCredentials: ttl, AccessToken: ttl },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = false;
  provider.use(hashClientSecretMiddleware(options.pepper));
  return provider;
}

/**
 * App keys are stored only as keyed hashes, and oidc-provider compares client secrets as they
 * are: so the key an app sends with client_secret_basic is replaced by its hash before
 * oidc-provider sees the request.
 */
function hashClientSecretMiddleware(pepper: string) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    const header = ctx.req.headers.authorization;
    if (ctx.method === 'POST' && header && /^basic /i.test(header)) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        const id = decoded.slice(0, colon);
        let secret: string;
        try {
          secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
        } catch {
          secret = decoded.slice(colon + 1);
        }
        const hashed = encodeURIComponent(hashAppKey(secret, pepper));
        ctx.req.headers.authorization = `Basic ${Buffer.from(`${id}:${hashed}`).toString('base64')}`;
      }
    }
    await next();
  };
}
