import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import { DEMO_TEXTBOOK_KEY, createApp } from '@netpad/platform';
import { appToken, startPlatform, type Running } from './helpers.ts';

describe('authorization server', () => {
  let run: Running;
  before(async () => {
    run = await startPlatform();
  });
  after(() => run.close());

  const documentOf = (token?: string, id = 'linear-function') =>
    fetch(`${run.url}/v1/figures/${id}/document`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('publishes discovery with the platform as issuer, S256 PKCE only, and no implicit flow', async () => {
    const config = await oidc.discovery(new URL(run.url), 'demo-blog', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const meta = config.serverMetadata();
    assert.equal(meta.issuer, run.url);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.ok(meta.grant_types_supported?.includes('client_credentials'));
    assert.ok(!meta.grant_types_supported?.includes('implicit'));
    assert.ok(!meta.response_types_supported?.some((t) => t.includes('token')));
    const jwks = (await (await fetch(meta.jwks_uri!)).json()) as { keys: JWK[] };
    assert.ok(jwks.keys.length >= 1);
    assert.ok(jwks.keys.every((k) => k.d === undefined), 'private key material in the JWKS');
  });

  it('issues an app a short-lived at+jwt for the API with client_credentials (openid-client)', async () => {
    const config = await oidc.discovery(new URL(run.url), 'demo-textbook', undefined, oidc.ClientSecretBasic(DEMO_TEXTBOOK_KEY), {
      execute: [oidc.allowInsecureRequests],
    });
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'figures' });
    assert.equal(tokens.token_type?.toLowerCase(), 'bearer');
    assert.ok(tokens.expires_in! > 0 && tokens.expires_in! <= 600);
    const [header, payload] = tokens.access_token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    assert.equal(header.typ, 'at+jwt');
    assert.equal(payload.aud, run.platform.apiAudience);
    assert.equal(payload.client_id, 'demo-textbook');
    const res = await documentOf(tokens.access_token);
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.headers.get('netpad-entitlement')!).actions, ['view']);
  });

  it('refuses a wrong app key, the stored hash used as a key (in a header or the body), and an unknown app', async () => {
    assert.equal((await appToken(run.url, 'demo-textbook', 'not-the-key')).status, 401);
    const hash = (run.platform.db.one(`SELECT secret_hash FROM apps WHERE client_id = 'demo-textbook'`) as { secret_hash: string }).secret_hash;
    assert.equal((await appToken(run.url, 'demo-textbook', hash)).status, 401);
    const post = (secret: string) =>
      fetch(`${run.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'figures', client_id: 'demo-textbook', client_secret: secret }),
      });
    assert.equal((await post(hash)).status, 401);
    assert.equal((await post(DEMO_TEXTBOOK_KEY)).status, 200);
    assert.equal((await appToken(run.url, 'no-such-app', 'x')).status, 401);
  });

  it('opens nothing to a token without the figures scope', async () => {
    const res = await appToken(run.url, 'demo-textbook', DEMO_TEXTBOOK_KEY, { scope: '' });
    const token = ((await res.json()) as { access_token: string }).access_token;
    const refused = await documentOf(token);
    assert.equal(refused.status, 403);
    assert.match(refused.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
  });

  it('gives browsers CORS on /token for public clients only', async () => {
    const preflight = (clientOrigin: string) =>
      fetch(`${run.url}/token`, { method: 'OPTIONS', headers: { origin: clientOrigin, 'access-control-request-method': 'POST' } });
    assert.ok((await preflight('http://localhost:4000')).headers.get('access-control-allow-origin'));
    const confidential = await fetch(`${run.url}/token`, {
      method: 'POST',
      headers: { origin: 'http://localhost:4000', 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`demo-textbook:${DEMO_TEXTBOOK_KEY}`).toString('base64')}` },
      body: 'grant_type=client_credentials&scope=figures',
    });
    assert.equal(confidential.headers.get('access-control-allow-origin'), null);
  });

  it('refuses client_credentials to a public client', async () => {
    const res = await fetch(`${run.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-blog' }),
    });
    assert.ok(res.status === 400 || res.status === 401, String(res.status));
  });

  it('refuses a token for another resource at the authorization server', async () => {
    const res = await appToken(run.url, 'demo-textbook', DEMO_TEXTBOOK_KEY, { resource: 'https://elsewhere.example/api' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_target');
  });

  it('stores a new app key only as a hash and shows it once', async () => {
    const { key } = createApp(run.platform.db, (run.platform.db.one(`SELECT value FROM settings WHERE key = 'app_key_pepper'`) as { value: string }).value, {
      clientId: 'vendor-one',
      name: 'Vendor one',
      kind: 'confidential',
    });
    assert.match(key!, /^npk_[A-Za-z0-9_-]{43}$/);
    const row = run.platform.db.one(`SELECT secret_hash FROM apps WHERE client_id = 'vendor-one'`) as { secret_hash: string };
    assert.notEqual(row.secret_hash, key);
    assert.ok(!JSON.stringify(run.platform.db.all('SELECT * FROM apps')).includes(key!));
    assert.equal((await appToken(run.url, 'vendor-one', key!)).status, 200);
  });

  describe('the API refuses bad tokens with 401 and WWW-Authenticate', () => {
    const sign = async (claims: Record<string, unknown>, key: CryptoKey | Uint8Array, kid: string, typ = 'at+jwt') =>
      new SignJWT({ client_id: 'demo-textbook', ...claims }).setProtectedHeader({ alg: 'ES256', typ, kid }).setIssuedAt().setJti('test').sign(key);
    const platformKey = async () => {
      const jwk = JSON.parse((run.platform.db.one('SELECT private_jwk FROM signing_keys ORDER BY created_at DESC LIMIT 1') as { private_jwk: string }).private_jwk) as JWK & { kid: string };
      return { key: (await importJWK(jwk, 'ES256')) as CryptoKey, kid: jwk.kid };
    };

    const expect401 = async (token: string, pattern: RegExp) => {
      const res = await documentOf(token);
      assert.equal(res.status, 401);
      const challenge = res.headers.get('www-authenticate') ?? '';
      assert.match(challenge, /^Bearer /);
      assert.match(challenge, /error="invalid_token"/);
      const problem = (await res.json()) as { detail: string; type: string };
      assert.match(problem.detail, pattern);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    };

    it('an expired token', async () => {
      const { key, kid } = await platformKey();
      const token = await sign({ iss: run.url, aud: run.platform.apiAudience, sub: 'demo-textbook', exp: Math.floor(Date.now() / 1000) - 60 }, key, kid);
      await expect401(token, /expired/);
    });

    it('a token for another audience', async () => {
      const { key, kid } = await platformKey();
      const token = await sign({ iss: run.url, aud: 'https://other.example/api', sub: 'demo-textbook', exp: Math.floor(Date.now() / 1000) + 60 }, key, kid);
      await expect401(token, /not for this API \(aud\)/);
    });

    it('a token from another issuer', async () => {
      const { key, kid } = await platformKey();
      const token = await sign({ iss: 'https://evil.example', aud: run.platform.apiAudience, sub: 'demo-textbook', exp: Math.floor(Date.now() / 1000) + 60 }, key, kid);
      await expect401(token, /not for this API \(iss\)/);
    });

    it('a forged token (signed with another key under the platform kid)', async () => {
      const { kid } = await platformKey();
      const { privateKey } = await generateKeyPair('ES256');
      const token = await sign({ iss: run.url, aud: run.platform.apiAudience, sub: 'demo-textbook', exp: Math.floor(Date.now() / 1000) + 60 }, privateKey, kid);
      await expect401(token, /not valid/);
    });

    it('an ID-token-typed JWT', async () => {
      const { key, kid } = await platformKey();
      const token = await sign({ iss: run.url, aud: run.platform.apiAudience, sub: 'demo-textbook', exp: Math.floor(Date.now() / 1000) + 60 }, key, kid, 'JWT');
      await expect401(token, /not an access token/);
    });

    it('garbage', async () => {
      await expect401('not.a.token', /not valid/);
    });

    it('a token without an expiry, and one that claims to live for a year', async () => {
      const { key, kid } = await platformKey();
      const forever = await sign({ iss: run.url, aud: run.platform.apiAudience, sub: 'demo-textbook', scope: 'figures' }, key, kid);
      await expect401(forever, /no "exp" claim/);
      const year = await sign({ iss: run.url, aud: run.platform.apiAudience, sub: 'demo-textbook', scope: 'figures', exp: Math.floor(Date.now() / 1000) + 365 * 86400 }, key, kid);
      await expect401(year, /lifetime over 86400 s/);
    });
  });
});
