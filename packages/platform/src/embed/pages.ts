/**
 * The platform's public HTML around figures: the frame page a blog embeds (`/embed/:id`), the
 * page per figure a blogger links to (`/figures/:id`), and the page that ends a sign-in popup.
 * Author text (titles, descriptions) is escaped; the pages' scripts read their settings from a
 * JSON block, never from inline code, so the strict CSP below needs no 'unsafe-inline'.
 */
import type { PageLocale } from '../auth/pages';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside <script type="application/json">: `<` escaped so no `</script>` can close it. */
const jsonBlock = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

export const EMBED_TEXT = {
  en: {
    figure: 'Interactive figure',
    openOnNetpad: 'Open on Netpad',
    unknownApp: (id: string) => `No app "${id}" is registered on this platform, so this figure cannot be shown here.`,
    unknownAppTitle: 'This embed is not set up correctly',
    suspendedApp: (id: string) => `The app "${id}" is suspended on this platform, so its figures cannot be shown here. Its developer can see why in the developer portal.`,
    noFigureTitle: 'Figure not found',
    noFigure: (id: string) => `There is no figure "${id}" on this platform.`,
    embedTitle: 'Put this figure in your blog',
    embedLead: 'Paste the script once into your blog\'s theme (or a post), then write the shortcode where the figure goes — or paste this page\'s address on a line of its own.',
    scriptLabel: 'Script (once per page)',
    appIdPlaceholder: 'your-app-id',
    registerLead: 'Replace your-app-id with your site’s App id:',
    registerLink: 'register your site in the developer portal',
    shortcodeLabel: 'Shortcode',
    linkLabel: 'Or the link',
    oembedLead: 'Sites that support oEmbed (WordPress, Ghost, …) turn the link into the figure by themselves.',
    signingIn: 'Finishing sign-in…',
    signInDone: 'You are signed in. You can close this window.',
    free: 'Free to use',
    noscript: 'This figure needs JavaScript to be interactive.',
    placesTitle: 'In the textbooks',
  },
  'zh-CN': {
    figure: '交互式图形',
    openOnNetpad: '在 Netpad 上打开',
    unknownApp: (id: string) => `本平台没有注册应用“${id}”，因此无法在这里显示这个图形。`,
    unknownAppTitle: '嵌入设置不正确',
    suspendedApp: (id: string) => `应用“${id}”已被平台暂停，因此无法在这里显示它的图形。开发者可以在开发者中心查看原因。`,
    noFigureTitle: '找不到图形',
    noFigure: (id: string) => `本平台没有图形“${id}”。`,
    embedTitle: '把这个图形放进你的博客',
    embedLead: '把脚本粘贴到博客主题（或文章）中一次，然后在要放图形的位置写短代码；也可以把本页地址单独粘贴成一行。',
    scriptLabel: '脚本（每页一次）',
    appIdPlaceholder: '你的-app-id',
    registerLead: '把“你的-app-id”换成你网站的 App id：',
    registerLink: '在开发者中心注册你的网站',
    shortcodeLabel: '短代码',
    linkLabel: '或者链接',
    oembedLead: '支持 oEmbed 的网站（WordPress、Ghost 等）会自动把链接变成图形。',
    signingIn: '正在完成登录…',
    signInDone: '已登录，可以关闭这个窗口。',
    free: '免费使用',
    noscript: '需要启用 JavaScript 才能操作这个图形。',
    placesTitle: '在教材中的位置',
  },
} as const;

export interface FigureInfo {
  id: string;
  title: string;
  description: string;
  free: boolean;
  /** Where it sits in the textbooks: per section, the names from edition down. */
  places?: string[][];
}

/** What the page's script needs (see packages/embed-element/src/frame/frame-page.ts). */
export interface EmbedPageConfig {
  platform: string;
  clientId: string;
  figureId: string;
  lang: PageLocale;
  /** The origin of the page around the frame, checked against the app's origins; null in a figure page. */
  parentOrigin: string | null;
  /**
   * A public embed (no app): any site may frame it, so it believes the parent origin only when
   * the browser confirms it, and tells the parent nothing about the reader's rights.
   */
  publicEmbed: boolean;
  mode: 'frame' | 'page';
  /** May this frame buy in place? Only for apps whose sites registered themselves (clickjacking). */
  purchase: boolean;
}

/**
 * The figure's box before any script runs: the element's own 4:3 and border, with the poster in
 * it, so the picture is there at once and the live board takes its place without a shift.
 */
const SLOT_CSS = `.netpad-slot{display:block;width:100%;aspect-ratio:4/3;min-height:120px;box-sizing:border-box;border:1px solid #cfd8dc;border-radius:8px;overflow:hidden;background:#fff}
.netpad-slot>img{display:block;width:100%;height:100%;object-fit:contain}
.netpad-slot:has(>netpad-embed){border:0;aspect-ratio:auto;min-height:0;background:transparent}
@media (prefers-color-scheme:dark){.netpad-slot{border-color:#455a64;background:#1e2529}}`;

/** The slot the page script puts the element into, holding the poster until then. */
function figureSlot(figure: FigureInfo, poster: string): string {
  return `<div class="netpad-slot" id="figure"><img src="${escapeHtml(poster)}" alt="${escapeHtml(figure.title)}" width="640" height="480" fetchpriority="high" elementtiming="netpad-poster"></div>`;
}

