import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { startPlatform, type Running } from './helpers.ts';
import { FlowBrowser, formAction } from './browser-flow.ts';

describe('refresh tokens: parallel tabs of one browser stay signed in', () => {
  let run: Running;
  let redirect: string;
  before(async () => {
    run = await startPlatform();
    redirect = `${run.url}/examples/blog/signed-in.html`;
  });
  after(() => run.close());

  const tokenCall = (params: Record<string, string>) =>
    fetch(`${run.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: 'demo-blog', ...params }) });

  async function signIn(): Promise<{ access_token: string; refresh_token: string }> {
    const verifier = randomBytes(32).toString('base64url');
    const auth = new URL('/auth', run.url);
    for (const [k, v] of Object.entries({
      client_id: 'demo-blog',
      response_type: 'code',
      redirect_uri: redirect,
      scope: 'openid figures',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }))
      auth.searchParams.set(k, v);
    const browser = new FlowBrowser(run.url);
    let step = await browser.follow(auth.href);
    step = await browser.postForm(formAction(await step.res.text(), '/login'), { username: 'teacher', password: 'teacher-demo' });
    if (!step.url.startsWith(redirect)) step = await browser.postForm(formAction(await step.res.text(), '/confirm'), {});
    const code = new URL(step.url).searchParams.get('code')!;
    const res = await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier });
    assert.equal(res.status, 200);
    return (await res.json()) as { access_token: string; refresh_token: string };
  }

  it('answers ten concurrent refreshes of one token, and the grant survives them', async () => {
    const first = await signIn();
    // Before: one success, then the reuse revoked the grant and every tab was signed out.
    const answers = await Promise.all(Array.from({ length: 10 }, () => tokenCall({ grant_type: 'refresh_token', refresh_token: first.refresh_token })));
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(10).fill(200),
    );
    const rotated = (await Promise.all(answers.map((a) => a.json()))) as { access_token: string; refresh_token: string }[];
    // Each tab carries on with the token it got.
    for (const t of [rotated[0]!, rotated[9]!]) {
      const next = await tokenCall({ grant_type: 'refresh_token', refresh_token: t.refresh_token });
      assert.equal(next.status, 200);
      const { access_token } = (await next.json()) as { access_token: string };
      assert.equal((await fetch(`${run.url}/v1/wallet`, { headers: { authorization: `Bearer ${access_token}` } })).status, 200);
    }
  });
});
