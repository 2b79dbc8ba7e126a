import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import { signInOnPlatformPages, useSiteAndBrowser } from './helpers.ts';

type Embed = HTMLElement & { status: string };

/** Statuses of every figure, and which of them are within the element's load margin of the viewport. */
function figureStates(page: Page) {
  return page.evaluate(() => {
    const margin = 200;
    return [...document.querySelectorAll<Embed>('netpad-embed')].map((el) => {
      const r = el.getBoundingClientRect();
      const near = r.bottom > -margin && r.top < innerHeight + margin && r.right > -margin && r.left < innerWidth + margin;
      const board = !!el.shadowRoot?.querySelector('.board svg');
      return { id: el.getAttribute('resource')!, status: el.status, near, board };
    });
  });
}

describe('e-textbook: a chapter with 100 figures inline, one client for the page', () => {
  const setup = useSiteAndBrowser();

  it('batches entitlement look-ups, builds boards only near the viewport, signs in once, and fires netpad-change on a drag', async () => {
    const page = await setup.browser().newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    const checks: number[] = [];
    const tokenRequests: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('request', (r: Request) => {
      const path = new URL(r.url()).pathname;
      if (path === '/v1/entitlements/check' && r.method() === 'POST') checks.push((JSON.parse(r.postData() ?? '{}') as { ids: string[] }).ids.length);
      if (path === '/token') tokenRequests.push(r.method());
    });
    await page.goto(`${setup.site().origin}/examples/e-textbook/`);
    await page.waitForFunction(() => document.documentElement.dataset.figures === '100');

    // Every figure near the viewport settles; everything further away stays idle (no board, no fetch).
    await page.waitForFunction(() => {
      const margin = 200;
      return [...document.querySelectorAll<Embed>('netpad-embed')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.bottom > -margin && r.top < innerHeight + margin;
        })
        .every((el) => ['ready', 'sign-in', 'error'].includes(el.status));
    });
    let states = await figureStates(page);
    assert.equal(states.length, 100);
    const near = states.filter((s) => s.near);
    assert.ok(near.length > 0 && near.length < 30, `${near.length} figures near the viewport`);
    assert.deepEqual(states.filter((s) => !s.near && s.status !== 'idle'), [], 'figures far from the viewport are not loaded');
    assert.deepEqual(states.filter((s) => s.board && !s.near), [], 'no board far from the viewport');
    assert.ok(states.filter((s) => s.near && s.status === 'ready').every((s) => s.board));
    assert.ok(states.some((s) => s.near && s.status === 'sign-in'), 'a paid figure asks to sign in');
    assert.ok(checks.length >= 1 && checks.every((n) => n <= 50), `entitlement checks: ${checks.join(', ')}`);
    assert.equal(checks.length, 1, 'the figures in view share one look-up');
    assert.deepEqual(tokenRequests, []);

    // Sign in once from the page: one token request, and every waiting figure re-checks in batches.
    checks.length = 0;
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#sign-in')]);
    await signInOnPlatformPages(popup, 'teacher');
    await page.waitForFunction(() => document.getElementById('who')!.textContent === 'usr_teacher');
    // Every figure near the viewport checks again and settles (idle → loading → its new state).
    await page.waitForFunction(() => {
      const margin = 200;
      return [...document.querySelectorAll<Embed>('netpad-embed')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.bottom > -margin && r.top < innerHeight + margin;
        })
        .every((el) => ['ready', 'purchase', 'expired', 'error'].includes(el.status));
    });
    assert.deepEqual(tokenRequests, ['POST'], 'one token request for the whole page');
    assert.ok(checks.length >= 1 && checks.every((n) => n <= 50), `entitlement checks after sign-in: ${checks.join(', ')}`);
    states = await figureStates(page);
    assert.ok(states.some((s) => s.near && s.status === 'purchase'), 'a figure the teacher lacks offers a purchase');

    // Scrolling to the end loads the figures there, and only those.
    await page.evaluate(() => document.querySelector<Embed>('netpad-embed[data-index="99"]')!.scrollIntoView());
    await page.waitForFunction(() => ['ready', 'purchase', 'expired', 'error'].includes(document.querySelector<Embed>('netpad-embed[data-index="99"]')!.status));
    states = await figureStates(page);
    const built = states.filter((s) => s.board).length;
    assert.ok(built < 50, `${built} boards built of 100`);

    // A real drag of a slider fires netpad-change on the element.
    await page.evaluate(() => window.scrollTo(0, 0));
    const index = await page.evaluate(() => {
      const el = [...document.querySelectorAll<Embed>('netpad-embed')].find((e) => e.status === 'ready' && e.shadowRoot!.querySelector('[role="slider"]'));
      el!.scrollIntoView({ block: 'center' });
      return el!.dataset.index;
    });
    const slider = page.locator(`netpad-embed[data-index="${index}"] [role="slider"]`).first();
    const box = (await slider.boundingBox())!;
    const changed = page.evaluate(
      (i) => new Promise<unknown>((resolve) => document.querySelector(`netpad-embed[data-index="${i}"]`)!.addEventListener('netpad-change', (e) => resolve((e as CustomEvent).detail.state), { once: true })),
      index,
    );
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    assert.equal(typeof (await changed), 'object');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
