import { createHash, randomBytes } from 'node:crypto';
import { nowIso, type Db } from './db/open';
import { ACTIONS, addGrant, entitlementsFor, type Action } from './entitlements';

/** A pending order may be paid for this long; then it expires and a new one is needed. */
export const ORDER_TTL_MS = 30 * 60_000;
/** The largest amount anything costs or credits, and the largest balance a wallet may hold. */
export const MAX_AMOUNT = 1_000_000;
export const MAX_BALANCE = 1_000_000_000;

export interface Offer {
  id: string;
  object: { type: 'figure' | 'node'; id: string };
  actions: Action[];
  periodDays: number;
  price: number;
  title: { 'zh-CN': string; en: string };
}

export interface Order {
  id: string;
  offerId: string;
  price: number;
  status: 'pending' | 'paid' | 'expired';
  /** What was bought, in both languages. */
  title: { 'zh-CN': string; en: string };
  createdAt: string;
  /** Until when a pending order may be paid. */
  expiresAt: string;
  paidAt: string | null;
  grantId: number | null;
}

interface OfferRow {
  id: string;
  object_type: 'figure' | 'node';
  object_id: string;
  actions: string;
  period_days: number;
  price: number;
  title_zh: string;
  title_en: string;
}
interface OrderRow {
  id: string;
  user_id: string;
  offer_id: string;
  price: number;
  status: 'pending' | 'paid';
  idempotency_key: string;
  request_hash: string;
  grant_id: number | null;
  created_at: string;
  paid_at: string | null;
  title_zh?: string;
  title_en?: string;
}

