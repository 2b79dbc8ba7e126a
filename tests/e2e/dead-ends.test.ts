// The errors a page's developer meets, as they meet them: each one says what is wrong, in the
// console and in netpad-error, while readers see the poster and a neutral line.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSite, useSiteAndBrowser } from './helpers.ts';

interface Told {
  errors: { kind: string; message: string }[];
  console: string[];
}

async function open(page: Page, url: string): Promise<Told> {
  const told: Told = { errors: [], console: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') told.console.push(m.text());
  });
  await page.exposeFunction('netpadErrorSeen', (detail: { kind: string; message: string }) => told.errors.push(detail));
  await page.addInitScript(() => document.addEventListener('netpad-error', (e) => void (window as unknown as { netpadErrorSeen: (d: unknown) => void }).netpadErrorSeen((e as CustomEvent).detail)));
  await page.goto(url);
  return told;
}

describe('dead ends a page’s developer meets', () => {
  const setup = useSiteAndBrowser();
  let vendor: Awaited<ReturnType<typeof startSite>>;
  before(async () => {
    const platform = setup.site().origin;
    const token = ((await (
      await fetch(`${platform}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('demo-textbook:demo-textbook-key').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'figures' }),
      })
    ).json()) as { access_token: string }).access_token;
    const page = (provider: string) => `<!doctype html><html lang="en"><body>
      <script type="module">
        import { configureNetpad, NetpadClient } from '${platform}/lib/embed/netpad-embed.js';
        configureNetpad({ client: new NetpadClient({ platform: '${platform}', clientId: 'demo-textbook', tokenProvider: ${provider} }) });
      </script>
      <netpad-embed resource="triangle-centres" loading="eager"></netpad-embed></body></html>`;
    vendor = await startSite({
      // The vendor's backend hands out app tokens, but this site is not among the app's origins.
      '/unregistered.html': page(`{ getToken: async () => ${JSON.stringify(token)} }`),
      // A token endpoint of the vendor's that answers with an error page instead of a token.
      '/bad-provider.html': page(`{ getToken: async () => '<html><body>502 Bad Gateway</body></html>' }`),
    });
  });
  after(async () => vendor?.close());

  it('a site the app did not register: says so to the developer, not "check your network"', async () => {
    const page = await setup.browser().newPage({ locale: 'en-US' });
    const told = await open(page, `${vendor.origin}/unregistered.html`);
    await page.waitForFunction(() => (document.querySelector('netpad-embed') as unknown as { status: string }).status === 'error');
    const [detail] = told.errors;
    assert.equal(detail!.kind, 'config');
    assert.match(detail!.message, new RegExp(`${vendor.origin.replace(/[.:/]/g, '\\$&')} is not among the web origins of the app "demo-textbook".*developer portal`));
    assert.ok(told.console.some((m) => m.includes('is not among the web origins')), told.console.join('\n'));
    const figure = page.locator('netpad-embed');
    assert.equal((await figure.locator('[part="error"]').textContent())!.trim(), 'This figure cannot be shown on this page.');
    assert.doesNotMatch((await figure.locator('[part="error"]').textContent())!, /network|connection/i);
    assert.equal(await figure.locator('[part="poster"]').count(), 1, 'the poster stays');
    await page.close();
  });

  it('a token provider that returns an error page: refused as a token, and said so', async () => {
    const page = await setup.browser().newPage({ locale: 'en-US' });
    const told = await open(page, `${vendor.origin}/bad-provider.html`);
    await page.waitForFunction(() => (document.querySelector('netpad-embed') as unknown as { status: string }).status === 'error');
    const [detail] = told.errors;
    assert.match(detail!.message, /token provider|not a token/i, detail!.message);
    await page.close();
  });
});
