import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { openDatabase, type Db } from './db/open';
import { createProvider } from './auth/provider';
import { deviceCookieKey, signingKeys, storePepper } from './auth/keys';
import { TokenError, tokenVerifier, type VerifiedToken } from './auth/verify';
import { registerCatalogue } from './api/catalogue';
import { PosterPool } from './catalogue/posters';
import { ensureSearchIndex } from './catalogue/search';
import { registerInteractions } from './auth/interactions';
import { registerUserRoutes } from './api/user-routes';
import { ProblemError, sendProblem } from './api/problem';
import { PAGE_CSP, serveFolder } from './api/static';
import { registerCompression } from './api/compress';
import { hasDemoData, seedDemo } from './seed';
import { Metrics } from './api/metrics';
import { RateLimiter } from './api/rate-limit';
import { repoRoot } from './paths';
import { ensureWebApp, registerEmbedPages, WEB_CLIENT_ID } from './embed/routes';
import { addressMatcher, capConnectionsPerAddress } from './api/connections';
import { authorizationGuard } from './auth/guard';
import { scheduleSweeps } from './maintenance';
import { registerDeveloperRoutes } from './developers/routes';
import { UsageRecorder } from './developers/usage';

export interface PlatformOptions {
  /** SQLite file, or ':memory:'. */
  dbFile: string;
  /** Public base URL: the issuer and the root of every link. Default http://localhost:<port>. */
  baseUrl?: string;
  port?: number;
  host?: string;
  /**
   * Create the demo catalogue, users and apps when the store is empty, and point the demo apps at
   * this base URL. Its credentials are public (teacher/teacher-demo, demo-textbook-key): never on
   * a platform others can reach. Default false.
   */
  seed?: boolean;
  /** Access token lifetime in seconds. */
  accessTokenTtl?: number;
  /** Log requests (JSON lines). Default false. */
  logger?: boolean;
  /** Requests per minute per caller; 0 switches a limit off. Defaults in DEFAULT_RATE_LIMITS. */
  rateLimit?: Partial<RateLimits>;
  /**
   * Reverse proxies whose X-Forwarded-For names the client: addresses or CIDR ranges. Without
   * it every client behind a proxy would share the proxy's address (one lockout, one bucket).
   */
  trustProxy?: readonly string[];
  /** Timeouts and per-address connection cap. Defaults in DEFAULT_CONNECTION_LIMITS. */
  connections?: Partial<ConnectionLimits>;
  /** Seconds a just-rotated refresh token still works (parallel tabs). Default 10. */
  refreshReuseGraceSeconds?: number;
  /** Bearer token for /metrics; default $NETPAD_METRICS_TOKEN, else only local scrapers. */
  metricsToken?: string;
}

export interface RateLimits {
  /** API calls per app (by its tokens' client id). */
  appPerMinute: number;
  /** API calls per signed-in user, whichever app they come through. */
  userPerMinute: number;
  /** Writes (orders, payments, space saves) per signed-in user. */
  userWritesPerMinute: number;
  /** API calls per address without a token. */
  anonymousPerMinute: number;
  /** HTML pages (/figures, /embed), /oembed, per address. */
  pagesPerMinute: number;
  /** Authorization-server endpoints (/auth, /token, /session/end, /request), per address. */
  authorizationPerMinute: number;
  /** Sign-in form posts, per address (each account has its own, slower limit). */
  signInPerMinute: number;
}

/**
 * One process served an entitled figure at about 3,200 requests/s on 2 cores (pnpm
 * bench:platform): an app may take a third of that, one user or one address a few percent.
 * Buckets hold ten seconds' worth, so a classroom's burst behind one address passes.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  appPerMinute: 60_000,
  userPerMinute: 6_000,
  userWritesPerMinute: 120,
  anonymousPerMinute: 6_000,
  pagesPerMinute: 1_200,
  authorizationPerMinute: 1_200,
  signInPerMinute: 600,
};

export interface ConnectionLimits {
  /** The whole request, headers and body, must arrive within this. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** A socket with no traffic at all is closed after this. */
  idleTimeoutMs: number;
  /** How often Node checks the request and header timeouts. */
  checkIntervalMs: number;
  /** Open connections from one address (trusted proxies exempt). */
  maxPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  checkIntervalMs: 1_000,
  maxPerAddress: 256,
};

