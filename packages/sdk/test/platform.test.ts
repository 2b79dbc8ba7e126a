import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_TEXTBOOK_KEY } from '@netpad/platform';
import { NetpadClient, staticToken, SignInRequiredError, InsufficientEntitlementError, ConflictError, InvalidDocumentError, ConfigurationError, type TokenProvider } from '@netpad/sdk';
import { startPlatform, userToken, type Running } from '../../platform/test/helpers.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A fetch that counts requests by method and path. */
function countingFetch() {
  const counts = new Map<string, number>();
  const counted: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return fetch(input, init);
  };
  return { fetch: counted, count: (key: string) => counts.get(key) ?? 0 };
}

describe('@netpad/sdk against the real platform', () => {
  let run: Running;
  before(async () => {
    run = await startPlatform();
  });
  after(() => run.close());

  it('fetches an entitled figure with app credentials, sharing one token among concurrent callers', async () => {
    const http = countingFetch();
    const client = new NetpadClient({ platform: run.url, clientId: 'demo-textbook', appKey: DEMO_TEXTBOOK_KEY, fetch: http.fetch });
    const results = await Promise.all(['triangle-centres', 'linear-function', 'pythagoras'].map((id) => client.figures.get(id)));
    assert.deepEqual(results.map((r) => r.entitlement.actions), [['view'], ['view'], ['view']]);
    assert.equal(results[0]!.document.format, 'netpad-figure');
    assert.equal(http.count('POST /token'), 1);
    await client.figures.metadata('unit-circle');
    assert.equal(http.count('POST /token'), 1, 'the cached token is reused');
  });

  it('revalidates with the ETag: the second get is a 304 served from the cache', async () => {
    const client = new NetpadClient({ platform: run.url, clientId: 'demo-textbook', appKey: DEMO_TEXTBOOK_KEY });
    const first = await client.figures.get('triangle-centres');
    const second = await client.figures.get('triangle-centres');
    assert.equal(first.fromCache, false);
    assert.equal(second.fromCache, true);
    assert.deepEqual(second.document, first.document);
    assert.deepEqual(second.entitlement.actions, ['view']);
  });

  it('shares one request among identical concurrent GETs', async () => {
    const http = countingFetch();
    const client = new NetpadClient({ platform: run.url, clientId: 'demo-blog', fetch: http.fetch });
    await Promise.all(Array.from({ length: 5 }, () => client.figures.metadata('rectangle-area')));
    assert.equal(http.count('GET /v1/figures/rectangle-area'), 1);
  });

  it('merges entitlement checks made in one task into batches of at most 50', async () => {
    const http = countingFetch();
    const client = new NetpadClient({ platform: run.url, clientId: 'demo-textbook', appKey: DEMO_TEXTBOOK_KEY, fetch: http.fetch });
    const ids = (await collect(client.catalog.search({}, { pageSize: 100 }))).map((f) => f.id);
    assert.ok(ids.length >= 40);
    const many = [...ids, ...ids.map((id) => `${id}-copy`), 'x-1', 'x-2', 'x-3', 'x-4', 'x-5', 'x-6', 'x-7', 'x-8', 'x-9', 'x-10', 'x-11', 'x-12', 'x-13', 'x-14', 'x-15', 'x-16'];
    // As a page with a hundred figures does: each asks for itself, in the same task.
    const answers = await Promise.all(many.map((id) => client.entitlements.check([id])));
    assert.equal(http.count('POST /v1/entitlements/check'), Math.ceil(many.length / 50));
    assert.deepEqual(answers[ids.indexOf('triangle-centres')]!['triangle-centres']!.actions, ['view']);
    assert.equal(answers[many.indexOf('x-1')]!['x-1'], null);
  });

  it('pages through the catalogue with an async iterator', async () => {
    const client = new NetpadClient({ platform: run.url, clientId: 'demo-blog' });
    const junior = await collect(client.catalog.search({ stage: 'junior' }, { pageSize: 4 }));
    assert.ok(junior.length > 4);
    assert.ok(junior.every((f) => f.stage === 'junior'));
    assert.equal(new Set(junior.map((f) => f.id)).size, junior.length);
  });

  it('maps refusals to typed errors', async () => {
    // In Node nobody can sign in: a client without credentials is told it lacks its app key.
    const anonymous = new NetpadClient({ platform: run.url, clientId: 'demo-blog' });
    await assert.rejects(anonymous.figures.get('unit-circle'), (err: unknown) => {
      assert.ok(err instanceof ConfigurationError, String(err));
      assert.match(err.message, /appKey/);
      assert.ok(err.cause instanceof SignInRequiredError);
      return true;
    });
    const app = new NetpadClient({ platform: run.url, clientId: 'demo-textbook', appKey: DEMO_TEXTBOOK_KEY });
    await assert.rejects(app.figures.get('unit-circle'), (err: unknown) => {
      assert.ok(err instanceof InsufficientEntitlementError);
      assert.deepEqual(err.missing, ['view']);
      // An app is offered no wallet purchase: it licenses figures from the operator.
      assert.deepEqual(err.offers, []);
      assert.match(String(err.problem?.licensing), /grants add --app/);
      return true;
    });
    // A user is offered what would open the figure.
    const student = new NetpadClient({ platform: run.url, clientId: 'demo-blog', tokenProvider: staticToken(await userToken(run.url, 'student', 'student-demo')) });
    await assert.rejects(student.figures.get('unit-circle'), (err: unknown) => err instanceof InsufficientEntitlementError && err.offers.length > 0 && typeof err.offers[0]!.price === 'number');
    // A token provider that hands back an error page is named as the mistake it is.
    const broken = new NetpadClient({ platform: run.url, clientId: 'demo-blog', tokenProvider: { getToken: async () => '<html><body>502 Bad Gateway</body></html>' } });
    await assert.rejects(broken.figures.get('unit-circle'), (err: unknown) => err instanceof ConfigurationError && /not an access token: "<html>/.test(err.message));
    const json = new NetpadClient({ platform: run.url, clientId: 'demo-blog', tokenProvider: { getToken: async () => ({ error: 'nope' }) as unknown as string } });
    await assert.rejects(json.figures.get('unit-circle'), (err: unknown) => err instanceof ConfigurationError && /an object, not a token string/.test(err.message));
    await assert.rejects(new NetpadClient({ platform: run.url, clientId: 'demo-textbook', appKey: 'wrong' }).figures.get('unit-circle'), ConfigurationError);
  });

  it('tells a signed-in user who they are and what they own', async () => {
    const client = new NetpadClient({ platform: run.url, clientId: 'demo-blog', tokenProvider: staticToken(await userToken(run.url, 'teacher', 'teacher-demo')) });
    assert.equal((await client.account.me()).displayName, '王老师 (teacher)');
    const rights = await client.account.rights();
    const owned = rights.find((r) => r.object.id === 'ellipse-foci')!;
    assert.equal(owned.active, true);
    assert.match(owned.object.name['zh-CN'], /椭圆/);
  });

  it('saves as, and updates with If-Match, for a signed-in user; a stale write is a ConflictError', async () => {
    const token = await userToken(run.url, 'teacher', 'teacher-demo');
    const provider: TokenProvider = staticToken(token);
    const client = new NetpadClient({ platform: run.url, clientId: 'demo-blog', tokenProvider: provider });
    // Buy save_as on a figure, once, even though the first order request is "lost" and retried.
    const offers = await client.orders.offers('quadratic-roots');
    const offer = offers.find((o) => o.actions.includes('save_as'))!;
    const quote = await client.orders.quote(offer.id);
    assert.equal(quote.affordable, true);
    const order = await client.orders.create(offer.id);
    const paid = await client.orders.pay(order.id);
    assert.equal(paid.charged, true);
    assert.equal((await client.orders.pay(order.id)).charged, false);

    const saved = await client.space.saveAs('quadratic-roots');
    const { document, etag } = await client.space.get(saved.id);
    const updated = await client.space.update(saved.id, { ...document, title: 'Mine' }, etag);
    assert.notEqual(updated.etag, etag);
    await assert.rejects(client.space.update(saved.id, { ...document, title: 'Stale' }, etag), ConflictError);
    await assert.rejects(client.space.save({ ...document, elements: [] }), InvalidDocumentError);
    assert.equal((await client.space.list()).length, 1);
  });

  it('retries an order whose answer was lost, with the same idempotency key: one order, one charge', async () => {
    const token = await userToken(run.url, 'teacher', 'teacher-demo');
    let dropped = false;
    // The first POST /v1/orders reaches the platform, but its answer never arrives.
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!dropped && (init?.method ?? 'GET') === 'POST' && new URL(String(input)).pathname === '/v1/orders') {
        dropped = true;
        throw new TypeError('fetch failed: connection reset');
      }
      return response;
    };
    const client = new NetpadClient({ platform: run.url, clientId: 'demo-blog', tokenProvider: staticToken(token), fetch: lossy });
    const walletBefore = await client.wallet.get();
    const order = await client.orders.create('figure-linear-function-month');
    await client.orders.pay(order.id);
    assert.ok(dropped);
    const orders = await client.orders.list();
    assert.equal(orders.filter((o) => o.offerId === 'figure-linear-function-month').length, 1);
    assert.equal((await client.wallet.get()).balance, walletBefore.balance - 10);
  });
});
