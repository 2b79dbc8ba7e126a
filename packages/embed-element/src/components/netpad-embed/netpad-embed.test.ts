import { expect } from '@esm-bundle/chai';
import '../../netpad-embed';
import { defineOnce } from '../../internal/define';
import type NetpadEmbed from './netpad-embed.component';
import type { NetpadErrorDetail } from './netpad-embed.types';

const HYPERBOLA = '/examples/figures/hyperbola-rectangle.json';
const created: HTMLElement[] = [];

afterEach(() => {
  for (const el of created.splice(0)) el.remove();
});

function make(attrs: Record<string, string>, { before = '' } = {}): NetpadEmbed {
  if (before) {
    const spacer = document.createElement('div');
    spacer.style.height = before;
    document.body.append(spacer);
    created.push(spacer);
  }
  const el = document.createElement('netpad-embed');
  el.style.width = '400px';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  created.push(el);
  return el;
}

function next<T = unknown>(el: Element, type: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) => el.addEventListener(type, (e) => resolve(e as CustomEvent<T>), { once: true }));
}

function dataUrl(doc: unknown): string {
  return `data:application/json,${encodeURIComponent(JSON.stringify(doc))}`;
}

/** Requests the page made for a URL (the element fetches through the normal network stack). */
function requestsFor(url: string): number {
  return performance.getEntriesByType('resource').filter((e) => e.name.endsWith(url)).length;
}

function shadow(el: NetpadEmbed): ShadowRoot {
  return el.shadowRoot!;
}

const smallFigure = {
  format: 'netpad-figure',
  version: 1,
  title: { 'zh-CN': '小图', en: 'Small figure' },
  board: { boundingBox: [-5, 5, 5, -5] },
  elements: [
    { id: 'k', type: 'slider', min: 0, max: 4, value: 1 },
    { id: 'A', type: 'point', x: 1, y: 1 },
  ],
};

