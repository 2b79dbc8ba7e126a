// A blogger and a vendor who are not the platform's operator, in the developer portal: sign in,
// register, copy the snippet with the real App id onto a site of another origin, rotate a key.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchProfile, signInOnPlatformPages, startSite, useSiteAndBrowser } from './helpers.ts';

async function signInToPortal(page: Page, origin: string, username: string): Promise<void> {
  await page.goto(`${origin}/developers/`);
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.click('#sign-in')]);
  await signInOnPlatformPages(popup, username);
  await page.waitForSelector('#apps:not([hidden])');
}

/** No part of the page wider than the phone: nothing to scroll sideways. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('developer portal in the browser', () => {
  const setup = useSiteAndBrowser();
  const pages: Record<string, string> = {};
  let blog: Awaited<ReturnType<typeof startSite>>;
  before(async () => {
    // The pages are filled in by the test (the blogger pastes the snippet); the site serves them as they are then.
    blog = await startSite(pages);
  });
  after(async () => blog?.close());

  it('a blogger registers a site on a phone, pastes the snippet; a reader signs in, stays signed in, buys with a confirm and gets a receipt', async () => {
    const { origin } = setup.site();
    const blogger = await setup.browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    // The reader's everyday browser (a regular profile): frames on the blog get storage of their own.
    const profile = await launchProfile({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const context = profile.context;
    try {
    const page = await blogger.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToPortal(page, origin, 'teacher');
    assert.match((await page.textContent('#who'))!, /王老师/);
    assert.equal(await page.textContent('#app-list'), '还没有应用：在下面注册第一个。');

    await page.fill('#f-name', '王老师的数学博客');
    await page.check('input[name=kind][value=website]');
    await page.fill('#f-origins', blog.origin);
    await page.fill('#f-description', '初中数学的动态图形');
    await page.click('#register-form button[type=submit]');
    await page.waitForSelector('#detail:not([hidden])');
    const appId = (await page.textContent('#d-id'))!;
    assert.match(appId, /^app-[a-z0-9]{4}$/, 'a Chinese name gives a neutral id');
    assert.match((await page.textContent('#status'))!, new RegExp(`App id：${appId}`));
    assert.equal(await page.isHidden('#keys-section'), true, 'a website has no key');
    assert.ok((await overflow(page)) <= 0, 'nothing wider than the phone');

    // The snippet carries the real id and platform; the blogger copies it as it is.
    const snippet = (await page.locator('.snippet pre').first().textContent())!;
    assert.ok(snippet.includes(`data-client-id="${appId}"`), snippet);
    assert.ok(snippet.includes(`${origin}/lib/widget/netpad.js`), snippet);
    // The snippet's figure (unit-circle) is paid; the blogger adds a free one below it.
    pages['/post.html'] = `<!doctype html><html lang="zh-CN"><meta name="viewport" content="width=device-width, initial-scale=1"><body><article><h1>单位圆</h1>\n${snippet}\n<p>[netpad id="hyperbola-rectangle"]</p></article></body></html>`;
    await page.close();

    // A reader (the student, 20 NPC in her wallet) on the blog.
    const post = await context.newPage();
    post.on('pageerror', (err) => errors.push(err.message));
    const status = (id: string, s: string) =>
      post.waitForFunction(([i, v]) => (document.querySelector(`netpad-embed[resource="${i}"]`) as unknown as { status: string } | null)?.status === v, [id, s] as const);
    await post.goto(`${blog.origin}/post.html`);
    await status('hyperbola-rectangle', 'ready');
    await status('unit-circle', 'sign-in');
    const frame = post.frameLocator('netpad-embed[resource="unit-circle"] iframe');
    assert.match((await frame.locator('[part="prices"]').textContent())!, /10 NPC/, 'the price before signing in');
    const [popup] = await Promise.all([context.waitForEvent('page'), frame.locator('[part="sign-in-button"]').click()]);
    await signInOnPlatformPages(popup, 'student');
    await status('unit-circle', 'purchase');

    // A reload: still signed in, no popup.
    await post.reload();
    await status('unit-circle', 'purchase');
    await frame.locator('[part="buy-button"]', { hasText: '用 10 NPC 购买' }).click();
    assert.match((await frame.locator('.confirm').textContent())!, /支付后钱包余额 10 NPC/);
    await frame.locator('[part="confirm-button"]').click();
    await status('unit-circle', 'ready');
    assert.match((await frame.locator('[part="receipt"]').textContent())!, /购买成功。.*10 NPC，有效期至 .*订单 ord_/s);
    assert.deepEqual(errors, []);
    } finally {
      await blogger.close();
      await profile.close();
    }
  });

  it('a vendor registers a server app, sees its key once, and rotates it with a grace period', async () => {
    const { origin, platform } = setup.site();
    const context = await setup.browser().newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInToPortal(page, origin, 'student');
    await page.fill('#f-name', 'Lesson backend');
    await page.check('input[name=kind][value=server]');
    assert.equal(await page.isHidden('#redirect-field'), true, 'a server app has no redirect URIs');
    await page.click('#register-form button[type=submit]');
    await page.waitForSelector('#new-key:not([hidden])');
    const appId = (await page.textContent('#d-id'))!;
    const first = (await page.textContent('#new-key-value'))!;
    assert.match(appId, /^lesson-backend-[a-z0-9]{4}$/);
    assert.match(first, /^npk_/);
    const backend = (await page.locator('.snippet pre').first().textContent())!;
    assert.ok(backend.includes(`clientId: '${appId}'`) && backend.includes('process.env.NETPAD_APP_KEY') && !backend.includes(first), 'the snippet never holds the key');

    const token = (key: string) =>
      fetch(`${origin}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${appId}:${key}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'figures' }),
      });
    assert.equal((await token(first)).status, 200);

    // Once away, the key is gone from the page for good.
    await page.click('#back');
    await page.click(`li[data-app="${appId}"] button`);
    await page.waitForSelector('#detail:not([hidden])');
    assert.equal(await page.isHidden('#new-key'), true);
    assert.ok(!(await page.content()).includes(first));

    await page.selectOption('#grace', '86400');
    await page.click('#rotate-form button[type=submit]');
    await page.waitForFunction((old) => {
      const el = document.getElementById('new-key-value');
      return el && el.textContent && el.textContent !== old && !document.getElementById('new-key')!.hidden;
    }, first);
    const second = (await page.textContent('#new-key-value'))!;
    assert.equal(await page.locator('#keys tr').count(), 2);
    assert.match((await page.textContent('#keys'))!, /works until/);
    assert.equal((await token(first)).status, 200, 'the old key works in the grace period');
    assert.equal((await token(second)).status, 200);

    // A day later (the clock moved on): the old key is refused.
    platform.db.run(`UPDATE app_keys SET expires_at = ? WHERE client_id = ? AND expires_at IS NOT NULL`, new Date(Date.now() - 1000).toISOString(), appId);
    assert.equal((await token(first)).status, 401);
    assert.equal((await token(second)).status, 200);

    // Its page shows the changes.
    await page.click('#back');
    await page.click(`li[data-app="${appId}"] button`);
    await page.waitForFunction(() => document.querySelectorAll('#audit li').length === 2);
    assert.match((await page.textContent('#audit'))!, /new key[\s\S]*registered/);
    await context.close();
  });
});
