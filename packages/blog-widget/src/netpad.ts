/**
 * The blog widget: `<script src="https://netpad.example/lib/widget/netpad.js" data-client-id="…" async>`.
 * It finds figures in the page (see transform.ts), and only when there is one loads the
 * element from the platform, which draws each figure in a frame of the platform (tokens never
 * enter the blog's page).
 */
import { RESERVE_CSS, transform, type WidgetOptions } from './transform';

interface NetpadWidget {
  /** Looks for shortcodes and figure links under `root` again (for content added later). */
  scan(root?: ParentNode): number;
  readonly options: WidgetOptions;
}

declare global {
  interface Window {
    NetpadWidget?: NetpadWidget;
  }
}

function start(): void {
  // A second copy of the script (theme + post) must not process the page twice.
  if (window.NetpadWidget) return;
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  // A platform that is not a URL is passed on as written: each figure then says what is wrong.
  let platform = data.platform ?? '';
  try {
    platform = new URL(data.platform || script?.src || location.href).origin;
  } catch {
    console.warn(`Netpad widget: data-platform="${platform}" is not a URL.`);
  }
  const clientId = data.clientId ?? '';
  if (!clientId) console.warn('Netpad widget: add data-client-id="<your app id>" to the script tag; figures will show a setup error until then.');
  const options: WidgetOptions = { platform, clientId, mode: data.mode === 'inline' ? 'inline' : 'frame', lang: data.lang };

  let loading: Promise<unknown> | undefined;
  const load = () => {
    // Defined on first use: a post without figures costs nothing but this script.
    const origin = /^https?:\/\//.test(platform) ? platform : script?.src ? new URL(script.src).origin : location.origin;
    loading ??= import(/* @vite-ignore */ `${origin}/lib/embed/netpad-embed.js`).catch((err: unknown) => {
      loading = undefined;
      console.error('Netpad widget: could not load the figure element', err);
    });
  };

  const scan = (root: ParentNode = document.body): number => {
    const found = transform(root, options);
    // Elements the author wrote by hand get the same platform and app.
    for (const el of Array.from(document.querySelectorAll('netpad-embed[resource]:not([client-id])'))) {
      el.setAttribute('client-id', clientId);
      if (!el.hasAttribute('platform')) el.setAttribute('platform', platform);
      if (!el.hasAttribute('mode')) el.setAttribute('mode', options.mode);
    }
    if (found.length || document.querySelector('netpad-embed')) load();
    return found.length;
  };
  window.NetpadWidget = { scan, options };
  reserveSpace();

  const run = () => {
    scan();
    // Posts loaded later (infinite scroll, single-page themes) are scanned as they arrive.
    new MutationObserver((records) => {
      for (const r of records) for (const node of Array.from(r.addedNodes)) if (node.nodeType === 1 && (node as Element).tagName !== 'NETPAD-EMBED') scan(node as Element);
    }).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/** Adds RESERVE_CSS to the page: a constructed sheet, which a blog's CSP (no inline style) allows. */
function reserveSpace(): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(RESERVE_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // An old browser without constructed sheets: figures still show, a line lower.
  }
}

start();
