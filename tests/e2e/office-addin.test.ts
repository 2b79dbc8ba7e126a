import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '@netpad/platform';
import { startPlatform, type Running } from '../../packages/platform/test/helpers.ts';
import { startAddinServer, type AddinServer } from '../../packages/office-addin/bin/serve.mjs';
import { launchChromium } from './helpers.ts';

// The PowerPoint add-in's pages against the real platform, with a fake Office host
// (packages/office-addin/src/host/fake.ts) standing in for PowerPoint: it records settings,
// switches views, and plays the dialog as a window on the add-in's origin.

const STORAGE_KEY = 'netpad-fake-office';
const CLIENT_ID = 'test-office';

interface FakeHost {
  saves: Record<string, unknown>[];
  saved: Record<string, unknown>;
  dialogs: string[];
  dialogOpen: boolean;
  setView(view: 'edit' | 'read'): void;
  deliverDialogMessage(message: string, origin: string | undefined): void;
  closeDialog(code?: number): void;
}
interface Content {
  mode: string;
  ignoredDialogMessages: string[];
  figure?: { getState(): Record<string, unknown> };
}
type Win = { netpadFakeHost: FakeHost; netpadContent: Content };
interface Stored {
  id: string;
  document: { title: unknown; elements: unknown[] };
  etag?: string;
  state: Record<string, number | [number, number]>;
  entitlement: { actions: string[]; expiresAt: string | null };
  poster: string | null;
}

