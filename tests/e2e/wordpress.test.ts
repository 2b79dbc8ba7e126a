// A real WordPress (Debian's package, on PHP's web server and MariaDB): a blogger pastes a figure
// page's link alone on a line, WordPress finds the platform by oEmbed discovery when the post is
// first viewed, and its own sandboxed iframe and wp-embed script show the figure on a phone.
// wordpress-protocol.test.ts imitates WordPress; this one is WordPress.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useSiteAndBrowser } from './helpers.ts';
import { missingForWordPress, startWordPress, type WordPressSite } from './wordpress-site.ts';

/** A free figure (it opens for anyone) and a paid one (ellipse-foci: `free` is 0 in the seed). */
const FREE = 'hyperbola-rectangle';
const PAID = 'ellipse-foci';

const missing = missingForWordPress();
const required = process.env.NETPAD_REQUIRE_SYSTEM_TESTS === '1';

/** WordPress's embedded iframes in a post page's HTML, as tags. */
function embeddedFrames(html: string): string[] {
  return html.match(/<iframe\b[^>]*\bclass="wp-embedded-content"[^>]*>/g) ?? [];
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&#0?38;|&amp;/g, '&');

describe('a real WordPress embeds a pasted figure link', { skip: missing && !required ? `real WordPress: ${missing}` : false }, () => {
  if (missing) {
    // NETPAD_REQUIRE_SYSTEM_TESTS=1 (CI): a machine without them is a failure, not a skip.
    it('has PHP, MariaDB and WordPress', () => assert.fail(`real WordPress: ${missing} (NETPAD_REQUIRE_SYSTEM_TESTS=1)`));
    return;
  }
  const setup = useSiteAndBrowser();
  let wordpress: WordPressSite | undefined;
  let platform = '';
  before(async () => {
    platform = setup.site().origin;
    wordpress = await startWordPress({
      reach: platform,
      posts: [
        { title: 'Hyperbola', content: `What stays the same when the point moves?\n\n${platform}/figures/${FREE}\n\nTry it.` },
        { title: 'Ellipse', content: `${platform}/figures/${PAID}` },
      ],
    });
  });
  after(async () => wordpress?.close());

  const post = (i: 0 | 1) => wordpress!.posts[i]!;

  /** The post page in a 390 × 844 phone, and the frame of `/embed/<id>` in it. */
  async function openOnPhone(i: 0 | 1, id: string) {
    const page = await setup.browser().newPage({ viewport: { width: 390, height: 844 } });
    // Every height message WordPress's script acts on (the one carrying the frame's secret).
    await page.addInitScript(() => {
      const heights: number[] = [];
      (window as unknown as { heights: number[] }).heights = heights;
      addEventListener('message', (e) => {
        const d = e.data as { message?: unknown; value?: unknown; secret?: unknown } | null;
        if (!d || d.message !== 'height' || typeof d.secret !== 'string') return;
        const frame = document.querySelector(`iframe[data-secret="${d.secret}"]`) as HTMLIFrameElement | null;
        if (frame && frame.contentWindow === e.source) heights.push(Number(d.value));
      });
    });
    await page.goto(post(i));
    const frame = page.frames().find((f) => f.url().startsWith(`${platform}/embed/${id}`));
    assert.ok(frame, `a frame of ${platform}/embed/${id} in ${page.frames().map((f) => f.url()).join(', ')}`);
    return { page, frame };
  }

  it('turns the link into its sandboxed iframe of the public embed, found by discovery', async () => {
    const response = await fetch(post(0));
    assert.equal(response.status, 200);
    const html = await response.text();
    const frames = embeddedFrames(html);
    assert.equal(frames.length, 1, `one embedded frame in the post; its content was:\n${/<div[^>]*entry-content[\s\S]*?<\/div>/.exec(html)?.[0] ?? html.slice(0, 2000)}\n${wordpress!.log()}`);
    const tag = frames[0]!;
    assert.equal(attribute(tag, 'sandbox'), 'allow-scripts');
    const src = attribute(tag, 'src') ?? '';
    assert.ok(src.startsWith(`${platform}/embed/${FREE}`), `the frame shows the public embed (${src})`);
    const secret = attribute(tag, 'data-secret');
    assert.ok(secret && src.endsWith(`#?secret=${secret}`), `WordPress's secret is in the frame's address (${tag})`);
  });

  it('shows the free figure live on a 390 px phone, sized by WordPress’s own script to its content', async () => {
    const { page, frame } = await openOnPhone(0, FREE);
    try {
      await frame.waitForFunction(() => (document.querySelector('netpad-embed') as unknown as { status: string } | null)?.status === 'ready');
      // WordPress prints wp-embed.js (which sizes the frame on a `height` message with its secret)
      // only for an embed that came with a <blockquote> fallback: see wp_maybe_enqueue_oembed_host_js().
      const listening = await page.evaluate(() => typeof (window as unknown as { wp?: { receiveEmbedMessage?: unknown } }).wp?.receiveEmbedMessage === 'function');
      assert.ok(listening, 'WordPress loaded its wp-embed script for this embed (it does for an oEmbed whose HTML has a <blockquote> before the <iframe>)');
      // Settled: the frame has the height last asked for (WordPress keeps it within 200–1000 px).
      await page.waitForFunction(() => {
        const heights = (window as unknown as { heights: number[] }).heights;
        const last = heights[heights.length - 1];
        if (last === undefined) return false;
        const wanted = Math.min(Math.max(last, 200), 1000);
        return Math.abs(document.querySelector('iframe.wp-embedded-content')!.clientHeight - wanted) <= 1;
      });
      const box = await page.evaluate(() => {
        const r = document.querySelector('iframe.wp-embedded-content')!.getBoundingClientRect();
        // Its height inside its border (WordPress drops the provider's style, so the default border stays).
        const height = document.querySelector('iframe.wp-embedded-content')!.clientHeight;
        return { left: r.left, right: r.right, height, viewport: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth };
      });
      assert.ok(box.left >= 0 && box.right <= box.viewport, `the frame fits the phone (${box.left}–${box.right} px of ${box.viewport})`);
      assert.ok(box.scrollWidth <= box.viewport, `the post does not scroll sideways (${box.scrollWidth} px wide)`);
      assert.ok(box.height < 375, `shorter than the 375 px WordPress asked the provider for (${box.height} px)`);
      const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      assert.ok(Math.abs(inner - box.height) <= 1, `frame ${box.height} px for content of ${inner} px`);
    } finally {
      await page.close();
    }
  });

  it('gives a paid figure’s sandboxed frame a way out: the figure page’s link and its QR code', async () => {
    const { page, frame } = await openOnPhone(1, PAID);
    try {
      // A sandboxed frame has no cookies or storage of its own: the reader cannot sign in there.
      await frame.waitForFunction(() => !['idle', 'loading'].includes((document.querySelector('netpad-embed') as unknown as { status: string } | null)?.status ?? 'idle'));
      const found = await frame.evaluate(() => {
        const shadow = document.querySelector('netpad-embed')!.shadowRoot!;
        const link = shadow.querySelector('[part~="share-link"]');
        return {
          status: (document.querySelector('netpad-embed') as unknown as { status: string }).status,
          link: link ? `${link.textContent ?? ''} ${(link as HTMLInputElement).value ?? ''}` : null,
          qr: (shadow.querySelector('[part~="share-qr"]') as HTMLImageElement | null)?.src ?? null,
        };
      });
      assert.ok(found.link !== null, `a [part~="share-link"] in the frame (status ${found.status})`);
      assert.ok(found.link.includes(`${platform}/figures/${PAID}`), `the share link names the figure page (${found.link.trim()})`);
      assert.equal(found.qr, `${platform}/figures/${PAID}/qr.svg`, 'a QR code of the figure page');
      await frame.waitForFunction(() => ((document.querySelector('netpad-embed')!.shadowRoot!.querySelector('[part~="share-qr"]') as HTMLImageElement).naturalWidth ?? 0) > 0);
    } finally {
      await page.close();
    }
  });
});
