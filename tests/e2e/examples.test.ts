import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { useSiteAndBrowser } from './helpers.ts';

describe('the examples and sign-in on the platform', () => {
  const setup = useSiteAndBrowser();
  const browser = { newPage: (...args: Parameters<Browser['newPage']>) => setup.browser().newPage(...args) };
  const site = {
    get origin() {
      return setup.site().origin;
    },
  };

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    await page.goto(`${site.origin}${path}`);
    return { page, errors };
  }

  it('renders the hyperbola figure under a strict CSP with no violation', async () => {
    const { page, errors } = await open('/examples/csp/');
    const response = await page.request.get(`${site.origin}/examples/csp/`);
    const csp = response.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.doesNotMatch(csp.split(';').find((d) => d.includes('script-src')) ?? '', /unsafe-inline/);

    await page.waitForFunction(() => (document.getElementById('figure') as unknown as { status: string }).status === 'ready');
    const area = await page.evaluate(() => {
      const el = document.getElementById('figure') as unknown as { getValue(n: string): number; shadowRoot: ShadowRoot };
      const texts = [...el.shadowRoot.querySelectorAll('text')].map((t) => t.textContent ?? '');
      return { k: el.getValue('k'), text: texts.find((t) => t.includes('S =')) ?? '' };
    });
    assert.match(area.text, new RegExp(`= ${area.k.toFixed(2)}$`));
    const violations = await page.evaluate(() => (window as unknown as { netpadCspViolations: unknown[] }).netpadCspViolations);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('draws the whole figure in full screen, not its top-left corner', async () => {
    const { page, errors } = await open('/examples/csp/');
    await page.waitForFunction(() => (document.getElementById('figure') as unknown as { status: string }).status === 'ready');
    const entered = page.evaluate(() => new Promise<void>((resolve) => document.addEventListener('fullscreenchange', () => resolve(), { once: true })));
    // A real click: browsers go full screen only on a reader's gesture.
    await page.locator('#figure [part="toolbar"] button', { hasText: /Full screen|全屏/ }).click();
    await entered;
    // The board follows the host's new size (a resize observer and one frame): wait for it.
    await page.waitForFunction(() => {
      const svg = (document.getElementById('figure') as unknown as { shadowRoot: ShadowRoot }).shadowRoot.querySelector('svg');
      const r = svg?.getBoundingClientRect();
      return !!r && r.width >= innerWidth - 2 && r.height >= innerHeight * 0.9;
    });
    const { fullscreen, svg, view } = await page.evaluate(() => {
      const el = document.getElementById('figure')!;
      const r = (el as unknown as { shadowRoot: ShadowRoot }).shadowRoot.querySelector('svg')!.getBoundingClientRect();
      return { fullscreen: document.fullscreenElement === el, svg: { w: r.width, h: r.height }, view: { w: innerWidth, h: innerHeight } };
    });
    assert.ok(fullscreen, 'the element itself is full screen');
    assert.ok(svg.w >= view.w - 2 && svg.h >= view.h * 0.9, `board ${svg.w}×${svg.h} in a ${view.w}×${view.h} screen`);
    await page.evaluate(() => document.exitFullscreen());
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows every example figure in the gallery, loading each as it scrolls into view', async () => {
    const { page, errors } = await open('/examples/');
    await page.waitForSelector('#gallery[data-count]');
    const count = Number(await page.getAttribute('#gallery', 'data-count'));
    assert.ok(count >= 16, `gallery lists ${count} figures`);
    const initiallyReady = await page.evaluate(() => [...document.querySelectorAll('netpad-embed')].filter((e) => (e as unknown as { status: string }).status === 'ready').length);
    // Wait for the figures in view, then check that those far below have not loaded.
    await page.waitForFunction(() => (document.querySelector('netpad-embed') as unknown as { status: string }).status === 'ready');
    const statusesBefore = await page.evaluate(() => [...document.querySelectorAll('netpad-embed')].map((e) => (e as unknown as { status: string }).status));
    assert.ok(statusesBefore.includes('idle'), 'figures far below the viewport should wait');
    assert.ok(initiallyReady < count);
    for (let i = 0; i < count; i++) {
      await page.evaluate((n) => document.querySelectorAll('netpad-embed')[n]!.scrollIntoView(), i);
      await page.waitForFunction((n) => {
        const el = document.querySelectorAll('netpad-embed')[n] as unknown as { status: string };
        return el.status === 'ready' || el.status === 'error';
      }, i);
    }
    const statuses = await page.evaluate(() => [...document.querySelectorAll('netpad-embed')].map((e) => `${(e as HTMLElement).dataset.file}:${(e as unknown as { status: string }).status}`));
    assert.deepEqual(statuses.filter((s) => !s.endsWith(':ready')), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('answers the README quick-start page and refuses paths outside the examples', async () => {
    // The platform's home is its own catalogue page now, not a redirect to the examples.
    const root = await fetch(`${site.origin}/`, { redirect: 'manual' });
    assert.equal(root.status, 200);
    assert.match(await root.text(), /<script type="module" src="\/app\/home\.js">/);
    assert.match(root.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const escape = await fetch(`${site.origin}/examples/..%2f..%2fpackage.json`);
    assert.equal(escape.status, 404);
    const bundle = await fetch(`${site.origin}/lib/embed/netpad-embed.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
  });

  it('goes through the platform’s sign-in and consent pages and back to the account page', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${site.origin}/examples/account/`);
    await page.click('#sign-in');
    await page.waitForSelector('#username');
    assert.match(await page.title(), /登录 Netpad/);
    await page.fill('#username', 'teacher');
    await page.fill('#password', 'teacher-demo');
    await page.click('button[type=submit]');
    await page.waitForSelector('form[action$="/confirm"]');
    await page.click('form[action$="/confirm"] button');
    await page.waitForSelector('#signed-in:not([hidden])');
    assert.equal(await page.textContent('#who'), '王老师 (teacher)');
    assert.equal(await page.textContent('#balance'), '500');
    // What she owns, by name, with its end date; the right that lapsed is listed as ended.
    const rights = await page.locator('#rights li').allTextContents();
    assert.ok(rights.some((r) => /椭圆/.test(r) && /查看、编辑、另存/.test(r) && /有效期至/.test(r)), rights.join('\n'));
    assert.ok(rights.some((r) => /已于 .* 到期/.test(r)), rights.join('\n'));
    assert.ok(!(await page.textContent('body'))!.includes('usr_'), 'no user ids on the page');
    assert.equal(new URL(page.url()).search, '', 'the code is removed from the address bar');
    // A reload keeps her signed in; signing out ends it.
    await page.reload();
    await page.waitForSelector('#signed-in:not([hidden])');
    assert.equal(await page.textContent('#who'), '王老师 (teacher)');
    await Promise.all([page.waitForEvent('load'), page.click('#sign-out')]);
    await page.waitForSelector('#signed-out:not([hidden])');
    assert.equal(await page.isHidden('#signed-in'), true);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