export interface Platform {
  readonly app: FastifyInstance;
  readonly provider: Provider;
  readonly db: Db;
  readonly baseUrl: string;
  readonly apiAudience: string;
  /** Whether the store holds the public demo accounts (see `seed`). */
  readonly demo: boolean;
  close(): Promise<void>;
}

/** The set of origins apps registered, re-read at most every few seconds (the CLI may add one). */
function cachedOrigins(db: Db): () => Set<string> {
  let at = 0;
  let origins = new Set<string>();
  // A suspended app's sites lose their access with it.
  const read = 'SELECT origins FROM apps WHERE suspended_at IS NULL';
  return () => {
    if (Date.now() - at > 5000) {
      origins = new Set((db.all(read) as { origins: string }[]).flatMap((r) => JSON.parse(r.origins) as string[]));
      at = Date.now();
    }
    return origins;
  };
}

/** Paths oidc-provider answers (its default routes); everything else is the platform's. */
const OIDC_PATHS = /^\/(\.well-known\/openid-configuration|jwks|token|auth|me|session\/end|request|reg|device)(\/|\?|$)/;


/**
 * Builds the platform: store, authorization server, API and the examples. `listen()` on
 * `app` to serve; `close()` stops it and closes the store.
 */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const port = options.port ?? 4000;
  const baseUrl = (options.baseUrl ?? `http://localhost:${port}`).replace(/\/$/, '');
  const apiAudience = `${baseUrl}/v1`;
  const db = openDatabase(options.dbFile);
  if (options.seed === true) await seedDemo(db, { repoRoot: repoRoot(), baseUrl });
  const demo = hasDemoData(db);
  ensureSearchIndex(db);
  const pepper = storePepper(db);
  ensureWebApp(db, baseUrl);
  const provider = await createProvider(db, {
    issuer: baseUrl,
    apiAudience,
    pepper,
    accessTokenTtl: options.accessTokenTtl,
    refreshReuseGraceSeconds: options.refreshReuseGraceSeconds,
  });
  const verify = tokenVerifier(await signingKeys(db), baseUrl, apiAudience, {
    // Sign-out, revocation and refresh-reuse detection delete the grant: its tokens stop at once.
    grantAlive: (grantId) => db.one<{ expires_at: number | null }>(`SELECT expires_at FROM oidc_models WHERE model = 'Grant' AND id = ?`, grantId) !== undefined,
    // An operator's suspension stops the app's tokens at once, not when they expire.
    clientAlive: (clientId) => db.one(`SELECT 1 FROM apps WHERE client_id = ? AND suspended_at IS NULL`, clientId) !== undefined,
  });
  const oidc = provider.callback();
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimit };
  const connections: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connections };
  const trusted = options.trustProxy?.length ? [...options.trustProxy] : undefined;
  // Checked now, so a typo in --trust-proxy stops the start instead of trusting nobody silently.
  const isTrustedProxy = trusted ? addressMatcher(trusted) : undefined;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    trustProxy: trusted ?? false,
    requestTimeout: connections.requestTimeoutMs,
    keepAliveTimeout: connections.keepAliveTimeoutMs,
    connectionTimeout: connections.idleTimeoutMs,
    http: { headersTimeout: connections.headersTimeoutMs, connectionsCheckingInterval: connections.checkIntervalMs },
    // Router refusals (a bad %-escape, an over-long path segment) are problems like any other.
    frameworkErrors: (error, _request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const type = status === 414 ? 'uri_too_long' : 'invalid_request';
      void sendProblem(reply, new ProblemError(status, type, status === 414 ? 'URI too long' : 'Invalid request', status === 414 ? 'A part of this URL is too long.' : 'This URL is not valid (a bad %-escape?).'));
    },
  });
  capConnectionsPerAddress(app.server, connections.maxPerAddress, isTrustedProxy);
  const stopSweeps = scheduleSweeps(db);
  // HTML forms (sign-in, consent) post urlencoded bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const limiter = new RateLimiter();
  const tooMany = (wait: number) =>
    new ProblemError(429, 'rate_limited', 'Too many requests', `Slow down: try again in ${wait} s.`, { retryAfter: wait }, { 'retry-after': String(wait) });
  /** Takes one request from a bucket; throws the 429 when it is empty. */
  const take = (key: string, perMinute: number) => {
    const wait = limiter.take(key, perMinute);
    if (wait > 0) throw tooMany(wait);
  };

  // oidc-provider is a Koa app: its routes get the raw request before Fastify parses anything,
  // so what they may cost is decided here, before they reach it.
  const guardAuthorization = authorizationGuard({ db, provider, take, limits });
  app.addHook('onRequest', async (request, reply) => {
    if (!OIDC_PATHS.test(request.url)) return;
    let answered: boolean;
    try {
      answered = await guardAuthorization(request, reply);
    } catch (err) {
      if (err instanceof ProblemError) return sendProblem(reply, err);
      throw err;
    }
    if (answered) return reply;
    reply.hijack();
    oidc(request.raw, reply.raw);
    return reply;
  });

  const challenge = (error?: string, description?: string) =>
    `Bearer realm="${baseUrl}", resource="${apiAudience}"${error ? `, error="${error}"` : ''}${description ? `, error_description="${description.replace(/"/g, "'")}"` : ''}`;
  const tokens = new WeakMap<FastifyRequest, Promise<VerifiedToken | undefined>>();
  const principal = (request: FastifyRequest) => {
    let p = tokens.get(request);
    if (!p) {
      const proof = request.headers.dpop;
      p = verify(request.headers.authorization, {
        method: request.method,
        url: `${baseUrl}${request.url.split('?')[0]}`,
        proof: typeof proof === 'string' ? proof : undefined,
      }).catch((err: unknown) => {
        if (err instanceof TokenError) {
          const status = err.code === 'insufficient_scope' ? 403 : 401;
          const title = { invalid_token: 'Invalid token', invalid_request: 'Invalid request', insufficient_scope: 'Insufficient scope' }[err.code];
          throw new ProblemError(status, err.code, title, err.message, {}, { 'www-authenticate': challenge(err.code, err.message) });
        }
        throw err;
      });
      tokens.set(request, p);
    }
    return p;
  };

  // Cross-origin API calls are allowed from the web origins registered by apps.
  const allowedOrigins = cachedOrigins(db);
  const metrics = new Metrics();
  const usage = new UsageRecorder(db);
  const started = new WeakMap<FastifyRequest, bigint>();

  app.addHook('onRequest', async (request, reply) => {
    started.set(request, process.hrtime.bigint());
    if (/^\/(figures|embed)\/|^\/oembed(\?|$)/.test(request.url)) take(`pages:${request.ip}`, limits.pagesPerMinute);
    if (request.method === 'POST' && request.url.startsWith('/interaction/')) take(`sign-in:${request.ip}`, limits.signInPerMinute);
    if (!request.url.startsWith('/v1/')) return;
    // Whether an origin is allowed depends on it: caches must keep answers apart by Origin.
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    // Calls without credentials read only public data (the free tier, the catalogue), so any
    // page may make them, even a sandboxed embed whose origin is "null" (WordPress's oEmbed
    // frames). Calls with a token come only from the origins apps registered.
    const requested = request.headers['access-control-request-headers'] ?? '';
    const anonymous = !request.headers.authorization && !request.headers.dpop && !/authorization|dpop/i.test(requested);
    if (origin && (allowedOrigins().has(origin) || anonymous)) {
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-expose-headers', 'ETag, Location, Netpad-Entitlement, WWW-Authenticate, Retry-After');
      if (request.method === 'OPTIONS') {
        return reply
          .code(204)
          .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
          .header('access-control-allow-headers', 'Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, DPoP')
          .header('access-control-max-age', '600')
          .send();
      }
    }
  });

  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/v1/')) return;
    // A refused token still costs the address: floods of bad tokens are limited like anonymous calls.
    const token = await principal(request).catch((err: unknown) => {
      take(`ip:${request.ip}`, limits.anonymousPerMinute);
      throw err;
    });
    if (!token) {
      take(`ip:${request.ip}`, limits.anonymousPerMinute);
      return;
    }
    // A user's own bucket first: one student's burst spends their share, not their classmates'.
    if (token.userId) {
      take(`user:${token.userId}`, limits.userPerMinute);
      if (request.method !== 'GET' && request.method !== 'HEAD' && /^\/v1\/(orders|space)\b/.test(request.url)) take(`write:${token.userId}`, limits.userWritesPerMinute);
    }
    take(`app:${token.clientId}`, limits.appPerMinute);
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/v1/')) return;
    const t0 = started.get(request);
    const seconds = t0 ? Number(process.hrtime.bigint() - t0) / 1e9 : 0;
    const token = await principal(request).catch(() => undefined);
    metrics.observe(token?.clientId ?? 'anonymous', request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, seconds);
    if (token?.clientId) usage.observe(token.clientId, reply.statusCode, seconds);
  });

  // Per-app traffic is not public: a bearer token from NETPAD_METRICS_TOKEN, or a scraper on this machine.
  const metricsToken = options.metricsToken ?? process.env.NETPAD_METRICS_TOKEN;
  app.get('/metrics', async (request, reply) => {
    const allowed = metricsToken ? request.headers.authorization === `Bearer ${metricsToken}` : ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(request.ip);
    if (!allowed) return sendProblem(reply, new ProblemError(403, 'forbidden', 'Forbidden', 'Metrics need the metrics token (NETPAD_METRICS_TOKEN) or a local scraper.'));
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render());
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error);
    const e = error as { statusCode?: number; code?: string; message: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      const type = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : e.statusCode === 415 ? 'unsupported_media_type' : 'invalid_request';
      return sendProblem(reply, new ProblemError(e.statusCode, type, 'Invalid request', e.message));
    }
    request.log.error(error);
    return sendProblem(reply, new ProblemError(500, 'internal', 'Internal error', 'Something went wrong on the platform; try again later.'));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, new ProblemError(404, 'not_found', 'Not found', `Nothing at ${request.method} ${request.url.split('?')[0]}`)));

  registerCompression(app);

  app.get('/healthz', async () => {
    db.one('SELECT 1');
    // Says so when the store holds the public demo credentials: such a platform is for trying out only.
    return demo ? { status: 'ok', demo: true } : { status: 'ok' };
  });
  const posters = new PosterPool();
  registerCatalogue(app, { db, principal, challenge, posters });
  registerUserRoutes(app, { db, principal, challenge });
  registerDeveloperRoutes(app, { db, pepper, principal, challenge: () => challenge(), usage, webClientId: WEB_CLIENT_ID, protectedIds: [WEB_CLIENT_ID] });
  registerInteractions(app, provider, db, apiAudience, deviceCookieKey(db));
  registerEmbedPages(app, { db, baseUrl, embedBundle: join(repoRoot(), 'packages/embed-element/dist/browser') });

  // The platform's home is its web app's catalogue page, served at / itself (its links are absolute).
  const homePage = join(repoRoot(), 'packages/platform/web/app/index.html');
  // Read on the first request, not on every one (nor at start-up: a platform without the web app still runs).
  let homeHtml: Buffer | undefined;
  app.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PAGE_CSP.replace("frame-ancestors 'self'", "frame-ancestors 'none'"))
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send((homeHtml ??= readFileSync(homePage))),
  );
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  // Keys are shown on it: never inside any frame.
  serveFolder(app, '/app/', join(repoRoot(), 'packages/platform/web/app'), { pageCsp: PAGE_CSP.replace("frame-ancestors 'self'", "frame-ancestors 'none'") });
  serveFolder(app, '/developers/', join(repoRoot(), 'packages/platform/web/developers'), { pageCsp: PAGE_CSP.replace("frame-ancestors 'self'", "frame-ancestors 'none'") });
  serveFolder(app, '/examples/', join(repoRoot(), 'examples'), { strictCspSubfolder: 'csp', crossOrigin: true, pageCsp: PAGE_CSP });
  serveFolder(app, '/lib/embed/', join(repoRoot(), 'packages/embed-element/dist/browser'), { crossOrigin: true });
  serveFolder(app, '/lib/sdk/', join(repoRoot(), 'packages/sdk/dist/browser'), { crossOrigin: true });
  serveFolder(app, '/lib/editor/', join(repoRoot(), 'packages/editor/dist/browser'), { crossOrigin: true });
  serveFolder(app, '/lib/widget/', join(repoRoot(), 'packages/blog-widget/dist'), { crossOrigin: true });

  return {
    app,
    provider,
    db,
    baseUrl,
    apiAudience,
    demo,
    async close() {
      stopSweeps();
      await app.close();
      usage.close();
      await posters.close();
      db.close();
    },
  };
}
