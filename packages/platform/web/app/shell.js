// What every page of the platform's web app shares: the language, the signed-in session (the
// platform's own app, netpad-web, kept across reloads), API calls, and the header. Text that a
// person typed (titles, names) is always set with textContent: it never becomes HTML.
import { UserSession } from '/lib/sdk/netpad-sdk.js';

export const platform = location.origin;
const params = new URLSearchParams(location.search);
const stored = localStorage.getItem('netpad-lang');
export let locale =
  params.get('lang') === 'en' || params.get('lang') === 'zh-CN' ? params.get('lang') : stored ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

const SHELL = {
  'zh-CN': {
    brand: 'Netpad 网络画板', catalogue: '资源目录', space: '我的空间', newFigure: '新建图形', account: '账户', developers: '开发者', console: '运营控制台',
    signIn: '登录', signOut: '退出', lang: 'English', signInFailed: '登录未完成。', failed: (m) => `操作失败：${m}`, offline: '网络连接中断。',
  },
  en: {
    brand: 'Netpad', catalogue: 'Catalogue', space: 'My space', newFigure: 'New figure', account: 'Account', developers: 'Developers', console: 'Console',
    signIn: 'Sign in', signOut: 'Sign out', lang: '中文', signInFailed: 'The sign-in did not finish.', failed: (m) => `That did not work: ${m}`, offline: 'The network connection dropped.',
  },
};

export const session = new UserSession({ platform, clientId: 'netpad-web', redirectUri: `${platform}/embed/signed-in`, locale });

/** Makes an element; children are nodes or strings (as text). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('aria-') || k === 'role' || k === 'for') node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** A call to the platform's API, signed with the session when there is one. */
export async function api(method, path, { body, headers = {} } = {}) {
  const url = `${platform}${path}`;
  const auth = session.signedIn ? await session.authorize({ method, url }) : undefined;
  const response = await fetch(url, {
    method,
    headers: { ...(auth ?? {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (response.status === 204) return { response, json: undefined };
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, json);
  return { response, json };
}

/** The header: brand, navigation, language and sign-in. `onSignedIn(me)` runs once signed in (now or later). */
export async function mountShell({ current, title, onSignedIn, onSignedOut }) {
  const t = SHELL[locale];
  document.documentElement.lang = locale;
  document.title = `${title[locale]} · ${t.brand}`;
  const link = (href, text, key) => el('a', { href, textContent: text, ...(key === current ? { 'aria-current': 'page' } : {}) });
  const who = el('span', { className: 'who', hidden: true });
  const signIn = el('button', { type: 'button', className: 'sign-in', textContent: t.signIn });
  const signOut = el('button', { type: 'button', className: 'sign-out secondary', textContent: t.signOut, hidden: true });
  const lang = el('button', { type: 'button', className: 'lang link', textContent: t.lang });
  const status = document.getElementById('status');
  const nav = el('nav', { 'aria-label': t.brand }, link('/', t.catalogue, 'catalogue'), link('/app/space/', t.space, 'space'), link('/app/edit/', t.newFigure, 'edit'), link('/app/account/', t.account, 'account'), link('/developers/', t.developers, 'developers'));
  const header = el(
    'header',
    { className: 'shell' },
    el('a', { href: '/', className: 'brand', textContent: t.brand }),
    nav,
    el('div', { className: 'session' }, lang, who, signIn, signOut),
  );
  document.body.prepend(header);
  lang.addEventListener('click', () => {
    localStorage.setItem('netpad-lang', locale === 'en' ? 'zh-CN' : 'en');
    location.reload();
  });
  const signedIn = async () => {
    const { json: me } = await api('GET', '/v1/me');
    who.textContent = me.displayName ?? me.username ?? '';
    who.hidden = false;
    signIn.hidden = true;
    signOut.hidden = false;
    if (me.operator && !nav.querySelector('.console')) nav.append(el('a', { href: '/app/console/', className: 'console', textContent: t.console, ...(current === 'console' ? { 'aria-current': 'page' } : {}) }));
    await onSignedIn?.(me);
  };
  signIn.addEventListener('click', () => {
    session.signInPopup().then(signedIn, () => {
      if (status) status.textContent = t.signInFailed;
    });
  });
  signOut.addEventListener('click', async () => {
    await session.signOut().catch(() => undefined);
    location.reload();
  });
  // Another tab signed in or out: follow it.
  session.onChange((change) => (change === 'signed-out' ? location.reload() : void signedIn()));
  if (await session.restore()) await signedIn();
  else await onSignedOut?.();
  return { t, signIn };
}

export function say(message) {
  const status = document.getElementById('status');
  if (status) status.textContent = message;
}

export const pick = (text) => (typeof text === 'string' ? text : (text?.[locale] ?? text?.['zh-CN'] ?? text?.en ?? Object.values(text ?? {})[0] ?? ''));

export function formatDate(iso) {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * A title after the teacher typed one: unchanged, it keeps every language it had; changed, it
 * is what she typed (her own figure has one title, whatever language she wrote it in).
 */
export function retitled(old, typed) {
  return typed === pick(old) ? old : typed;
}
