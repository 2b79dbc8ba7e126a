import { createServer } from 'node:net';
import { createPlatform, type Platform } from '@netpad/platform';

/** A free loopback port (the platform needs its base URL before it listens). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Running {
  platform: Platform;
  url: string;
  close(): Promise<void>;
}

/** A seeded platform on loopback with an in-memory store. */
export async function startPlatform(options: { accessTokenTtl?: number } = {}): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const platform = await createPlatform({ dbFile: ':memory:', port, baseUrl: url, ...options });
  await platform.app.listen({ port, host: '127.0.0.1' });
  return { platform, url, close: () => platform.close() };
}

export async function appToken(url: string, clientId: string, key: string, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${key}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...extra }),
  });
}
