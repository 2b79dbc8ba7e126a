import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Db } from '../db/open';
import { verifyPassword } from './secrets';
import { FailureLimiter } from './rate-limit';
import { AUTH_CSS, consentPage, loginPage, messagePage, pageLocale, TEXT, type PageLocale } from './pages';

const WINDOW_MS = 15 * 60_000;
/** Sign-in attempts allowed per account and per address in WINDOW_MS. */
export const SIGN_IN_LIMITS = { account: 5, address: 20 } as const;

/** Hashing a throwaway password costs as much as checking a real one, so timing tells no one which usernames exist. */
const DECOY_HASH = 'scrypt$32768$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};

/**
 * The interaction routes oidc-provider sends a browser to: sign-in, consent and cancel. They run
 * on the raw Node request because oidc-provider reads its own cookies from it.
 */
export function registerInteractions(app: FastifyInstance, provider: Provider, db: Db, apiAudience: string): void {
  const byAccount = new FailureLimiter(SIGN_IN_LIMITS.account, WINDOW_MS);
  const byAddress = new FailureLimiter(SIGN_IN_LIMITS.address, WINDOW_MS);
  const userByName = 'SELECT id, username, password_hash, display_name FROM users WHERE username = ?';
  const userById = 'SELECT username, display_name FROM users WHERE id = ?';

  const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).headers(PAGE_HEADERS).send(body);
  /** The form's own field, then the app's `ui_locales`, then the browser's languages. */
  const localeOf = (request: FastifyRequest, uiLocales?: unknown): PageLocale => {
    const fromForm = (request.body as Record<string, string> | undefined)?.lang;
    const fromApp = typeof uiLocales === 'string' ? uiLocales.split(' ')[0] : undefined;
    return pageLocale(request.headers['accept-language'], fromForm ?? fromApp);
  };
  const appName = async (clientId: unknown) => {
    const client = typeof clientId === 'string' ? await provider.Client.find(clientId) : undefined;
    return (client?.clientName as string | undefined) ?? String(clientId ?? '');
  };
  /** An expired or unknown interaction is the user's dead end, not an error of ours. */
  const details = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await provider.interactionDetails(request.raw, reply.raw);
    } catch {
      const locale = localeOf(request);
      html(reply, 400, messagePage(locale, TEXT[locale].signInTitle, locale === 'en' ? 'This sign-in has expired. Go back to the page you came from and start again.' : '此次登录已过期，请返回原页面重新开始。'));
      return undefined;
    }
  };

  app.get('/interaction/auth.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(AUTH_CSS));

  app.get('/interaction/:uid', async (request, reply) => {
    const interaction = await details(request, reply);
    if (!interaction) return reply;
    const locale = localeOf(request, interaction.params.ui_locales);
    const app = await appName(interaction.params.client_id);
    if (interaction.prompt.name === 'login') return html(reply, 200, loginPage({ locale, uid: interaction.uid, app }));
    const accountId = interaction.session?.accountId ?? '';
    const user = db.one(userById, accountId) as { username: string; display_name: string } | undefined;
    const missing = interaction.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    const scopes = [...new Set([...(missing.missingOIDCScope ?? []), ...Object.values(missing.missingResourceScopes ?? {}).flat()])];
    return html(reply, 200, consentPage({ locale, uid: interaction.uid, app, user: user?.display_name ?? accountId, scopes }));
  });

  app.post('/interaction/:uid/login', async (request, reply) => {
    const interaction = await details(request, reply);
    if (!interaction) return reply;
    const locale = localeOf(request, interaction.params.ui_locales);
    const t = TEXT[locale];
    const app = await appName(interaction.params.client_id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 256) : '';
    const accountKey = `account:${username.toLowerCase()}`;
    const addressKey = `address:${request.ip}`;
    const wait = Math.max(byAccount.retryAfter(accountKey), byAddress.retryAfter(addressKey));
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000));
      return html(reply, 429, loginPage({ locale, uid: interaction.uid, app, username, error: t.tooMany(Math.ceil(wait / 60_000)) }));
    }
    // Counted before the slow password check, so parallel attempts cannot all slip under the limit.
    byAccount.fail(accountKey);
    byAddress.fail(addressKey);
    const user = db.one(userByName, username) as { id: string; password_hash: string } | undefined;
    const ok = await verifyPassword(password, user?.password_hash ?? DECOY_HASH);
    if (!user || !ok) return html(reply, 401, loginPage({ locale, uid: interaction.uid, app, username, error: t.badCredentials }));
    // Only failures count against an address: a school's pupils share one.
    byAccount.reset(accountKey);
    byAddress.undo(addressKey);
    reply.hijack();
    await provider.interactionFinished(request.raw, reply.raw, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    return reply;
  });

  app.post('/interaction/:uid/confirm', async (request, reply) => {
    const interaction = await details(request, reply);
    if (!interaction) return reply;
    if (interaction.prompt.name !== 'consent') return reply.code(400).send();
    const accountId = interaction.session!.accountId;
    const clientId = interaction.params.client_id as string;
    const grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : new provider.Grant({ accountId, clientId });
    if (!grant) return reply.code(400).send();
    const missing = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      // Only the platform API is a resource; anything else was refused before consent.
      if (indicator === apiAudience) grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    reply.hijack();
    await provider.interactionFinished(request.raw, reply.raw, { consent: interaction.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    return reply;
  });

  app.post('/interaction/:uid/abort', async (request, reply) => {
    const interaction = await details(request, reply);
    if (!interaction) return reply;
    reply.hijack();
    await provider.interactionFinished(
      request.raw,
      reply.raw,
      { error: 'access_denied', error_description: 'The user cancelled the sign-in' },
      { mergeWithLastSubmission: false },
    );
    return reply;
  });
}
