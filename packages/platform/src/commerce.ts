import { createHash, randomBytes } from 'node:crypto';
import { nowIso, type Db } from './db/open';
import { ACTIONS, addGrant, type Action } from './entitlements';

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
  status: 'pending' | 'paid';
  createdAt: string;
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
}

/** Why a commercial step was refused; the API maps each to a problem type. */
export class CommerceError extends Error {
  constructor(
    readonly code: 'offer_not_found' | 'order_not_found' | 'idempotency_key_reused' | 'insufficient_funds',
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
const orderJson = (r: OrderRow): Order => ({
  id: r.id,
  offerId: r.offer_id,
  price: r.price,
  status: r.status,
  createdAt: r.created_at,
  paidAt: r.paid_at,
  grantId: r.grant_id,
});

export function addOffer(db: Db, o: Omit<Offer, 'title'> & { title: { 'zh-CN': string; en: string } }): void {
  if (o.actions.length === 0 || o.actions.some((a) => !ACTIONS.includes(a))) throw new Error('bad actions');
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
 * Creates an order at the offer's current price. The same idempotency key with the same request
 * returns the first order (`created: false`); with a different request it is refused.
 */
export function createOrder(db: Db, userId: string, offerId: string, idempotencyKey: string): { order: Order; created: boolean } {
  const requestHash = createHash('sha256').update(JSON.stringify({ offerId })).digest('base64url');
  return db.write(() => {
    const existing = db.one('SELECT * FROM orders WHERE user_id = ? AND idempotency_key = ?', userId, idempotencyKey) as OrderRow | undefined;
    if (existing) {
      if (existing.request_hash !== requestHash) throw new CommerceError('idempotency_key_reused', 'This Idempotency-Key was used for a different order');
      return { order: orderJson(existing), created: false };
    }
    const offer = findOffer(db, offerId);
    if (!offer) throw new CommerceError('offer_not_found', `No offer "${offerId}"`);
    const id = `ord_${randomBytes(12).toString('base64url')}`;
    db.run(`INSERT INTO orders (id, user_id, offer_id, price, status, idempotency_key, request_hash, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`, id, userId, offerId, offer.price, idempotencyKey, requestHash, nowIso());
    return { order: orderJson(db.one('SELECT * FROM orders WHERE id = ?', id) as OrderRow), created: true };
  });
}

/**
 * Pays an order from the wallet. The balance check, the debit, the ledger line, the new grant
 * and the order's status commit in one transaction: paying twice charges once, and no set of
 * concurrent payments can take a balance below zero (the CHECK constraint is the last guard).
 */
export function payOrder(db: Db, userId: string, orderId: string): { order: Order; charged: boolean } {
  return db.write(() => {
    const row = db.one('SELECT * FROM orders WHERE id = ? AND user_id = ?', orderId, userId) as OrderRow | undefined;
    if (!row) throw new CommerceError('order_not_found', `No order "${orderId}"`);
    if (row.status === 'paid') return { order: orderJson(row), charged: false };
    const offer = db.one('SELECT * FROM offers WHERE id = ?', row.offer_id) as OfferRow;
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
      offer.title_en,
      now.toISOString(),
    );
    const grantId = addGrant(db, {
      subjectType: 'user',
      subjectId: userId,
      objectType: offer.object_type,
      objectId: offer.object_id,
      actions: JSON.parse(offer.actions) as Action[],
      validFrom: now.toISOString(),
      validUntil: new Date(now.getTime() + offer.period_days * 86400_000).toISOString(),
      source: `order:${row.id}`,
    });
    db.run(`UPDATE orders SET status = 'paid', paid_at = ?, grant_id = ? WHERE id = ?`, now.toISOString(), grantId, row.id);
    return { order: orderJson(db.one('SELECT * FROM orders WHERE id = ?', row.id) as OrderRow), charged: true };
  });
}

export function listOrders(db: Db, userId: string): Order[] {
  return (db.all('SELECT * FROM orders WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 200', userId) as OrderRow[]).map(orderJson);
}

export function creditWallet(db: Db, userId: string, amount: number, note = 'credit'): number {
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('a credit is a positive whole number');
  return db.write(() => {
    const balance = (db.one('SELECT balance FROM wallets WHERE user_id = ?', userId) as { balance: number } | undefined)?.balance ?? 0;
    const after = balance + amount;
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
