// The developer portal: register apps, see the App id at once and an App key once, rotate and
// revoke keys, read usage and rights, copy snippets; operators also suspend apps. It runs on the
// platform's origin as the platform's own app (netpad-web), the only app the portal API answers.
// Everything a developer typed is shown with textContent: author text never becomes HTML.
import { UserSession } from '/lib/sdk/netpad-sdk.js';

const platform = location.origin;
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let locale = params.get('lang') === 'en' || (!params.get('lang') && !navigator.language.toLowerCase().startsWith('zh')) ? 'en' : 'zh-CN';

const T = {
  'zh-CN': {
    title: 'Netpad 开发者中心', signIn: '登录', signOut: '退出', lang: 'English',
    lead: '注册你的网站、博客或服务器，得到 App id（和服务器用的 App key），再把图形放进去。',
    yourApps: '你的应用', noApps: '还没有应用：在下面注册第一个。', register: '注册应用', name: '名称', kind: '类型',
    kindWebsite: '网站或博客（读者在页面上登录）', kindServer: '服务器（用 App key 取令牌）',
    website: '网站或博客', server: '服务器',
    origins: '网站来源（每行一个，如 https://my.blog）', originsShort: '网站来源', redirects: '回调地址（可选，每行一个；博客脚本不需要）',
    description: '简介（读者在授权页上看到）', registerButton: '注册', back: '← 全部应用', appId: 'App id', copy: '复制', copied: '已复制',
    keyOnce: '这是你的 App key，只显示这一次：现在复制并保存到服务器的配置里。', keys: 'App key', keyHint: '密钥', created: '创建', state: '状态', lastUsed: '上次使用',
    grace: '旧密钥继续有效', graceNow: '立即停用', graceHour: '1 小时', graceDay: '1 天', graceWeek: '7 天', graceMonth: '30 天', rotate: '生成新密钥',
    revoke: '吊销', active: '有效', activeUntil: (d) => `有效至 ${d}`, revoked: '已吊销', expired: '已停用', never: '从未',
    snippets: '代码片段', rights: '授权', noRights: '还没有授权：免费图形不需要授权；付费内容的授权请联系平台运营方。',
    usage: '用量（近 14 天）', day: '日期', calls: '调用', errors: '错误', mean: '平均响应',
    usageSummary: (c, e, m) => `共 ${c} 次调用，${e} 次错误，平均响应 ${m} 毫秒。`,
    edit: '修改', save: '保存', saved: '已保存。', remove: '删除应用', confirmRemove: (n) => `删除“${n}”？它的密钥立即失效，授权被撤销。`,
    confirmRotate: (g) => `生成新密钥？旧密钥${g}。`, graceText: { 0: '将立即停用', 3600: '再用 1 小时', 86400: '再用 1 天', 604800: '再用 7 天', 2592000: '再用 30 天' },
    confirmRevoke: (h) => `吊销密钥 ${h}？用它的服务器将立即无法取得令牌。`,
    audit: '变更记录', console: '运营控制台', consoleLink: '运营控制台：暂停与恢复应用、审计日志',
    suspendedBanner: (r) => `此应用已被平台暂停：${r}`, suspendedState: '已暂停',
    signedInAs: (n) => `已登录：${n}`, signInFailed: '登录未完成。', loading: '正在加载…', failed: (m) => `操作失败：${m}`,
    registered: (id) => `已注册，App id：${id}`,
    snippet: { blog: '博客脚本（每页一次，然后写短代码）', element: '网页元素 <netpad-embed>', backend: '服务器端（Node，SDK）', frontend: '网页上让读者登录（SDK）' },
    actions: { 'app.create': '注册', 'app.update': '修改', 'app.remove': '删除', 'app.suspend': '暂停', 'app.resume': '恢复', 'key.rotate': '生成新密钥', 'key.revoke': '吊销密钥' },
    actionNames: { view: '查看', edit: '编辑', save_as: '另存' }, until: (d) => `至 ${d}`, forever: '长期',
  },
  en: {
    title: 'Netpad developer portal', signIn: 'Sign in', signOut: 'Sign out', lang: '中文',
    lead: 'Register your website, blog or server to get an App id (and, for a server, an App key), then put figures in it.',
    yourApps: 'Your apps', noApps: 'No apps yet: register the first one below.', register: 'Register an app', name: 'Name', kind: 'Kind',
    kindWebsite: 'Website or blog (readers sign in on the page)', kindServer: 'Server (gets tokens with an App key)',
    website: 'Website or blog', server: 'Server',
    origins: 'Web origins (one per line, e.g. https://my.blog)', originsShort: 'Web origins', redirects: 'Redirect URIs (optional, one per line; the blog script needs none)',
    description: 'Description (readers see it when they allow access)', registerButton: 'Register', back: '← All apps', appId: 'App id', copy: 'Copy', copied: 'Copied',
    keyOnce: 'This is your App key, shown only this once: copy it now into your server’s configuration.', keys: 'App keys', keyHint: 'Key', created: 'Created', state: 'State', lastUsed: 'Last used',
    grace: 'Old keys keep working', graceNow: 'stop now', graceHour: '1 hour', graceDay: '1 day', graceWeek: '7 days', graceMonth: '30 days', rotate: 'New key',
    revoke: 'Revoke', active: 'active', activeUntil: (d) => `works until ${d}`, revoked: 'revoked', expired: 'stopped', never: 'never',
    snippets: 'Snippets', rights: 'Rights', noRights: 'No rights yet: free figures need none; for paid content, contact the platform’s operators.',
    usage: 'Usage (last 14 days)', day: 'Day', calls: 'Calls', errors: 'Errors', mean: 'Mean response',
    usageSummary: (c, e, m) => `${c} calls, ${e} errors, ${m} ms mean response.`,
    edit: 'Edit', save: 'Save', saved: 'Saved.', remove: 'Remove app', confirmRemove: (n) => `Remove “${n}”? Its keys stop at once and its rights are revoked.`,
    confirmRotate: (g) => `Make a new key? The old keys ${g}.`, graceText: { 0: 'stop at once', 3600: 'work 1 more hour', 86400: 'work 1 more day', 604800: 'work 7 more days', 2592000: 'work 30 more days' },
    confirmRevoke: (h) => `Revoke key ${h}? Servers using it can no longer get tokens.`,
    audit: 'Changes', console: 'Operators’ console', consoleLink: 'Operators’ console: suspend and resume apps, the audit log',
    suspendedBanner: (r) => `This app is suspended by the platform: ${r}`, suspendedState: 'suspended',
    signedInAs: (n) => `Signed in as ${n}`, signInFailed: 'The sign-in did not finish.', loading: 'Loading…', failed: (m) => `That did not work: ${m}`,
    registered: (id) => `Registered. App id: ${id}`,
    snippet: { blog: 'Blog script (once per page, then shortcodes)', element: 'Web element <netpad-embed>', backend: 'Your server (Node, SDK)', frontend: 'Readers sign in on your page (SDK)' },
    actions: { 'app.create': 'registered', 'app.update': 'changed', 'app.remove': 'removed', 'app.suspend': 'suspended', 'app.resume': 'resumed', 'key.rotate': 'new key', 'key.revoke': 'key revoked' },
    actionNames: { view: 'view', edit: 'edit', save_as: 'save as' }, until: (d) => `until ${d}`, forever: 'no end date',
  },
};
let t = T[locale];

