import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_TEACHER_FIGURES, DEMO_TEXTBOOK_KEY, DEMO_WALLETS, creditWallet, addOffer, hashPassword } from '@netpad/platform';
import { appToken, startPlatform, userToken, type Running } from './helpers.ts';

interface Order {
  id: string;
  status: string;
  price: number;
  grantId: number | null;
}

describe('orders and wallets', () => {
  let run: Running;
  let teacher: string;
  let student: string;
  before(async () => {
    // Writes are limited per user; these tests place bursts of orders on purpose.
    run = await startPlatform({ rateLimit: { userWritesPerMinute: 0 } });
    teacher = await userToken(run.url, 'teacher', 'teacher-demo');
    student = await userToken(run.url, 'student', 'student-demo');
  });
  after(() => run.close());

  const call = (path: string, token: string | undefined, init: RequestInit & { json?: unknown; key?: string } = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    if (init.key) headers['idempotency-key'] = init.key;
    return fetch(`${run.url}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };
  const balance = async (token: string) => ((await (await call('/v1/wallet', token)).json()) as { balance: number }).balance;

  it('lists the offers that would grant a figure, and names them in the 403', async () => {
    const offers = (await (await call('/v1/offers?figure=unit-circle', undefined)).json()) as { items: { id: string; price: number }[] };
    assert.deepEqual(offers.items.map((o) => o.id), ['figure-unit-circle-month', 'stage-senior-year']);
    const refused = await call('/v1/figures/unit-circle/document', teacher);
    assert.equal(refused.status, 403);
    const problem = (await refused.json()) as { offers: { id: string }[]; missing: string[] };
    assert.deepEqual(problem.offers.map((o) => o.id), ['figure-unit-circle-month', 'stage-senior-year']);
  });

  it('buys a figure: quote, create, pay; the grant appears and the figure opens', async () => {
    const before = await balance(teacher);
    assert.equal(before, DEMO_WALLETS.usr_teacher);
    const created = await call('/v1/orders', teacher, { method: 'POST', json: { offerId: 'figure-unit-circle-month' }, key: randomUUID() });
    assert.equal(created.status, 201);
    const order = (await created.json()) as Order;
    assert.equal(order.status, 'pending');
    assert.equal(order.price, 10);
    const paid = await call(`/v1/orders/${order.id}/pay`, teacher, { method: 'POST' });
    assert.equal(paid.status, 200);
    const result = (await paid.json()) as { order: Order; charged: boolean };
    assert.equal(result.charged, true);
    assert.equal(result.order.status, 'paid');
    assert.equal(await balance(teacher), before - 10);
    const doc = await call('/v1/figures/unit-circle/document', teacher);
    assert.equal(doc.status, 200);
    const rights = JSON.parse(doc.headers.get('netpad-entitlement')!) as { actions: string[]; expiresAt: string };
    assert.deepEqual(rights.actions, ['view', 'edit', 'save_as']);
    assert.ok(Date.parse(rights.expiresAt) > Date.now() + 29 * 86400_000);
    const history = (await (await call('/v1/orders', teacher)).json()) as { items: Order[] };
    assert.equal(history.items[0]!.id, order.id);
    const ledger = (await (await call('/v1/wallet', teacher)).json()) as { ledger: { amount: number; kind: string }[] };
    assert.deepEqual(ledger.ledger[0], { ...ledger.ledger[0], amount: -10, kind: 'purchase' });
  });

  it('quotes an offer without writing anything', async () => {
    const before = await balance(student);
    const res = await call('/v1/orders/quote', student, { method: 'POST', json: { offerId: 'stage-senior-year' } });
    assert.equal(res.status, 200);
    const q = (await res.json()) as { price: number; balance: number; affordable: boolean; validUntil: string };
    assert.deepEqual([q.price, q.balance, q.affordable], [200, DEMO_WALLETS.usr_student, false]);
    assert.ok(Date.parse(q.validUntil) > Date.now() + 364 * 86400_000);
    assert.equal(await balance(student), before);
    assert.deepEqual(((await (await call('/v1/orders', student)).json()) as { items: unknown[] }).items, []);
  });

  it('charges once for a retried order and a retried payment', async () => {
    const before = await balance(teacher);
    const key = randomUUID();
    const first = await call('/v1/orders', teacher, { method: 'POST', json: { offerId: 'figure-cycloid-month' }, key });
    const retry = await call('/v1/orders', teacher, { method: 'POST', json: { offerId: 'figure-cycloid-month' }, key });
    assert.equal(first.status, 201);
    assert.equal(retry.status, 200);
    const a = (await first.json()) as Order;
    const b = (await retry.json()) as Order;
    assert.equal(a.id, b.id);
    const pays = await Promise.all([1, 2, 3].map(() => call(`/v1/orders/${a.id}/pay`, teacher, { method: 'POST' })));
    const results = (await Promise.all(pays.map((p) => p.json()))) as { charged: boolean }[];
    assert.equal(results.filter((r) => r.charged).length, 1);
    assert.equal(await balance(teacher), before - 10);
    const reused = await call('/v1/orders', teacher, { method: 'POST', json: { offerId: 'figure-unit-circle-month' }, key });
    assert.equal(reused.status, 422);
  });

  it('gives exactly 10 of 50 concurrent purchases to a balance that covers 10, with a correct ledger', async () => {
    const db = run.platform.db;
    db.run(`INSERT INTO users (id, username, password_hash, display_name, created_at) VALUES ('usr_buyer', 'buyer', ?, 'buyer', '2026-01-01')`, 
      await hashPassword('buyer-password'),
    );
    // Fifty different rights (one per knowledge point), so none is refused as already held.
    const points = db.all<{ id: string }>(`SELECT id FROM dimension_nodes WHERE level = 'point' ORDER BY id LIMIT 50`);
    assert.equal(points.length, 50);
    points.forEach((p, i) => addOffer(db, { id: `cheap-${i}`, object: { type: 'node', id: p.id }, actions: ['edit'], periodDays: 1, price: 7, title: { 'zh-CN': '测试', en: 'test' } }));
    creditWallet(db, 'usr_buyer', 70);
    const token = await userToken(run.url, 'buyer', 'buyer-password');
    const orders = await Promise.all(
      points.map((_, i) => call('/v1/orders', token, { method: 'POST', json: { offerId: `cheap-${i}` }, key: randomUUID() }).then((r) => r.json() as Promise<Order>)),
    );
    const pays = await Promise.all(orders.map((o) => call(`/v1/orders/${o.id}/pay`, token, { method: 'POST' })));
    const statuses = pays.map((p) => p.status);
    assert.equal(statuses.filter((s) => s === 200).length, 10);
    assert.equal(statuses.filter((s) => s === 402).length, 40);
    const w = (await (await call('/v1/wallet', token)).json()) as { balance: number; ledger: { amount: number; balanceAfter: number }[] };
    assert.equal(w.balance, 0);
    const purchases = w.ledger.filter((l) => l.amount < 0);
    assert.equal(purchases.length, 10);
    assert.equal(w.ledger.reduce((sum, l) => sum + l.amount, 0), 0);
    assert.ok(w.ledger.every((l) => l.balanceAfter >= 0));
    const grants = db.one(`SELECT count(*) AS n FROM grants WHERE subject_id = 'usr_buyer'`) as { n: number };
    assert.equal(grants.n, 10);
  });

  it('refuses what is not a user’s to do, and bad input', async () => {
    const app = ((await (await appToken(run.url, 'demo-textbook', DEMO_TEXTBOOK_KEY)).json()) as { access_token: string }).access_token;
    const cases: [string, Promise<Response>, number, string][] = [
      ['no token', call('/v1/wallet', undefined), 401, 'sign_in_required'],
      ['an app token', call('/v1/wallet', app), 403, 'user_required'],
      ['no idempotency key', call('/v1/orders', student, { method: 'POST', json: { offerId: 'stage-senior-year' } }), 400, 'invalid_request'],
      ['a short idempotency key', call('/v1/orders', student, { method: 'POST', json: { offerId: 'stage-senior-year' }, key: 'x' }), 400, 'invalid_request'],
      ['an unknown offer', call('/v1/orders', student, { method: 'POST', json: { offerId: 'nope' }, key: randomUUID() }), 404, 'not_found'],
      ['a wrong type', call('/v1/orders', student, { method: 'POST', json: { offerId: 42 }, key: randomUUID() }), 400, 'invalid_request'],
      ['an array body', call('/v1/orders', student, { method: 'POST', json: [], key: randomUUID() }), 400, 'invalid_request'],
      ['someone else’s order', call('/v1/orders/ord_AAAAAAAAAAAAAAAA/pay', student, { method: 'POST' }), 404, 'not_found'],
      ['offers without a figure', call('/v1/offers', undefined), 400, 'invalid_request'],
      ['offers of an unknown figure', call('/v1/offers?figure=nope', undefined), 404, 'not_found'],
    ];
    for (const [name, pending, status, type] of cases) {
      const res = await pending;
      assert.equal(res.status, status, name);
      assert.equal(((await res.json()) as { type: string }).type, `https://netpad.dev/problems/${type}`, name);
    }
  });

  it('says plainly when the wallet is short', async () => {
    const order = (await (await call('/v1/orders', student, { method: 'POST', json: { offerId: 'stage-senior-year' }, key: randomUUID() })).json()) as Order;
    const res = await call(`/v1/orders/${order.id}/pay`, student, { method: 'POST' });
    assert.equal(res.status, 402);
    const problem = (await res.json()) as { balance: number; price: number };
    assert.deepEqual([problem.balance, problem.price], [DEMO_WALLETS.usr_student, 200]);
    assert.equal(await balance(student), DEMO_WALLETS.usr_student);
    // The refused order is not left pending in the student's list.
    const listed = (await (await call('/v1/orders', student)).json()) as { items: Order[] };
    assert.ok(!listed.items.some((o) => o.id === order.id), 'no pending order left behind');
  });

  it('lists what a user owns, with names, until when and from which order', async () => {
    const me = (await (await call('/v1/me', teacher)).json()) as { username: string; displayName: string };
    assert.deepEqual([me.username, me.displayName], ['teacher', '王老师 (teacher)']);
    const { items } = (await (await call('/v1/me/rights', teacher)).json()) as {
      items: { object: { type: string; id: string; name: { 'zh-CN': string; en: string } }; actions: string[]; validUntil: string | null; active: boolean; source: { kind: string; orderId?: string } }[];
    };
    const owned = items.find((r) => r.object.id === DEMO_TEACHER_FIGURES.owned)!;
    assert.equal(owned.active, true);
    assert.deepEqual(owned.actions, ['view', 'edit', 'save_as']);
    assert.match(owned.object.name['zh-CN'], /椭圆/);
    assert.ok(owned.validUntil && Date.parse(owned.validUntil) > Date.now());
    const lapsed = items.find((r) => r.object.id === DEMO_TEACHER_FIGURES.expired)!;
    assert.equal(lapsed.active, false, 'a right that ended is listed as ended');
    assert.ok(items.indexOf(owned) < items.indexOf(lapsed), 'current rights first');
    // A bought right names its order.
    const bought = items.find((r) => r.source.kind === 'order');
    if (bought) assert.match(bought.source.orderId!, /^ord_/);
    const orders = (await (await call('/v1/orders', teacher)).json()) as { items: (Order & { title: { 'zh-CN': string } })[] };
    for (const o of orders.items) assert.ok(o.title['zh-CN'].length > 0);
    assert.equal((await call('/v1/me/rights', undefined)).status, 401);
  });
});