describe('<netpad-embed>', () => {
  it('is defined, and a second definition does not throw', () => {
    expect(customElements.get('netpad-embed')).to.exist;
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(() => defineOnce('netpad-embed', class extends HTMLElement {})).to.not.throw();
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
  });

  it('reserves its space before loading and does not load far from the viewport', async () => {
    const url = `${HYPERBOLA}?lazy-test`;
    const el = make({ src: url }, { before: '4000px' });
    await el.updateComplete;
    const reserved = el.getBoundingClientRect().height;
    expect(reserved).to.be.closeTo(300, 1); // 400px wide at 4 / 3
    expect(el.status).to.equal('idle');
    expect(requestsFor(url)).to.equal(0);

    const loaded = next(el, 'netpad-load');
    el.scrollIntoView();
    await loaded;
    expect(el.status).to.equal('ready');
    expect(requestsFor(url)).to.equal(1);
    expect(el.getBoundingClientRect().height).to.be.closeTo(reserved, 1);
    expect(shadow(el).querySelector('svg')).to.exist;
  });

  it('loads at once with loading="eager", names itself from alt, and reports the document', async () => {
    const el = make({ src: HYPERBOLA, loading: 'eager', alt: 'y = k/x' }, { before: '4000px' });
    const { detail } = await next<{ document: { title: Record<string, string> } }>(el, 'netpad-load');
    expect(detail.document.title.en).to.equal('Hyperbola and rectangle area');
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('y = k/x');
  });

  it('on a phone-wide board, keeps the tools in a strip of their own, off the figure', async () => {
    const el = make({ src: HYPERBOLA, loading: 'eager', lang: 'en' });
    el.style.width = '358px';
    const before = el.getBoundingClientRect().height;
    await next(el, 'netpad-load');
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const board = shadow(el).querySelector('.board')!.getBoundingClientRect();
    const tools = shadow(el).querySelector('[part="toolbar"]')!.getBoundingClientRect();
    const base = shadow(el).querySelector('[part="base"]')!.getBoundingClientRect();
    expect(tools.top, 'the tools start below the board').to.be.at.least(board.bottom - 0.5);
    expect(tools.bottom).to.be.at.most(base.bottom + 0.5);
    expect(el.getBoundingClientRect().height, 'the reserved space did not change').to.equal(before);
    // The drawing follows its shorter container (resized on the next frames).
    const fits = () => shadow(el).querySelector('.board svg')!.getBoundingClientRect().bottom <= shadow(el).querySelector('.board')!.getBoundingClientRect().bottom + 0.5;
    for (let frames = 0; frames < 30 && !fits(); frames++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(fits(), 'the board redrew to its shorter container').to.equal(true);
    // A wide board keeps the tools floating over its corner, the board full height.
    el.style.width = '640px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const wide = shadow(el).querySelector('.board')!.getBoundingClientRect();
    expect(wide.bottom).to.be.at.least(shadow(el).querySelector('[part="base"]')!.getBoundingClientRect().bottom - 2);
  });

  it('uses the document title as the accessible name without alt', async () => {
    const el = make({ src: HYPERBOLA, loading: 'eager', lang: 'en' });
    await next(el, 'netpad-load');
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Hyperbola and rectangle area');
  });

  it('exposes getValue, setValue, getState and reset, and fires composed netpad-change events', async () => {
    const el = make({ src: dataUrl(smallFigure), loading: 'eager' });
    expect(el.getValue('k')).to.equal(undefined);
    expect(() => el.setValue('k', 2)).to.throw(/netpad-load/);
    await next(el, 'netpad-load');
    expect(el.getValue('k')).to.equal(1);

    const changed = new Promise<CustomEvent>((resolve) => document.addEventListener('netpad-change', (e) => resolve(e as CustomEvent), { once: true }));
    el.setValue('k', 3);
    const event = await changed;
    expect(event.composed).to.equal(true);
    expect(event.detail.state.k).to.equal(3);
    expect(el.getState()).to.deep.equal({ k: 3, A: [1, 1] });
    el.reset();
    expect(el.getValue('k')).to.equal(1);
  });

  it('shows every validation error of a bad document, with its path, and a retry', async () => {
    const bad = { ...smallFigure, elements: [{ id: 'A', type: 'point', x: 'B.x', y: 0 }, { id: 'A', type: 'circle' }] };
    const el = make({ src: dataUrl(bad), loading: 'eager', lang: 'en' });
    const { detail } = await next<NetpadErrorDetail>(el, 'netpad-error');
    expect(detail.kind).to.equal('invalid');
    expect(detail.errors!.map((e) => e.path)).to.include.members(['$.elements[0].x', '$.elements[1].id']);
    await el.updateComplete;
    const panel = shadow(el).querySelector('[part="error"]')!;
    expect(panel.getAttribute('role')).to.equal('alert');
    expect(panel.textContent).to.contain('This figure document has errors');
    expect(panel.textContent).to.contain('$.elements[0].x');
    expect(shadow(el).querySelector('[part="retry-button"]')).to.exist;
  });

  it('speaks Chinese on a Chinese page', async () => {
    const el = make({ src: dataUrl({ ...smallFigure, version: 7 }), loading: 'eager', lang: 'zh-CN' });
    await next(el, 'netpad-error');
    await el.updateComplete;
    const panel = shadow(el).querySelector('[part="error"]')!;
    expect(panel.textContent).to.contain('图形文档有错误');
    expect(panel.textContent).to.contain('不支持图形格式版本 7');
    expect(shadow(el).querySelector('[part="retry-button"]')!.textContent).to.contain('重试');
  });

  it('reports an HTTP error and fetches again on retry', async () => {
    const url = '/examples/figures/no-such-figure.json';
    const realFetch = window.fetch;
    let calls = 0;
    window.fetch = (input, init) => {
      if (String(input).endsWith(url)) calls++;
      return realFetch(input, init);
    };
    after(() => (window.fetch = realFetch));
    const el = make({ src: url, loading: 'eager', lang: 'en' });
    const first = await next<NetpadErrorDetail>(el, 'netpad-error');
    expect(first.detail.kind).to.equal('http');
    expect(first.detail.status).to.equal(404);
    await el.updateComplete;
    const again = next<NetpadErrorDetail>(el, 'netpad-error');
    shadow(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await again).detail.status).to.equal(404);
    expect(calls).to.equal(2);
    window.fetch = realFetch;
  });

  it('fetches a document once for all the elements that ask for it at the same time, and again later', async () => {
    const url = '/examples/figures/linear-function.json';
    const realFetch = window.fetch;
    let calls = 0;
    window.fetch = (input, init) => {
      if (String(input).endsWith(url)) calls++;
      return realFetch(input, init);
    };
    try {
      const els = [0, 1, 2].map(() => make({ src: url, loading: 'eager', lang: 'en' }));
      // One of them is taken away while waiting: the others still get the document.
      els[2]!.remove();
      await Promise.all(els.slice(0, 2).map((el) => next(el, 'netpad-load')));
      expect(calls).to.equal(1);
      els[0]!.reload();
      await next(els[0]!, 'netpad-load');
      expect(calls, 'an answer is not kept: a later load asks again').to.equal(2);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('reports a network failure as such', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const el = make({ src: 'http://127.0.0.1:9/figure.json', loading: 'eager', lang: 'en' });
    const { detail } = await next<NetpadErrorDetail>(el, 'netpad-error');
    expect(detail.kind).to.equal('network');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.contain('No connection');
  });

  it('asks for a src when there is none, without a retry button, and recovers when one is set', async () => {
    const el = make({ loading: 'eager', lang: 'en' });
    const { detail } = await next<NetpadErrorDetail>(el, 'netpad-error');
    expect(detail.kind).to.equal('config');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="retry-button"]')).to.equal(null);
    const loaded = next(el, 'netpad-load');
    el.src = dataUrl(smallFigure);
    await loaded;
    expect(el.status).to.equal('ready');
  });

  it('treats bad attribute values as their defaults', async () => {
    const el = make({ src: dataUrl(smallFigure), loading: 'sideways', 'aspect-ratio': 'tall; color: red' }, { before: '4000px' });
    await el.updateComplete;
    expect(el.status).to.equal('idle'); // an unknown loading value is lazy
    expect(el.getBoundingClientRect().height).to.be.closeTo(300, 1);
    el.setAttribute('aspect-ratio', '2/1');
    await el.updateComplete;
    expect(el.getBoundingClientRect().height).to.be.closeTo(200, 1);
  });

  it('with reveal="interaction" waits for a click on the poster', async () => {
    const el = make({ src: dataUrl(smallFigure), loading: 'eager', reveal: 'interaction', lang: 'en' });
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    const button = shadow(el).querySelector<HTMLButtonElement>('button.activate')!;
    expect(button.getAttribute('aria-label')).to.equal('Show the interactive figure');
    const loaded = next(el, 'netpad-load');
    button.click();
    await loaded;
    expect(el.status).to.equal('ready');
  });

  it('frees its board when removed and comes back as the reader left it', async () => {
    const el = make({ src: dataUrl(smallFigure), loading: 'eager' });
    await next(el, 'netpad-load');
    el.setValue('k', 2.5);
    el.remove();
    expect(shadow(el).querySelector('svg')).to.equal(null);
    expect(el.getState()).to.deep.equal({ k: 2.5, A: [1, 1] });
    const loaded = next(el, 'netpad-load');
    document.body.append(el);
    await loaded;
    expect(el.getValue('k')).to.equal(2.5);
  });

  it('reloads when src changes', async () => {
    const el = make({ src: dataUrl(smallFigure), loading: 'eager' });
    await next(el, 'netpad-load');
    const loaded = next<{ document: { title: string } }>(el, 'netpad-load');
    el.src = dataUrl({ ...smallFigure, title: 'Second' });
    expect((await loaded).detail.document.title).to.equal('Second');
  });

  it('shows a document title with markup as text', async () => {
    const el = make({ src: dataUrl({ ...smallFigure, title: '<img src=x onerror=alert(1)>' }), loading: 'eager' });
    await next(el, 'netpad-load');
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('<img src=x onerror=alert(1)>');
  });

  describe('accessibility (axe)', () => {
    before(async () => {
      await new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/node_modules/axe-core/axe.min.js';
        script.onload = () => resolve();
        script.onerror = () => reject(new Error('axe-core did not load'));
        document.head.append(script);
      });
    });

    async function audit(el: Element): Promise<string[]> {
      const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string; help: string }[] }> } }).axe;
      const result = await axe.run(el, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify((v as unknown as { nodes: { target: unknown; html: string }[] }).nodes.map((n) => [n.target, n.html.slice(0, 200)]))}`);
    }

    it('has no violations when ready', async () => {
      const el = make({ src: HYPERBOLA, loading: 'eager', lang: 'en' });
      await next(el, 'netpad-load');
      expect(await audit(el)).to.deep.equal([]);
    });

    it('has no violations in the error state', async () => {
      const el = make({ src: dataUrl({ nope: true }), loading: 'eager', lang: 'en' });
      await next(el, 'netpad-error');
      await el.updateComplete;
      expect(await audit(el)).to.deep.equal([]);
    });
  });
});
