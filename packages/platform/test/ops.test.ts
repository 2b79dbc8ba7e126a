import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_TEXTBOOK_KEY } from '@netpad/platform';
import { appToken, startPlatform, type Running } from './helpers.ts';

describe('operations: rate limits, metrics, CORS', () => {
  let run: Running;
  let token: string;
  before(async () => {
    run = await startPlatform({ rateLimit: { appPerMinute: 60, anonymousPerMinute: 30 } });
    token = ((await (await appToken(run.url, 'demo-textbook', DEMO_TEXTBOOK_KEY)).json()) as { access_token: string }).access_token;
  });
  after(() => run.close());

  it('limits an app to its rate with 429 and Retry-After, without touching other callers', async () => {
    // A bucket holds ten seconds' worth: 10 requests at 60 per minute.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await fetch(`${run.url}/v1/figures/rectangle-area`, { headers: { authorization: `Bearer ${token}` } })).status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
    const limited = await fetch(`${run.url}/v1/figures/rectangle-area`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    const problem = (await limited.json()) as { type: string; retryAfter: number };
    assert.equal(problem.type, 'https://netpad.dev/problems/rate_limited');
    // Anonymous callers have their own bucket.
    assert.equal((await fetch(`${run.url}/v1/figures/rectangle-area`)).status, 200);
  });

  it('exposes per-app counts, latency histograms and Apdex for Prometheus', async () => {
    await fetch(`${run.url}/v1/figures/hyperbola-rectangle`);
    const text = await (await fetch(`${run.url}/metrics`)).text();
    assert.match(text, /# TYPE netpad_http_requests_total counter/);
    assert.match(text, /netpad_http_requests_total\{app="demo-textbook",route="\/v1\/figures\/:id",method="GET",status="200"\} 10/);
    assert.match(text, /netpad_http_requests_total\{app="demo-textbook",route="\/v1\/figures\/:id",method="GET",status="429"\} \d+/);
    assert.match(text, /netpad_http_request_duration_seconds_bucket\{app="anonymous",route="\/v1\/figures\/:id",le="\+Inf"\} \d+/);
    const apdex = /netpad_apdex_score\{app="demo-textbook"\} ([\d.]+)/.exec(text);
    assert.ok(apdex && Number(apdex[1]) > 0 && Number(apdex[1]) <= 1, text);
  });

  it('answers CORS for registered web origins only', async () => {
    // The demo blog is registered for the platform's own origin (derived from its base URL).
    const registered = new URL(run.url).origin;
    const preflight = await fetch(`${run.url}/v1/figures/rectangle-area/document`, {
      method: 'OPTIONS',
      headers: { origin: registered, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), registered);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    // localhost:4000 is not the platform's address here, so it is not trusted (it once always was).
    const other = await fetch(`${run.url}/v1/wallet`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:4000', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const get = await fetch(`${run.url}/v1/figures/rectangle-area/document`, { headers: { origin: registered } });
    assert.equal(get.headers.get('access-control-allow-origin'), registered);
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /ETag/);
    // With a token, only registered origins.
    const stranger = await fetch(`${run.url}/v1/figures/rectangle-area/document`, { headers: { origin: 'https://evil.example', authorization: 'Bearer x' } });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    const strangerPreflight = await fetch(`${run.url}/v1/wallet`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, dpop' },
    });
    assert.equal(strangerPreflight.headers.get('access-control-allow-origin'), null);
  });

  it('lets any page (even a sandboxed embed, origin "null") make calls without credentials: they read only public data', async () => {
    for (const origin of ['https://blog.example', 'null']) {
      const preflight = await fetch(`${run.url}/v1/entitlements/check`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
      const free = await fetch(`${run.url}/v1/figures/rectangle-area/document`, { headers: { origin } });
      assert.equal(free.headers.get('access-control-allow-origin'), origin);
    }
  });
});