/** Why a commercial step was refused; the API maps each to a problem type. */
export class CommerceError extends Error {
  constructor(
    readonly code: 'offer_not_found' | 'order_not_found' | 'idempotency_key_reused' | 'insufficient_funds' | 'order_expired' | 'offer_changed' | 'already_entitled' | 'balance_limit',
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const offerJson = (r: OfferRow): Offer => ({
  id: r.id,
  object: { type: r.object_type, id: r.object_id },
  actions: JSON.parse(r.actions) as Action[],
  periodDays: r.period_days,
  price: r.price,
  title: { 'zh-CN': r.title_zh, en: r.title_en },
});
/** An order with the title of its offer (offers are never deleted, only withdrawn). */
const ORDER_SELECT = 'SELECT o.*, f.title_zh, f.title_en FROM orders o LEFT JOIN offers f ON f.id = o.offer_id';

const orderExpiry = (r: OrderRow) => new Date(Date.parse(r.created_at) + ORDER_TTL_MS);
const isExpired = (r: OrderRow, now = new Date()) => r.status === 'pending' && orderExpiry(r) <= now;
const orderJson = (r: OrderRow): Order => ({
  id: r.id,
  offerId: r.offer_id,
  price: r.price,
  status: isExpired(r) ? 'expired' : r.status,
  title: { 'zh-CN': r.title_zh ?? r.offer_id, en: r.title_en ?? r.offer_id },
  createdAt: r.created_at,
  expiresAt: orderExpiry(r).toISOString(),
  paidAt: r.paid_at,
  grantId: r.grant_id,
});

export function addOffer(db: Db, o: Omit<Offer, 'title'> & { title: { 'zh-CN': string; en: string } }): void {
  if (o.actions.length === 0 || o.actions.some((a) => !ACTIONS.includes(a))) throw new Error('bad actions');
  if (!Number.isSafeInteger(o.price) || o.price < 0 || o.price > MAX_AMOUNT) throw new Error(`a price is a whole number from 0 to ${MAX_AMOUNT}`);
  if (!Number.isSafeInteger(o.periodDays) || o.periodDays < 1 || o.periodDays > 3660) throw new Error('a period is 1 to 3660 days');
  db.run(`INSERT INTO offers (id, object_type, object_id, actions, period_days, price, title_zh, title_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, 
    o.id,
    o.object.type,
    o.object.id,
    JSON.stringify(o.actions),
    o.periodDays,
    o.price,
    o.title['zh-CN'],
    o.title.en,
  );
}

/** Offers that would grant rights on a figure: on the figure itself or on a node above it. */
export function offersForFigure(db: Db, figureId: string): Offer[] {
  const rows = db
    .all(`WITH RECURSIVE up(node_id) AS (
         SELECT node_id FROM figure_nodes WHERE figure_id = ?
         UNION SELECT n.parent_id FROM up JOIN dimension_nodes n ON n.id = up.node_id WHERE n.parent_id IS NOT NULL
       )
       SELECT * FROM offers WHERE active = 1 AND ((object_type = 'figure' AND object_id = ?) OR (object_type = 'node' AND object_id IN (SELECT node_id FROM up)))
       ORDER BY price, id`, figureId, figureId) as OfferRow[];
  return rows.map(offerJson);
}

export function findOffer(db: Db, id: string): Offer | undefined {
  const row = db.one('SELECT * FROM offers WHERE id = ? AND active = 1', id) as OfferRow | undefined;
  return row ? offerJson(row) : undefined;
}

/**
 * Until when the user already holds everything an offer would give, or undefined: buying what
 * one holds would only charge again. A right on a node counts only as the same node's right;
 * a figure's counts however it is held (the figure, a node above it, the free tier).
 */
export function heldUntil(db: Db, userId: string, offer: Offer, now = new Date()): string | null | undefined {
  if (offer.object.type === 'figure') {
    const e = entitlementsFor(db, { userId }, [offer.object.id], now).get(offer.object.id);
    return e && offer.actions.every((a) => e.actions.includes(a)) ? e.expiresAt : undefined;
  }
  const at = now.toISOString();
  const rows = db.all<{ actions: string; valid_until: string | null }>(
    `SELECT actions, valid_until FROM grants WHERE subject_type = 'user' AND subject_id = ? AND object_type = 'node' AND object_id = ?
       AND revoked_at IS NULL AND (valid_from IS NULL OR valid_from <= ?) AND (valid_until IS NULL OR valid_until > ?)`,
    userId,
    offer.object.id,
    at,
    at,
  );
  const covering = rows.filter((r) => offer.actions.every((a) => (JSON.parse(r.actions) as Action[]).includes(a)));
  if (covering.length === 0) return undefined;
  return covering.some((r) => r.valid_until === null) ? null : covering.map((r) => r.valid_until!).sort().at(-1)!;
}

function refuseIfHeld(db: Db, userId: string, offer: Offer): void {
  const until = heldUntil(db, userId, offer);
  if (until !== undefined) {
    throw new CommerceError('already_entitled', until ? `You already hold this until ${until}; buy again after it ends` : 'You already hold this, with no end date', { validUntil: until });
  }
}

/**
 * Creates an order at the offer's current price. The same idempotency key with the same request
 * returns the first order (`created: false`); with a different request it is refused.
 */
export function createOrder(db: Db, userId: string, offerId: string, idempotencyKey: string): { order: Order; created: boolean } {
  const requestHash = createHash('sha256').update(JSON.stringify({ offerId })).digest('base64url');
  return db.write(() => {
    const existing = db.one(ORDER_SELECT + ' WHERE o.user_id = ? AND o.idempotency_key = ?', userId, idempotencyKey) as OrderRow | undefined;
    if (existing) {
      if (existing.request_hash !== requestHash) throw new CommerceError('idempotency_key_reused', 'This Idempotency-Key was used for a different order');
      return { order: orderJson(existing), created: false };
    }
    const offer = findOffer(db, offerId);
    if (!offer) throw new CommerceError('offer_not_found', `No offer "${offerId}"`);
    refuseIfHeld(db, userId, offer);
    const id = `ord_${randomBytes(12).toString('base64url')}`;
    db.run(`INSERT INTO orders (id, user_id, offer_id, price, status, idempotency_key, request_hash, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`, id, userId, offerId, offer.price, idempotencyKey, requestHash, nowIso());
    return { order: orderJson(db.one(ORDER_SELECT + ' WHERE o.id = ?', id) as OrderRow), created: true };
  });
}

/**
 * Pays an order from the wallet. The balance check, the debit, the ledger line, the new grant
 * and the order's status commit in one transaction: paying twice charges once, and no set of
 * concurrent payments can take a balance below zero (the CHECK constraint is the last guard).
 */
export function payOrder(db: Db, userId: string, orderId: string): { order: Order; charged: boolean } {
  try {
    return chargeOrder(db, userId, orderId);
  } catch (err) {
    // A refused payment leaves no pending order behind: the buyer tops up and orders again.
    if (err instanceof CommerceError && err.code === 'insufficient_funds') db.run(`DELETE FROM orders WHERE id = ? AND user_id = ? AND status = 'pending'`, orderId, userId);
    throw err;
  }
}

function chargeOrder(db: Db, userId: string, orderId: string): { order: Order; charged: boolean } {
  return db.write(() => {
    const row = db.one(ORDER_SELECT + ' WHERE o.id = ? AND o.user_id = ?', orderId, userId) as OrderRow | undefined;
    if (!row) throw new CommerceError('order_not_found', `No order "${orderId}"`);
    if (row.status === 'paid') return { order: orderJson(row), charged: false };
    if (isExpired(row)) throw new CommerceError('order_expired', `This order expired at ${orderExpiry(row).toISOString()}: place a new one`);
    // The offer as it is now: withdrawn or repriced since the order was placed, it is not sold.
    const current = findOffer(db, row.offer_id);
    if (!current) throw new CommerceError('offer_changed', 'This offer is no longer sold', { offer: null });
    if (current.price !== row.price) {
      throw new CommerceError('offer_changed', `This offer now costs ${current.price}, not ${row.price}: place a new order`, { price: current.price });
    }
    refuseIfHeld(db, userId, current);
    const balance = (db.one('SELECT balance FROM wallets WHERE user_id = ?', userId) as { balance: number } | undefined)?.balance ?? 0;
    if (balance < row.price) {
      throw new CommerceError('insufficient_funds', `The wallet holds ${balance}; this order costs ${row.price}`, { balance, price: row.price });
    }
    const after = balance - row.price;
    const now = new Date();
    db.run('INSERT INTO wallets (user_id, balance) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET balance = excluded.balance', userId, after);
    db.run(`INSERT INTO ledger (user_id, amount, balance_after, kind, order_id, note, created_at) VALUES (?, ?, ?, 'purchase', ?, ?, ?)`, 
      userId,
      -row.price,
      after,
      row.id,
      current.title.en,
      now.toISOString(),
    );
    const grantId = addGrant(db, {
      subjectType: 'user',
      subjectId: userId,
      objectType: current.object.type,
      objectId: current.object.id,
      actions: current.actions,
      validFrom: now.toISOString(),
      validUntil: new Date(now.getTime() + current.periodDays * 86400_000).toISOString(),
      source: `order:${row.id}`,
    });
    db.run(`UPDATE orders SET status = 'paid', paid_at = ?, grant_id = ? WHERE id = ?`, now.toISOString(), grantId, row.id);
    return { order: orderJson(db.one(ORDER_SELECT + ' WHERE o.id = ?', row.id) as OrderRow), charged: true };
  });
}

export function listOrders(db: Db, userId: string): Order[] {
  return (db.all(ORDER_SELECT + ' WHERE o.user_id = ? ORDER BY o.created_at DESC, o.id DESC LIMIT 200', userId) as OrderRow[]).map(orderJson);
}

export function creditWallet(db: Db, userId: string, amount: number, note = 'credit'): number {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_AMOUNT) throw new Error(`a credit is a whole number from 1 to ${MAX_AMOUNT}`);
  return db.write(() => {
    const balance = (db.one('SELECT balance FROM wallets WHERE user_id = ?', userId) as { balance: number } | undefined)?.balance ?? 0;
    const after = balance + amount;
    if (after > MAX_BALANCE) throw new CommerceError('balance_limit', `A wallet holds at most ${MAX_BALANCE}; this one holds ${balance}`, { balance });
    db.run('INSERT INTO wallets (user_id, balance) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET balance = excluded.balance', userId, after);
    db.run(`INSERT INTO ledger (user_id, amount, balance_after, kind, note, created_at) VALUES (?, ?, ?, 'credit', ?, ?)`, userId, amount, after, note, nowIso());
    return after;
  });
}

export function wallet(db: Db, userId: string) {
  const balance = (db.one('SELECT balance FROM wallets WHERE user_id = ?', userId) as { balance: number } | undefined)?.balance ?? 0;
  const ledger = db
    .all('SELECT amount, balance_after AS balanceAfter, kind, order_id AS orderId, note, created_at AS createdAt FROM ledger WHERE user_id = ? ORDER BY id DESC LIMIT 100', userId);
  return { balance, currency: 'NPC', ledger };
}

export interface Quote {
  offer: Offer;
  price: number;
  balance: number;
  /** The rights the purchase would give, if paid now. */
  validFrom: string;
  validUntil: string;
  affordable: boolean;
}

/** What an offer would cost this user now, and what it would give: nothing is written. */
export function quote(db: Db, userId: string, offerId: string, now = new Date()): Quote {
  const offer = findOffer(db, offerId);
  if (!offer) throw new CommerceError('offer_not_found', `No offer "${offerId}"`);
  const balance = (db.one('SELECT balance FROM wallets WHERE user_id = ?', userId) as { balance: number } | undefined)?.balance ?? 0;
  return {
    offer,
    price: offer.price,
    balance,
    validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + offer.periodDays * 86400_000).toISOString(),
    affordable: balance >= offer.price,
  };
}