const preloadLinks = (preloads: readonly string[]): string => preloads.map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`).join('\n');

const EMBED_CSS = `html,body{margin:0;padding:0;background:transparent}
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
netpad-embed{display:block;width:100%}
${SLOT_CSS}
.problem{padding:1rem;font:14px/1.5 system-ui,sans-serif;color:#b71c1c}`;

export function embedPage(config: EmbedPageConfig, figure: FigureInfo, preloads: readonly string[] = []): string {
  return `<!doctype html>
<html lang="${config.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(figure.title)}</title>
<style>${EMBED_CSS}</style>
<script type="application/json" id="netpad-config">${jsonBlock(config)}</script>
<script type="module" src="/lib/embed/frame.js"></script>
${preloadLinks(preloads)}
</head>
<body>
${figureSlot(figure, `/v1/figures/${encodeURIComponent(figure.id)}/poster.svg`)}
</body>
</html>`;
}

export function embedProblemPage(locale: PageLocale, title: string, message: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${EMBED_CSS}</style></head>
<body><div class="problem" role="alert"><strong>${escapeHtml(title)}</strong><p>${escapeHtml(message)}</p></div></body>
</html>`;
}

export function signedInPage(locale: PageLocale): string {
  const t = EMBED_TEXT[locale];
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Netpad</title>
<script type="module" src="/lib/embed/signed-in.js"></script></head>
<body><p id="message" data-done="${escapeHtml(t.signInDone)}">${escapeHtml(t.signingIn)}</p></body>
</html>`;
}

const PAGE_CSS = `:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
body{margin:0;background:#f5f7f8;color:#1f2933}
main{max-width:760px;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}
.lead{color:#52606d}
.badge{display:inline-block;font-size:.8rem;padding:.1rem .5rem;border-radius:1rem;background:#e3f8ec;color:#1b5e20}
section.places h2{font-size:1rem;margin:1.5rem 0 .25rem}section.places ul{margin:0;padding-left:1.2rem;color:#52606d}
section.embed{margin-top:2rem;padding:1rem;border:1px solid #cbd2d9;border-radius:8px;background:#fff}
pre{white-space:pre-wrap;word-break:break-all;background:#f0f4f8;padding:.5rem;border-radius:4px;font-size:.85rem}
@media (prefers-color-scheme:dark){body{background:#1b1f23;color:#e4e7eb}.lead{color:#9aa5b1}section.embed{background:#22272e;border-color:#3e4c59}pre{background:#2d333b}}`;

export function figurePage(config: EmbedPageConfig, figure: FigureInfo, links: { page: string; poster: string; oembed: string; script: string; preloads?: readonly string[] }): string {
  const t = EMBED_TEXT[config.lang];
  const script = `<script src="${links.script}" data-client-id="${t.appIdPlaceholder}" async></script>`;
  return `<!doctype html>
<html lang="${config.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(figure.title)} · Netpad</title>
<meta name="description" content="${escapeHtml(figure.description)}">
<link rel="canonical" href="${escapeHtml(links.page)}">
<link rel="alternate" type="application/json+oembed" href="${escapeHtml(links.oembed)}" title="${escapeHtml(figure.title)}">
<meta property="og:title" content="${escapeHtml(figure.title)}">
<meta property="og:description" content="${escapeHtml(figure.description)}">
<meta property="og:image" content="${escapeHtml(links.poster)}">
<style>${PAGE_CSS}
${SLOT_CSS}</style>
<script type="application/json" id="netpad-config">${jsonBlock(config)}</script>
<script type="module" src="/lib/embed/frame.js"></script>
${preloadLinks(links.preloads ?? [])}
</head>
<body>
<main>
<h1>${escapeHtml(figure.title)}</h1>
<p class="lead">${escapeHtml(figure.description)} ${figure.free ? `<span class="badge">${escapeHtml(t.free)}</span>` : ''}</p>
${figureSlot(figure, links.poster)}
<noscript><p>${escapeHtml(t.noscript)}</p></noscript>
${
  figure.places?.length
    ? `<section class="places" aria-labelledby="places-title"><h2 id="places-title">${escapeHtml(t.placesTitle)}</h2><ul>${figure.places
        .map((chain) => `<li>${chain.map(escapeHtml).join(' › ')}</li>`)
        .join('')}</ul></section>`
    : ''
}
<section class="embed" aria-labelledby="embed-title">
<h2 id="embed-title">${escapeHtml(t.embedTitle)}</h2>
<p>${escapeHtml(t.embedLead)}</p>
<h3>${escapeHtml(t.scriptLabel)}</h3>
<p class="register">${escapeHtml(t.registerLead)} <a href="/developers/">${escapeHtml(t.registerLink)}</a></p>
<pre><code>${escapeHtml(script)}</code></pre>
<h3>${escapeHtml(t.shortcodeLabel)}</h3>
<pre><code>[netpad id="${escapeHtml(figure.id)}"]</code></pre>
<h3>${escapeHtml(t.linkLabel)}</h3>
<pre><code>${escapeHtml(links.page)}</code></pre>
<p>${escapeHtml(t.oembedLead)}</p>
</section>
</main>
</body>
</html>`;
}
