import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { NetpadClient, NetworkError, RateLimitedError, NotFoundError, NetpadError } from '@netpad/sdk';

// What a real platform rarely shows on demand: outages, drops, slowness, throttling, proxies.
const PLATFORM = 'http://platform.test';
const DOC = { format: 'netpad-figure', version: 1, title: 't', board: { boundingBox: [-1, 1, 1, -1] }, elements: [{ id: 'A', type: 'point', x: 0, y: 0 }] };
const server = setupServer();

describe('@netpad/sdk with failures msw makes up', () => {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  after(() => server.close());

  const client = (options: Partial<ConstructorParameters<typeof NetpadClient>[0]> = {}) => new NetpadClient({ platform: PLATFORM, clientId: 'demo-blog', ...options });
  const ok = () => HttpResponse.json(DOC, { headers: { etag: '"1"', 'netpad-entitlement': JSON.stringify({ actions: ['view'], expiresAt: null, via: ['free'] }) } });

  it('retries a 503 and succeeds', async () => {
    let calls = 0;
    server.use(http.get(`${PLATFORM}/v1/figures/f/document`, () => (++calls === 1 ? new HttpResponse('busy', { status: 503 }) : ok())));
    const result = await client().figures.get('f');
    assert.equal(result.document.format, 'netpad-figure');
    assert.equal(calls, 2);
  });

  it('retries a dropped connection, and reports a NetworkError (retryable) when it keeps dropping', async () => {
    let calls = 0;
    server.use(http.get(`${PLATFORM}/v1/figures/f/document`, () => (++calls < 3 ? HttpResponse.error() : ok())));
    await client().figures.get('f');
    assert.equal(calls, 3);
    server.use(http.get(`${PLATFORM}/v1/figures/g/document`, () => HttpResponse.error()));
    await assert.rejects(client({ retries: 1 }).figures.get('g'), (err: unknown) => err instanceof NetworkError && err.retryable && err.status === 0);
  });

  it('gives up on a slow answer after the timeout', async () => {
    server.use(
      http.get(`${PLATFORM}/v1/figures/slow/document`, async () => {
        await delay('infinite');
        return ok();
      }),
    );
    await assert.rejects(client({ timeout: 50, retries: 0 }).figures.get('slow'), (err: unknown) => err instanceof NetworkError && err.code === 'timeout');
  });

  it('stops waiting when the caller aborts', async () => {
    server.use(
      http.get(`${PLATFORM}/v1/figures/slow/document`, async () => {
        await delay('infinite');
        return ok();
      }),
    );
    const controller = new AbortController();
    const pending = client().figures.get('slow', { signal: controller.signal });
    controller.abort(new Error('the reader scrolled away'));
    await assert.rejects(pending, /scrolled away/);
  });

  it('honours 429 Retry-After, and reports it when retries run out', async () => {
    let calls = 0;
    server.use(http.get(`${PLATFORM}/v1/figures/f/document`, () => (++calls === 1 ? HttpResponse.json({ type: 'https://netpad.dev/problems/rate_limited', title: 'Too many requests', status: 429 }, { status: 429, headers: { 'retry-after': '0' } }) : ok())));
    await client().figures.get('f');
    assert.equal(calls, 2);
    server.use(http.get(`${PLATFORM}/v1/figures/h/document`, () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '120' } })));
    await assert.rejects(client().figures.get('h'), (err: unknown) => err instanceof RateLimitedError && err.retryAfter === 120);
  });

  it('copes with an error body that is not JSON', async () => {
    server.use(http.get(`${PLATFORM}/v1/figures/f/document`, () => new HttpResponse('<html><body>Bad Gateway</body></html>', { status: 404, headers: { 'content-type': 'text/html' } })));
    await assert.rejects(client().figures.get('f'), (err: unknown) => err instanceof NotFoundError && err.problem === undefined && /404/.test(err.message));
    server.use(http.get(`${PLATFORM}/v1/figures/t/document`, () => new HttpResponse('I am a teapot', { status: 418 })));
    await assert.rejects(client().figures.get('t'), (err: unknown) => err instanceof NetpadError && err.status === 418 && err.code === 'http_418');
  });

  it('never retries a POST without an idempotency key', async () => {
    let calls = 0;
    server.use(http.post(`${PLATFORM}/v1/space/figures`, () => (++calls, new HttpResponse(null, { status: 503 }))));
    await assert.rejects(client().space.save(DOC as never), NetworkError);
    assert.equal(calls, 1);
  });

  it('fetches a fresh app token once when the platform refuses the cached one', async () => {
    let tokens = 0;
    server.use(
      http.post(`${PLATFORM}/token`, () => HttpResponse.json({ access_token: `t${++tokens}`, token_type: 'Bearer', expires_in: 600 })),
      http.get(`${PLATFORM}/v1/figures/f/document`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer t1'
          ? HttpResponse.json({ type: 'https://netpad.dev/problems/invalid_token', title: 'Invalid token', status: 401 }, { status: 401 })
          : ok(),
      ),
    );
    await client({ clientId: 'demo-textbook', appKey: 'k' }).figures.get('f');
    assert.equal(tokens, 2);
  });
});
