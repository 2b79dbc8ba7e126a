import { readdirSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../db/open';
import { addOrigin, createApp, findApp } from '../auth/apps';
import { pageLocale, type PageLocale } from '../auth/pages';
import { ProblemError } from '../api/problem';
import { qrSvg } from './qr';
import { textbookPlaces } from '../catalogue/curriculum';
import { EMBED_TEXT, embedPage, embedProblemPage, figurePage, signedInPage, type EmbedPageConfig, type FigureInfo } from './pages';

/** The first-party public app the platform's own pages sign in with (figure pages, public embeds). */
export const WEB_CLIENT_ID = 'netpad-web';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** oEmbed sizes: the figure's 4:3 board (its tools float over the board). */
const OEMBED = { width: 640, ratio: 3 / 4 } as const;

const BASE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

interface FigureRow {
  id: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  free: number;
}

/** An origin as browsers send it (`scheme://host[:port]`), or undefined. */
function asOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value) return value;
  } catch {
    // not a URL
  }
  return undefined;
}

export function registerEmbedPages(app: FastifyInstance, deps: { db: Db; baseUrl: string; embedBundle?: string }): void {
  const { db, baseUrl } = deps;
  const preloads = figureScripts(deps.embedBundle);
  const figureRow = 'SELECT id, title_zh, title_en, description_zh, description_en, free FROM figures WHERE id = ?';
  const findFigure = (id: string, locale: PageLocale): FigureInfo | undefined => {
    if (!ID.test(id)) return undefined;
    const row = db.one(figureRow, id) as FigureRow | undefined;
    if (!row) return undefined;
    const zh = locale === 'zh-CN';
    return { id: row.id, title: zh ? row.title_zh : row.title_en, description: zh ? row.description_zh : row.description_en, free: row.free === 1 };
  };
  const localeOf = (request: { headers: Record<string, unknown>; query: unknown }) =>
    pageLocale(request.headers['accept-language'] as string | undefined, (request.query as { lang?: string }).lang);
  const html = (reply: FastifyReply, status: number, csp: string, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', csp).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body);

  /**
   * The frame a blog embeds. With `client_id`, only that app's registered sites may frame it
   * (CSP frame-ancestors) and sign-in runs as that app; without one it is a public embed (any
   * site, e.g. from oEmbed), which signs in as the platform's own app and never buys in place.
   */
  app.get('/embed/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const query = request.query as { client_id?: unknown; parent_origin?: unknown };
    const locale = localeOf(request);
    const t = EMBED_TEXT[locale];
    let clientId = WEB_CLIENT_ID;
    let ancestors = '*';
    let parentOrigin = asOrigin(query.parent_origin) ?? null;
    let purchase = false;
    if (query.client_id !== undefined) {
      // An app's embed lives only in frames on its own sites (frame-ancestors); opened as a page
      // of its own it would carry the app's grants anywhere. Browsers say which: Sec-Fetch-Dest.
      if (request.headers['sec-fetch-dest'] === 'document') return reply.redirect(`/figures/${encodeURIComponent(id)}`, 303);
      const requested = typeof query.client_id === 'string' ? query.client_id : '';
      const registered = requested ? findApp(db, requested) : undefined;
      if (!registered || registered.kind !== 'public') {
        // Shown to whoever framed it: the blogger needs to see what is wrong.
        return html(reply, 400, `${BASE_CSP}; frame-ancestors *`, embedProblemPage(locale, t.unknownAppTitle, t.unknownApp(requested)));
      }
      if (registered.suspendedAt) {
        return html(reply, 403, `${BASE_CSP}; frame-ancestors *`, embedProblemPage(locale, t.unknownAppTitle, t.suspendedApp(requested)));
      }
      clientId = registered.clientId;
      ancestors = registered.origins.length ? registered.origins.join(' ') : "'none'";
      if (parentOrigin && !registered.origins.includes(parentOrigin)) parentOrigin = null;
      purchase = registered.origins.length > 0;
    }
    const figure = findFigure(id, locale);
    const config: EmbedPageConfig = { platform: baseUrl, clientId, figureId: id, lang: locale, parentOrigin, publicEmbed: query.client_id === undefined, mode: 'frame', purchase };
    // An unknown id still gets the page: the element in it shows "not found" and tells the parent.
    return html(reply, figure ? 200 : 404, `${BASE_CSP}; frame-ancestors ${ancestors}`, embedPage(config, figure ?? { id, title: t.noFigureTitle, description: '', free: false }, figure?.free ? preloads : []));
  });

  app.get('/embed/signed-in', async (request, reply) => html(reply, 200, `${BASE_CSP}; frame-ancestors 'none'`, signedInPage(localeOf(request))));

  /** A public page per figure: the link a blogger pastes, and the oEmbed discovery point. */
  app.get('/figures/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const locale = localeOf(request);
    const t = EMBED_TEXT[locale];
    const found = findFigure(id, locale);
    if (!found) return html(reply, 404, `${BASE_CSP}; frame-ancestors 'none'`, embedProblemPage(locale, t.noFigureTitle, t.noFigure(id)));
    const figure = { ...found, places: textbookPlaces(db, id, locale) };
    const page = `${baseUrl}/figures/${id}`;
    const config: EmbedPageConfig = { platform: baseUrl, clientId: WEB_CLIENT_ID, figureId: id, lang: locale, parentOrigin: null, publicEmbed: false, mode: 'page', purchase: true };
    return html(
      reply,
      200,
      `${BASE_CSP}; frame-ancestors 'none'`,
      figurePage(config, figure, {
        page,
        poster: `${baseUrl}/v1/figures/${id}/poster.svg`,
        oembed: `${baseUrl}/oembed?format=json&url=${encodeURIComponent(page)}`,
        script: `${baseUrl}/lib/widget/netpad.js`,
        preloads: figure.free ? preloads : [],
      }),
    );
  });

  /**
   * The figure page's address as a QR code: the way out of a frame that cannot open windows
   * (WordPress sandboxes its embeds), scanned with a phone or copied, to sign in and buy there.
   */
  app.get('/figures/:id/qr.svg', async (request, reply) => {
    const { id } = request.params as { id: string };
    const figure = findFigure(id, localeOf(request));
    if (!figure) throw new ProblemError(404, 'not_found', 'Not found', `No figure "${id}"`);
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('x-content-type-options', 'nosniff')
      .send(qrSvg(`${baseUrl}/figures/${id}`, figure.title));
  });

  /** oEmbed 1.0 (https://oembed.com): `rich`, an iframe of the public embed, the poster as thumbnail. */
  app.get('/oembed', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    reply.header('access-control-allow-origin', '*');
    const format = query.format ?? 'json';
    if (format !== 'json') throw new ProblemError(501, 'not_implemented', 'Format not supported', 'This provider answers format=json only.');
    if (typeof query.url !== 'string' || !query.url) throw new ProblemError(400, 'invalid_request', 'Invalid request', 'url is required: the address of a figure page', { parameter: 'url' });
    let target: URL;
    try {
      target = new URL(query.url);
    } catch {
      throw new ProblemError(400, 'invalid_request', 'Invalid request', 'url is not a URL', { parameter: 'url' });
    }
    const match = /^\/(?:figures|embed)\/([^/]+)\/?$/.exec(target.pathname);
    const locale = localeOf(request);
    let id: string | undefined;
    try {
      id = match ? decodeURIComponent(match[1]!) : undefined;
    } catch {
      id = undefined; // a malformed escape names no figure
    }
    const figure = target.origin === new URL(baseUrl).origin && id ? findFigure(id, locale) : undefined;
    if (!figure) throw new ProblemError(404, 'not_found', 'Not found', `No figure at ${query.url}`);

    const limit = (name: 'maxwidth' | 'maxheight'): number | undefined => {
      const raw = query[name];
      if (raw === undefined) return undefined;
      const n = Number(raw);
      if (typeof raw !== 'string' || !Number.isInteger(n) || n < 1) throw new ProblemError(400, 'invalid_request', 'Invalid request', `${name} is a positive whole number`, { parameter: name });
      return n;
    };
    const maxwidth = limit('maxwidth');
    const maxheight = limit('maxheight');
    let width: number = OEMBED.width;
    if (maxwidth !== undefined) width = Math.min(width, maxwidth);
    if (maxheight !== undefined) width = Math.min(width, Math.floor(maxheight / OEMBED.ratio));
    width = Math.max(width, 1);
    const height = Math.round(width * OEMBED.ratio);
    const src = `${baseUrl}/embed/${encodeURIComponent(figure.id)}?lang=${locale}`;
    const frameHeight = maxheight !== undefined ? Math.min(height, maxheight) : height;
    const title = figure.title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return {
      version: '1.0',
      type: 'rich',
      provider_name: 'Netpad',
      provider_url: baseUrl,
      title: figure.title,
      width,
      height: frameHeight,
      // WordPress keeps only the iframe's src, width, height and title (and a blockquote): the
      // width is the column's, the height the figure's own, sent by the frame through
      // WordPress's embed protocol. The blockquote is the link WordPress shows until the frame
      // answers, and what tells WordPress to load that protocol's script; other consumers keep
      // the styles, which hide it and keep the figure's shape on a phone.
      html:
        `<blockquote style="display:none"><a href="${baseUrl}/figures/${encodeURIComponent(figure.id)}">${title}</a></blockquote>` +
        `<iframe src="${src}" width="100%" height="${frameHeight}" title="${title}" style="border:0;width:100%;max-width:${width}px;height:auto;aspect-ratio:${width} / ${frameHeight}" loading="lazy" allow="fullscreen"></iframe>`,
      thumbnail_url: `${baseUrl}/v1/figures/${encodeURIComponent(figure.id)}/poster.svg`,
      // The poster's own size (the platform draws posters at 640 × 480).
      thumbnail_width: 640,
      thumbnail_height: 480,
      cache_age: 3600,
    };
  });
}

/** The platform's own app: the figure pages and public embeds sign in with it. */
export function ensureWebApp(db: Db, baseUrl: string): void {
  const origin = new URL(baseUrl).origin;
  const existing = findApp(db, WEB_CLIENT_ID);
  if (!existing) createApp(db, '', { clientId: WEB_CLIENT_ID, name: 'Netpad', kind: 'public', origins: [origin] });
  else if (!existing.origins.includes(origin)) addOrigin(db, WEB_CLIENT_ID, origin);
}

/**
 * The script a page showing a free figure runs after its own, to name in `<link
 * rel="modulepreload">`: the element, which frame.js imports, downloads with frame.js instead of
 * after it. Not the renderer chunk: on a phone its quarter-megabyte competes with the page and
 * the poster for the first paint (Lighthouse mobile: first paint 0.8 s without it, 2.2 s with it;
 * pnpm bench, section 6), and the element asks for it as soon as it runs.
 */
function figureScripts(bundleDir: string | undefined): string[] {
  if (!bundleDir) return [];
  try {
    return readdirSync(bundleDir).includes('netpad-embed.js') ? ['/lib/embed/netpad-embed.js'] : [];
  } catch {
    return [];
  }
}
