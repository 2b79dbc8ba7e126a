import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { join } from 'node:path';
import { openDatabase, type Db } from './db/open';
import { createProvider } from './auth/provider';
import { signingKeys, storePepper } from './auth/keys';
import { TokenError, tokenVerifier, type VerifiedToken } from './auth/verify';
import { registerCatalogue } from './api/catalogue';
import { registerInteractions } from './auth/interactions';
import { registerUserRoutes } from './api/user-routes';
import { ProblemError, sendProblem } from './api/problem';
import { serveFolder } from './api/static';
import { registerCompression } from './api/compress';
import { seedDemo } from './seed';
import { Metrics } from './api/metrics';
import { RateLimiter } from './api/rate-limit';
import { repoRoot } from './paths';
import { ensureWebApp, registerEmbedPages } from './embed/routes';

export interface PlatformOptions {
  /** SQLite file, or ':memory:'. */
  dbFile: string;
  /** Public base URL: the issuer and the root of every link. Default http://localhost:<port>. */
  baseUrl?: string;
  port?: number;
  host?: string;
  /** Create the demo catalogue, users and apps when the store is empty. Default true. */
  seed?: boolean;
  /** Access token lifetime in seconds. */
  accessTokenTtl?: number;
  /** Log requests (JSON lines). Default false. */
  logger?: boolean;
  /**
   * API requests per minute: per app (by the token's client id) and per address for callers
   * without a token. 0 switches a limit off. Defaults: 300,000 and 6,000.
   */
  rateLimit?: { appPerMinute?: number; anonymousPerMinute?: number };
  /** Bearer token for /metrics; default $NETPAD_METRICS_TOKEN, else only local scrapers. */
  metricsToken?: string;
}

export interface Platform {
  readonly app: FastifyInstance;
  readonly provider: Provider;
  readonly db: Db;
  readonly baseUrl: string;
  readonly apiAudience: string;
  close(): Promise<void>;
}

/** The set of origins apps registered, re-read at most every few seconds (the CLI may add one). */
function cachedOrigins(db: Db): () => Set<string> {
  let at = 0;
  let origins = new Set<string>();
  const read = 'SELECT origins FROM apps';
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
  if (options.seed !== false) await seedDemo(db, { repoRoot: repoRoot(), baseUrl });
  const pepper = storePepper(db);
  ensureWebApp(db, baseUrl);
  const provider = await createProvider(db, { issuer: baseUrl, apiAudience, pepper, accessTokenTtl: options.accessTokenTtl });
  const verify = tokenVerifier(await signingKeys(db), baseUrl, apiAudience);
  const oidc = provider.callback();

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024, trustProxy: false });
  // HTML forms (sign-in, consent) post urlencoded bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // oidc-provider is a Koa app: its routes get the raw request before Fastify parses anything.
  app.addHook('onRequest', (request, reply, done) => {
    if (OIDC_PATHS.test(request.url)) {
      reply.hijack();
      oidc(request.raw, reply.raw);
      return;
    }
    done();
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
  const limiter = new RateLimiter();
  const limits = { app: options.rateLimit?.appPerMinute ?? 300_000, anonymous: options.rateLimit?.anonymousPerMinute ?? 6_000 };
  const started = new WeakMap<FastifyRequest, bigint>();

  app.addHook('onRequest', async (request, reply) => {
    started.set(request, process.hrtime.bigint());
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
          .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
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
      const wait = limiter.take(`ip:${request.ip}`, limits.anonymous);
      if (wait > 0) throw new ProblemError(429, 'rate_limited', 'Too many requests', `Slow down: try again in ${wait} s.`, { retryAfter: wait }, { 'retry-after': String(wait) });
      throw err;
    });
    const wait = token ? limiter.take(`app:${token.clientId}`, limits.app) : limiter.take(`ip:${request.ip}`, limits.anonymous);
    if (wait > 0) {
      throw new ProblemError(429, 'rate_limited', 'Too many requests', `Slow down: try again in ${wait} s.`, { retryAfter: wait }, { 'retry-after': String(wait) });
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/v1/')) return;
    const t0 = started.get(request);
    const seconds = t0 ? Number(process.hrtime.bigint() - t0) / 1e9 : 0;
    const token = await principal(request).catch(() => undefined);
    metrics.observe(token?.clientId ?? 'anonymous', request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, seconds);
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
    return { status: 'ok' };
  });
  registerCatalogue(app, { db, principal, challenge });
  registerUserRoutes(app, { db, principal, challenge });
  registerInteractions(app, provider, db, apiAudience);
  registerEmbedPages(app, { db, baseUrl });

  app.get('/', async (_request, reply) => reply.redirect('/examples/'));
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  serveFolder(app, '/examples/', join(repoRoot(), 'examples'), { strictCspSubfolder: 'csp', crossOrigin: true });
  serveFolder(app, '/lib/embed/', join(repoRoot(), 'packages/embed-element/dist/browser'), { crossOrigin: true });
  serveFolder(app, '/lib/sdk/', join(repoRoot(), 'packages/sdk/dist/browser'), { crossOrigin: true });
  serveFolder(app, '/lib/widget/', join(repoRoot(), 'packages/blog-widget/dist'), { crossOrigin: true });

  return {
    app,
    provider,
    db,
    baseUrl,
    apiAudience,
    async close() {
      await app.close();
      db.close();
    },
  };
}
