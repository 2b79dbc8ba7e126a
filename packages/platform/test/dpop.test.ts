import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { SignJWT, exportJWK } from 'jose';
import { normalizeHtu } from '@netpad/platform';
import { startPlatform, type Running } from './helpers.ts';
import { FlowBrowser, formAction } from './browser-flow.ts';


describe('DPoP-bound user tokens', () => {
  let run: Running;
  let REDIRECT: string;
  let config: oidc.Configuration;
  let dpop: oidc.DPoPHandle;
  let keys: CryptoKeyPair;
  let tokens: oidc.TokenEndpointResponse;
  before(async () => {
    run = await startPlatform();
    REDIRECT = `${run.url}/examples/blog/signed-in.html`;
    config = await oidc.discovery(new URL(run.url), 'demo-blog', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    keys = await oidc.randomDPoPKeyPair('ES256');
    dpop = oidc.getDPoPHandle(config, keys);
    const verifier = randomBytes(32).toString('base64url');
    const auth = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid figures',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const browser = new FlowBrowser(run.url);
    let step = await browser.follow(auth.href);
    step = await browser.postForm(formAction(await step.res.text(), '/login'), { username: 'teacher', password: 'teacher-demo' });
    if (!step.url.startsWith(REDIRECT)) step = await browser.postForm(formAction(await step.res.text(), '/confirm'), {});
    tokens = await oidc.authorizationCodeGrant(config, new URL(step.url), { pkceCodeVerifier: verifier }, undefined, { DPoP: dpop });
  });
  after(() => run.close());

  const resource = (path: string) => new URL(`${run.url}${path}`);

  it('issues a DPoP-bound token that the API accepts with a proof', async () => {
    assert.equal(tokens.token_type?.toLowerCase(), 'dpop');
    const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString());
    assert.ok(payload.cnf?.jkt);
    const res = await oidc.fetchProtectedResource(config, tokens.access_token, resource('/v1/figures/rectangle-area'), 'GET', undefined, undefined, { DPoP: dpop });
    assert.equal(res.status, 200);
  });

  it('refuses the token as a plain bearer token, without a proof, and with a replayed proof', async () => {
    const url = `${run.url}/v1/figures/rectangle-area`;
    const bearer = await fetch(url, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(bearer.status, 401);
    assert.match(((await bearer.json()) as { detail: string }).detail, /DPoP-bound/);
    const noProof = await fetch(url, { headers: { authorization: `DPoP ${tokens.access_token}` } });
    assert.equal(noProof.status, 401);
    assert.match(((await noProof.json()) as { detail: string }).detail, /proof is required/);

    // Capture one proof the client makes, then send it twice.
    let proof = '';
    const capture: oidc.CustomFetch = async (input, init) => {
      proof = new Headers(init.headers).get('dpop') ?? '';
      return fetch(input, init as RequestInit);
    };
    config[oidc.customFetch] = capture;
    const first = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(url), 'GET', undefined, undefined, { DPoP: dpop });
    delete config[oidc.customFetch];
    assert.ok(proof, 'the client sent a proof');
    assert.equal(first.status, 200);
    const replay = await fetch(url, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: proof } });
    assert.equal(replay.status, 401);
    assert.match(((await replay.json()) as { detail: string }).detail, /used before/);
    // A proof for one URL does not open another.
    const elsewhere = await fetch(`${run.url}/v1/figures/pythagoras`, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: proof } });
    assert.equal(elsewhere.status, 401);
  });

  it('compares the proof’s URL as RFC 9449 says: scheme and host in any case, the default port implied', async () => {
    // A proof whose htu writes the scheme in capitals and the default port is the same URL.
    const proof = async (htu: string) =>
      new SignJWT({ htm: 'GET', htu, ath: createHash('sha256').update(tokens.access_token).digest('base64url') })
        .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: await exportJWK(keys.publicKey) })
        .setIssuedAt()
        .setJti(randomBytes(12).toString('base64url'))
        .sign(keys.privateKey);
    const url = `${run.url}/v1/figures/rectangle-area`;
    const shouting = url.replace('http://', 'HTTP://');
    const res = await fetch(url, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: await proof(shouting) } });
    assert.equal(res.status, 200);
    const wrongPath = await fetch(url, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: await proof(url.replace('/v1/', '/V1/')) } });
    assert.equal(wrongPath.status, 401);
    assert.equal(normalizeHtu('HTTP://Example.COM:80/v1/x?y=1#z'), 'http://example.com/v1/x');
    assert.equal(normalizeHtu('https://example.com:443/v1/x'), 'https://example.com/v1/x');
    assert.notEqual(normalizeHtu('https://example.com/V1/x'), normalizeHtu('https://example.com/v1/x'));
    assert.equal(normalizeHtu('not a url'), undefined);
  });
});
