import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { renderFigure, renderValidFigureInSteps, InvalidFigureError, type FigureHandle } from './index';
import type { FigureDocument, FigureState } from '../types';

/** Changes are reported once an animation frame: this waits for the next one to pass. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const mounted: { handle?: FigureHandle; el: HTMLElement }[] = [];

function mount(width = 480, height = 360): HTMLElement {
  const el = document.createElement('div');
  el.style.width = `${width}px`;
  el.style.height = `${height}px`;
  document.body.appendChild(el);
  mounted.push({ el });
  return el;
}

function render(doc: unknown, options = {}): { handle: FigureHandle; el: HTMLElement } {
  const el = mount();
  const handle = renderFigure(el, doc, options);
  mounted[mounted.length - 1]!.handle = handle;
  return { handle, el };
}

afterEach(() => {
  for (const { handle, el } of mounted.splice(0)) {
    handle?.destroy();
    el.remove();
  }
});

/** The SVG node JSXGraph drew for a figure element. */
function nodeOf(el: HTMLElement, id: string): SVGGraphicsElement {
  const node = el.querySelector<SVGGraphicsElement>(`[id$="_np_${id}"]`);
  if (!node) throw new Error(`no SVG node for ${id}`);
  return node;
}

function centre(node: Element): [number, number] {
  const r = node.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

async function drag(from: [number, number], to: [number, number]): Promise<void> {
  await sendMouse({ type: 'move', position: from });
  await sendMouse({ type: 'down' });
  // Several steps, as a hand would: JSXGraph follows pointermove events.
  for (let i = 1; i <= 5; i++) {
    await sendMouse({ type: 'move', position: [Math.round(from[0] + ((to[0] - from[0]) * i) / 5), Math.round(from[1] + ((to[1] - from[1]) * i) / 5)] });
  }
  await sendMouse({ type: 'up' });
}

function textContents(el: HTMLElement): string[] {
  return [...el.querySelectorAll('text')].map((t) => t.textContent ?? '');
}

const triangle = (): FigureDocument => ({
  format: 'netpad-figure',
  version: 1,
  title: { 'zh-CN': '中点', en: 'Midpoint' },
  board: { boundingBox: [-5, 5, 5, -5] },
  elements: [
    { id: 'A', type: 'point', x: -2, y: -1 },
    { id: 'C', type: 'point', x: 2, y: 1, fixed: true },
    { id: 'M', type: 'midpoint', of: ['A', 'C'] },
    { id: 'N', type: 'point', x: 'A.x + 1', y: 'A.y' },
    { id: 's', type: 'segment', points: ['A', 'C'] },
  ],
});

describe('renderFigure', () => {
  describe('every example figure', () => {
    let index: { file: string }[] = [];
    before(async () => {
      index = await (await fetch('/examples/figures/index.json')).json();
    });

    it('lists at least 16 figures', () => {
      expect(index.length).to.be.at.least(16);
    });

    it('renders each one with a board, an accessible name and a readable state', async () => {
      for (const { file } of index) {
        const doc = await (await fetch(`/examples/figures/${file}`)).json();
        const { handle, el } = render(doc);
        const host = el.querySelector('.netpad-board')!;
        expect(host.querySelector('svg') !== null, file).to.equal(true);
        expect(host.getAttribute('aria-label'), file).to.not.equal('');
        const state = handle.getState();
        for (const value of Object.values(state)) {
          const numbers = Array.isArray(value) ? value : [value];
          for (const n of numbers) expect(Number.isFinite(n), `${file}: state ${JSON.stringify(state)}`).to.equal(true);
        }
        handle.reset();
        const again = handle.getState();
        for (const [id, value] of Object.entries(state)) {
          const a = Array.isArray(value) ? value : [value];
          const b = again[id];
          const bb = Array.isArray(b) ? b : [b];
          a.forEach((n, i) => expect(bb[i], `${file} ${id}`).to.be.closeTo(n, 1e-6));
        }
      }
    });
  });

  describe('the hyperbola–rectangle figure', () => {
    let doc: FigureDocument;
    before(async () => {
      doc = await (await fetch('/examples/figures/hyperbola-rectangle.json')).json();
    });
    const shownArea = (el: HTMLElement): number => {
      const text = textContents(el).find((t) => t.includes('S ='))!;
      return Number(text.split('=').pop()!.trim());
    };

    it('changes the curve when k moves, while the shown area stays equal to k', () => {
      const { handle, el } = render(doc, { locale: 'en' });
      const curve = nodeOf(el, 'hyp');
      let lastPath = curve.getAttribute('d');
      for (const k of [1, 2.5, 4, 6.5, 8]) {
        handle.setValue('k', k);
        const path = curve.getAttribute('d');
        if (k !== 3) expect(path, `curve for k = ${k}`).to.not.equal(lastPath);
        lastPath = path;
        expect(shownArea(el), `shown area for k = ${k}`).to.be.closeTo(k, 0.011);
        expect(handle.evaluate('area(rect)')).to.be.closeTo(k, 1e-6);
        const [px, py] = handle.getValue('P') as [number, number];
        expect(px * py).to.be.closeTo(k, 1e-6);
      }
    });

    it('keeps the area equal to k while P is dragged along the curve and the slider is dragged', async () => {
      const { handle, el } = render(doc, { locale: 'en' });
      const changes: FigureState[] = [];
      handle.onChange(({ state }) => changes.push(state));
      const p = centre(nodeOf(el, 'P'));
      await drag(p, [p[0] + 120, p[1] + 40]);
      const [px] = handle.getValue('P') as [number, number];
      expect(px).to.not.be.closeTo(2, 0.1);
      expect(shownArea(el)).to.be.closeTo(3, 0.011);

      const knob = centre(nodeOf(el, 'k'));
      await drag(knob, [knob[0] + 80, knob[1]]);
      const k = handle.getValue('k') as number;
      expect(k).to.be.greaterThan(3);
      expect(shownArea(el)).to.be.closeTo(k, 0.011);
      expect(changes.length).to.be.greaterThan(0);
      expect(changes[changes.length - 1]!.k).to.equal(k);
    });
  });

  it('draws every element type of the format with the right geometry', () => {
    const { handle, el } = render({
      format: 'netpad-figure',
      version: 1,
      title: 'all elements',
      board: { boundingBox: [-6, 6, 6, -6], axis: true, grid: true, keepAspectRatio: true },
      elements: [
        { id: 'O', type: 'point', x: 0, y: 0, fixed: true },
        { id: 'A', type: 'point', x: 3, y: 0 },
        { id: 'B', type: 'point', x: 0, y: 4 },
        { id: 'D', type: 'point', x: 'A.x + 1', y: 'B.y - 1' },
        { id: 'k', type: 'slider', min: 0, max: 2, value: 1, step: 0.5 },
        { id: 'sAB', type: 'segment', points: ['A', 'B'] },
        { id: 'lOA', type: 'line', points: ['O', 'A'] },
        { id: 'rOB', type: 'ray', points: ['O', 'B'] },
        { id: 'vAB', type: 'vector', points: ['A', 'B'] },
        { id: 'M', type: 'midpoint', of: 'sAB' },
        { id: 'M2', type: 'midpoint', of: ['O', 'A'] },
        { id: 'perp', type: 'perpendicular', to: 'sAB', through: 'O' },
        { id: 'F', type: 'intersection', of: ['perp', 'sAB'] },
        { id: 'par', type: 'parallel', to: 'sAB', through: 'O' },
        { id: 'c1', type: 'circle', center: 'O', through: 'A' },
        { id: 'c2', type: 'circle', center: 'A', radius: 'k * 3' },
        { id: 'c3', type: 'circle', through: ['O', 'A', 'B'] },
        { id: 'X1', type: 'intersection', of: ['c1', 'c2'], index: 0 },
        { id: 'X2', type: 'intersection', of: ['lOA', 'c1'], index: 1 },
        { id: 'arc1', type: 'arc', center: 'O', from: 'A', to: 'B' },
        { id: 'G', type: 'glider', on: 'c1', x: 0, y: 3 },
        { id: 'bis', type: 'bisector', points: ['A', 'O', 'B'] },
        { id: 'poly', type: 'polygon', points: ['O', 'A', 'B'] },
        { id: 'ang', type: 'angle', points: ['A', 'O', 'B'], label: 'α' },
        { id: 'F1', type: 'point', x: -2, y: -3, fixed: true },
        { id: 'F2', type: 'point', x: 2, y: -3, fixed: true },
        { id: 'Q', type: 'point', x: 0, y: -1, fixed: true },
        { id: 'ell', type: 'ellipse', foci: ['F1', 'F2'], through: 'Q' },
        { id: 'f', type: 'functiongraph', f: 'k * x^2 / 4', domain: [-4, 4] },
        { id: 'P', type: 'glider', on: 'f', x: 2, y: 1 },
        { id: 'tg', type: 'tangent', of: 'f', at: 'P' },
        { id: 'tg2', type: 'tangent', of: 'f', x: -2 },
        { id: 'cur', type: 'curve', x: 'cos(t) - 4', y: 'sin(t) + 4', t: [0, 'pi'] },
        { id: 'I', type: 'integral', of: 'f', from: 0, to: 2 },
        { id: 'R', type: 'riemann', of: 'f', n: 4, from: 0, to: 2, method: 'middle' },
        { id: 'T', type: 'text', x: -5, y: -5, text: { en: 'I = {I:3}, {{literal}}', 'zh-CN': '积分 I = {I:3}' } },
      ],
    }, { locale: 'en' });
    const v = (id: string) => handle.getValue(id) as [number, number];
    expect(v('D')).to.deep.equal([4, 3]);
    expect(v('M')).to.deep.equal([1.5, 2]);
    expect(v('M2')).to.deep.equal([1.5, 0]);
    // The foot of the perpendicular from O to AB: distance 12/5 from O.
    const [fx, fy] = v('F');
    expect(Math.hypot(fx, fy)).to.be.closeTo(2.4, 1e-9);
    expect(handle.evaluate('slope(par)')).to.be.closeTo(-4 / 3, 1e-9);
    expect(handle.evaluate('slope(perp)')).to.be.closeTo(3 / 4, 1e-9);
    expect(handle.evaluate('c3.r')).to.be.closeTo(2.5, 1e-9);
    const [x1, y1] = v('X1');
    expect(Math.hypot(x1, y1)).to.be.closeTo(3, 1e-9);
    expect(Math.hypot(x1 - 3, y1)).to.be.closeTo(3, 1e-9);
    expect(Math.abs(v('X2')[0])).to.be.closeTo(3, 1e-9);
    expect(Math.hypot(...v('G'))).to.be.closeTo(3, 1e-9);
    expect(handle.evaluate('area(poly)')).to.be.closeTo(6, 1e-9);
    expect(handle.getValue('ang')).to.be.closeTo(Math.PI / 2, 1e-9);
    expect(handle.evaluate('slope(tg)')).to.be.closeTo(1, 1e-6); // f'(2) = 2 * 2 / 4
    expect(handle.evaluate('slope(tg2)')).to.be.closeTo(-1, 1e-6);
    expect(handle.getValue('I')).to.be.closeTo(2 / 3, 1e-9);
    expect(handle.getValue('R')).to.be.closeTo(0.5 * (0.0625 + 0.5625 + 1.5625 + 3.0625) / 4, 1e-9);
    const texts = textContents(el);
    expect(texts).to.include('I = 0.667, {literal}');
    expect(texts).to.include('α = 90.0°');
    for (const id of ['sAB', 'lOA', 'rOB', 'vAB', 'perp', 'par', 'c1', 'c2', 'c3', 'arc1', 'bis', 'poly', 'ell', 'f', 'tg', 'cur', 'I', 'R']) {
      expect(nodeOf(el, id).getAttribute('display'), id).to.not.equal('none');
    }
    // The slider moves what depends on it.
    handle.setValue('k', 2);
    expect(handle.getValue('I')).to.be.closeTo(4 / 3, 1e-9);
    expect(handle.evaluate('c2.r')).to.be.closeTo(6, 1e-9);
  });

  it('restores a saved state with gliders back on the lines their points define', async () => {
    const bisector = await (await fetch('/examples/figures/perpendicular-bisector.json')).json();
    const { handle } = render(bisector, { state: { A: [-4, 1], P: [0.5, 3] } });
    expect(handle.evaluate('dist(P, A) - dist(P, B)')).to.be.closeTo(0, 1e-9);
    const pythagoras = await (await fetch('/examples/figures/pythagoras.json')).json();
    const second = render(pythagoras).handle;
    second.setState({ A: [3, 2], B: [0, 3] });
    expect(second.evaluate('deg(angle(A, C, B))')).to.be.closeTo(90, 1e-6);
  });

  it('refuses an invalid document with every error, drawing nothing', () => {
    const el = mount();
    const doc = { ...triangle(), elements: [{ id: 'A', type: 'point', x: 'B.x', y: 0 }] };
    let error: unknown;
    try {
      renderFigure(el, doc);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(InvalidFigureError);
    expect((error as InvalidFigureError).errors[0]!.path).to.equal('$.elements[0].x');
    expect(el.querySelector('svg') === null).to.equal(true);
  });

  it('moves what depends on a free point when the point is dragged with the mouse', async () => {
    const { handle, el } = render(triangle());
    const before = handle.getValue('M') as [number, number];
    expect(before[0]).to.be.closeTo(0, 1e-9);
    const from = centre(nodeOf(el, 'A'));
    await drag(from, [from[0] + 96, from[1] - 48]);
    const [ax, ay] = handle.getValue('A') as [number, number];
    expect(ax).to.be.greaterThan(-1.5);
    const [mx, my] = handle.getValue('M') as [number, number];
    expect(mx).to.be.closeTo((ax + 2) / 2, 1e-9);
    expect(my).to.be.closeTo((ay + 1) / 2, 1e-9);
    expect(handle.getValue('N')).to.deep.equal([ax + 1, ay]);
  });

  it('fires change events with the new state, at most once a frame, and reset returns to the start', async () => {
    const { handle } = render(triangle());
    const seen: FigureState[] = [];
    const off = handle.onChange(({ state }) => seen.push(state));
    handle.setValue('A', [0, 1]);
    handle.setValue('A', [1, 2]);
    expect(handle.getState().A, 'the state itself is current at once').to.deep.equal([1, 2]);
    await nextFrame();
    expect(seen, 'two changes in one frame: one event').to.have.length(1);
    expect(seen[0]!.A).to.deep.equal([1, 2]);
    handle.reset();
    expect(handle.getState().A).to.deep.equal([-2, -1]);
    await nextFrame();
    expect(seen).to.have.length(2);
    // No change, no event.
    handle.setValue('A', [-2, -1]);
    await nextFrame();
    expect(seen).to.have.length(2);
    off();
    handle.setValue('A', [0, 0]);
    await nextFrame();
    expect(seen).to.have.length(2);
  });

  it('starts from the document state and from an explicit state, and clamps sliders', () => {
    const doc: FigureDocument = {
      ...triangle(),
      elements: [...triangle().elements, { id: 'k', type: 'slider', min: 0, max: 2, value: 1 }],
      state: { A: [0, 3] },
    };
    const first = render(doc).handle;
    expect(first.getValue('A')).to.deep.equal([0, 3]);
    const second = render(doc, { state: { k: 99 } }).handle;
    expect(second.getValue('k')).to.equal(2);
    second.setState({ k: -5, unknown: 3 });
    expect(second.getValue('k')).to.equal(0);
    expect(() => second.setValue('M', [0, 0])).to.throw(RangeError);
    expect(() => second.setValue('k', [0, 0])).to.throw(TypeError);
  });

  it('keeps author text as text: no element is created from a label or a text', () => {
    const evil = '<img src=x onerror="window.__netpadXss=1">';
    const doc: FigureDocument = {
      ...triangle(),
      title: evil,
      elements: [
        { id: 'A', type: 'point', x: 0, y: 0, label: evil },
        { id: 'T', type: 'text', x: 1, y: 1, text: `${evil} {A.x}` },
        { id: 'k', type: 'slider', min: 0, max: 1, value: 0.5, label: '<b>k</b>' },
      ],
    };
    const { el } = render(doc);
    // Booleans, not elements: a failing assertion must not try to print a DOM node.
    expect(el.querySelector('img') === null, 'an <img> was created').to.equal(true);
    expect(el.querySelector('b') === null, 'a <b> was created').to.equal(true);
    expect(el.querySelector('foreignObject *') === null, 'HTML inside the SVG').to.equal(true);
    const texts = textContents(el);
    expect(texts.some((t) => t.includes('<img src=x'))).to.equal(true);
    expect(texts.some((t) => t.includes('<b>k</b>'))).to.equal(true);
    expect((window as unknown as { __netpadXss?: number }).__netpadXss).to.equal(undefined);
    expect(el.querySelector('.netpad-board')!.getAttribute('aria-label')).to.equal(evil);
  });

  it('makes free points keyboard-operable with a label for screen readers', async () => {
    const { handle, el } = render(triangle());
    const node = nodeOf(el, 'A');
    expect(node.getAttribute('tabindex')).to.equal('0');
    expect(node.getAttribute('role')).to.equal('button');
    expect(node.getAttribute('aria-label')).to.equal('A 位于 (-2.00, -1.00)');
    expect(nodeOf(el, 'M').getAttribute('tabindex')).to.not.equal('0');
    node.focus();
    expect(el.ownerDocument.activeElement === node || node.matches(':focus')).to.equal(true);
    const [x0] = handle.getValue('A') as [number, number];
    await sendKeys({ press: 'ArrowRight' });
    const [x1] = handle.getValue('A') as [number, number];
    expect(x1).to.be.greaterThan(x0);
    expect(node.getAttribute('aria-label')).to.equal(`A 位于 (${x1.toFixed(2)}, -1.00)`);
  });

  it('exposes sliders as ARIA sliders with their current value', async () => {
    const { handle, el } = render({ ...triangle(), elements: [{ id: 'k', type: 'slider', min: 0, max: 4, value: 1, label: 'k' }] });
    const node = nodeOf(el, 'k');
    expect(node.getAttribute('role')).to.equal('slider');
    expect([node.getAttribute('aria-valuemin'), node.getAttribute('aria-valuemax'), node.getAttribute('aria-valuenow')]).to.deep.equal(['0', '4', '1.00']);
    handle.setValue('k', 2.5);
    await nextFrame();
    expect(node.getAttribute('aria-valuenow')).to.equal('2.50');
  });

  it('leaves one-finger touch to the page so a long page still scrolls over a figure', () => {
    const { el } = render(triangle());
    const host = el.querySelector<HTMLElement>('.netpad-board')!;
    expect(getComputedStyle(host).touchAction).to.equal('pan-x pan-y');
    // …even after JSXGraph has handled a pointer and rewritten its own inline style.
    host.style.touchAction = 'none';
    expect(getComputedStyle(host).touchAction).to.equal('pan-x pan-y');
    expect(getComputedStyle(nodeOf(el, 'A')).touchAction).to.equal('none');
  });

  it('computes values: measures, expressions and function calls', () => {
    const { handle } = render({
      format: 'netpad-figure',
      version: 1,
      title: 'measures',
      board: { boundingBox: [-1, 5, 5, -1] },
      elements: [
        { id: 'f', type: 'functiongraph', f: 'x^2' },
        { id: 'I', type: 'integral', of: 'f', from: 0, to: 3 },
        { id: 'R', type: 'riemann', of: 'f', n: 3, from: 0, to: 3, method: 'left' },
        { id: 'O', type: 'point', x: 0, y: 0, fixed: true },
        { id: 'X', type: 'point', x: 1, y: 0, fixed: true },
        { id: 'Y', type: 'point', x: 0, y: 1, fixed: true },
        { id: 'a', type: 'angle', points: ['X', 'O', 'Y'] },
      ],
    });
    expect(handle.getValue('I')).to.be.closeTo(9, 1e-9);
    expect(handle.getValue('R')).to.be.closeTo(0 + 1 + 4, 1e-9);
    expect(handle.getValue('a')).to.be.closeTo(Math.PI / 2, 1e-9);
    expect(handle.evaluate('f(2) + I')).to.be.closeTo(13, 1e-9);
    expect(handle.getValue('nothing')).to.equal(undefined);
  });

  it('frees the board on destroy and can be destroyed twice', () => {
    const { handle, el } = render(triangle());
    handle.destroy();
    handle.destroy();
    expect(el.querySelector('svg') === null).to.equal(true);
    expect(() => handle.setValue('A', [0, 0])).to.throw(/destroyed/);
  });
});

describe('texts on a narrow board', () => {
  const withText = (): FigureDocument =>
    ({
      format: 'netpad-figure',
      version: 1,
      title: 't',
      board: { boundingBox: [-5, 5, 5, -5] },
      elements: [{ id: 'label', type: 'text', x: -4, y: 4, text: 'area of OMPN: S = 2.00 × 1.50', fontSize: 16 }],
    }) as unknown as FigureDocument;

  const fontSizeOf = (el: HTMLElement) => parseFloat(getComputedStyle(el.querySelector<HTMLElement>('[id$="_np_label"]')!).fontSize);

  it('keeps the author’s size on a board as wide as figures are written for', () => {
    const el = mount(640, 480);
    mounted[mounted.length - 1]!.handle = renderFigure(el, withText());
    expect(fontSizeOf(el)).to.equal(16);
  });

  it('shrinks texts with the board on a phone, so they stay on it (390 px: 16 px → about 11 px)', () => {
    const el = mount(374, 280);
    mounted[mounted.length - 1]!.handle = renderFigure(el, withText());
    const size = fontSizeOf(el);
    expect(size).to.be.below(16);
    expect(size).to.equal(Math.round(16 * (374 / 560)));
    const text = el.querySelector<HTMLElement>('[id$="_np_label"]')!;
    expect(text.getBoundingClientRect().right, 'the text ends inside the board').to.be.at.most(el.getBoundingClientRect().right + 1);
  });

  it('never shrinks them below 60 %', () => {
    const el = mount(200, 150);
    mounted[mounted.length - 1]!.handle = renderFigure(el, withText());
    expect(fontSizeOf(el)).to.equal(Math.round(16 * 0.6));
  });

});

describe('renderValidFigureInSteps', () => {
  it('draws in steps, giving the page its turn between them, and leaves nothing behind when stopped', async () => {
    const host = document.createElement('div');
    host.style.cssText = 'width: 400px; height: 300px';
    document.body.append(host);
    try {
      const many: FigureDocument = { ...triangle(), elements: [...triangle().elements, ...Array.from({ length: 30 }, (_, i) => ({ id: `P${i}`, type: 'point' as const, x: i / 10, y: 1 }))] };
      const drawn = renderValidFigureInSteps(host, many, { locale: 'en' });
      // The call returns at its first pause: the rest is built in later tasks.
      expect(host.querySelector('[id$="_np_P29"]'), 'not all built in the calling task').to.equal(null);
      const handle = await drawn;
      expect(handle.getValue('P29')).to.deep.equal([2.9, 1]);
      expect(host.querySelectorAll('svg').length).to.equal(1);
      handle.destroy();
      // Stopped half-way: the board is freed, the promise says why.
      const stop = new AbortController();
      const drawing = renderValidFigureInSteps(host, many, { locale: 'en', signal: stop.signal });
      stop.abort(new DOMException('moved on', 'AbortError'));
      let reason: unknown;
      await drawing.catch((err: unknown) => (reason = err));
      expect((reason as DOMException).name).to.equal('AbortError');
      expect(host.querySelector('svg'), 'nothing left of the board').to.equal(null);
    } finally {
      host.remove();
    }
  });
});