describe('@netpad/office-addin in Chromium, against the platform', () => {
  let platform: Running;
  let addin: AddinServer;
  let browser: Browser;

  before(async () => {
    platform = await startPlatform();
    addin = await startAddinServer({ port: 0, host: '127.0.0.1', https: false, platform: platform.url, clientId: CLIENT_ID, testing: true });
    // The add-in as a public app of this platform: its origin (CORS) and its dialog's return page.
    createApp(platform.platform.db, '', {
      clientId: CLIENT_ID,
      name: 'PowerPoint add-in under test',
      kind: 'public',
      origins: [addin.origin],
      redirectUris: [`${addin.url}dialog/signed-in.html`],
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await addin?.close();
    await platform?.close();
  });

  /** A fresh "machine": its own storage, so its own deck. */
  async function openAddin(query: string, options: { settings?: Record<string, unknown>; context?: BrowserContext } = {}): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = options.context ?? (await browser.newContext());
    if (options.settings) {
      await context.addInitScript(([key, value]) => {
        if (!localStorage.getItem(key)) localStorage.setItem(key, value);
      }, [STORAGE_KEY, JSON.stringify(options.settings)] as const);
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${addin.url}testing-content.html?${query}`);
    await page.waitForSelector('html[data-ready=true]');
    return { page, context, errors };
  }

  /** Drags an element of the figure by (dx, dy) pixels in steps, as a hand would. */
  async function drag(page: Page, id: string, dx: number, dy: number): Promise<void> {
    const box = (await page.locator(`[id$="_np_${id}"]`).first().boundingBox())!;
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(from.x + (dx * i) / 5, from.y + (dy * i) / 5);
    await page.mouse.up();
  }

  /**
   * The same drag with a finger or a pen, as Chromium's input pipeline delivers them (trusted
   * pointer events of that pointerType, through the CDP), not synthetic DOM events.
   */
  async function dragWith(page: Page, pointer: 'touch' | 'pen', id: string, dx: number, dy: number): Promise<void> {
    const box = (await page.locator(`[id$="_np_${id}"]`).first().boundingBox())!;
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const at = (i: number) => ({ x: from.x + (dx * i) / 5, y: from.y + (dy * i) / 5 });
    const cdp = await page.context().newCDPSession(page);
    if (pointer === 'touch') {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] });
      for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(i)] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    } else {
      const pen = { pointerType: 'pen' as const, button: 'left' as const };
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at(0), pointerType: 'pen' });
      await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at(0), ...pen, buttons: 1, clickCount: 1 });
      for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at(i), ...pen, buttons: 1 });
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at(5), ...pen, buttons: 0, clickCount: 1 });
    }
    await cdp.detach();
  }

  const mode = (page: Page, value: string) => page.waitForSelector(`#app[data-mode="${value}"]`);
  const saved = (page: Page) => page.evaluate(() => (window as unknown as Win).netpadFakeHost.saved['netpad.figure'] as Stored | undefined);
  const savesCount = (page: Page) => page.evaluate(() => (window as unknown as Win).netpadFakeHost.saves.length);

  async function storedHyperbola(overrides: Partial<Stored> = {}): Promise<Record<string, unknown>> {
    const document = await (await fetch(`${platform.url}/v1/figures/hyperbola-rectangle/document`)).json();
    const poster = await (await fetch(`${platform.url}/v1/figures/hyperbola-rectangle/poster.svg`)).text();
    return {
      'netpad.figure': { v: 1, id: 'hyperbola-rectangle', document, state: { k: 5 }, entitlement: { actions: ['view'], expiresAt: null }, poster, insertedAt: new Date().toISOString(), ...overrides },
    };
  }

  it('outside PowerPoint, the real page says it runs in PowerPoint (Office.js from npm, offline)', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${addin.url}content.html`);
    await mode(page, 'outside');
    assert.match((await page.textContent('#app'))!, /This add-in runs in PowerPoint/);
    const fake = await context.request.get(`${addin.url}testing-content.html`);
    assert.equal(fake.status(), 200, 'the test server serves the fake-host page');
    const outside = await openAddin('office=no&locale=zh-CN');
    await mode(outside.page, 'outside');
    assert.match((await outside.page.textContent('#app'))!, /此加载项在 PowerPoint 中运行/);
    await context.close();
    await outside.context.close();
  });

  it('signs in through the dialog, inserts the hyperbola, saves every drag, and reopens the same figure and state', async () => {
    const { page, context, errors } = await openAddin('locale=en&dialog=window');
    await mode(page, 'picker');
    await page.waitForSelector('.card[data-id="hyperbola-rectangle"]');
    // Anonymous: a paid figure cannot be inserted, a free one can.
    assert.match((await page.textContent('.card[data-id="hyperbola-rectangle"] .entitlement'))!, /free · view only/);
    // A figure she may not view says where she can get it: its page on the platform.
    const locked = page.locator('.card:has(button.insert:disabled)').first();
    const lockedId = (await locked.getAttribute('data-id'))!;
    assert.equal(await locked.locator('a.get').getAttribute('href'), `${platform.url}/figures/${lockedId}?lang=en`);
    assert.equal(await page.locator('.card[data-id="hyperbola-rectangle"] a.get').count(), 0);

    const [dialog] = await Promise.all([page.waitForEvent('popup'), page.click('button.sign-in')]);
    assert.match((await page.evaluate(() => (window as unknown as Win).netpadFakeHost.dialogs[0]))!, new RegExp(`^${addin.url}dialog/start.html\\?to=`));
    await dialog.waitForSelector('#username');
    assert.equal(new URL(dialog.url()).origin, platform.url);
    await dialog.fill('#username', 'teacher');
    await dialog.fill('#password', 'teacher-demo');
    await dialog.click('button[type=submit]');
    await dialog.waitForSelector('form[action$="/confirm"]');
    await Promise.all([dialog.waitForEvent('close'), dialog.click('form[action$="/confirm"] button')]);
    await page.waitForFunction(() => document.querySelector('.who')?.textContent === 'Signed in as 王老师 (teacher)');

    // The tree of the catalogue's dimensions: a topic narrows the list.
    await page.waitForSelector('.tree button[data-node="topic:functions"]');
    const [byTopic] = await Promise.all([
      page.waitForResponse((res) => new URL(res.url()).pathname === '/v1/figures' && new URL(res.url()).searchParams.get('node') === 'topic:functions'),
      page.click('.tree button[data-node="topic:functions"]'),
    ]);
    const topicIds = ((await byTopic.json()) as { items: { id: string }[] }).items.map((item) => item.id);
    // The chosen entry stays readable: its text contrasts with its background (WCAG AA, 4.5:1).
    const contrast = await page.$eval('.tree button[aria-current]', (el) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const style = getComputedStyle(el);
      const bg = style.backgroundColor === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : style.backgroundColor;
      const [a, b] = [lum(rgb(style.color)), lum(rgb(bg))];
      return { text: el.textContent, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
    assert.ok(contrast.ratio >= 4.5, `the selected “${contrast.text}” has contrast ${contrast.ratio.toFixed(2)}`);
    assert.ok(topicIds.includes('hyperbola-rectangle'));
    await page.waitForFunction((ids) => [...document.querySelectorAll('.results .card')].map((c) => c.getAttribute('data-id')).join() === ids.join(), topicIds.slice(0, 24));
    // A textbook volume of one edition: 人教版 九年级下册 holds its own chapters' figures.
    assert.deepEqual(
      await page.$$eval('.tree button[data-node^="edition:"][data-node$=":9"]', (bs) => bs.map((b) => b.textContent)),
      ['PEP edition', 'BNU edition', 'Hunan edition'],
    );
    await page.$$eval('.tree details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    assert.equal(await page.textContent('.tree button[data-node="volume:rj:9:b"]'), 'Grade 9, volume 2');
    const [byVolume] = await Promise.all([
      page.waitForResponse((res) => new URL(res.url()).pathname === '/v1/figures' && new URL(res.url()).searchParams.get('node') === 'volume:rj:9:b'),
      page.click('.tree button[data-node="volume:rj:9:b"]'),
    ]);
    assert.deepEqual(((await byVolume.json()) as { items: { id: string }[] }).items.map((item) => item.id).sort(), ['hyperbola-rectangle', 'similar-triangles']);
    await page.waitForFunction(() => document.querySelectorAll('.results .card').length === 2);
    // And a search.
    await page.fill('input[name=q]', 'hyperbola');
    await page.click('form.search button');
    await page.waitForFunction(() => document.querySelectorAll('.results .card').length >= 1 && !!document.querySelector('.card[data-id="hyperbola-rectangle"]'));
    const poster = await page.getAttribute('.card[data-id="hyperbola-rectangle"] img', 'src');
    assert.equal(poster, `${platform.url}/v1/figures/hyperbola-rectangle/poster.svg`);

    await page.click('.card[data-id="hyperbola-rectangle"] button.insert');
    await mode(page, 'edit-figure');
    await page.waitForFunction(() => ((window as unknown as Win).netpadFakeHost.saved['netpad.figure'] as { state?: { k?: number } } | undefined)?.state?.k === 3);
    const inserted = (await saved(page))!;
    assert.equal(inserted.id, 'hyperbola-rectangle');
    assert.deepEqual((inserted.document.title as Record<string, string>).en, 'Hyperbola and rectangle area');
    assert.ok(inserted.entitlement.actions.includes('view'));
    assert.match(inserted.poster ?? '', /^<\?xml|^<svg/);

    // Drag P along the hyperbola, then the slider k, with the mouse: both are saved.
    const before = (await saved(page))!.state;
    await drag(page, 'P', 100, 40);
    await page.waitForFunction(
      (old) => JSON.stringify(((window as unknown as Win).netpadFakeHost.saved['netpad.figure'] as { state: { P: unknown } }).state.P) !== old,
      JSON.stringify(before.P),
    );
    await drag(page, 'k', 60, 0);
    await page.waitForFunction(() => ((window as unknown as Win).netpadFakeHost.saved['netpad.figure'] as { state: { k: number } }).state.k > 3);
    const dragged = (await saved(page))!.state;
    assert.notDeepEqual(dragged.P, before.P, 'P moved');

    // "Reopen the deck": the same figure and state from the settings.
    await page.reload();
    await page.waitForSelector('html[data-ready=true]');
    await mode(page, 'edit-figure');
    const reopened = await page.evaluate(() => (window as unknown as Win).netpadContent.figure!.getState());
    assert.deepEqual(reopened, dragged);

    // Reset: the figure's own state, saved.
    await page.click('button.reset');
    await page.waitForFunction(() => ((window as unknown as Win).netpadFakeHost.saved['netpad.figure'] as { state: { k: number } }).state.k === 3);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('makes a new figure with the editor, saves it to her space and into the slide, then edits it again', async () => {
    const { page, context, errors } = await openAddin('locale=zh-CN&dialog=window');
    await mode(page, 'picker');
    await page.click('button.new-figure');
    await mode(page, 'editing');
    await page.waitForSelector('netpad-editor .board-host svg');
    const input = page.locator('netpad-editor #input');
    for (const line of ['A = (-3, -2)', 'B = (4, -1)', 'C = (1, 4)', '圆(A, B, C)']) {
      await input.fill(line);
      await input.press('Enter');
    }
    await page.waitForFunction(() => (document.querySelector('netpad-editor') as unknown as { document?: { elements: unknown[] } } | null)?.document?.elements.length === 4);
    // Saving needs her space: the sign-in dialog opens from the save.
    const [dialog] = await Promise.all([page.waitForEvent('popup'), page.click('button.save-edit')]);
    await dialog.waitForSelector('#username');
    await dialog.fill('#username', 'teacher');
    await dialog.fill('#password', 'teacher-demo');
    await dialog.click('button[type=submit]');
    await dialog.waitForSelector('form[action$="/confirm"]');
    await Promise.all([dialog.waitForEvent('close'), dialog.click('form[action$="/confirm"] button')]);
    await mode(page, 'edit-figure');
    const first = (await saved(page))!;
    assert.match(first.id, /^space:sf_/);
    assert.equal(first.document.elements.length, 4);
    assert.equal(await page.textContent('p.status'), '已保存到幻灯片和你的空间。');
    // Edit again: the same space figure is updated (If-Match), not copied.
    await page.click('button.edit');
    await mode(page, 'editing');
    // The editor element comes once its module has loaded.
    await page.waitForFunction(() => (document.querySelector('netpad-editor') as unknown as { document?: { elements: unknown[] } } | null)?.document?.elements.length === 4);
    await input.fill('中点(A, B)');
    await input.press('Enter');
    await page.click('button.save-edit');
    await mode(page, 'edit-figure');
    const second = (await saved(page))!;
    assert.equal(second.id, first.id);
    assert.equal(second.document.elements.length, 5);
    assert.ok(second.etag && second.etag !== first.etag, 'the space figure was updated: a new version');
    // Cancel leaves the slide as it was.
    await page.click('button.edit');
    await mode(page, 'editing');
    await page.click('button.cancel-edit');
    await mode(page, 'edit-figure');
    assert.equal((await saved(page))!.document.elements.length, 5);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('fits the smallest slide size: nothing overlaps or scrolls sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 240 } });
    const { page, errors } = await openAddin('locale=zh-CN', { context });
    await mode(page, 'picker');
    await page.waitForSelector('.results .card');
    const boxes = await page.evaluate(() =>
      ['.bar', '.tabs', '.tree', '.search', '.results'].map((selector) => {
        const r = document.querySelector(selector)!.getBoundingClientRect();
        return { selector, top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      }),
    );
    for (let i = 1; i < boxes.length; i++) {
      assert.ok(boxes[i]!.top >= boxes[i - 1]!.bottom - 0.5, `${boxes[i]!.selector} starts below ${boxes[i - 1]!.selector}: ${JSON.stringify(boxes)}`);
    }
    for (const b of boxes) assert.ok(b.left >= 0 && b.right <= 320.5, `${b.selector} fits the width (${b.left}–${b.right})`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no sideways scrolling');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('presents from the stored copy with the network cut: live, draggable, no request, no dialog', async () => {
    const platformRequests: string[] = [];
    // A touch screen with a pen, as on a classroom board or a Surface.
    const context = await browser.newContext({ hasTouch: true });
    await context.route(`${platform.url}/**`, (route) => {
      platformRequests.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    const { page, errors } = await openAddin('locale=en', { settings: await storedHyperbola(), context });
    await mode(page, 'edit-figure');
    // The slide show starts; the network is gone.
    await context.setOffline(true);
    await page.evaluate(() => (window as unknown as Win).netpadFakeHost.setView('read'));
    await mode(page, 'read-figure');
    assert.equal((await page.evaluate(() => (window as unknown as Win).netpadContent.figure!.getState())).k, 5);
    await page.evaluate(() => {
      const seen: string[] = [];
      document.addEventListener('pointerdown', (event) => seen.push(event.pointerType), true);
      Object.assign(window, { pointerTypes: seen });
    });
    const state = () => page.evaluate(() => (window as unknown as Win).netpadContent.figure!.getState() as { k: number; P: unknown });
    await drag(page, 'k', 40, 0);
    await page.waitForFunction(() => ((window as unknown as Win).netpadContent.figure!.getState() as { k: number }).k > 5);
    // A finger drags P, a pen drags k back.
    const beforeTouch = await state();
    await dragWith(page, 'touch', 'P', 60, -30);
    await page.waitForFunction((old) => JSON.stringify(((window as unknown as Win).netpadContent.figure!.getState() as { P: unknown }).P) !== old, JSON.stringify(beforeTouch.P));
    const beforePen = await state();
    await dragWith(page, 'pen', 'k', -60, 0);
    await page.waitForFunction((old) => ((window as unknown as Win).netpadContent.figure!.getState() as { k: number }).k < old, beforePen.k);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { pointerTypes: string[] }).pointerTypes), ['mouse', 'touch', 'pen']);
    assert.equal(await savesCount(page), 0, 'presenting does not rewrite the deck');
    assert.deepEqual(await page.evaluate(() => (window as unknown as Win).netpadFakeHost.dialogs), []);
    assert.deepEqual(platformRequests, []);

    // Opened straight into the slide show, offline.
    const second = await context.newPage();
    await context.setOffline(false);
    await second.goto(`${addin.url}testing-content.html?view=read&locale=zh-CN`);
    await context.setOffline(true);
    await mode(second, 'read-figure');
    assert.ok(await second.locator('[id$="_np_P"]').count());
    assert.deepEqual(platformRequests, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows the poster and how to renew once the stored entitlement has expired', async () => {
    const settings = await storedHyperbola({ entitlement: { actions: ['view', 'edit'], expiresAt: '2024-03-01T00:00:00.000Z' } });
    const en = await openAddin('view=read&locale=en', { settings });
    await mode(en.page, 'read-poster');
    assert.match((await en.page.getAttribute('.poster img', 'src'))!, /^data:image\/svg\+xml/);
    const notice = (await en.page.textContent('.poster .notice'))!;
    assert.match(notice, /ended on March 1, 2024/);
    assert.match(notice, /To renew, leave the slide show, sign in/);
    assert.equal(await en.page.locator('.netpad-board').count(), 0);
    await en.context.close();

    const zh = await openAddin('view=read&locale=zh-CN', { settings });
    await mode(zh.page, 'read-poster');
    assert.match((await zh.page.textContent('.poster .notice'))!, /授权已于 2024年3月1日 到期.*续订/);
    await zh.context.close();
  });

  it('ignores a dialog message from a wrong origin, and says when the sign-in was cancelled', async () => {
    const { page, context } = await openAddin('locale=en&dialog=manual');
    await mode(page, 'picker');
    await page.click('button.sign-in');
    await page.waitForFunction(() => (window as unknown as Win).netpadFakeHost.dialogOpen);
    const url = `${addin.url}dialog/signed-in.html?code=stolen&state=x`;
    await page.evaluate(
      ([message]) => (window as unknown as Win).netpadFakeHost.deliverDialogMessage(message!, 'https://evil.example'),
      [JSON.stringify({ type: 'netpad-dialog-result', url })],
    );
    assert.deepEqual(await page.evaluate(() => (window as unknown as Win).netpadContent.ignoredDialogMessages), ['message from https://evil.example']);
    assert.equal(await page.evaluate(() => (window as unknown as Win).netpadFakeHost.dialogOpen), true, 'still waiting for the real answer');
    assert.equal(await page.textContent('.error'), '');

    await page.evaluate(() => (window as unknown as Win).netpadFakeHost.closeDialog(12006));
    await page.waitForFunction(() => !!document.querySelector('.error')?.textContent);
    assert.match((await page.textContent('.error'))!, /^Sign-in cancelled/);
    await context.close();
  });

  it('says when the sign-in failed: a refused answer, and a dialog Office would not open', async () => {
    const { page, context } = await openAddin('locale=en&dialog=manual');
    await mode(page, 'picker');
    await page.click('button.sign-in');
    await page.waitForFunction(() => (window as unknown as Win).netpadFakeHost.dialogOpen);
    // The right origin and page, but an answer that is not for this sign-in.
    const url = `${addin.url}dialog/signed-in.html?error=server_error&state=not-this-sign-in`;
    await page.evaluate(([message, origin]) => (window as unknown as Win).netpadFakeHost.deliverDialogMessage(message!, origin), [JSON.stringify({ type: 'netpad-dialog-result', url }), addin.origin]);
    await page.waitForFunction(() => !!document.querySelector('.error')?.textContent);
    assert.match((await page.textContent('.error'))!, /^Sign-in failed: .+Try again\.$/);
    await context.close();

    const blocked = await openAddin('locale=zh-CN&dialog=12009');
    await mode(blocked.page, 'picker');
    await blocked.page.click('button.sign-in');
    await blocked.page.waitForFunction(() => !!document.querySelector('.error')?.textContent);
    assert.match((await blocked.page.textContent('.error'))!, /无法打开登录窗口（12009）/);
    await blocked.context.close();
  });

  it('says the sign-in was cancelled when the teacher presses Cancel on the platform page', async () => {
    const { page, context } = await openAddin('locale=en&dialog=window');
    await mode(page, 'picker');
    const [dialog] = await Promise.all([page.waitForEvent('popup'), page.click('button.sign-in')]);
    await dialog.waitForSelector('form[action$="/abort"] button');
    await Promise.all([dialog.waitForEvent('close'), dialog.click('form[action$="/abort"] button')]);
    await page.waitForFunction(() => !!document.querySelector('.error')?.textContent);
    assert.match((await page.textContent('.error'))!, /^Sign-in cancelled/);
    await context.close();
  });
});