const session = new UserSession({ platform, clientId: 'netpad-web', redirectUri: `${platform}/embed/signed-in`, locale });
let me;
let current;

function applyLocale() {
  t = T[locale];
  document.documentElement.lang = locale;
  document.title = t.title;
  for (const el of document.querySelectorAll('[data-t]')) {
    const text = t[el.dataset.t];
    if (typeof text === 'string') el.textContent = text;
  }
  $('lang').textContent = t.lang;
}

const when = (iso) => (iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : t.never);
const status = (text) => ($('status').textContent = text ?? '');
const el = (tag, { dataset, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};
const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);

class ApiError extends Error {}

async function api(method, path, body) {
  const url = `${platform}${path}`;
  const auth = await session.authorize({ method, url });
  const response = await fetch(url, {
    method,
    headers: { ...(auth ?? {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 204) return undefined;
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(json.detail ?? json.title ?? `HTTP ${response.status}`);
  return json;
}

/** Runs an action and says what went wrong instead of failing silently. */
async function attempt(fn, errorTarget) {
  try {
    if (errorTarget) errorTarget.hidden = true;
    return await fn();
  } catch (err) {
    const message = t.failed(err instanceof Error ? err.message : String(err));
    if (errorTarget) Object.assign(errorTarget, { textContent: message, hidden: false });
    else status(message);
    return undefined;
  }
}

function copyButton(getText) {
  const button = el('button', { type: 'button', className: 'copy', textContent: t.copy });
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(getText()).catch(() => undefined);
    button.textContent = t.copied;
  });
  return button;
}

// ---- app list and registration -------------------------------------------------------------

async function showApps() {
  const { items, operator } = await api('GET', '/v1/developer/apps');
  $('detail').hidden = true;
  $('apps').hidden = false;
  const list = $('app-list');
  list.replaceChildren(
    ...items.map((app) => {
      const open = el('button', { type: 'button', className: 'secondary', textContent: app.name });
      open.addEventListener('click', () => void attempt(() => showApp(app.clientId)));
      const meta = el('div', { className: 'meta' }, `${app.clientId} · ${app.kind === 'server' ? t.server : t.website}${app.suspended ? ` · ${t.suspendedState}` : ''}`);
      return el('li', { dataset: { app: app.clientId } }, open, meta);
    }),
  );
  if (items.length === 0) list.append(el('li', { textContent: t.noApps }));
  // Operators manage every app in the web app's console.
  $('console').hidden = !operator;
}

function syncKindFields() {
  const server = document.querySelector('input[name=kind]:checked').value === 'server';
  $('redirect-field').hidden = server;
}

async function register(event) {
  event.preventDefault();
  const form = event.target;
  const kind = form.kind.value;
  const result = await attempt(
    () =>
      api('POST', '/v1/developer/apps', {
        name: form.name.value,
        kind,
        description: form.description.value,
        origins: lines(form.origins.value),
        ...(kind === 'website' ? { redirectUris: lines(form.redirectUris.value) } : {}),
      }),
    $('register-error'),
  );
  if (!result) return;
  form.reset();
  syncKindFields();
  status(t.registered(result.app.clientId));
  await showApp(result.app.clientId, result.key);
}

// ---- one app --------------------------------------------------------------------------------

function snippetsFor(app) {
  const id = app.clientId;
  const figure = 'unit-circle';
  const out = [];
  if (app.kind === 'website') {
    out.push([t.snippet.blog, `<script src="${platform}/lib/widget/netpad.js" data-client-id="${id}" async></script>\n\n[netpad id="${figure}"]`]);
    out.push([t.snippet.element, `<script type="module" src="${platform}/lib/embed/netpad-embed.js"></script>\n<netpad-embed resource="${figure}" mode="frame" platform="${platform}" client-id="${id}"></netpad-embed>`]);
    out.push([
      t.snippet.frontend,
      `import { NetpadClient, UserSession } from '@netpad/sdk';\n\nconst user = new UserSession({\n  platform: '${platform}',\n  clientId: '${id}',\n  redirectUri: '${app.redirectUris[0] ?? `${app.origins[0] ?? 'https://my.blog'}/netpad-callback.html`}', // one of the app's redirect URIs\n});\nconst netpad = new NetpadClient({ platform: '${platform}', clientId: '${id}', tokenProvider: user });`,
    ]);
  } else {
    out.push([
      t.snippet.backend,
      `import { NetpadClient } from '@netpad/sdk';\n\nconst netpad = new NetpadClient({\n  platform: '${platform}',\n  clientId: '${id}',\n  appKey: process.env.NETPAD_APP_KEY, // never in a browser\n});\n\nconst { document, entitlement } = await netpad.figures.get('${figure}');`,
    ]);
    out.push([t.snippet.element, `<script type="module" src="${platform}/lib/embed/netpad-embed.js"></script>\n<netpad-embed resource="${figure}" platform="${platform}" client-id="${id}"></netpad-embed>\n<!-- with configureNetpad({ client }) and a tokenProvider that asks your server for a token -->`]);
  }
  return out;
}

function keyRow(app, key) {
  const state = key.revokedAt ? t.revoked : !key.active ? t.expired : key.expiresAt ? t.activeUntil(when(key.expiresAt)) : t.active;
  const cells = [key.hint, when(key.createdAt), state, when(key.lastUsedAt)].map((text) => el('td', { textContent: text }));
  const action = el('td');
  if (key.active) {
    const revoke = el('button', { type: 'button', className: 'secondary', textContent: t.revoke });
    revoke.addEventListener('click', async () => {
      if (!confirm(t.confirmRevoke(key.hint))) return;
      await attempt(async () => {
        await api('DELETE', `/v1/developer/apps/${app.clientId}/keys/${key.id}`);
        await showApp(app.clientId);
      });
    });
    action.append(revoke);
  }
  return el('tr', { dataset: { key: key.id } }, ...cells, action);
}

function rightText(r) {
  const name = r.object.name[locale] || r.object.name['zh-CN'] || r.object.id;
  const actions = r.actions.map((a) => t.actionNames[a] ?? a).join(locale === 'en' ? ', ' : '、');
  return `${name} · ${actions} · ${r.validUntil ? t.until(when(r.validUntil)) : t.forever}`;
}

function auditItem(entry) {
  const who = entry.actor.startsWith('operator:') ? `${t.console}` : entry.actor === 'cli' ? 'CLI' : '';
  const detail = entry.detail.reason ? ` (${entry.detail.reason})` : '';
  return el('li', { textContent: `${when(entry.at)} · ${entry.clientId ?? ''} · ${t.actions[entry.action] ?? entry.action}${detail}${who ? ` · ${who}` : ''}` });
}

async function showApp(clientId, newKey) {
  const [app, usage, auditLog] = await Promise.all([
    api('GET', `/v1/developer/apps/${clientId}`),
    api('GET', `/v1/developer/apps/${clientId}/usage?days=14`),
    api('GET', `/v1/developer/apps/${clientId}/audit`),
  ]);
  current = app;
  $('apps').hidden = true;
  $('detail').hidden = false;
  $('detail-title').textContent = app.name;
  $('suspended').hidden = !app.suspended;
  if (app.suspended) $('suspended').textContent = t.suspendedBanner(app.suspended.reason);
  $('d-id').textContent = app.clientId;
  $('d-kind').textContent = app.kind === 'server' ? t.server : t.website;
  $('d-origins').textContent = app.origins.join(' ') || '—';
  $('new-key').hidden = !newKey;
  $('new-key-value').textContent = newKey ?? '';

  $('keys-section').hidden = app.kind !== 'server';
  $('keys').replaceChildren(...app.keys.map((k) => keyRow(app, k)));

  $('snippets').replaceChildren(
    ...snippetsFor(app).map(([title, code]) => {
      const pre = el('pre', {}, el('code', { textContent: code }));
      return el('div', { className: 'snippet' }, el('h4', {}, title, copyButton(() => code)), pre);
    }),
  );

  $('rights').replaceChildren(...(app.rights.length ? app.rights.map((r) => el('li', { textContent: rightText(r) })) : [el('li', { textContent: t.noRights })]));

  const total = usage.days.reduce((s, d) => ({ calls: s.calls + d.calls, errors: s.errors + d.errors, ms: s.ms + d.meanMs * d.calls }), { calls: 0, errors: 0, ms: 0 });
  $('usage-summary').textContent = t.usageSummary(total.calls, total.errors, total.calls ? (total.ms / total.calls).toFixed(1) : '0');
  const peak = Math.max(1, ...usage.days.map((d) => d.calls));
  $('usage').replaceChildren(
    ...usage.days
      .slice()
      .reverse()
      .map((d) => {
        const bar = el('span', { className: 'bar' });
        bar.style.width = `${Math.round((d.calls / peak) * 80)}px`;
        return el('tr', {}, el('td', { textContent: d.day }), el('td', {}, bar, ` ${d.calls}`), el('td', { textContent: String(d.errors) }), el('td', { textContent: `${d.meanMs} ms` }));
      }),
  );

  const form = $('edit-form');
  form.name.value = app.name;
  form.origins.value = app.origins.join('\n');
  form.redirectUris.value = app.redirectUris.join('\n');
  form.description.value = app.description;
  $('e-redirect-field').hidden = app.kind === 'server';
  $('edit-error').hidden = true;
  $('audit').replaceChildren(...auditLog.items.map(auditItem));
}

async function rotate(event) {
  event.preventDefault();
  const grace = Number($('grace').value);
  if (!confirm(t.confirmRotate(t.graceText[grace]))) return;
  const result = await attempt(() => api('POST', `/v1/developer/apps/${current.clientId}/keys`, { graceSeconds: grace }));
  if (result) await showApp(current.clientId, result.key);
}

async function saveEdit(event) {
  event.preventDefault();
  const form = event.target;
  const changes = { name: form.name.value, description: form.description.value, origins: lines(form.origins.value) };
  if (current.kind === 'website') changes.redirectUris = lines(form.redirectUris.value);
  const saved = await attempt(() => api('PATCH', `/v1/developer/apps/${current.clientId}`, changes), $('edit-error'));
  if (!saved) return;
  await showApp(current.clientId);
  status(t.saved);
}

async function removeCurrent() {
  if (!confirm(t.confirmRemove(current.name))) return;
  await attempt(async () => {
    await api('DELETE', `/v1/developer/apps/${current.clientId}`);
    await showApps();
  });
}

// ---- sign-in ------------------------------------------------------------------------------------

async function signedIn() {
  me = await api('GET', '/v1/me');
  $('who').hidden = false;
  $('who').textContent = t.signedInAs(me.displayName);
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('signed-out').hidden = true;
  await showApps();
}

$('sign-in').addEventListener('click', () => {
  // Opened from the click itself: popup blockers allow only that.
  session.signInPopup().then(
    () => attempt(signedIn),
    () => status(t.signInFailed),
  );
});
$('sign-out').addEventListener('click', async () => {
  await session.signOut().catch(() => undefined);
  location.reload();
});
$('lang').addEventListener('click', () => {
  locale = locale === 'en' ? 'zh-CN' : 'en';
  applyLocale();
  if (current && !$('detail').hidden) void attempt(() => showApp(current.clientId));
  else if (me) void attempt(showApps);
});
$('register-form').addEventListener('submit', (e) => void register(e));
for (const radio of document.querySelectorAll('input[name=kind]')) radio.addEventListener('change', syncKindFields);
$('rotate-form').addEventListener('submit', (e) => void rotate(e));
$('edit-form').addEventListener('submit', (e) => void saveEdit(e));
$('remove').addEventListener('click', () => void removeCurrent());
$('back').addEventListener('click', () => void attempt(showApps));
for (const button of document.querySelectorAll('[data-copy-from]')) {
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText($(button.dataset.copyFrom).textContent).catch(() => undefined);
    button.textContent = t.copied;
  });
}

// Another tab of the portal signed in or out: follow it.
session.onChange((change) => (change === 'signed-out' ? location.reload() : void attempt(signedIn)));

applyLocale();
syncKindFields();
// A sign-in kept from an earlier visit: no popup needed.
if (await session.restore()) await attempt(signedIn);
