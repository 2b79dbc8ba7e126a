import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { signInOnPlatformPages, useSiteAndBrowser } from './helpers.ts';

/** Clicks the demo's sign-in button and completes the platform's pages in the popup as teacher. */
async function signInAsTeacherInPopup(page: Page): Promise<void> {
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#sign-in')]);
    await signInOnPlatformPages(popup, 'teacher');
}

describe('@netpad/sdk popup sign-in in Chromium, against the platform', () => {
  const setup = useSiteAndBrowser();
  const browser = { newPage: (...args: Parameters<Browser['newPage']>) => setup.browser().newPage(...args) };
  const site = {
    get origin() {
      return setup.site().origin;
    },
  };

  async function openDemo(): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${site.origin}/examples/sdk/`);
    await page.waitForFunction(() => document.getElementById('status')!.textContent !== '—');
    return { page, errors, requests };
  }

  it('signs in through the platform pages in a popup, gets DPoP-bound tokens, buys a figure and opens it', async () => {
    const { page, errors, requests } = await openDemo();
    assert.match((await page.textContent('#status'))!, /需要登录/);
    assert.ok(!requests.some((p) => /\/lib\/sdk\/session-/.test(p)), 'the sign-in code is not loaded before a sign-in');

    await signInAsTeacherInPopup(page);

    await page.waitForFunction(() => document.getElementById('who')!.textContent === 'usr_teacher');
    assert.ok(requests.some((p) => /\/lib\/sdk\/session-/.test(p)), 'the sign-in code loaded on demand');
    assert.match((await page.textContent('#status'))!, /没有权限/);
    const tokenType = await page.evaluate(async () => {
      const demo = (window as unknown as { netpadSdkDemo: { user: { authorize(r: object): Promise<Record<string, string>> } } }).netpadSdkDemo;
      const headers = await demo.user.authorize({ method: 'GET', url: `${location.origin}/v1/wallet` });
      return [headers.authorization!.split(' ')[0], typeof headers.dpop];
    });
    assert.deepEqual(tokenType, ['DPoP', 'string']);

    await page.click('#buy');
    await page.waitForFunction(() => document.getElementById('balance')!.textContent === '490');
    assert.match((await page.textContent('#status'))!, /可查看 viewable: view, edit, save_as/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('says the popup was blocked where pop-ups are not allowed (a sandboxed embed, as WordPress makes)', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/examples/`);
    // A frame without allow-popups: window.open gives nothing, as in a pasted oEmbed.
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
      frame.src = src;
      frame.style.width = '800px';
      frame.style.height = '600px';
      document.body.prepend(frame);
    }, `${site.origin}/examples/sdk/`);
    const frame = page.frameLocator('iframe');
    await frame.locator('#status').filter({ hasNotText: '—' }).waitFor();
    await frame.locator('#sign-in').click();
    await frame.locator('#error').filter({ hasText: 'PopupBlockedError' }).waitFor();
    assert.match((await frame.locator('#error').textContent())!, /^PopupBlockedError: The browser blocked the sign-in window/);
    await page.close();
  });

  it('says the popup was closed when the reader closes it', async () => {
    const { page } = await openDemo();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#sign-in')]);
    await popup.waitForSelector('#username');
    await popup.close();
    await page.waitForFunction(() => (document.getElementById('error')!.textContent ?? '') !== '');
    assert.match((await page.textContent('#error'))!, /^PopupClosedError/);
    await page.close();
  });
});

