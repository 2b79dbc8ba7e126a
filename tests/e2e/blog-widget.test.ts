import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { addOrigin } from '@netpad/platform';
import { signInOnPlatformPages, startSite, useSiteAndBrowser } from './helpers.ts';

/** examples/blog/index.html as a blogger would host it on their own site, pointing at the platform. */
function blogPost(platform: string, { clientId = 'demo-blog', extra = '' } = {}): string {
  const html = readFileSync(new URL('../../examples/blog/index.html', import.meta.url), 'utf8');
  return html
    .replace('src="/lib/widget/netpad.js"', `src="${platform}/lib/widget/netpad.js"`)
    .replace('data-client-id="demo-blog"', clientId ? `data-client-id="${clientId}"` : '')
    .replace('href="./blog.css"', `href="${platform}/examples/blog/blog.css"`)
    .replaceAll('href="/figures/', `href="${platform}/figures/`)
    .replace('</article>', `${extra}</article>`);
}

const statusOf = (page: Page, id: string) => page.$eval(`netpad-embed[resource="${id}"]`, (el) => (el as unknown as { status: string }).status);
const waitForStatus = (page: Page, id: string, status: string) =>
  page.waitForFunction(([i, s]) => (document.querySelector(`netpad-embed[resource="${i}"]`) as unknown as { status: string } | null)?.status === s, [id, status] as const);

/** The sign-in window a frame opens, completed on the platform's pages as the teacher (the first time). */
async function signInInPopup(page: Page, id: string, { firstTime }: { firstTime: boolean }): Promise<void> {
  const frame = page.frameLocator(`netpad-embed[resource="${id}"] iframe`);
  const [popup] = await Promise.all([page.context().waitForEvent('page'), frame.locator('[part="sign-in-button"]').click()]);
  if (firstTime) {
    await signInOnPlatformPages(popup, 'teacher');
  } else if (!popup.isClosed()) {
    // The platform remembers the reader and the consent: the window finishes by itself.
    await popup.waitForEvent('close');
  }
}

