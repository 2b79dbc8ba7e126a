// The developer portal's API against the real authorization server: a developer who is not the
// operator registers apps, gets an App id and an App key once, rotates and revokes keys, reads
// usage; operators suspend apps; every change lands in the audit log.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { appToken, startPlatform, userToken, webApp, type Running } from './helpers.ts';
import { FlowBrowser, formAction } from './browser-flow.ts';

describe('developer portal API', () => {
  let running: Running;
  let url: string;
  let teacher: string;
  let student: string;
  let operator: string;
  const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // Answers are read loosely: each assertion says what it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json = async (res: Response) => (await res.json()) as Record<string, any>;
  /** The problem type's last segment (types are URLs). */
  const problemType = async (res: Response) => String((await json(res)).type).split('/').pop();
  const register = async (token: string, body: Record<string, unknown>) => call(token, 'POST', '/v1/developer/apps', body);

  before(async () => {
    running = await startPlatform();
    url = running.url;
    [teacher, student, operator] = await Promise.all([
      userToken(url, 'teacher', 'teacher-demo', webApp(url)),
      userToken(url, 'student', 'student-demo', webApp(url)),
      userToken(url, 'operator', 'operator-demo', webApp(url)),
    ]);
  });
  after(async () => running?.close());

  it('answers only signed-in people on the platform’s own web app', async () => {
    assert.equal((await call(undefined, 'GET', '/v1/developer/apps')).status, 401);
    const app = await json(await appToken(url, 'demo-textbook', 'demo-textbook-key'));
    const byApp = await call(app.access_token, 'GET', '/v1/developer/apps');
    assert.equal(byApp.status, 403);
    assert.equal(await problemType(byApp), 'user_required');
    // A user's token from a third-party app must not register apps in that user's name.
    const viaBlog = await call(await userToken(url, 'teacher', 'teacher-demo'), 'GET', '/v1/developer/apps');
    assert.equal(viaBlog.status, 403);
    assert.equal(await problemType(viaBlog), 'first_party_only');
  });

  it('refuses registrations that could not work or would be unsafe, naming the field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: 'website', origins: [] }, 'name', /name is required/],
      [{ name: 'x', kind: 'spa' }, 'kind', /website.*server/],
      [{ name: 'x', kind: 'website', origins: ['http://my.blog'] }, 'origins[0]', /https/],
      [{ name: 'x', kind: 'website', origins: ['https://*.my.blog'] }, 'origins[0]', /wildcard/],
      [{ name: 'x', kind: 'website', origins: ['https://my.blog/'] }, 'origins[0]', /not an origin/],
      [{ name: 'x', kind: 'website', redirectUris: ['https://my.blog/cb#x'] }, 'redirectUris[0]', /fragment/],
      [{ name: 'x', kind: 'website', redirectUris: ['javascript:alert(1)'] }, 'redirectUris[0]', /https/],
      [{ name: 'x', kind: 'server', redirectUris: ['https://my.blog/cb'] }, 'redirectUris', /no redirect URIs/],
      [{ name: 'x\u202e', kind: 'website' }, 'name', /control characters/],
      [{ name: 'x'.repeat(81), kind: 'website' }, 'name', /at most 80/],
    ];
    for (const [body, field, message] of cases) {
      const res = await register(student, body);
      const problem = await json(res);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(problem.field, field, JSON.stringify(body));
      assert.match(problem.detail, message);
    }
    // http is fine on this machine: developers try things on localhost first.
    const local = await register(student, { name: 'Local test', kind: 'website', origins: ['http://localhost:8080'] });
    assert.equal(local.status, 201);
  });

  it('registers a blog with an App id at once; its readers then sign in through it and see its description', async () => {
    const res = await register(teacher, { name: 'My Blog 数学', kind: 'website', origins: ['https://my.blog'], description: '王老师的<b>数学</b>博客' });
    assert.equal(res.status, 201);
    const { app, key } = await json(res);
    assert.match(app.clientId, /^my-blog-[a-z0-9]{4}$/);
    assert.equal(key, undefined, 'a website has no key');
    assert.deepEqual(app.origins, ['https://my.blog']);
    const list = await json(await call(teacher, 'GET', '/v1/developer/apps'));
    assert.ok(list.items.some((a: { clientId: string }) => a.clientId === app.clientId));
    // Another developer does not even learn that it exists.
    assert.equal((await call(student, 'GET', `/v1/developer/apps/${app.clientId}`)).status, 404);
    assert.equal((await call(student, 'PATCH', `/v1/developer/apps/${app.clientId}`, { name: 'mine' })).status, 404);

    // The consent page shows the description, as text.
    const browser = new FlowBrowser(url);
    const auth = new URL('/auth', url);
    const verifier = randomBytes(32).toString('base64url');
    auth.search = new URLSearchParams({
      client_id: app.clientId,
      response_type: 'code',
      redirect_uri: `${url}/embed/signed-in`,
      scope: 'openid figures',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    const login = await browser.follow(auth.href);
    const consent = await browser.postForm(formAction(await login.res.text(), '/login'), { username: 'student', password: 'student-demo' });
    const page = await consent.res.text();
    assert.match(page, /王老师的&lt;b&gt;数学&lt;\/b&gt;博客/);
    assert.match(page, /My Blog 数学/);

    // The developer changes the origins; a bad one changes nothing.
    const bad = await call(teacher, 'PATCH', `/v1/developer/apps/${app.clientId}`, { origins: ['https://my.blog', 'ftp://x'] });
    assert.equal(bad.status, 422);
    const changed = await json(await call(teacher, 'PATCH', `/v1/developer/apps/${app.clientId}`, { origins: ['https://my.blog', 'https://www.my.blog'] }));
    assert.deepEqual(changed.origins, ['https://my.blog', 'https://www.my.blog']);
    assert.equal((await call(teacher, 'PATCH', `/v1/developer/apps/${app.clientId}`, { kind: 'server' })).status, 422);
  });

  it('gives a server app a key once, rotates it with a grace period, and revokes keys', async () => {
    const created = await json(await register(teacher, { name: 'Textbook backend', kind: 'server', origins: ['https://textbook.example'] }));
    const id = created.app.clientId as string;
    const first = created.key as string;
    assert.match(first, /^npk_/);
    assert.equal((await appToken(url, id, first)).status, 200);
    const shown = await json(await call(teacher, 'GET', `/v1/developer/apps/${id}`));
    assert.ok(!JSON.stringify(shown).includes(first), 'the key is never shown again');
    assert.equal(shown.keys.length, 1);
    assert.equal(shown.keys[0].hint, `npk_…${first.slice(-4)}`);

    const rotated = await json(await call(teacher, 'POST', `/v1/developer/apps/${id}/keys`, { graceSeconds: 3600 }));
    const second = rotated.key as string;
    assert.notEqual(second, first);
    // In the grace period both work.
    assert.equal((await appToken(url, id, first)).status, 200);
    assert.equal((await appToken(url, id, second)).status, 200);
    const old = rotated.app.keys.find((k: { hint: string }) => k.hint.endsWith(first.slice(-4)));
    assert.ok(old.expiresAt && Date.parse(old.expiresAt) > Date.now() + 3500_000, 'the old key ends in an hour');
    assert.ok(old.lastUsedAt, 'the portal shows when the old key was last used');

    // The grace period ends (the clock moved on): the old key stops, the new one goes on.
    running.platform.db.run('UPDATE app_keys SET expires_at = ? WHERE id = ?', new Date(Date.now() - 1000).toISOString(), old.id);
    const refused = await appToken(url, id, first);
    assert.equal(refused.status, 401);
    assert.equal((await json(refused)).error, 'invalid_client');
    assert.equal((await appToken(url, id, second)).status, 200);

    // Revoked: stops at once.
    assert.equal((await call(teacher, 'DELETE', `/v1/developer/apps/${id}/keys/${rotated.keyId}`)).status, 204);
    assert.equal((await appToken(url, id, second)).status, 401);
    assert.equal((await call(teacher, 'DELETE', `/v1/developer/apps/${id}/keys/${rotated.keyId}`)).status, 409);
    assert.equal((await call(teacher, 'DELETE', `/v1/developer/apps/${id}/keys/key_0000000000000000`)).status, 404);

    // Grace 0 stops the old keys now; bad grace periods are refused.
    const third = await json(await call(teacher, 'POST', `/v1/developer/apps/${id}/keys`, { graceSeconds: 0 }));
    const fourth = await json(await call(teacher, 'POST', `/v1/developer/apps/${id}/keys`, { graceSeconds: 0 }));
    assert.equal((await appToken(url, id, third.key)).status, 401);
    assert.equal((await appToken(url, id, fourth.key)).status, 200);
    for (const graceSeconds of [-1, 1.5, 'a day', 31 * 86400]) {
      assert.equal((await call(teacher, 'POST', `/v1/developer/apps/${id}/keys`, { graceSeconds })).status, 400, String(graceSeconds));
    }
    // A website has no keys.
    const blog = await json(await register(teacher, { name: 'Keyless', kind: 'website' }));
    assert.equal((await call(teacher, 'POST', `/v1/developer/apps/${blog.app.clientId}/keys`, {})).status, 409);

    const log = await json(await call(teacher, 'GET', `/v1/developer/apps/${id}/audit`));
    assert.deepEqual(
      log.items.map((e: { action: string }) => e.action),
      ['key.rotate', 'key.rotate', 'key.revoke', 'key.rotate', 'app.create'],
    );
    assert.ok(log.items.every((e: { actor: string }) => e.actor === 'user:usr_teacher'));
  });

  it('counts an app’s calls per day, with errors and the mean response time', async () => {
    const created = await json(await register(teacher, { name: 'Counted', kind: 'server' }));
    const token = (await json(await appToken(url, created.app.clientId, created.key))).access_token as string;
    for (let i = 0; i < 3; i++) assert.equal((await call(token, 'GET', '/v1/figures/hyperbola-rectangle')).status, 200);
    assert.equal((await call(token, 'GET', '/v1/figures/no-such-figure')).status, 404);
    const usage = await json(await call(teacher, 'GET', `/v1/developer/apps/${created.app.clientId}/usage?days=7`));
    assert.equal(usage.days.length, 7);
    const today = usage.days.at(-1);
    assert.equal(today.day, new Date().toISOString().slice(0, 10));
    assert.equal(today.calls, 4);
    assert.equal(today.errors, 1);
    assert.ok(today.meanMs > 0);
    assert.equal((await call(teacher, 'GET', `/v1/developer/apps/${created.app.clientId}/usage?days=0`)).status, 400);
  });

  it('lets operators suspend an app: its key, its tokens and its frames stop at once, until resumed', async () => {
    const server = await json(await register(student, { name: 'Suspect', kind: 'server' }));
    const id = server.app.clientId as string;
    const token = (await json(await appToken(url, id, server.key))).access_token as string;
    assert.equal((await call(token, 'GET', '/v1/figures/hyperbola-rectangle')).status, 200);

    const notOperator = await call(teacher, 'POST', `/v1/admin/apps/${id}/suspend`, { reason: 'x' });
    assert.equal(notOperator.status, 403);
    assert.equal(await problemType(notOperator), 'operator_required');
    assert.equal((await call(operator, 'POST', `/v1/admin/apps/${id}/suspend`, {})).status, 400, 'a reason is required');
    const suspended = await json(await call(operator, 'POST', `/v1/admin/apps/${id}/suspend`, { reason: 'Scraping the catalogue' }));
    assert.equal(suspended.suspended.reason, 'Scraping the catalogue');

    const refused = await call(token, 'GET', '/v1/figures/hyperbola-rectangle');
    assert.equal(refused.status, 401);
    assert.match((await json(refused)).detail, /suspended/);
    assert.equal((await appToken(url, id, server.key)).status, 401);
    // The developer sees why.
    assert.equal((await json(await call(student, 'GET', `/v1/developer/apps/${id}`))).suspended.reason, 'Scraping the catalogue');

    // A suspended blog's frames say so.
    const blog = await json(await register(student, { name: 'Suspect blog', kind: 'website', origins: ['https://suspect.example'] }));
    await call(operator, 'POST', `/v1/admin/apps/${blog.app.clientId}/suspend`, { reason: 'Phishing' });
    const frame = await fetch(`${url}/embed/hyperbola-rectangle?client_id=${blog.app.clientId}`, { headers: { 'sec-fetch-dest': 'iframe' } });
    assert.equal(frame.status, 403);
    assert.match(await frame.text(), /suspended/);

    await call(operator, 'POST', `/v1/admin/apps/${id}/resume`, {});
    assert.equal((await appToken(url, id, server.key)).status, 200);

    const all = await json(await call(operator, 'GET', '/v1/admin/apps'));
    assert.ok(all.items.some((a: { clientId: string }) => a.clientId === 'demo-textbook'));
    assert.equal((await call(teacher, 'GET', '/v1/admin/apps')).status, 403);
    const log = await json(await call(operator, 'GET', `/v1/admin/audit?app=${id}`));
    assert.deepEqual(log.items.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`), ['app.resume operator:usr_operator', 'app.suspend operator:usr_operator', 'app.create user:usr_student']);
    // The platform's own app cannot be suspended from the console.
    assert.equal((await call(operator, 'POST', '/v1/admin/apps/netpad-web/suspend', { reason: 'x' })).status, 403);
  });

  it('gives operators the platform at a glance, and nobody else', async () => {
    const before = await json(await call(operator, 'GET', '/v1/admin/overview'));
    assert.ok(before.catalogueFigures > 0 && before.users >= 3, JSON.stringify(before));
    assert.equal(typeof before.last30Days.revenue, 'number');
    // A paid order shows in the last 30 days' sales; a new app among the apps.
    const offer = (await json(await call(undefined, 'GET', '/v1/offers?figure=similar-triangles'))).items[0];
    const created = await fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${teacher}`, 'content-type': 'application/json', 'idempotency-key': 'overview-test-1' },
      body: JSON.stringify({ offerId: offer.id }),
    });
    assert.equal(created.status, 201);
    assert.equal((await call(teacher, 'POST', `/v1/orders/${(await json(created)).id}/pay`, {})).status, 200);
    await register(student, { name: 'Counted', kind: 'website', origins: ['https://counted.example'] });
    const after = await json(await call(operator, 'GET', '/v1/admin/overview'));
    assert.equal(after.last30Days.paidOrders, before.last30Days.paidOrders + 1);
    assert.equal(after.last30Days.revenue, before.last30Days.revenue + offer.price);
    assert.equal(after.apps.total, before.apps.total + 1);
    const refused = await call(teacher, 'GET', '/v1/admin/overview');
    assert.equal(refused.status, 403);
    assert.equal(await problemType(refused), 'operator_required');
    assert.equal((await json(await call(operator, 'GET', '/v1/me'))).operator, true);
    assert.equal((await json(await call(teacher, 'GET', '/v1/me'))).operator, false);
  });

  it('limits how many apps and keys one developer makes', async () => {
    // The student made three apps above; two more fit in the hour.
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) last = await register(student, { name: `Burst ${i}`, kind: 'website' });
    assert.equal(last!.status, 429);
    assert.equal(last!.headers.get('retry-after'), '3600');
    assert.match((await json(last!)).detail, /5 new apps an hour/);

    const server = await json(await register(operator, { name: 'Rotator', kind: 'server' }));
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await call(operator, 'POST', `/v1/developer/apps/${server.app.clientId}/keys`, { graceSeconds: 0 })).status);
    assert.deepEqual(statuses, [...Array(10).fill(201), 429]);
  });

  it('tells any page whether its origin may use an app, without a token', async () => {
    const check = async (clientId: string, origin?: string) =>
      (await (await fetch(`${url}/v1/origin-check?client_id=${clientId}`, { headers: origin ? { origin } : {} })).json()) as { allowed: boolean; app: string; origin: string | null };
    assert.deepEqual(await check('demo-blog', url), { clientId: 'demo-blog', origin: url, app: 'active', allowed: true });
    assert.equal((await check('demo-blog', 'https://stranger.example')).allowed, false);
    assert.equal((await check('no-such-app', url)).app, 'unknown');
    assert.equal((await check('demo-blog')).allowed, false, 'no Origin, no answer about one');
    const res = await fetch(`${url}/v1/origin-check?client_id=demo-blog`, { headers: { origin: 'https://stranger.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://stranger.example', 'any page may ask');
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    assert.equal((await fetch(`${url}/v1/origin-check?client_id=Bad_Id`)).status, 400);
  });

  it('removes an app: its key stops at once', async () => {
    const created = await json(await register(teacher, { name: 'Short-lived', kind: 'server' }));
    assert.equal((await call(teacher, 'DELETE', `/v1/developer/apps/${created.app.clientId}`)).status, 204);
    assert.equal((await appToken(url, created.app.clientId, created.key)).status, 401);
    assert.equal((await call(teacher, 'GET', `/v1/developer/apps/${created.app.clientId}`)).status, 404);
    assert.equal((await call(teacher, 'DELETE', '/v1/developer/apps/netpad-web')).status, 404, 'the platform’s own app is nobody’s to remove');
  });
});
