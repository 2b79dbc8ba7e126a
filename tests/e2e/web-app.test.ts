// The platform's web app as a teacher uses it: the catalogue at /, My space, and the editor,
// saving to her space with If-Match, a conflict that keeps both versions, and a draft that
// survives a lost network.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { signInOnPlatformPages, useSiteAndBrowser } from './helpers.ts';

// axe is injected as a script: these contexts bypass the pages' CSP for it (the pages' own scripts are unchanged).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function signIn(page: Page): Promise<void> {
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.click('header .sign-in')]);
  await signInOnPlatformPages(popup, 'teacher');
  await page.waitForSelector('header .who:not([hidden])');
}

/** Types lines into the editor's input line, as a teacher at a keyboard does. */
async function typeLines(page: Page, lines: string[]): Promise<void> {
  const input = page.locator('netpad-editor #input');
  for (const line of lines) {
    await input.fill(line);
    await input.press('Enter');
    await page.waitForFunction(() => (document.querySelector('netpad-editor')!.shadowRoot!.querySelector('#input') as HTMLInputElement).value === '');
  }
}

const elementIds = (page: Page) => page.evaluate(() => (document.querySelector('netpad-editor') as unknown as { document: { elements: { id: string }[] } }).document.elements.map((e) => e.id));

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

async function spaceTitles(page: Page, origin: string): Promise<string[]> {
  await page.goto(`${origin}/app/space/`);
  await page.waitForSelector('#figures li');
  return page.$$eval('#figures li .title', (ts) => ts.map((t) => t.textContent ?? ''));
}

