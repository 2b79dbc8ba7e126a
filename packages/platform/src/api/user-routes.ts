import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/open';
import type { VerifiedToken } from '../auth/verify';
import { CommerceError, createOrder, findOffer, listOrders, offersForFigure, payOrder, quote, wallet } from '../commerce';
import { createSpaceFigure, deleteSpaceFigure, getSpaceFigure, listSpace, SpaceError, updateSpaceFigure } from '../space';
import { entitlementsFor, rightsOf } from '../entitlements';
import { LIMITS } from '@netpad/figure';
import { badRequest, notFound, ProblemError } from './problem';

export interface UserRoutesDeps {
  db: Db;
  principal: (request: FastifyRequest) => Promise<VerifiedToken | undefined>;
  challenge: (error?: string, description?: string) => string;
}

const FIGURE_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const SPACE_ID = /^sf_[A-Za-z0-9_-]{16}$/;
const ORDER_ID = /^ord_[A-Za-z0-9_-]{16}$/;

/** A figure document plus JSON overhead: space routes take more than the API's default cap. */
const SPACE_BODY_LIMIT = LIMITS.documentBytes + 16 * 1024;

function commerceProblem(err: CommerceError): ProblemError {
  switch (err.code) {
    case 'offer_not_found':
    case 'order_not_found':
      return notFound(err.message);
    case 'idempotency_key_reused':
      return new ProblemError(422, 'idempotency_key_reused', 'Idempotency key reused', err.message);
    case 'insufficient_funds':
      return new ProblemError(402, 'insufficient_funds', 'Insufficient funds', err.message, err.extra);
    case 'order_expired':
      return new ProblemError(410, 'order_expired', 'Order expired', err.message);
    case 'offer_changed':
      return new ProblemError(409, 'offer_changed', 'Offer changed', err.message, err.extra);
    case 'already_entitled':
      return new ProblemError(409, 'already_entitled', 'Already entitled', err.message, err.extra);
    case 'balance_limit':
      return new ProblemError(422, 'balance_limit', 'Balance limit', err.message, err.extra);
  }
}

function spaceProblem(err: SpaceError): ProblemError {
  switch (err.code) {
    case 'not_found':
      return notFound(err.message);
    case 'invalid_document':
      return new ProblemError(422, 'invalid_document', 'Invalid figure document', err.message, {
        errors: err.errors.map((e) => ({ path: e.path, code: e.code, message: e.message, messages: e.messages })),
        // The list holds the first problems only; this says how many there were.
        total: err.total,
      });
    case 'precondition_failed':
      return new ProblemError(412, 'precondition_failed', 'Precondition failed', err.message);
    case 'space_full':
      return new ProblemError(409, 'space_full', 'Space full', err.message);
  }
}

/** Runs a domain call and turns its errors into problems. */
function domain<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CommerceError) throw commerceProblem(err);
    if (err instanceof SpaceError) throw spaceProblem(err);
    throw err;
  }
}