describe('blog widget: a post on a blogger’s site, figures in frames of the platform', () => {
  const setup = useSiteAndBrowser();
  let blog: { origin: string; close: () => Promise<void> };
  let stranger: { origin: string; close: () => Promise<void> };
  let wordpress: { origin: string; close: () => Promise<void> };

  before(async () => {
    const platform = setup.site().origin;
    blog = await startSite({
      '/': blogPost(platform, { extra: '<p>[netpad id="no-such-figure"]</p>' }),
      '/no-client-id': blogPost(platform, { clientId: '' }),
    });
    // The blogger registered their site with the app (what `netpad-platform apps add-origin` does).
    addOrigin(setup.site().platform.db, 'demo-blog', blog.origin);
    stranger = await startSite({ '/': blogPost(platform) });
    // What WordPress does with a pasted figure link: ask /oembed, and sandbox the iframe it gets.
    const embeds: string[] = [];
    for (const id of ['pythagoras', 'triangle-centres']) {
      const oembed = (await (await fetch(`${platform}/oembed?url=${encodeURIComponent(`${platform}/figures/${id}`)}&maxwidth=600&lang=en`)).json()) as { html: string };
      embeds.push(oembed.html.replace('<iframe ', `<iframe data-id="${id}" sandbox="allow-scripts" `));
    }
    wordpress = await startSite({ '/': `<!doctype html><html lang="en"><body><article>${embeds.join('\n')}</article></body></html>` });
  });
  after(async () => {
    await blog?.close();
    await stranger?.close();
    await wordpress?.close();
  });

  it('shows free figures, asks to sign in for a paid one, signs in in a popup, and sells one the reader lacks', async () => {
    const page = await setup.browser().newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    const hostApiCalls: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('request', (r: Request) => {
      // Tokens never enter the blog's page: it loads public posters, and makes no API call of its own.
      const path = new URL(r.url()).pathname;
      const apiCall = /^\/(v1|token)\b/.test(path) && !/^\/v1\/figures\/[^/]+\/poster\.svg$/.test(path);
      if (r.frame() === page.mainFrame() && (apiCall || r.headers().authorization)) hostApiCalls.push(r.url());
    });
    await page.goto(blog.origin);
    await page.waitForFunction(() => document.querySelectorAll('netpad-embed').length === 5);
    // The sentence link and the shortcode inside <code> are left alone.
    assert.equal(await page.locator('a[href$="/figures/sine-wave"]').count(), 1);
    assert.match((await page.textContent('code'))!, /\[netpad id="sine-wave"\]/);

    await waitForStatus(page, 'hyperbola-rectangle', 'ready');
    await page.locator('netpad-embed[resource="pythagoras"]').scrollIntoViewIfNeeded();
    await waitForStatus(page, 'pythagoras', 'ready');

    // The host page drives the framed figure through the element's API, by origin-checked messages.
    const changed = page.evaluate(
      () => new Promise<unknown>((resolve) => document.querySelector('netpad-embed')!.addEventListener('netpad-change', (e) => resolve((e as CustomEvent).detail.state), { once: true })),
    );
    await page.evaluate(() => (document.querySelector('netpad-embed') as unknown as { setValue(n: string, v: number): void }).setValue('k', 2));
    assert.equal((await changed as Record<string, unknown>).k, 2);
    assert.equal(await page.evaluate(() => (document.querySelector('netpad-embed') as unknown as { getValue(n: string): unknown }).getValue('k')), 2);

    // A paid figure: sign in first.
    await page.locator('netpad-embed[resource="ellipse-foci"]').scrollIntoViewIfNeeded();
    await waitForStatus(page, 'ellipse-foci', 'sign-in');
    await signInInPopup(page, 'ellipse-foci', { firstTime: true });
    await waitForStatus(page, 'ellipse-foci', 'ready');

    // A paid figure the teacher does not have: sign in (remembered), then buy it with the wallet.
    await page.locator('netpad-embed[resource="triangle-centres"]').scrollIntoViewIfNeeded();
    await waitForStatus(page, 'triangle-centres', 'sign-in');
    await signInInPopup(page, 'triangle-centres', { firstTime: false });
    await waitForStatus(page, 'triangle-centres', 'purchase');
    const frame = page.frameLocator('netpad-embed[resource="triangle-centres"] iframe');
    assert.match((await frame.locator('[part="panel"]').textContent())!, /钱包余额：500 NPC/);
    await frame.locator('[part="buy-button"]').first().click();
    // In a frame the purchase takes a second, confirming step (against clickjacking).
    assert.match((await frame.locator('.confirm').textContent())!, /支付 10 NPC/);
    await frame.locator('[part="confirm-button"]').click();
    await waitForStatus(page, 'triangle-centres', 'ready');

    // A shortcode with an unknown id: the frame says so, and the host hears a netpad-error.
    await page.locator('netpad-embed[resource="no-such-figure"]').scrollIntoViewIfNeeded();
    await waitForStatus(page, 'no-such-figure', 'error');
    assert.match((await page.frameLocator('netpad-embed[resource="no-such-figure"] iframe').locator('[part="error"]').textContent())!, /找不到图形/);

    assert.deepEqual(hostApiCalls, []);
    assert.deepEqual(errors, []);
    const wallet = setup.site().platform.db.one(`SELECT balance FROM wallets WHERE user_id = 'usr_teacher'`) as { balance: number };
    assert.equal(wallet.balance, 490);
    await page.close();
  });

  it('is refused by the browser in a frame on a site the app did not register', async () => {
    const page = await setup.browser().newPage();
    const refusals: string[] = [];
    const told: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
      if (m.type() === 'error' && /<netpad-embed/.test(m.text())) told.push(m.text());
    });
    await page.addInitScript(() => {
      const seen: unknown[] = ((window as unknown as { netpadErrors: unknown[] }).netpadErrors = []);
      document.addEventListener('netpad-error', (e) => seen.push((e as CustomEvent).detail));
    });
    await page.goto(stranger.origin);
    await page.waitForFunction(() => (window as unknown as { netpadErrors: unknown[] }).netpadErrors.length > 0);
    const [detail] = await page.evaluate(() => (window as unknown as { netpadErrors: { kind: string; message: string }[] }).netpadErrors);
    assert.equal(detail!.kind, 'frame-refused');
    assert.ok(refusals.length > 0, 'Chromium reports the frame-ancestors refusal');
    // The page's developer is told what to do, in the event and the console; never "check your network".
    assert.ok(detail!.message.includes(stranger.origin) && /developer portal|开发者中心/.test(detail!.message), detail!.message);
    assert.ok(told.some((m) => m.includes(stranger.origin)), told.join('\n'));
    // Readers see the poster and a neutral line.
    const figure = page.locator('netpad-embed[resource="hyperbola-rectangle"]');
    assert.match((await figure.locator('[part="error"]').textContent())!.trim(), /^(这个图形暂时无法在本页显示。|This figure cannot be shown on this page\.)$/);
    assert.equal(await figure.locator('[part="poster"]').count(), 1);
    await page.close();
  });

  it('works in a sandboxed oEmbed frame (WordPress): free figures live, paid ones point to the figure page', async () => {
    const page = await setup.browser().newPage({ locale: 'en-US' });
    await page.goto(wordpress.origin);
    const inner = (id: string) => page.frameLocator(`iframe[data-id="${id}"]`).locator('netpad-embed');
    const statusIn = (id: string) => inner(id).evaluate((el) => (el as unknown as { status: string }).status);
    await inner('pythagoras').evaluate((el) => new Promise<void>((resolve) => {
      const done = () => (el as unknown as { status: string }).status === 'ready';
      if (done()) return resolve();
      el.addEventListener('netpad-load', () => resolve(), { once: true });
    }));
    assert.equal(await statusIn('pythagoras'), 'ready');
    await inner('triangle-centres').evaluate((el) => new Promise<void>((resolve) => {
      const done = () => (el as unknown as { status: string }).status === 'sign-in';
      if (done()) return resolve();
      el.addEventListener('netpad-status', () => done() && resolve());
    }));
    // No pop-ups in the sandbox: no sign-in button that cannot work, but the figure page's
    // address to copy and its QR code to scan.
    const paid = page.frameLocator('iframe[data-id="triangle-centres"]');
    assert.equal(await paid.locator('[part="sign-in-button"]').count(), 0);
    assert.equal(await paid.locator('[part="share-link"]').inputValue(), `${setup.site().origin}/figures/triangle-centres`);
    await paid.locator('[part="copy-button"]').click();
    assert.match((await paid.locator('[part="panel"] [role="status"]').textContent())!, /Copied|Select the address/);
    const qr = paid.locator('[part="share-qr"]');
    await qr.evaluate((img) => (img as HTMLImageElement).decode());
    assert.ok(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0), 'the QR code loads in the sandbox');
    assert.equal(await qr.getAttribute('alt'), 'QR code of the figure’s address on Netpad');
    await page.close();
  });

  it('says what is missing when the script has no client id', async () => {
    const page = await setup.browser().newPage({ locale: 'en-US' });
    await page.goto(`${blog.origin}/no-client-id`);
    await waitForStatus(page, 'hyperbola-rectangle', 'error');
    assert.match((await page.locator('netpad-embed[resource="hyperbola-rectangle"] [part="error"]').textContent())!, /client-id/);
    assert.equal(await statusOf(page, 'hyperbola-rectangle'), 'error');
    await page.close();
  });
});
