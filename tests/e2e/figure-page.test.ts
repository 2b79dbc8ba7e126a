import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signInOnPlatformPages, useSiteAndBrowser } from './helpers.ts';

const statusIs = (page: Page, status: string) =>
  page.waitForFunction((s) => (document.querySelector('netpad-embed') as unknown as { status: string } | null)?.status === s, status);

describe('figure pages on the platform (/figures/{id})', () => {
  const setup = useSiteAndBrowser();

  it('shows a free figure live, with its title and the snippets to embed it', async () => {
    const page = await setup.browser().newPage({ locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${setup.site().origin}/figures/hyperbola-rectangle`);
    await statusIs(page, 'ready');
    assert.match((await page.textContent('h1'))!, /rectangle/i);
    assert.match((await page.textContent('section.embed'))!, /\[netpad id="hyperbola-rectangle"\]/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows the poster from the HTML itself, in the box the live figure then takes: no layout shift', async () => {
    const { origin } = setup.site();
    // The server's HTML already holds the poster, the preloads and the reserved box (no script needed).
    const html = await (await fetch(`${origin}/figures/hyperbola-rectangle`)).text();
    assert.match(html, /<div class="netpad-slot" id="figure"><img src="[^"]*\/v1\/figures\/hyperbola-rectangle\/poster\.svg"/);
    assert.match(html, /<link rel="modulepreload" href="\/lib\/embed\/netpad-embed\.js">/);
    assert.doesNotMatch(html, /modulepreload" href="\/lib\/embed\/renderer-/, 'the renderer would compete with the poster for the first paint');
    const paid = await (await fetch(`${origin}/figures/unit-circle`)).text();
    assert.doesNotMatch(paid, /modulepreload/, 'a paid figure may need a sign-in first: nothing preloaded');
    const embedFrame = await (await fetch(`${origin}/embed/hyperbola-rectangle`)).text();
    assert.match(embedFrame, /class="netpad-slot"/);
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const context = await setup.browser().newContext({ viewport, locale: 'zh-CN' });
      try {
        const page = await context.newPage();
        await page.addInitScript(() => {
          const w = window as unknown as { __shifts: number[] };
          w.__shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__shifts.push(e.value);
          }).observe({ type: 'layout-shift', buffered: true });
        });
        await page.goto(`${origin}/figures/hyperbola-rectangle`);
        const before = await page.evaluate(() => document.querySelector('section.embed')!.getBoundingClientRect().top);
        await statusIs(page, 'ready');
        // Two frames for any late layout to land.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        assert.deepEqual(await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts), [], `no layout shift at ${viewport.width} px`);
        assert.equal(await page.evaluate(() => document.querySelector('section.embed')!.getBoundingClientRect().top), before, 'what follows the figure stays where it was');
      } finally {
        await context.close();
      }
    }
  });

  it('lets a reader sign in and buy a paid figure on its page', async () => {
    const page = await setup.browser().newPage({ locale: 'zh-CN' });
    await page.goto(`${setup.site().origin}/figures/unit-circle`);
    await statusIs(page, 'sign-in');
    // What it costs, before signing in.
    assert.match((await page.locator('[part="prices"]').textContent())!, /30 天\s*10 NPC/);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('[part="sign-in-button"]').click()]);
    await signInOnPlatformPages(popup, 'student');
    await statusIs(page, 'purchase');
    assert.match((await page.locator('[part="panel"]').textContent())!, /钱包余额：20 NPC/);
    // The whole stage costs 200: more than her 20, so it is disabled with what is missing.
    const stage = page.locator('[part="buy-button"]', { hasText: '用 200 NPC 购买' });
    assert.equal(await stage.isDisabled(), true);
    assert.match((await page.locator('.short small').textContent())!, /还差 180 NPC/);
    await page.locator('[part="buy-button"]', { hasText: '用 10 NPC 购买' }).click();
    const confirm = (await page.locator('.confirm').textContent())!;
    assert.match(confirm, /从 Netpad 钱包支付 10 NPC 购买“.*（30 天/);
    assert.match(confirm, /有效期至 .*支付后钱包余额 10 NPC。/s);
    await page.locator('[part="confirm-button"]').click();
    await statusIs(page, 'ready');
    const receipt = (await page.locator('[part="receipt"]').textContent())!;
    assert.match(receipt, /购买成功。/);
    assert.match(receipt, /10 NPC，有效期至 .*（订单 ord_[A-Za-z0-9_-]{16}）/);
    await page.close();
  });
});