describe('the platform web app', () => {
  const setup = useSiteAndBrowser();

  it('opens on the catalogue at /: browse by edition and volume, search with highlights, what each figure is for me, on a phone', async () => {
    const { origin } = setup.site();
    const context = await setup.browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', bypassCSP: true });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`${origin}/`);
      await page.waitForSelector('#results .card');
      assert.equal(await page.textContent('header .brand'), 'Netpad 网络画板');
      assert.equal(await page.textContent('#heading'), '动态数学资源');
      // 人教版 › 九年级下册 holds its own chapters' figures.
      for (const node of ['stage:junior', 'grade:9', 'edition:rj:9']) await page.click(`#tree li:has(> button[data-node="${node}"]) > button.toggle`);
      assert.equal(await page.getAttribute('#tree li:has(> button[data-node="edition:rj:9"]) > button.toggle', 'aria-expanded'), 'true');
      await page.click('#tree button[data-node="volume:rj:9:b"]');
      await page.waitForFunction(() => [...document.querySelectorAll('#results .card')].map((c) => (c as HTMLElement).dataset.id).sort().join() === 'hyperbola-rectangle,similar-triangles');
      assert.equal(await page.textContent('.card[data-id="hyperbola-rectangle"] .badge'), '免费');
      assert.equal(await page.textContent('.card[data-id="similar-triangles"] .badge'), '付费');
      await page.fill('#q', '勾股定理');
      await page.press('#q', 'Enter');
      await page.waitForFunction(() => (document.querySelector('#results .card') as HTMLElement | null)?.dataset.id === 'pythagoras');
      assert.equal(await page.textContent('.card[data-id="pythagoras"] h3 mark'), '勾股定理');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 0, 'nothing wider than the phone');
      assert.deepEqual(await axeViolations(page), []);
      // Signed in, the teacher's own rights show: she holds ellipse-foci for a year.
      await signIn(page);
      await page.fill('#q', '椭圆');
      await page.press('#q', 'Enter');
      await page.waitForSelector('.card[data-id="ellipse-foci"] .badge.yours');
      assert.match((await page.textContent('.card[data-id="ellipse-foci"] .badge'))!, /^可用至 /);
      assert.equal(await page.isVisible('.card[data-id="ellipse-foci"] .edit-copy'), true, 'save_as: she may edit a copy');
      // Her account, in the app's own pages: the wallet, what she holds and until when.
      await page.click('header nav a[href="/app/account/"]');
      await page.waitForSelector('body[data-ready]');
      assert.equal(await page.textContent('#balance'), '余额：500 NPC');
      assert.match((await page.textContent('#rights li[data-object="ellipse-foci"] .meta'))!, /^查看、编辑、另存 · 有效期至 /);
      assert.match((await page.textContent('#rights li[data-object="law-of-sines"] .meta'))!, /已于 .* 到期/);
      assert.deepEqual(await axeViolations(page), []);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a teacher builds the circumcircle figure, saves it, reloads, finds it in My space, opens, edits and saves again', async () => {
    const { origin } = setup.site();
    const context = await setup.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', bypassCSP: true });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`${origin}/`);
      await signIn(page);
      await page.click('header nav a[href="/app/edit/"]');
      await page.waitForSelector('body[data-ready] netpad-editor .board-host svg');
      await page.fill('#title', '三角形的外接圆与重心');
      await typeLines(page, ['A = (-3, -2)', 'B = (4, -1)', 'C = (1, 4)', '多边形(A, B, C)', '圆(A, B, C)', 'G = 交点(线段(A, 中点(B, C)), 线段(B, 中点(C, A)))']);
      assert.deepEqual(await elementIds(page), ['A', 'B', 'C', 'poly1', 'c', 'D', 'a', 'E', 'b', 'G']);
      await page.click('#save');
      await page.waitForFunction(() => /^已保存/.test(document.getElementById('save-state')!.textContent ?? ''));
      const url = new URL(page.url());
      assert.match(url.searchParams.get('space') ?? '', /^sf_/);
      // A reload keeps her signed in and the figure as saved.
      await page.reload();
      await page.waitForSelector('header .who:not([hidden])');
      await page.waitForFunction(() => (document.querySelector('netpad-editor') as unknown as { document?: { elements: unknown[] } } | null)?.document?.elements.length === 10);
      assert.equal(await page.inputValue('#title'), '三角形的外接圆与重心');
      assert.deepEqual(await axeViolations(page), []);
      // My space lists it; she opens it, adds the circumcentre, saves.
      assert.deepEqual(await spaceTitles(page, origin), ['三角形的外接圆与重心']);
      assert.deepEqual(await axeViolations(page), []);
      await page.click('#figures li a.button');
      await page.waitForFunction(() => (document.querySelector('netpad-editor') as unknown as { document?: { elements: unknown[] } } | null)?.document?.elements.length === 10);
      await typeLines(page, ['O = 交点(垂线(中点(A, B), 线段(A, B)), 垂线(中点(B, C), 线段(B, C)))']);
      await page.click('#save');
      await page.waitForFunction(() => /^已保存/.test(document.getElementById('save-state')!.textContent ?? ''));
      await page.reload();
      await page.waitForFunction(() => (document.querySelector('netpad-editor') as unknown as { document?: { elements: { id: string }[] } } | null)?.document?.elements.some((e) => e.id === 'O'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a second tab saves first: the conflict keeps both versions and says so', async () => {
    const { origin } = setup.site();
    const context: BrowserContext = await setup.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'en' });
    try {
      const first = await context.newPage();
      await first.goto(`${origin}/app/edit/?lang=en`);
      await signIn(first);
      await first.waitForSelector('body[data-ready]');
      await first.fill('#title', 'Shared triangle');
      await typeLines(first, ['A = (0, 0)', 'B = (4, 0)', 'C = (1, 3)']);
      await first.click('#save');
      await first.waitForFunction(() => /^Saved/.test(document.getElementById('save-state')!.textContent ?? ''));
      const second = await context.newPage();
      await second.goto(first.url());
      await second.waitForFunction(() => (document.querySelector('netpad-editor') as unknown as { document?: { elements: unknown[] } } | null)?.document?.elements.length === 3);
      await typeLines(second, ['Segment(A, B)']);
      await second.click('#save');
      await second.waitForFunction(() => /^Saved/.test(document.getElementById('save-state')!.textContent ?? ''));
      // The first tab still holds the older version: its save must not overwrite the second's.
      await typeLines(first, ['Circle(A, B, C)']);
      await first.click('#save');
      await first.waitForSelector('#notice:not([hidden])');
      assert.match((await first.textContent('#notice'))!, /Both versions are kept: your changes are saved as “Shared triangle \(conflicting copy\)”/);
      const titles = (await spaceTitles(second, origin)).filter((title) => title.startsWith('Shared triangle'));
      assert.deepEqual(titles.sort(), ['Shared triangle', 'Shared triangle (conflicting copy)']);
      // The version the second tab saved is intact: its segment, not the first tab's circle.
      await second.click('#figures li:has(.title:text-is("Shared triangle")) a.button');
      await second.waitForFunction(() => (document.querySelector('netpad-editor') as unknown as { document?: { elements: unknown[] } } | null)?.document?.elements.length === 4);
      assert.deepEqual(await elementIds(second), ['A', 'B', 'C', 'a']);
    } finally {
      await context.close();
    }
  });

  it('the network drops mid-edit: the save says so, and the draft comes back on the next open', async () => {
    const { origin } = setup.site();
    const context = await setup.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'en' });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/app/edit/?lang=en`);
      await signIn(page);
      await page.waitForSelector('body[data-ready]');
      await page.fill('#title', 'Offline work');
      await typeLines(page, ['A = (0, 0)']);
      await page.click('#save');
      await page.waitForFunction(() => /^Saved/.test(document.getElementById('save-state')!.textContent ?? ''));
      await context.setOffline(true);
      await typeLines(page, ['B = (3, 1)', 'Segment(A, B)']);
      await page.click('#save');
      await page.waitForFunction(() => /network connection dropped/.test(document.getElementById('status')!.textContent ?? ''));
      await context.setOffline(false);
      await page.reload();
      await page.waitForSelector('#notice .restore-draft');
      assert.deepEqual(await elementIds(page), ['A']);
      await page.click('#notice .restore-draft');
      assert.deepEqual(await elementIds(page), ['A', 'B', 'a']);
      await page.click('#save');
      await page.waitForFunction(() => /^Saved/.test(document.getElementById('save-state')!.textContent ?? ''));
      await page.reload();
      await page.waitForFunction(() => (document.querySelector('netpad-editor') as unknown as { document?: { elements: unknown[] } } | null)?.document?.elements.length === 3);
      assert.equal(await page.isHidden('#notice'), true, 'nothing left to restore');
    } finally {
      await context.close();
    }
  });

  it('My space renames, duplicates, and deletes with undo', async () => {
    const { origin } = setup.site();
    const context = await setup.browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'en' });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/app/space/?lang=en`);
      await signIn(page);
      await page.waitForSelector('#figures li');
      const before = await page.$$eval('#figures li', (ls) => ls.length);
      const first = page.locator('#figures li').first();
      const title = (await first.locator('.title').textContent())!;
      await first.locator('.duplicate').click();
      await page.waitForFunction((n) => document.querySelectorAll('#figures li').length === n + 1, before);
      assert.ok((await page.$$eval('#figures li .title', (ts) => ts.map((t) => t.textContent))).includes(`${title} (copy)`));
      const copy = page.locator('#figures li', { hasText: `${title} (copy)` });
      await copy.locator('.rename').click();
      await copy.locator('input[name=title]').fill('Renamed copy');
      await copy.locator('.rename-form button[type=submit]').click();
      await page.waitForSelector('#figures li .title:text-is("Renamed copy")');
      await page.locator('#figures li', { hasText: 'Renamed copy' }).locator('.delete').click();
      await page.waitForSelector('#status .undo-delete');
      assert.equal(await page.locator('#figures li', { hasText: 'Renamed copy' }).count(), 0);
      await page.click('#status .undo-delete');
      await page.waitForSelector('#figures li .title:text-is("Renamed copy")');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 0);
    } finally {
      await context.close();
    }
  });

  it('the operators\' console: the platform at a glance, suspend an app with a reason and resume it, the audit log; teachers are turned away', async () => {
    const { origin } = setup.site();
    let context = await setup.browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', bypassCSP: true });
    try {
      let page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      // A teacher sees no console link, and the page says it is not hers.
      await page.goto(`${origin}/app/console/`);
      await signIn(page);
      await page.waitForSelector('#not-operator:not([hidden])');
      assert.equal(await page.locator('header nav a.console').count(), 0);
      await context.close();
      context = await setup.browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', bypassCSP: true });
      page = await context.newPage();
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`${origin}/app/console/`);
      const [popup] = await Promise.all([page.context().waitForEvent('page'), page.click('header .sign-in')]);
      await signInOnPlatformPages(popup, 'operator');
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.textContent('header nav a.console'), '运营控制台');
      assert.equal(await page.getAttribute('header nav a.console', 'aria-current'), 'page');
      const stat = (key: string) => page.textContent(`#overview [data-stat="${key}"] dd`);
      assert.ok(Number((await stat('catalogueFigures'))!.replace(/,/g, '')) > 0, 'the seeded catalogue is counted');
      assert.ok(Number((await stat('users'))!.replace(/,/g, '')) >= 2);
      // Suspend the demo textbook, with the reason asked in its row.
      const row = page.locator('#apps li[data-app="demo-textbook"]');
      await row.locator('button.suspend').click();
      await row.locator('input[name=reason]').fill('演示：违反使用条款');
      await row.locator('form button[type=submit]').click();
      await page.waitForSelector('#apps li[data-app="demo-textbook"] button.resume');
      assert.match((await page.textContent('#apps li[data-app="demo-textbook"] .meta'))!, /已暂停：演示：违反使用条款/);
      assert.match((await page.textContent('#status'))!, /已暂停 demo-textbook/);
      assert.equal(await page.textContent('#audit li:first-child .title'), '暂停应用');
      assert.match((await page.textContent('#audit li:first-child code'))!, /违反使用条款/);
      await page.click('#apps li[data-app="demo-textbook"] button.resume');
      await page.waitForSelector('#apps li[data-app="demo-textbook"] button.suspend');
      assert.equal(await page.textContent('#audit li:first-child .title'), '恢复应用');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 0, 'nothing wider than the phone');
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
