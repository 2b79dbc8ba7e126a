import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { SIGN_IN_LIMITS } from '@netpad/platform';
import { startPlatform, type Running } from './helpers.ts';
import { FlowBrowser, formAction } from './browser-flow.ts';

const CLIENT = 'demo-blog';

describe('user sign-in: authorization code + PKCE', () => {
  let run: Running;
  let REDIRECT: string;
  let config: oidc.Configuration;
  before(async () => {
    // No grace for a rotated refresh token here: its reuse must revoke at once (the grace for
    // parallel tabs is tested in refresh-grace.test.ts).
    run = await startPlatform({ refreshReuseGraceSeconds: 0 });
    REDIRECT = `${run.url}/examples/blog/signed-in.html`;
    config = await oidc.discovery(new URL(run.url), CLIENT, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  });
  after(() => run.close());

  /** An authorization request of the demo blog with PKCE (S256). */
  const authorizationUrl = (challenge: string, extra: Record<string, string> = {}): URL => {
    const url = new URL('/auth', run.url);
    const params = { client_id: CLIENT, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid figures', code_challenge: challenge, code_challenge_method: 'S256', ...extra };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  };

  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };

  /** Runs the browser part of a sign-in and returns the URL the platform redirected back to. */
  async function signIn(params: Record<string, string>, user = 'teacher', password = 'teacher-demo', browser = new FlowBrowser(run.url)) {
    const authUrl = new URL('/auth', run.url);
    for (const [k, v] of Object.entries({ client_id: CLIENT, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid figures', ...params })) authUrl.searchParams.set(k, v);
    let step = await browser.follow(authUrl.href);
    if (step.res.status >= 400 || step.url.startsWith(REDIRECT)) return { ...step, browser };
    let page = await step.res.text();
    assert.match(page, /<form method="post" action="\/interaction\/[^"]+\/login"/);
    step = await browser.postForm(formAction(page, '/login'), { username: user, password });
    if (step.url.startsWith(REDIRECT) || step.res.status !== 200) return { ...step, browser };
    page = await step.res.text();
    if (page.includes('/confirm"')) step = await browser.postForm(formAction(page, '/confirm'), {});
    return { ...step, browser };
  }

  it('signs the teacher in through the real pages and issues API tokens with a rotating refresh token', async () => {
    const { verifier, challenge } = pkce();
    const state = randomBytes(8).toString('hex');
    const { url } = await signIn({ code_challenge: challenge, code_challenge_method: 'S256', state });
    assert.ok(url.startsWith(REDIRECT), url);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(url), { pkceCodeVerifier: verifier, expectedState: state });
    const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString());
    assert.equal(payload.aud, run.platform.apiAudience);
    assert.equal(payload.sub, 'usr_teacher');
    assert.ok(tokens.refresh_token, 'a refresh token');

    // The user token reaches the API, with the teacher's rights (none beyond the free tier yet).
    const res = await fetch(`${run.url}/v1/figures/rectangle-area`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(res.status, 200);

    // Refresh rotates; replaying the old refresh token is refused and revokes the whole grant.
    const rotated = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    assert.ok(rotated.refresh_token && rotated.refresh_token !== tokens.refresh_token);
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!), (err: unknown) => (err as { error?: string }).error === 'invalid_grant');
    await assert.rejects(oidc.refreshTokenGrant(config, rotated.refresh_token!), (err: unknown) => (err as { error?: string }).error === 'invalid_grant');
    // The revoked grant's access tokens stop at once, not when they expire.
    const after = await fetch(`${run.url}/v1/figures/rectangle-area`, { headers: { authorization: `Bearer ${rotated.access_token}` } });
    assert.equal(after.status, 401);
    assert.match(after.headers.get('www-authenticate') ?? '', /invalid_token/);
  });

  it('refuses a plain PKCE challenge', async () => {
    const { url, res } = await signIn({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
    const where = new URL(url.startsWith('http') ? url : run.url);
    const error = where.searchParams.get('error') ?? (res.status >= 400 ? 'invalid_request' : null);
    assert.equal(error, 'invalid_request');
  });

  it('refuses an authorization request without PKCE', async () => {
    const { url } = await signIn({});
    assert.equal(new URL(url).searchParams.get('error'), 'invalid_request');
  });

  it('refuses a wrong verifier and a replayed code', async () => {
    const { verifier, challenge } = pkce();
    const { url } = await signIn({ code_challenge: challenge, code_challenge_method: 'S256' });
    const code = new URL(url).searchParams.get('code')!;
    const exchange = (codeVerifier: string) =>
      fetch(`${run.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: codeVerifier }),
      });
    const wrong = await exchange(randomBytes(32).toString('base64url'));
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_grant');
    // After a failed attempt the code is spent; a second code shows the replay rule.
    const second = pkce();
    const again = await signIn({ code_challenge: second.challenge, code_challenge_method: 'S256' });
    const code2 = new URL(again.url).searchParams.get('code')!;
    const body = (v: string) => new URLSearchParams({ grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: v });
    const first = await fetch(`${run.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body(second.verifier) });
    assert.equal(first.status, 200);
    const replay = await fetch(`${run.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body(second.verifier) });
    assert.equal(replay.status, 400);
    assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');
    void verifier;
  });

  it('refuses a redirect URI that is not registered exactly', async () => {
    const { challenge } = pkce();
    for (const redirect of [`${REDIRECT}?x=1`, `${run.url}/examples/blog/`, 'https://evil.example/cb']) {
      const authUrl = new URL('/auth', run.url);
      for (const [k, v] of Object.entries({ client_id: CLIENT, response_type: 'code', redirect_uri: redirect, scope: 'openid figures', code_challenge: challenge, code_challenge_method: 'S256' })) {
        authUrl.searchParams.set(k, v);
      }
      const res = await fetch(authUrl, { redirect: 'manual' });
      assert.equal(res.status, 400, redirect);
      assert.equal(res.headers.get('location'), null, 'never redirects to an unregistered URI');
    }
  });

  it('says a wrong password plainly, in the page language, and limits attempts per account', async () => {
    const browser = new FlowBrowser(run.url, { 'accept-language': 'zh-CN,zh;q=0.9' });
    const { challenge } = pkce();
    const authUrl = authorizationUrl(challenge);
    const start = await browser.follow(authUrl.href);
    const page = await start.res.text();
    assert.match(page, /登录 Netpad/);
    const action = formAction(page, '/login');
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.accountAddress.free + 1; i++) {
      const attempt = await browser.request(action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'student', password: `wrong-${i}`, lang: 'zh-CN' }),
      });
      statuses.push(attempt.status);
      const text = await attempt.text();
      if (attempt.status === 401) assert.match(text, /用户名或密码不正确/);
      if (attempt.status === 429) {
        assert.match(text, /尝试次数过多/);
        assert.ok(Number(attempt.headers.get('retry-after')) > 0);
      }
    }
    assert.deepEqual(statuses, [...Array(SIGN_IN_LIMITS.accountAddress.free).fill(401), 429]);
    // Even the right password waits out the limit.
    const blocked = await browser.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'student', password: 'student-demo' }),
    });
    assert.equal(blocked.status, 429);
  });

  it('counts parallel guesses too: no more than the limit are ever checked', async () => {
    const browser = new FlowBrowser(run.url);
    const { challenge } = pkce();
    const authUrl = authorizationUrl(challenge);
    const start = await browser.follow(authUrl.href);
    const action = formAction(await start.res.text(), '/login');
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        browser.request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'nobody-parallel', password: `guess-${i}` }) }),
      ),
    );
    const statuses = attempts.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 401).length, SIGN_IN_LIMITS.accountAddress.free);
    assert.equal(statuses.filter((s) => s === 429).length, 12 - SIGN_IN_LIMITS.accountAddress.free);
  });

  it('returns access_denied when the user cancels', async () => {
    const browser = new FlowBrowser(run.url);
    const { challenge } = pkce();
    const authUrl = authorizationUrl(challenge);
    const start = await browser.follow(authUrl.href);
    const cancelled = await browser.postForm(formAction(await start.res.text(), '/abort'), {});
    assert.equal(new URL(cancelled.url).searchParams.get('error'), 'access_denied');
  });

  it('signs out: the session ends and the next sign-in asks for the password again', async () => {
    const browser = new FlowBrowser(run.url, { 'accept-language': 'en' });
    const { challenge } = pkce();
    const first = await signIn({ code_challenge: challenge, code_challenge_method: 'S256' }, 'teacher', 'teacher-demo', browser);
    assert.ok(new URL(first.url).searchParams.get('code'));
    // With the session, a second authorization goes straight back to the app.
    const again = await signIn({ code_challenge: challenge, code_challenge_method: 'S256' }, 'teacher', 'teacher-demo', browser);
    assert.ok(again.url.startsWith(REDIRECT), 'no sign-in page while signed in');

    const confirm = await browser.follow('/session/end');
    const page = await confirm.res.text();
    assert.match(page, /Sign out of Netpad\?/);
    assert.doesNotMatch(page, /<script/i);
    const action = /<form[^>]*action="([^"]+)"/.exec(page)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
    const done = await browser.postForm(action, { xsrf, logout: 'yes' });
    assert.match(await done.res.text(), /You are signed out/);

    const authUrl = authorizationUrl(challenge);
    const after = await browser.follow(authUrl.href);
    assert.match(await after.res.text(), /Sign in to Netpad/);
  });

  it('answers an unknown or expired interaction with a page, not an error', async () => {
    const res = await fetch(`${run.url}/interaction/not-a-real-interaction`, { headers: { 'accept-language': 'en' } });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /expired/);
    const post = await fetch(`${run.url}/interaction/not-a-real-interaction/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=teacher',
    });
    assert.equal(post.status, 400);
  });

  it('serves sign-in pages without scripts and not frameable, in the language the app asks for', async () => {
    const browser = new FlowBrowser(run.url, { 'accept-language': 'zh-CN' });
    const { challenge } = pkce();
    const authUrl = authorizationUrl(challenge, { ui_locales: 'en' });
    const start = await browser.follow(authUrl.href);
    const html = await start.res.text();
    assert.match(html, /Sign in to Netpad/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(start.res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.match(html, /name="viewport"/);
  });
});
