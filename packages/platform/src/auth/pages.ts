/** The platform's own sign-in and consent pages: plain HTML forms, no scripts, zh-CN and en. */

export type PageLocale = 'zh-CN' | 'en';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const TEXT = {
  en: {
    signInTitle: 'Sign in to Netpad',
    signInLead: (app: string) => `${app} asks you to sign in with your Netpad account.`,
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    cancel: 'Cancel',
    badCredentials: 'The username or password is not right.',
    tooMany: (seconds: number) => (seconds < 90 ? `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.` : `Too many attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`),
    busy: 'Many people are signing in right now. Try again in a moment.',
    consentTitle: 'Allow access?',
    consentLead: (app: string, user: string) => `${app} would like to use your Netpad account (${user}):`,
    scopes: {
      figures: 'show the figures you are entitled to, and your personal space',
      offline_access: 'stay signed in on this device',
      openid: 'know who you are',
    } as Record<string, string>,
    allow: 'Allow',
    deny: 'Deny',
    signedOut: 'You are signed out.',
    signOutTitle: 'Sign out of Netpad?',
    signOutLead: 'You will be signed out of Netpad on this browser.',
    signOut: 'Sign out',
    stay: 'Stay signed in',
  },
  'zh-CN': {
    signInTitle: '登录 Netpad',
    signInLead: (app: string) => `“${app}” 请你用 Netpad 账号登录。`,
    username: '用户名',
    password: '密码',
    signIn: '登录',
    cancel: '取消',
    badCredentials: '用户名或密码不正确。',
    tooMany: (seconds: number) => (seconds < 90 ? `尝试次数过多，请 ${seconds} 秒后再试。` : `尝试次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试。`),
    busy: '现在登录的人很多，请稍后再试。',
    consentTitle: '是否允许访问？',
    consentLead: (app: string, user: string) => `“${app}” 希望使用你的 Netpad 账号（${user}）：`,
    scopes: {
      figures: '显示你有权使用的图形，以及你的个人空间',
      offline_access: '在此设备上保持登录',
      openid: '知道你是谁',
    } as Record<string, string>,
    allow: '允许',
    deny: '拒绝',
    signedOut: '你已退出登录。',
    signOutTitle: '退出 Netpad？',
    signOutLead: '你将在此浏览器上退出 Netpad 账号。',
    signOut: '退出登录',
    stay: '保持登录',
  },
} as const;

/** Picks zh-CN or en from `?lang=` or Accept-Language. */
export function pageLocale(acceptLanguage: string | undefined, lang?: string): PageLocale {
  if (lang) return /^zh/i.test(lang) ? 'zh-CN' : 'en';
  const first = (acceptLanguage ?? '').split(',')[0]?.trim() ?? '';
  return /^zh/i.test(first) ? 'zh-CN' : acceptLanguage ? 'en' : 'zh-CN';
}

function layout(locale: PageLocale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/interaction/auth.css">
</head>
<body>
<main class="card">
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export function loginPage(o: { locale: PageLocale; uid: string; app: string; error?: string; username?: string }): string {
  const t = TEXT[o.locale];
  return layout(
    o.locale,
    t.signInTitle,
    `<p>${escapeHtml(t.signInLead(o.app))}</p>
${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(o.uid)}/login" autocomplete="on">
  <input type="hidden" name="lang" value="${o.locale}">
  <label for="username">${t.username}</label>
  <input id="username" name="username" autocomplete="username" autocapitalize="none" required maxlength="64" value="${escapeHtml(o.username ?? '')}" ${o.username ? '' : 'autofocus'}>
  <label for="password">${t.password}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256" ${o.username ? 'autofocus' : ''}>
  <button type="submit">${t.signIn}</button>
</form>
<form method="post" action="/interaction/${escapeHtml(o.uid)}/abort"><button type="submit" class="secondary">${t.cancel}</button></form>`,
  );
}

export function consentPage(o: { locale: PageLocale; uid: string; app: string; description?: string; user: string; scopes: string[] }): string {
  const t = TEXT[o.locale];
  const items = o.scopes.map((s) => `<li>${escapeHtml(t.scopes[s] ?? s)}</li>`).join('');
  return layout(
    o.locale,
    t.consentTitle,
    `<p>${escapeHtml(t.consentLead(o.app, o.user))}</p>
${o.description ? `<blockquote class="app-description">${escapeHtml(o.description)}</blockquote>` : ''}
<ul>${items}</ul>
<form method="post" action="/interaction/${escapeHtml(o.uid)}/confirm"><button type="submit">${t.allow}</button></form>
<form method="post" action="/interaction/${escapeHtml(o.uid)}/abort"><button type="submit" class="secondary">${t.deny}</button></form>`,
  );
}

/**
 * The sign-out confirmation. `form` is oidc-provider's own hidden form (it carries the CSRF
 * token); the buttons submit it with logout=yes or without.
 */
export function logoutPage(locale: PageLocale, form: string): string {
  const t = TEXT[locale];
  const id = /id="([^"]+)"/.exec(form)?.[1] ?? 'op.logoutForm';
  return layout(
    locale,
    t.signOutTitle,
    `<p>${escapeHtml(t.signOutLead)}</p>
${form}
<button type="submit" form="${escapeHtml(id)}" name="logout" value="yes">${t.signOut}</button>
<button type="submit" form="${escapeHtml(id)}" class="secondary">${t.stay}</button>`,
  );
}

export function messagePage(locale: PageLocale, title: string, message: string): string {
  return layout(locale, title, `<p>${escapeHtml(message)}</p>`);
}

export const AUTH_CSS = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #eceff1; }
.card { box-sizing: border-box; width: min(420px, 100vw); padding: 1.5rem; background: #fff; color: #263238; border-radius: 12px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
.app-description { margin: .5rem 0; padding: .5rem .75rem; border-left: 3px solid #90a4ae; color: #455a64; white-space: pre-wrap; overflow-wrap: anywhere; }
h1 { font-size: 1.3rem; margin: 0 0 .75rem; }
label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
input { box-sizing: border-box; width: 100%; font: inherit; font-size: 16px; padding: .6rem .7rem; border: 1px solid #90a4ae; border-radius: 8px; }
input:focus-visible, button:focus-visible { outline: 3px solid #1565c0; outline-offset: 2px; }
button { width: 100%; margin-top: 1rem; font: inherit; font-size: 16px; padding: .65rem; border: 0; border-radius: 8px; background: #1565c0; color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: #1565c0; border: 1px solid #1565c0; margin-top: .5rem; }
.error { color: #b71c1c; background: #ffebee; padding: .5rem .75rem; border-radius: 6px; }
@media (prefers-color-scheme: dark) { body { background: #101417; } .card { background: #1e2529; color: #eceff1; } .error { background: #4a1515; color: #ffcdd2; } }
`;
