// Sign-in with authorization code + PKCE against the platform, by hand, with nothing but the
// browser: the later @netpad/sdk does this (and more) for real pages. The access token lives
// in this page's memory only.
const clientId = 'demo-blog';
const redirectUri = `${location.origin}/examples/account/`;
const $ = (id) => document.getElementById(id);

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function signIn() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('netpad-pkce', JSON.stringify({ verifier, state }));
  const url = new URL('/auth', location.origin);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid figures',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    ui_locales: document.documentElement.lang,
  }).toString();
  location.assign(url);
}

async function finishSignIn(params) {
  const saved = JSON.parse(sessionStorage.getItem('netpad-pkce') ?? 'null');
  sessionStorage.removeItem('netpad-pkce');
  history.replaceState(null, '', redirectUri);
  if (params.get('error')) throw new Error(`${params.get('error')}: ${params.get('error_description') ?? ''}`);
  if (!saved || saved.state !== params.get('state')) throw new Error('The sign-in did not start on this page (state mismatch).');
  const response = await fetch('/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri, client_id: clientId, code_verifier: saved.verifier }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${body.error}: ${body.error_description ?? ''}`);
  return body.access_token;
}

async function api(token, path) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${body.title}: ${body.detail ?? ''}`);
  return body;
}

function list(id, items, text) {
  const ul = $(id);
  ul.replaceChildren(...items.map((item) => Object.assign(document.createElement('li'), { textContent: text(item) })));
  if (items.length === 0) ul.append(Object.assign(document.createElement('li'), { textContent: '—' }));
}

async function show(token) {
  const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const [wallet, orders, space] = await Promise.all([api(token, '/v1/wallet'), api(token, '/v1/orders'), api(token, '/v1/space/figures')]);
  $('who').textContent = claims.sub;
  $('balance').textContent = String(wallet.balance);
  list('orders', orders.items, (o) => `${o.offerId} · ${o.price} NPC · ${o.status}`);
  list('space', space.items, (f) => f.title);
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
}

$('sign-in').addEventListener('click', () => signIn().catch(fail));

function fail(err) {
  $('error').textContent = err instanceof Error ? err.message : String(err);
  $('error').hidden = false;
}

const params = new URLSearchParams(location.search);
if (params.has('code') || params.has('error')) {
  finishSignIn(params).then(show).catch(fail);
}