export function registerUserRoutes(app: FastifyInstance, deps: UserRoutesDeps): void {
  const { db } = deps;

  /** Orders, wallets and spaces belong to a person: an app token alone is not enough. */
  const requireUser = async (request: FastifyRequest): Promise<string> => {
    const token = await deps.principal(request);
    if (!token) throw new ProblemError(401, 'sign_in_required', 'Sign-in required', 'Sign in to use your orders, wallet and space.', {}, { 'www-authenticate': deps.challenge() });
    if (!token.userId) throw new ProblemError(403, 'user_required', 'A user is required', 'This needs a user token (sign-in), not an app token.');
    return token.userId;
  };
  const body = (request: FastifyRequest): Record<string, unknown> => {
    const b = request.body;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('The body must be a JSON object');
    return b as Record<string, unknown>;
  };

  app.get('/v1/offers', async (request) => {
    const { figure } = request.query as Record<string, unknown>;
    if (typeof figure !== 'string' || !FIGURE_ID.test(figure)) throw badRequest('Give ?figure=<figure id>', { parameter: 'figure' });
    if (!db.one('SELECT 1 FROM figures WHERE id = ?', figure)) throw notFound(`No figure "${figure}"`);
    return { items: offersForFigure(db, figure) };
  });

  app.get('/v1/offers/:id', async (request) => {
    const offer = findOffer(db, (request.params as { id: string }).id);
    if (!offer) throw notFound('No such offer');
    return offer;
  });

  app.post('/v1/orders/quote', async (request) => {
    const userId = await requireUser(request);
    const { offerId } = body(request);
    if (typeof offerId !== 'string' || offerId.length > 100) throw badRequest('"offerId" must be an offer id', { parameter: 'offerId' });
    return domain(() => quote(db, userId, offerId));
  });

  app.post('/v1/orders', async (request, reply) => {
    const userId = await requireUser(request);
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw badRequest('An Idempotency-Key header of 8–100 letters, digits or _.:- is required: reuse it when you retry', { parameter: 'Idempotency-Key' });
    }
    const { offerId } = body(request);
    if (typeof offerId !== 'string' || offerId.length > 100) throw badRequest('"offerId" must be an offer id', { parameter: 'offerId' });
    const { order, created } = domain(() => createOrder(db, userId, offerId, key));
    return reply.code(created ? 201 : 200).header('location', `/v1/orders/${order.id}`).send(order);
  });

  app.post('/v1/orders/:id/pay', async (request) => {
    const userId = await requireUser(request);
    const { id } = request.params as { id: string };
    if (!ORDER_ID.test(id)) throw notFound(`No order "${id}"`);
    return domain(() => payOrder(db, userId, id));
  });

  app.get('/v1/me', async (request) => {
    const userId = await requireUser(request);
    const user = db.one<{ id: string; username: string; display_name: string; role: string }>('SELECT id, username, display_name, role FROM users WHERE id = ?', userId);
    if (!user) throw notFound('This account no longer exists');
    // `operator`: the web app shows its console link (the console's API checks the role itself).
    return { id: user.id, username: user.username, displayName: user.display_name, operator: user.role === 'operator' };
  });
  /** What the user owns: each right with the name of what it opens, until when, and from which order. */
  app.get('/v1/me/rights', async (request) => ({ items: rightsOf(db, await requireUser(request)) }));

  app.get('/v1/orders', async (request) => ({ items: listOrders(db, await requireUser(request)) }));
  app.get('/v1/wallet', async (request) => wallet(db, await requireUser(request)));

  app.get('/v1/space/figures', async (request) => ({ items: listSpace(db, await requireUser(request)) }));

  app.post('/v1/space/figures', { bodyLimit: SPACE_BODY_LIMIT }, async (request, reply) => {
    const userId = await requireUser(request);
    const b = body(request);
    let figure;
    if ('from' in b) {
      const from = b.from;
      if (typeof from !== 'string' || !FIGURE_ID.test(from)) throw badRequest('"from" must be a catalogue figure id', { parameter: 'from' });
      const source = db.one('SELECT document FROM figures WHERE id = ?', from) as { document: string } | undefined;
      if (!source) throw notFound(`No figure "${from}"`);
      const token = await deps.principal(request);
      const entitlement = entitlementsFor(db, token!, [from]).get(from)!;
      if (!entitlement.actions.includes('save_as')) {
        throw new ProblemError(403, 'insufficient_entitlement', 'Insufficient entitlement', `Saving a copy of "${from}" needs save_as.`, {
          figure: from,
          missing: ['save_as'],
          entitlement,
          offers: offersForFigure(db, from).filter((o) => o.actions.includes('save_as')),
        });
      }
      figure = domain(() => createSpaceFigure(db, userId, JSON.parse(source.document), from));
    } else {
      if (!('document' in b)) throw badRequest('Give {"document": {...}} or {"from": "<figure id>"}', { parameter: 'document' });
      figure = domain(() => createSpaceFigure(db, userId, b.document));
    }
    return reply.code(201).header('location', `/v1/space/figures/${figure.id}`).header('etag', figure.etag).send(figure);
  });

  app.get('/v1/space/figures/:id', async (request, reply) => {
    const userId = await requireUser(request);
    const { id } = request.params as { id: string };
    if (!SPACE_ID.test(id)) throw notFound(`No figure "${id}" in your space`);
    const { figure, document } = domain(() => getSpaceFigure(db, userId, id));
    reply.header('etag', figure.etag).header('cache-control', 'private, no-cache');
    if (request.headers['if-none-match'] === figure.etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(document);
  });

  app.put('/v1/space/figures/:id', { bodyLimit: SPACE_BODY_LIMIT }, async (request, reply) => {
    const userId = await requireUser(request);
    const { id } = request.params as { id: string };
    if (!SPACE_ID.test(id)) throw notFound(`No figure "${id}" in your space`);
    const ifMatch = request.headers['if-match'];
    if (typeof ifMatch !== 'string') {
      throw new ProblemError(428, 'precondition_required', 'Precondition required', 'Send If-Match with the ETag you read, so a stale copy never overwrites a newer one.');
    }
    const figure = domain(() => updateSpaceFigure(db, userId, id, ifMatch, request.body));
    return reply.header('etag', figure.etag).send(figure);
  });

  app.delete('/v1/space/figures/:id', async (request, reply) => {
    const userId = await requireUser(request);
    const { id } = request.params as { id: string };
    if (!SPACE_ID.test(id)) throw notFound(`No figure "${id}" in your space`);
    const ifMatch = request.headers['if-match'];
    domain(() => deleteSpaceFigure(db, userId, id, typeof ifMatch === 'string' ? ifMatch : undefined));
    return reply.code(204).send();
  });
}
