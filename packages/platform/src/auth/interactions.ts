import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Db } from '../db/open';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from './secrets';
import { SignInThrottle, type ThrottleRule } from './sign-in-throttle';
import { BusyError, HashPool } from './hash-pool';
import { RateLimiter } from '../api/rate-limit';
import { findApp } from './apps';
import { AUTH_CSS, consentPage, loginPage, messagePage, pageLocale, TEXT, type PageLocale } from './pages';

/**
 * How sign-in guessing is slowed (see SignInThrottle). Failures count for 15 minutes; past each
 * rule's free allowance the wait doubles from one second up to its cap. A known device (one the
 * account signed in from before) has its own count, so nobody else's failures slow it.
 */
export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60_000,
  baseMs: 1000,
  /** The account on a device it signed in from before. */
  accountDevice: { free: 5, maxMs: 15 * 60_000 },
  /** The account from one address, on a device it never signed in from. */
  accountAddress: { free: 5, maxMs: 15 * 60_000 },
  /** The account from every unknown device together (guessing spread over many addresses). */
  accountUnknownDevices: { free: 20, maxMs: 60_000 },
  /** One address, whichever accounts (a school behind one NAT fails now and then). */
  address: { free: 50, maxMs: 5 * 60_000 },
  /** Every attempt, right or wrong, per account: a valid password is no licence to burn CPU. */
  attemptsPerAccountPerMinute: 60,
} as const;

/** The cookie that marks a device an account signed in from; sent to sign-in pages only. */
const DEVICE_COOKIE = 'netpad_device';
const DEVICE_MAX_AGE_S = 365 * 86400;

/** Hashing a throwaway password costs as much as checking a real one, so timing tells no one which usernames exist. */
const DECOY_HASH = 'scrypt$32768$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Headers of every sign-in page: not cached, not framed, no scripts. */
export const PAGE_HEADERS = {
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
export function registerInteractions(app: FastifyInstance, provider: Provider, db: Db, apiAudience: string, deviceKey: string): void {
  const throttle = new SignInThrottle(SIGN_IN_LIMITS.windowMs, SIGN_IN_LIMITS.baseMs);
  const attempts = new RateLimiter();
  const hashing = new HashPool();
  const secure = new URL(apiAudience).protocol === 'https:';

  /** A device token names one account: `random.mac(account, random)`. */
  const deviceMac = (account: string, id: string) => createHmac('sha256', deviceKey).update(`${account}\0${id}`).digest('base64url');
  const newDevice = (account: string) => {
    const id = randomBytes(16).toString('base64url');
    return `${id}.${deviceMac(account, id)}`;
  };
  const knownDevice = (cookieHeader: string | undefined, account: string): string | undefined => {
    const value = (cookieHeader ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${DEVICE_COOKIE}=`))
      ?.slice(DEVICE_COOKIE.length + 1);
    const [id, mac] = (value ?? '').split('.');
    if (!id || !mac) return undefined;
    const expected = Buffer.from(deviceMac(account, id));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  };
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
    const description = typeof interaction.params.client_id === 'string' ? (findApp(db, interaction.params.client_id)?.description ?? '') : '';
    return html(reply, 200, consentPage({ locale, uid: interaction.uid, app, description, user: user?.display_name ?? accountId, scopes }));
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
    const account = username.toLowerCase();
    const device = knownDevice(request.headers.cookie, account);
    // The owner's known device is counted apart; every other attempt shares the account's and
    // the address's counts.
    const rules: [string, ThrottleRule][] = device
      ? [[`device:${account}:${device}`, SIGN_IN_LIMITS.accountDevice]]
      : [
          [`account-address:${account}:${request.ip}`, SIGN_IN_LIMITS.accountAddress],
          [`account:${account}`, SIGN_IN_LIMITS.accountUnknownDevices],
          [`address:${request.ip}`, SIGN_IN_LIMITS.address],
        ];
    const slowedDown = (waitMs: number) => {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      reply.header('retry-after', seconds);
      return html(reply, 429, loginPage({ locale, uid: interaction.uid, app, username, error: t.tooMany(seconds) }));
    };
    const wait = Math.max(...rules.map(([key, rule]) => throttle.wait(key, rule)));
    if (wait > 0) return slowedDown(wait);
    const burst = attempts.take(`attempts:${account}`, SIGN_IN_LIMITS.attemptsPerAccountPerMinute);
    if (burst > 0) return slowedDown(burst * 1000);
    // Counted before the slow password check, so parallel attempts cannot all slip under the limit.
    for (const [key] of rules) throttle.fail(key);
    const user = db.one(userByName, username) as { id: string; password_hash: string } | undefined;
    let ok: boolean;
    try {
      ok = await hashing.run(() => verifyPassword(password, user?.password_hash ?? DECOY_HASH));
    } catch (err) {
      for (const [key] of rules) throttle.undo(key);
      if (err instanceof BusyError) {
        reply.header('retry-after', 5);
        return html(reply, 503, loginPage({ locale, uid: interaction.uid, app, username, error: t.busy }));
      }
      throw err;
    }
    if (!user || !ok) return html(reply, 401, loginPage({ locale, uid: interaction.uid, app, username, error: t.badCredentials }));
    // A success clears the account's own counts; an address keeps its other failures (only
    // this attempt's is taken back), since a school's pupils share one.
    for (const [key] of rules) {
      if (key.startsWith('address:')) throttle.undo(key);
      else throttle.reset(key);
    }
    reply.raw.setHeader(
      'set-cookie',
      `${DEVICE_COOKIE}=${device ? `${device}.${deviceMac(account, device)}` : newDevice(account)}; Path=/interaction; Max-Age=${DEVICE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
    );
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
