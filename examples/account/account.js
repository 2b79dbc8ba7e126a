// The account page: sign-in with authorization code + PKCE by leaving the page for the
// platform's pages (the SDK's redirect sign-in), DPoP-bound tokens, and a sign-in that survives
// reloads (the refresh token is kept in IndexedDB, bound to a key that cannot leave the browser).
import { UserSession } from '/lib/sdk/netpad-sdk.js';

const clientId = 'demo-blog';
const redirectUri = `${location.origin}/examples/account/`;
const $ = (id) => document.getElementById(id);
const user = new UserSession({ platform: location.origin, clientId, redirectUri, locale: document.documentElement.lang });

async function api(path) {
  const url = `${location.origin}${path}`;
  const response = await fetch(url, { headers: (await user.authorize({ method: 'GET', url })) ?? {} });
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

async function show() {
  const [me, wallet, rights, orders, space] = await Promise.all([api('/v1/me'), api('/v1/wallet'), api('/v1/me/rights'), api('/v1/orders'), api('/v1/space/figures')]);
  // Names, not ids: the reader is "王老师", not usr_teacher.
  $('who').textContent = me.displayName;
  $('balance').textContent = String(wallet.balance);
  list('rights', rights.items, rightText);
  list('orders', orders.items, (o) => `${name(o.title)} · ${o.price} NPC · ${pick(STATUS_NAMES[o.status] ?? [o.status, o.status])}`);
  list('space', space.items, (f) => f.title);
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
}

$('sign-in').addEventListener('click', () => user.signInRedirect().catch(fail));
$('sign-out')?.addEventListener('click', () => user.signOut().then(() => location.reload(), fail));

function fail(err) {
  $('error').textContent = err instanceof Error ? err.message : String(err);
  $('error').hidden = false;
}

const params = new URLSearchParams(location.search);
if (params.has('code') || params.has('error')) {
  // Back from the platform: finish, and take the code out of the address bar.
  user
    .completeRedirect()
    .then(() => history.replaceState(null, '', redirectUri))
    .then(show)
    .catch(fail);
} else {
  user
    .restore()
    .then((signedIn) => signedIn && show())
    .catch(fail);
}
