// WordPress's embed protocol, as WordPress's own wp-embed script speaks it: the oEmbed iframe is
// sandboxed, its URL gets `#?secret=…`, and the page sizes it on a `height` message carrying that
// secret. (A real WordPress is not installed here; this page does what its script does.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, useSiteAndBrowser } from './helpers.ts';

describe('WordPress embed protocol', () => {
  const setup = useSiteAndBrowser();
  let blog: Awaited<ReturnType<typeof startSite>>;
  before(async () => {
    const platform = setup.site().origin;
    const oembed = (await (await fetch(`${platform}/oembed?url=${encodeURIComponent(`${platform}/figures/hyperbola-rectangle`)}`)).json()) as { html: string };
    // What wp_filter_oembed_result() makes of the provider's iframe.
    const secret = 'Abc123XyZ9';
    const frame = oembed.html.replace('<iframe ', `<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" data-secret="${secret}" `).replace(/src="([^"]+)"/, `src="$1#?secret=${secret}"`);
    const listener = `<script>
      window.heights = [];
      addEventListener('message', (e) => {
        const d = e.data;
        if (!d || d.message !== 'height' || typeof d.value !== 'number') return;
        const frame = document.querySelector('iframe[data-secret="' + d.secret + '"]');
        if (!frame || frame.contentWindow !== e.source) return;
        heights.push(d.value);
        frame.height = Math.min(Math.max(d.value, 200), 1000);
      });
    </script>`;
    blog = await startSite({
      '/post.html': `<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:8px">${listener}<p>一篇文章</p>${frame}</body>`,
    });
  });
  after(async () => blog?.close());

  it('sizes the sandboxed frame to the figure on a 390 px phone, answering only with WordPress’s secret', async () => {
    const page = await setup.browser().newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${blog.origin}/post.html`);
    await page.waitForFunction(() => (window as unknown as { heights: number[] }).heights.length > 0);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.waitForFunction(() => (document.querySelector('netpad-embed') as unknown as { status: string }).status === 'ready');
    // The frame settles at its content's height: no blank band under the figure, nothing clipped.
    await page.waitForFunction(() => {
      const iframe = document.querySelector('iframe')!;
      const heights = (window as unknown as { heights: number[] }).heights;
      return Math.abs(iframe.getBoundingClientRect().height - heights[heights.length - 1]!) <= 1;
    });
    const { width, height } = await page.evaluate(() => {
      const r = document.querySelector('iframe')!.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    assert.ok(width <= 374, `the frame fits the phone (${width} px)`);
    assert.ok(height < 375, `shorter than WordPress's 375 px default (${height} px)`);
    const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    assert.ok(Math.abs(inner - height) <= 1, `frame ${height} px for content of ${inner} px`);
    await page.close();
  });
});