describe('@netpad/sdk renewal and sign-out in Chromium', () => {
  const setup = useSiteAndBrowser();

  async function signedInPage(): Promise<{ page: Page; tokenRequests: string[] }> {
    // Its own context, so a test can open a second tab of the same site beside it.
    const page = await (await setup.browser().newContext()).newPage();
    const tokenRequests: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (r.method() === 'POST' && (url.pathname === '/token' || url.pathname === '/token/revocation')) tokenRequests.push(`${url.pathname} ${r.postData() ?? ''}`);
    });
    await page.goto(`${setup.site().origin}/examples/sdk/`);
    await page.waitForFunction(() => document.getElementById('status')!.textContent !== '—');
    await signInAsTeacherInPopup(page);
    await page.waitForFunction(() => document.getElementById('who')!.textContent === 'usr_teacher');
    return { page, tokenRequests };
  }

  it('renews with the refresh token once for many concurrent calls', async () => {
    const { page, tokenRequests } = await signedInPage();
    const before = tokenRequests.filter((r) => r.includes('grant_type=refresh_token')).length;
    const results = await page.evaluate(async () => {
      const demo = (window as unknown as { netpadSdkDemo: { user: { invalidate(): void }; client: { wallet: { get(): Promise<{ balance: number }> }; figures: { metadata(id: string): Promise<{ id: string }> } } } }).netpadSdkDemo;
      // As when the access token has run out: the next calls must renew it, once.
      demo.user.invalidate();
      const calls = await Promise.all([demo.client.wallet.get(), demo.client.figures.metadata('pythagoras'), demo.client.figures.metadata('sine-wave'), demo.client.wallet.get()]);
      return calls.length;
    });
    assert.equal(results, 4);
    const renewals = tokenRequests.filter((r) => r.includes('grant_type=refresh_token')).length - before;
    assert.equal(renewals, 1, tokenRequests.join('\n'));
    await page.close();
  });

  it('waits for a renewal in another tab: one refresh at a time across tabs (navigator.locks)', async () => {
    const { page: tabB, tokenRequests } = await signedInPage();
    const tabA = await tabB.context().newPage();
    await tabA.goto(`${setup.site().origin}/examples/`);
    const lock = `netpad-refresh:${setup.site().origin}:demo-blog`;
    // Tab A holds the refresh lock, as if it were renewing its own sign-in.
    await tabA.evaluate(async (name) => {
      await new Promise<void>((held) => {
        void navigator.locks.request(name, () => new Promise<void>((release) => {
          (window as unknown as { releaseRefreshLock: () => void }).releaseRefreshLock = release;
          held();
        }));
      });
    }, lock);
    const before = tokenRequests.filter((r) => r.includes('grant_type=refresh_token')).length;
    // Tab B's access token runs out; its next call must wait for the lock.
    await tabB.evaluate(() => {
      const demo = (window as unknown as { netpadSdkDemo: { user: { invalidate(): void }; client: { wallet: { get(): Promise<{ balance: number }> } } } }).netpadSdkDemo;
      demo.user.invalidate();
      (window as unknown as { pendingWallet: Promise<{ balance: number }> }).pendingWallet = demo.client.wallet.get();
    });
    await tabB.waitForFunction((name) => navigator.locks.query().then((s) => (s.pending ?? []).some((l) => l.name === name)), lock);
    assert.equal(tokenRequests.filter((r) => r.includes('grant_type=refresh_token')).length, before, 'no refresh while the other tab holds the lock');
    await tabA.evaluate(() => (window as unknown as { releaseRefreshLock: () => void }).releaseRefreshLock());
    const wallet = await tabB.evaluate(() => (window as unknown as { pendingWallet: Promise<{ balance: number }> }).pendingWallet);
    assert.equal(wallet.balance, 500);
    assert.equal(tokenRequests.filter((r) => r.includes('grant_type=refresh_token')).length, before + 1);
    await tabB.context().close();
  });

  it('signs out by revoking the tokens at the platform', async () => {
    const { page, tokenRequests } = await signedInPage();
    const outcome = await page.evaluate(async () => {
      const demo = (window as unknown as { netpadSdkDemo: { user: { signOut(): Promise<void>; signedIn: boolean }; client: { wallet: { get(): Promise<unknown> } } } }).netpadSdkDemo;
      await demo.user.signOut();
      try {
        await demo.client.wallet.get();
        return `still signed in: ${demo.user.signedIn}`;
      } catch (err) {
        return (err as Error).name;
      }
    });
    assert.equal(outcome, 'SignInRequiredError');
    assert.ok(tokenRequests.some((r) => r.startsWith('/token/revocation') && r.includes('token_type_hint=refresh_token')), tokenRequests.join('\n'));
    await page.close();
  });
});

describe('@netpad/sdk redirect sign-in', () => {
  const setup = useSiteAndBrowser();

  it('leaves the page for the platform sign-in and comes back signed in', async () => {
    const page = await setup.browser().newPage();
    await page.goto(`${setup.site().origin}/examples/sdk/redirect.html`);
    await page.click('#sign-in');
    await page.waitForSelector('#username');
    await page.fill('#username', 'teacher');
    await page.fill('#password', 'teacher-demo');
    await page.click('button[type=submit]');
    await page.waitForSelector('form[action$="/confirm"]');
    await page.click('form[action$="/confirm"] button');
    await page.waitForFunction(() => document.getElementById('balance')!.textContent !== '—');
    assert.equal(await page.textContent('#who'), 'usr_teacher');
    assert.equal(await page.textContent('#balance'), '500');
    assert.equal(new URL(page.url()).search, '');
    await page.close();
  });
});

describe('@netpad/sdk sign-in through a custom navigator (the hook the Office dialog uses)', () => {
  const setup = useSiteAndBrowser();

  it('runs the whole sign-in in a window the navigator opens, and returns by a checked message', async () => {
    const page = await setup.browser().newPage();
    await page.goto(`${setup.site().origin}/examples/`);
    const popupPromise = page.waitForEvent('popup');
    const signedIn = page.evaluate(async () => {
      const sdk = await import('/lib/sdk/netpad-sdk.js' as string);
      let dialog: Window | null = null;
      // As Office's displayDialogAsync: the navigator opens a window and waits for its message.
      const dialogNavigator = {
        async prepare() {
          return {
            navigate: ({ url }: { url: string }) =>
              new Promise<{ url: string }>((resolve) => {
                dialog = window.open(url, 'office-dialog');
                window.addEventListener('message', function onMessage(event: MessageEvent) {
                  if (event.source !== dialog || event.origin !== location.origin || event.data?.type !== 'netpad-dialog-result') return;
                  window.removeEventListener('message', onMessage);
                  dialog!.close();
                  resolve({ url: event.data.url });
                });
              }),
            close: () => dialog?.close(),
          };
        },
        async callback() {},
      };
      const user = new sdk.UserSession({
        platform: location.origin,
        clientId: 'demo-blog',
        redirectUri: `${location.origin}/examples/sdk/dialog-callback.html`,
        navigators: { popup: dialogNavigator },
      });
      await user.signInPopup();
      const client = new sdk.NetpadClient({ platform: location.origin, clientId: 'demo-blog', tokenProvider: user });
      return { subject: user.subject, balance: (await client.wallet.get()).balance };
    });
    const dialog = await popupPromise;
    await dialog.waitForSelector('#username');
    await dialog.fill('#username', 'student');
    await dialog.fill('#password', 'student-demo');
    await dialog.click('button[type=submit]');
    await dialog.waitForSelector('form[action$="/confirm"]');
    await dialog.click('form[action$="/confirm"] button');
    assert.deepEqual(await signedIn, { subject: 'usr_student', balance: 20 });
    await page.close();
  });
});
