// Sessions that last: a reader who signed in on a blog stays signed in across reloads, in every
// frame of the page after one popup, without a bearer secret in storage; revocation and
// sign-out end it everywhere.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { addOrigin } from '@netpad/platform';
import { launchProfile, signInOnPlatformPages, startSite, useSiteAndBrowser } from './helpers.ts';

const OWNED = 'ellipse-foci';
const NOT_OWNED = 'triangle-centres';

const statusOf = (page: Page, id: string) => page.$eval(`netpad-embed[resource="${id}"]`, (el) => (el as unknown as { status: string }).status);
const waitForStatus = (page: Page, id: string, status: string) =>
  page.waitForFunction(([i, s]) => (document.querySelector(`netpad-embed[resource="${i}"]`) as unknown as { status: string } | null)?.status === s, [id, status] as const);

/** What the platform's frame keeps in IndexedDB, read inside the frame (its storage partition). */
function keptSignIns(frame: Frame): Promise<string[]> {
  return frame.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('netpad-session', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('sign-ins');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('sign-ins', 'readonly').objectStore('sign-ins').getAll();
          all.onsuccess = () => resolve(all.result as string[]);
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

describe('sessions that last', () => {
  const setup = useSiteAndBrowser();
  let blog: Awaited<ReturnType<typeof startSite>>;
  before(async () => {
    const platform = setup.site().origin;
    const post = `<!doctype html><html lang="zh-CN"><meta name="viewport" content="width=device-width, initial-scale=1"><body>
      <script src="${platform}/lib/widget/netpad.js" data-client-id="demo-blog" async></script>
      <p>[netpad id="${OWNED}"]</p><p>[netpad id="${NOT_OWNED}"]</p></body></html>`;
    blog = await startSite({ '/post.html': post, '/other.html': post.replace('<p>', '<h1>另一篇</h1><p>') });
    addOrigin(setup.site().platform.db, 'demo-blog', blog.origin);
  });
  after(async () => blog?.close());

  it('one popup signs in every frame; reloads and other pages stay signed in; no bearer secret is stored', async () => {
    const { origin } = setup.site();
    const profile = await launchProfile({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const context = profile.context;
    try {
    let popups = 0;
    const page = await context.newPage();
    page.on('popup', () => popups++);
    await page.goto(`${blog.origin}/post.html`);
    await waitForStatus(page, OWNED, 'sign-in');
    await waitForStatus(page, NOT_OWNED, 'sign-in');

    const frame = page.frameLocator(`netpad-embed[resource="${OWNED}"] iframe`);
    const [popup] = await Promise.all([context.waitForEvent('page'), frame.locator('[part="sign-in-button"]').click()]);
    await signInOnPlatformPages(popup, 'teacher');
    await waitForStatus(page, OWNED, 'ready');
    // The other frame followed the one sign-in: it now offers the figure for sale.
    await waitForStatus(page, NOT_OWNED, 'purchase');
    assert.equal(popups, 1);

    await page.reload();
    await waitForStatus(page, OWNED, 'ready');
    await waitForStatus(page, NOT_OWNED, 'purchase');
    await page.goto(`${blog.origin}/other.html`);
    await waitForStatus(page, OWNED, 'ready');
    assert.equal(popups, 1, 'no sign-in window after a reload or on another page');

    const platformFrame = page.frames().find((f) => f.url().startsWith(`${origin}/embed/${OWNED}`))!;
    const kept = await keptSignIns(platformFrame);
    assert.equal(kept.length, 1);
    const user = JSON.parse(kept[0]!) as { access_token?: string; refresh_token: string; token_type: string };
    assert.equal(user.access_token, undefined, 'the access token is never stored');
    assert.equal(user.token_type.toLowerCase(), 'dpop');

    // Taken out of the browser, the refresh token is useless: it is bound to a key that cannot leave it.
    const stolen = await fetch(`${origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: user.refresh_token, client_id: 'demo-blog' }),
    });
    assert.equal(stolen.status, 400);
    assert.equal(((await stolen.json()) as { error: string }).error, 'invalid_grant');
    const key = await platformFrame.evaluate(
      () =>
        new Promise<boolean | string>((resolve) => {
          // oidc-client-ts keeps the DPoP key pair as CryptoKeys: check the private one cannot be exported.
          const open = indexedDB.open('oidc');
          open.onsuccess = () => {
            const db = open.result;
            const names = [...db.objectStoreNames];
            if (!names.length) return resolve('no key store');
            const all = db.transaction(names[0]!, 'readonly').objectStore(names[0]!).getAll();
            all.onsuccess = () => {
              const state = (all.result as { keys?: CryptoKeyPair }[])[0];
              resolve(state?.keys?.privateKey ? state.keys.privateKey.extractable : 'no key');
            };
          };
          open.onerror = () => resolve('no db');
        }),
    );
    assert.equal(key, false, `the private key is not extractable (${String(key)})`);

    // Revoked at the platform (what "sign out everywhere" or a stolen-token report does): the
    // next page finds the sign-in ended in every frame, and the kept one gone.
    const revoked = await fetch(`${origin}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: user.refresh_token, token_type_hint: 'refresh_token', client_id: 'demo-blog' }),
    });
    assert.equal(revoked.status, 200);
    await page.reload();
    await waitForStatus(page, OWNED, 'sign-in');
    await waitForStatus(page, NOT_OWNED, 'sign-in');
    const again = page.frames().find((f) => f.url().startsWith(`${origin}/embed/${OWNED}`))!;
    await again.waitForFunction(async () => {
      const open = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('netpad-session', 1);
        r.onsuccess = () => resolve(r.result);
      });
      const n = await new Promise<number>((resolve) => {
        const c = open.transaction('sign-ins', 'readonly').objectStore('sign-ins').count();
        c.onsuccess = () => resolve(c.result);
      });
      open.close();
      return n === 0;
    });
    assert.equal(await statusOf(page, OWNED), 'sign-in');
    } finally {
      await profile.close();
    }
  });

  it('signs out of the developer portal in one tab and the other tab follows', async () => {
    const { origin } = setup.site();
    const context = await setup.browser().newContext({ locale: 'en-US' });
    const first = await context.newPage();
    await first.goto(`${origin}/developers/`);
    const [popup] = await Promise.all([context.waitForEvent('page'), first.click('#sign-in')]);
    await signInOnPlatformPages(popup, 'student');
    await first.waitForSelector('#apps:not([hidden])');

    const second = await context.newPage();
    await second.goto(`${origin}/developers/`);
    await second.waitForSelector('#apps:not([hidden])');
    assert.match((await second.textContent('#who'))!, /李同学/, 'the second tab is signed in without a popup');

    await Promise.all([second.waitForEvent('load'), second.click('#sign-out')]);
    await second.waitForSelector('#sign-in:not([hidden])');
    await first.waitForSelector('#sign-in:not([hidden])');
    assert.equal(await first.isHidden('#apps'), true);
    await context.close();
  });
});
