import { chromium, type Browser } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
// @ts-expect-error -- a plain ESM script without type declarations
import { findChrome, CHROME_ARGS } from '../../scripts/find-chrome.mjs';
// @ts-expect-error -- a plain ESM script without type declarations
import { createExamplesServer } from '../../scripts/serve-examples.mjs';

/** The examples server on a free loopback port. */
export async function startExamples(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createExamplesServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, '--disable-dev-shm-usage'] });
}
