import { chromium, type Browser } from 'playwright-core';
import { createServer } from 'node:net';
import { createPlatform } from '@netpad/platform';
// @ts-expect-error -- a plain ESM script without type declarations
import { findChrome, CHROME_ARGS } from '../../scripts/find-chrome.mjs';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The real platform (seeded, in-memory store) with the examples, on a free loopback port. */
export async function startPlatform(): Promise<{ origin: string; close: () => Promise<void> }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const platform = await createPlatform({ dbFile: ':memory:', port, baseUrl: origin });
  await platform.app.listen({ port, host: '127.0.0.1' });
  return { origin, close: () => platform.close() };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, '--disable-dev-shm-usage'] });
}
