import { createServer } from 'node:net';
import { createPlatform, type Platform, type PlatformOptions } from '@netpad/platform';

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
export async function startPlatform(options: Omit<Partial<PlatformOptions>, 'dbFile' | 'port' | 'baseUrl'> = {}): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const platform = await createPlatform({ dbFile: ':memory:', port, baseUrl: url, seed: true, ...options });
  await platform.app.listen({ port, host: '127.0.0.1' });
  return { platform, url, close: () => platform.close() };
}

export async function appToken(url: string, clientId: string, key: string, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${key}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'figures', ...extra }),
  });
}

/** Signs a demo user in through the real pages (code + PKCE) and returns an API access token. */
export async function userToken(url: string, username: string, password: string, app?: SignInApp): Promise<string> {
  return (await userTokens(url, username, password, app)).access_token;
}

/** Which public app signs in, and where it gets the code back; default the demo blog. */
export interface SignInApp {
  clientId: string;
  redirectUri: string;
}

/** The platform's own web app (figure pages, the developer portal). */
export const webApp = (url: string): SignInApp => ({ clientId: 'netpad-web', redirectUri: `${url}/embed/signed-in` });

/** Signs a demo user in through the real pages (code + PKCE); returns the token response. */
export async function userTokens(url: string, username: string, password: string, app?: SignInApp): Promise<{ access_token: string; refresh_token: string }> {
  const { FlowBrowser, formAction } = await import('./browser-flow.ts');
  const { createHash, randomBytes } = await import('node:crypto');
  const verifier = randomBytes(32).toString('base64url');
  const redirect = app?.redirectUri ?? `${url}/examples/blog/signed-in.html`;
  const clientId = app?.clientId ?? 'demo-blog';
  const auth = new URL('/auth', url);
  const params = {
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirect,
    scope: 'openid figures',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);
  const browser = new FlowBrowser(url);
  let step = await browser.follow(auth.href);
  step = await browser.postForm(formAction(await step.res.text(), '/login'), { username, password });
  if (!step.url.startsWith(redirect)) step = await browser.postForm(formAction(await step.res.text(), '/confirm'), {});
  const code = new URL(step.url).searchParams.get('code');
  if (!code) throw new Error(`sign-in of ${username} ended at ${step.url}`);
  const res = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: clientId, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${await res.text()}`);
  return (await res.json()) as { access_token: string; refresh_token: string };
}
