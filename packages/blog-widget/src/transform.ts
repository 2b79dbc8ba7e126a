/**
 * Finds figures in a blog post and turns them into `<netpad-embed>` elements:
 * - shortcodes `[netpad id="…"]` (optionally `aspect="16/9"`, `reveal="interaction"`) in text;
 * - a link to the platform's figure page (`…/figures/{id}`) standing alone in its paragraph,
 *   as WordPress does with embeddable links, or such a URL pasted as plain text alone in its
 *   paragraph. A link or URL inside a sentence stays as it is.
 * Code samples (`pre`, `code`, `textarea`, scripts) are left alone.
 */

export interface WidgetOptions {
  /** The platform's origin. */
  platform: string;
  clientId: string;
  mode: 'frame' | 'inline';
  lang?: string;
}

const SHORTCODE = /\[netpad(?:\s+([^\]]*))?\]/g;
const ATTRIBUTE = /([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/gi;
const ASPECT_RATIO = /^\s*\d+(\.\d+)?\s*(\/\s*\d+(\.\d+)?\s*)?$/;

/**
 * The element's own box (display, ratio, minimum height) before its script has defined it, so
 * that nothing moves when it does: the page's text stays where it is while figures load.
 */
export const RESERVE_CSS = 'netpad-embed:not(:defined){display:block;aspect-ratio:var(--netpad-aspect-ratio,4/3);min-height:120px;box-sizing:border-box}';

const SKIP = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'PRE', 'CODE', 'NETPAD-EMBED', 'NOSCRIPT', 'TEMPLATE']);
const BLOCKS = new Set(['P', 'DIV', 'LI', 'FIGURE']);

function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(ATTRIBUTE)) attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return attrs;
}

export function makeEmbed(doc: Document, id: string, options: WidgetOptions, extra: Record<string, string> = {}): HTMLElement {
  const el = doc.createElement('netpad-embed');
  if (id) el.setAttribute('resource', id);
  el.setAttribute('platform', options.platform);
  el.setAttribute('client-id', options.clientId);
  el.setAttribute('mode', options.mode);
  if (options.lang) el.setAttribute('lang', options.lang);
  if (extra.aspect) {
    el.setAttribute('aspect-ratio', extra.aspect);
    // The box reserved before the element is defined (RESERVE_CSS) takes the same ratio.
    if (ASPECT_RATIO.test(extra.aspect)) el.style.setProperty('--netpad-aspect-ratio', extra.aspect);
  }
  if (extra.reveal === 'interaction') el.setAttribute('reveal', 'interaction');
  if (extra.alt) el.setAttribute('alt', extra.alt);
  return el;
}

/** The figure id of a link to the platform's figure page, or undefined. */
export function figureIdOfLink(href: string, platform: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.origin !== platform) return undefined;
  const m = /^\/figures\/([^/]+)\/?$/.exec(url.pathname);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return undefined; // a malformed escape: not a figure link
  }
}

function skipped(node: Node): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) if (SKIP.has(el.tagName) || el.isContentEditable) return true;
  return false;
}

/** Turns every shortcode and lone figure link under `root` into an element; returns how many. */
export function transform(root: ParentNode, options: WidgetOptions): HTMLElement[] {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const made: HTMLElement[] = [];

  const texts: Text[] = [];
  const walker = doc.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue?.includes('[netpad') && !skipped(n)) texts.push(n as Text);
  for (const text of texts) {
    const value = text.nodeValue ?? '';
    const parts: Node[] = [];
    let last = 0;
    for (const m of value.matchAll(SHORTCODE)) {
      if (m.index! > last) parts.push(doc.createTextNode(value.slice(last, m.index)));
      const attrs = parseAttributes(m[1] ?? '');
      const el = makeEmbed(doc, attrs.id ?? '', options, attrs);
      parts.push(el);
      made.push(el);
      last = m.index! + m[0].length;
    }
    if (!parts.length) continue;
    if (last < value.length) parts.push(doc.createTextNode(value.slice(last)));
    const parent = text.parentElement;
    // A shortcode alone in its paragraph replaces the paragraph (a figure is not inline text).
    if (parent && parent.tagName === 'P' && parts.length === 1 && parent.childNodes.length === 1) parent.replaceWith(parts[0]!);
    else text.replaceWith(...parts);
  }

  // A bare figure URL, as a blogger pastes it (WordPress turns such a line into an embed too):
  // a block whose whole text is one figure-page URL, with nothing else in it.
  for (const block of Array.from(root.querySelectorAll<HTMLElement>([...BLOCKS].map((t) => t.toLowerCase()).join(',')))) {
    if (skipped(block) || block.children.length > 0) continue;
    const text = block.textContent?.trim() ?? '';
    if (!/^https?:\/\/\S+$/.test(text)) continue;
    const id = figureIdOfLink(text, options.platform);
    if (!id) continue;
    const el = makeEmbed(doc, id, options, { alt: '' });
    block.replaceWith(el);
    made.push(el);
  }

  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    if (skipped(link)) continue;
    const id = figureIdOfLink(link.href, options.platform);
    if (!id) continue;
    const block = link.parentElement;
    const alone = block && BLOCKS.has(block.tagName) && block.textContent?.trim() === link.textContent?.trim() && block.querySelectorAll('a').length === 1;
    if (!alone) continue;
    const el = makeEmbed(doc, id, options, { alt: link.textContent?.trim() ?? '' });
    block.replaceWith(el);
    made.push(el);
  }
  return made;
}
