import { before, after } from 'node:test';
import { createServer, type Server } from 'node:http';
import type { Platform } from '@netpad/platform';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startPlatform as startRunning } from '../../packages/platform/test/helpers.ts';
// @ts-expect-error -- a plain ESM script without type declarations
import { findChrome, CHROME_ARGS } from '../../scripts/find-chrome.mjs';

/** The real platform (seeded, in-memory store) with the examples, on a free loopback port. */
export async function startPlatform(options: { accessTokenTtl?: number } = {}): Promise<{ origin: string; platform: Platform; close: () => Promise<void> }> {
  const running = await startRunning(options);
  return { origin: running.url, platform: running.platform, close: running.close };
}

/**
 * Another web site on loopback (a blog, a vendor's page), serving the given pages. It answers
 * as `http://localhost:<port>`: another *site* than the platform on 127.0.0.1, as in real life.
 */
export async function startSite(pages: Record<string, string>): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const body = pages[new URL(request.url ?? '/', 'http://x').pathname];
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, '--disable-dev-shm-usage'] });
}

/**
 * A Chromium with a regular profile, as a reader's everyday browser: its frames on other sites
 * get partitioned storage. (Playwright's `newContext()` is like an incognito window, which
 * blocks storage in third-party frames altogether.)
 */
export async function launchProfile(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'netpad-profile-'));
  // Headless Chromium blocks third-party cookies (and with them third-party storage) by
  // default; most readers' browsers partition storage instead (Firefox, Safari, Chrome's
  // default setting). This profile is set up like those.
  mkdirSync(join(dir, 'Default'), { recursive: true });
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(dir, { executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, '--disable-dev-shm-usage'], ...options });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A platform and a Chromium for one `describe`, started before its tests and stopped after. */
export function useSiteAndBrowser(options: { accessTokenTtl?: number } = {}): { site: () => { origin: string; platform: Platform }; browser: () => Browser } {
  let site: { origin: string; platform: Platform; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  before(async () => {
    site = await startPlatform(options);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  return { site: () => site!, browser: () => browser! };
}

/**
 * Completes the platform's sign-in and consent pages in a sign-in popup, as a demo user, and
 * waits for the popup to close itself (the SDK's callback page does that).
 */
export async function signInOnPlatformPages(popup: Page, username = 'teacher', password = `${username}-demo`): Promise<void> {
  await popup.waitForSelector('#username');
  await popup.fill('#username', username);
  await popup.fill('#password', password);
  await popup.click('button[type=submit]');
  await popup.waitForSelector('form[action$="/confirm"]');
  await Promise.all([popup.waitForEvent('close'), popup.click('form[action$="/confirm"] button')]);
}
