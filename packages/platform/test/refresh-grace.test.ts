import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPlatform, userTokens, type Running } from './helpers.ts';

describe('refresh tokens: parallel tabs of one browser stay signed in', () => {
  let run: Running;
  before(async () => {
    run = await startPlatform();
  });
  after(() => run.close());

  const tokenCall = (params: Record<string, string>) =>
    fetch(`${run.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: 'demo-blog', ...params }) });

  it('answers ten concurrent refreshes of one token, and the grant survives them', async () => {
    const first = await userTokens(run.url, 'teacher', 'teacher-demo');
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
