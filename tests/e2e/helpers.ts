import { before, after } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startPlatform as startRunning } from '../../packages/platform/test/helpers.ts';
// @ts-expect-error -- a plain ESM script without type declarations
import { findChrome, CHROME_ARGS } from '../../scripts/find-chrome.mjs';

/** The real platform (seeded, in-memory store) with the examples, on a free loopback port. */
export async function startPlatform(options: { accessTokenTtl?: number } = {}): Promise<{ origin: string; close: () => Promise<void> }> {
  const running = await startRunning(options);
  return { origin: running.url, close: running.close };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, '--disable-dev-shm-usage'] });
}

/** A platform and a Chromium for one `describe`, started before its tests and stopped after. */
export function useSiteAndBrowser(options: { accessTokenTtl?: number } = {}): { site: () => { origin: string }; browser: () => Browser } {
  let site: { origin: string; close: () => Promise<void> } | undefined;
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
