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

  it('lets a reader sign in and buy a paid figure on its page', async () => {
    const page = await setup.browser().newPage({ locale: 'zh-CN' });
    await page.goto(`${setup.site().origin}/figures/unit-circle`);
    await statusIs(page, 'sign-in');
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('[part="sign-in-button"]').click()]);
    await signInOnPlatformPages(popup, 'student');
    await statusIs(page, 'purchase');
    assert.match((await page.locator('[part="panel"]').textContent())!, /钱包余额：20 NPC/);
    await page.locator('[part="buy-button"]', { hasText: '用 10 NPC 购买' }).click();
    await statusIs(page, 'ready');
    await page.close();
  });
});
