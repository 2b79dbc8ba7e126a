/**
 * The developer portal's API (`/v1/developer/…`) and the operators' part of it (`/v1/admin/…`).
 * Only the platform's own web app may call it: a user's token from any other app could
 * otherwise register apps or read keys in that user's name.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/open';
import type { VerifiedToken } from '../auth/verify';
import { appsOwnedBy, createApp, findApp, listApps, listKeys, removeApp, revokeKey, resumeApp, rotateKey, suspendApp, updateApp, type AppInfo } from '../auth/apps';
import { rightsOf } from '../entitlements';
import { badRequest, notFound, ProblemError } from '../api/problem';
import { audit, auditLog, type Actor } from './audit';
import { APP_KINDS, checkCreateLimits, checkKeyLimits, newClientId, readAppInput, RegistrationError } from './registration';
import type { UsageRecorder } from './usage';

export interface DeveloperRoutesDeps {
  db: Db;
  pepper: string;
  principal: (request: FastifyRequest) => Promise<VerifiedToken | undefined>;
  challenge: () => string;
  usage: UsageRecorder;
  /** The first-party app whose signed-in users may use the portal. */
  webClientId: string;
  /** Apps nobody may suspend, change or remove here (the platform's own). */
  protectedIds: readonly string[];
}

/** Longest grace period a rotation may give the old key: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 86_400;
const APP_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const KEY_ID = /^key_[0-9a-f]{16}$/;

interface Caller {
  userId: string;
  operator: boolean;
  actor: Actor;
}

export function publicApp(db: Db, app: AppInfo) {
  const kind = app.kind === 'confidential' ? 'server' : 'website';
  return {
    clientId: app.clientId,
    name: app.name,
    kind,
    description: app.description,
    origins: app.origins,
    redirectUris: app.redirectUris,
    createdAt: app.createdAt,
    ownerId: app.ownerId,
    suspended: app.suspendedAt ? { at: app.suspendedAt, reason: app.suspendedReason } : null,
    keys: app.kind === 'confidential' ? listKeys(db, app.clientId) : [],
    rights: rightsOf(db, app.clientId, new Date(), 90, 'app'),
  };
}

function registrationProblem(err: RegistrationError): ProblemError {
  if (err.code === 'rate_limited') {
    const wait = Number(err.extra.retryAfter ?? 3600);
    return new ProblemError(429, 'rate_limited', 'Too many requests', err.message, err.extra, { 'retry-after': String(wait) });
  }
  if (err.code === 'too_many_apps') return new ProblemError(409, 'too_many_apps', 'Too many apps', err.message, err.extra);
  return new ProblemError(422, 'invalid_app', 'Invalid app', err.message, err.extra);
}

function registration<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RegistrationError) throw registrationProblem(err);
    throw err;
  }
}

export function registerDeveloperRoutes(app: FastifyInstance, deps: DeveloperRoutesDeps): void {
  const { db, pepper } = deps;

  const caller = async (request: FastifyRequest): Promise<Caller> => {
    const token = await deps.principal(request);
    if (!token) throw new ProblemError(401, 'sign_in_required', 'Sign-in required', 'Sign in on the platform to register and manage apps.', {}, { 'www-authenticate': deps.challenge() });
    if (!token.userId) throw new ProblemError(403, 'user_required', 'A user is required', 'The developer portal needs a signed-in developer, not an app token.');
    if (token.clientId !== deps.webClientId) {
      throw new ProblemError(403, 'first_party_only', 'Only on the platform', 'Apps are managed in the platform’s own developer portal, not through another app.');
    }
    const user = db.one<{ role: string }>('SELECT role FROM users WHERE id = ?', token.userId);
    if (!user) throw notFound('This account no longer exists');
    const operator = user.role === 'operator';
    return { userId: token.userId, operator, actor: operator ? `operator:${token.userId}` : `user:${token.userId}` };
  };
  const operatorOnly = async (request: FastifyRequest): Promise<Caller> => {
    const c = await caller(request);
    if (!c.operator) throw new ProblemError(403, 'operator_required', 'Operators only', 'This is for the platform’s operators.');
    return c;
  };
  /** The caller's own app (operators may open any); someone else's is "not found", not "forbidden". */
  const ownApp = (c: Caller, id: string): AppInfo => {
    const found = APP_ID.test(id) ? findApp(db, id) : undefined;
    if (!found || (found.ownerId !== c.userId && !c.operator)) throw notFound(`You have no app "${id}"`);
    if (deps.protectedIds.includes(found.clientId)) throw new ProblemError(403, 'protected_app', 'The platform’s own app', `"${id}" is the platform’s own app: it is changed with the platform, not here.`);
    return found;
  };
  const body = (request: FastifyRequest): Record<string, unknown> => {
    const b = request.body ?? {};
    if (typeof b !== 'object' || Array.isArray(b)) throw badRequest('The body must be a JSON object');
    return b as Record<string, unknown>;
  };
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  /**
   * Whether the calling page's origin may use an app: asked without a token, so a page whose
   * token calls fail CORS (its site is not registered) learns why instead of "network error".
   * It tells only what the page's own Origin header already shows.
   */
  app.get('/v1/origin-check', async (request) => {
    const { client_id: clientId } = request.query as { client_id?: unknown };
    if (typeof clientId !== 'string' || !APP_ID.test(clientId)) throw badRequest('Give ?client_id=<app id>', { parameter: 'client_id' });
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : null;
    const found = findApp(db, clientId);
    const state = !found ? 'unknown' : found.suspendedAt ? 'suspended' : 'active';
    return { clientId, origin, app: state, allowed: state === 'active' && origin !== null && found!.origins.includes(origin) };
  });

  app.get('/v1/developer/apps', async (request) => {
    const c = await caller(request);
    return { items: appsOwnedBy(db, c.userId).map((a) => publicApp(db, a)), operator: c.operator };
  });

  app.post('/v1/developer/apps', async (request, reply) => {
    const c = await caller(request);
    const input = registration(() => readAppInput(body(request)));
    registration(() => checkCreateLimits(db, c.actor, c.userId));
    const clientId = newClientId(db, input.name);
    const { app: created, key } = db.write(() => {
      const made = createApp(db, pepper, {
        clientId,
        name: input.name,
        kind: APP_KINDS[input.kind],
        description: input.description,
        origins: input.origins,
        redirectUris: input.redirectUris,
        ownerId: c.userId,
      });
      audit(db, c.actor, 'app.create', clientId, { name: input.name, kind: input.kind, origins: input.origins, redirectUris: input.redirectUris });
      return made;
    });
    // The key is in this answer only: the platform keeps a hash of it.
    return reply.code(201).header('location', `/v1/developer/apps/${clientId}`).send({ app: publicApp(db, created), ...(key ? { key } : {}) });
  });

  app.get('/v1/developer/apps/:id', async (request) => publicApp(db, ownApp(await caller(request), idOf(request))));

  app.patch('/v1/developer/apps/:id', async (request) => {
    const c = await caller(request);
    const current = ownApp(c, idOf(request));
    const changes = registration(() => readAppInput(body(request), current.kind === 'confidential' ? 'server' : 'website'));
    const updated = db.write(() => {
      const next = updateApp(db, current.clientId, changes);
      audit(db, c.actor, 'app.update', current.clientId, changes);
      return next;
    });
    return publicApp(db, updated);
  });

  app.delete('/v1/developer/apps/:id', async (request, reply) => {
    const c = await caller(request);
    const current = ownApp(c, idOf(request));
    db.write(() => {
      const { grants } = removeApp(db, current.clientId, deps.protectedIds);
      audit(db, c.actor, 'app.remove', current.clientId, { grantsRevoked: grants });
    });
    return reply.code(204).send();
  });

  app.post('/v1/developer/apps/:id/keys', async (request, reply) => {
    const c = await caller(request);
    const current = ownApp(c, idOf(request));
    if (current.kind !== 'confidential') throw new ProblemError(409, 'no_keys', 'No keys', 'A website or blog app signs readers in with PKCE: it has no App key.');
    const { graceSeconds = 86_400 } = body(request);
    if (typeof graceSeconds !== 'number' || !Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
      throw badRequest(`"graceSeconds" is how long the old keys keep working: a whole number of seconds from 0 to ${MAX_GRACE_SECONDS} (30 days)`, { parameter: 'graceSeconds' });
    }
    registration(() => checkKeyLimits(db, c.actor, current.clientId));
    const { key, id } = db.write(() => {
      const rotated = rotateKey(db, pepper, current.clientId, graceSeconds);
      audit(db, c.actor, 'key.rotate', current.clientId, { keyId: rotated.id, graceSeconds });
      return rotated;
    });
    return reply.code(201).send({ key, keyId: id, app: publicApp(db, findApp(db, current.clientId)!) });
  });

  app.delete('/v1/developer/apps/:id/keys/:keyId', async (request, reply) => {
    const c = await caller(request);
    const current = ownApp(c, idOf(request));
    const { keyId } = request.params as { keyId: string };
    if (!KEY_ID.test(keyId) || !listKeys(db, current.clientId).some((k) => k.id === keyId)) throw notFound(`App "${current.clientId}" has no key ${keyId}`);
    db.write(() => {
      try {
        revokeKey(db, current.clientId, keyId);
      } catch (err) {
        throw new ProblemError(409, 'already_revoked', 'Already revoked', (err as Error).message);
      }
      audit(db, c.actor, 'key.revoke', current.clientId, { keyId });
    });
    return reply.code(204).send();
  });

  app.get('/v1/developer/apps/:id/usage', async (request) => {
    const c = await caller(request);
    const current = ownApp(c, idOf(request));
    const raw = (request.query as { days?: string }).days ?? '14';
    const days = Number(raw);
    if (!Number.isInteger(days) || days < 1 || days > 90) throw badRequest('"days" is a whole number from 1 to 90', { parameter: 'days' });
    return { clientId: current.clientId, days: deps.usage.days(current.clientId, days) };
  });

  app.get('/v1/developer/apps/:id/audit', async (request) => {
    const c = await caller(request);
    const current = ownApp(c, idOf(request));
    return { items: auditLog(db, { clientId: current.clientId }) };
  });

  // ---- operators ------------------------------------------------------------------------

  app.get('/v1/admin/apps', async (request) => {
    await operatorOnly(request);
    return { items: listApps(db).map((a) => publicApp(db, a)) };
  });

  app.post('/v1/admin/apps/:id/suspend', async (request) => {
    const c = await operatorOnly(request);
    const current = ownApp(c, idOf(request));
    const { reason } = body(request);
    if (typeof reason !== 'string' || !reason.trim() || reason.length > 500) throw badRequest('Give the "reason" (up to 500 characters): the developer sees it', { parameter: 'reason' });
    const updated = db.write(() => {
      const next = suspendApp(db, current.clientId, reason.trim());
      audit(db, c.actor, 'app.suspend', current.clientId, { reason: reason.trim() });
      return next;
    });
    return publicApp(db, updated);
  });

  app.post('/v1/admin/apps/:id/resume', async (request) => {
    const c = await operatorOnly(request);
    const current = ownApp(c, idOf(request));
    const updated = db.write(() => {
      const next = resumeApp(db, current.clientId);
      audit(db, c.actor, 'app.resume', current.clientId);
      return next;
    });
    return publicApp(db, updated);
  });

  /** The platform at a glance, for the operators' console: people, content, apps, sales and API use over 30 days. */
  app.get('/v1/admin/overview', async (request) => {
    await operatorOnly(request);
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const num = (sql: string, ...params: string[]): number => Number(Object.values(db.one<Record<string, unknown>>(sql, ...params) ?? {})[0] ?? 0);
    const apps = listApps(db);
    return {
      users: num('SELECT COUNT(*) AS n FROM users'),
      catalogueFigures: num('SELECT COUNT(*) AS n FROM figures'),
      spaceFigures: num('SELECT COUNT(*) AS n FROM space_figures'),
      apps: { total: apps.length, suspended: apps.filter((a) => a.suspendedAt).length },
      last30Days: {
        paidOrders: num("SELECT COUNT(*) AS n FROM orders WHERE status = 'paid' AND paid_at >= ?", since),
        revenue: num("SELECT COALESCE(SUM(price), 0) AS n FROM orders WHERE status = 'paid' AND paid_at >= ?", since),
        apiCalls: num('SELECT COALESCE(SUM(calls), 0) AS n FROM usage_daily WHERE day >= ?', since.slice(0, 10)),
        apiErrors: num('SELECT COALESCE(SUM(errors), 0) AS n FROM usage_daily WHERE day >= ?', since.slice(0, 10)),
      },
    };
  });

  app.get('/v1/admin/audit', async (request) => {
    await operatorOnly(request);
    const { before, app: clientId } = request.query as { before?: string; app?: string };
    const b = before === undefined ? undefined : Number(before);
    if (b !== undefined && (!Number.isInteger(b) || b < 1)) throw badRequest('"before" is an entry id', { parameter: 'before' });
    return { items: auditLog(db, { before: b, clientId: clientId || undefined }) };
  });
}
