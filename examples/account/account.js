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

const zh = !navigator.language.toLowerCase().startsWith('en');
const name = (n) => (zh ? n['zh-CN'] : n.en) || n['zh-CN'] || n.en;
const day = (iso) => new Date(iso).toLocaleDateString(zh ? 'zh-CN' : 'en', { year: 'numeric', month: 'long', day: 'numeric' });
const ACTION_NAMES = { view: ['查看', 'view'], edit: ['编辑', 'edit'], save_as: ['另存', 'save as'] };
const STATUS_NAMES = { pending: ['待支付', 'pending'], paid: ['已支付', 'paid'], expired: ['已过期', 'expired'] };
const pick = (pair) => (zh ? pair[0] : pair[1]);

/** One right: what it opens, what it allows, until when, and where it came from. */
function rightText(r) {
  const actions = r.actions.map((a) => pick(ACTION_NAMES[a] ?? [a, a])).join(zh ? '、' : ', ');
  const kind = r.object.type === 'node' ? (zh ? '（目录）' : ' (catalogue section)') : '';
  const until = r.validUntil === null ? (zh ? '长期有效' : 'no end date') : r.active ? (zh ? `有效期至 ${day(r.validUntil)}` : `until ${day(r.validUntil)}`) : zh ? `已于 ${day(r.validUntil)} 到期` : `ended ${day(r.validUntil)}`;
  const from = r.source.kind === 'order' ? (zh ? ` · 订单 ${r.source.orderId}` : ` · order ${r.source.orderId}`) : '';
  return `${name(r.object.name)}${kind} · ${actions} · ${until}${from}`;
}

async function show(token) {
  const [me, wallet, rights, orders, space] = await Promise.all([
    api(token, '/v1/me'),
    api(token, '/v1/wallet'),
    api(token, '/v1/me/rights'),
    api(token, '/v1/orders'),
    api(token, '/v1/space/figures'),
  ]);
  // Names, not ids: the reader is "王老师", not usr_teacher.
  $('who').textContent = me.displayName;
  $('balance').textContent = String(wallet.balance);
  list('rights', rights.items, rightText);
  list('orders', orders.items, (o) => `${name(o.title)} · ${o.price} NPC · ${pick(STATUS_NAMES[o.status] ?? [o.status, o.status])}`);
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
