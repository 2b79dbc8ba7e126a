/**
 * Static SVG posters, drawn in Node by the same renderer as the live figure: the facade shown
 * before the renderer loads, the oEmbed thumbnail, the slide snapshot, print and noscript.
 */
import { pickText } from '../localize';
import type { FigureState } from '../types';
import { validateFigure } from '../validate/validate';
import { InvalidFigureError } from '../render/errors';
import type * as Renderer from '../render/index';

export interface PosterOptions {
  /** Pixel size of the SVG; default 640 × 480. */
  width?: number;
  height?: number;
  /** Language of labels and texts; default `zh-CN`. */
  locale?: string;
}

type DomWindow = typeof globalThis & { document: Document; navigator: Navigator };

interface PosterWindow {
  readonly win: DomWindow;
  /** Runs what JSXGraph deferred with setTimeout, so the SVG is complete when serialised. */
  flush(): void;
}

let windowPromise: Promise<PosterWindow> | undefined;

async function domWindow(): Promise<PosterWindow> {
  windowPromise ??= import('jsdom').then(async ({ JSDOM }) => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    const win = dom.window as unknown as DomWindow;
    // JSXGraph scans the page for scripts once on `load`; importing it after `load` keeps it from
    // queueing that scan into a window it no longer has globals for.
    await new Promise<void>((resolve) => (win.document.readyState === 'complete' ? resolve() : win.addEventListener('load', () => resolve(), { once: true })));
    const extra = win as unknown as {
      matchMedia?: (query: string) => object;
      CSS?: { escape(s: string): string };
      setTimeout: (fn: () => void) => number;
      clearTimeout: (id: number) => void;
    };
    // jsdom has no matchMedia; JSXGraph only asks it about print media.
    extra.matchMedia ??= (): object => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
    // Nor CSS.escape, which JSXGraph uses to find an element's nodes by id when freeing a board.
    extra.CSS ??= { escape: (s: string) => s.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c}`) };
    // A poster is a still picture: what JSXGraph defers to "later" (arrow colours, …) is run
    // before the picture is taken, not on a real timer that would outlive the drawing.
    const pending = new Map<number, () => void>();
    let nextId = 1;
    extra.setTimeout = (fn) => {
      pending.set(nextId, fn);
      return nextId++;
    };
    extra.clearTimeout = (id) => void pending.delete(id);
    const flush = (): void => {
      for (let round = 0; round < 10 && pending.size > 0; round++) {
        const batch = [...pending.values()];
        pending.clear();
        for (const fn of batch) fn();
      }
      pending.clear();
    };
    return { win, flush };
  });
  return windowPromise;
}

/** The browser globals JSXGraph reads. They are present only while a poster is being drawn. */
const GLOBALS = ['window', 'document', 'navigator', 'HTMLElement', 'Element', 'Node', 'XMLSerializer', 'DOMParser', 'getComputedStyle', 'matchMedia', 'CSS'] as const;

function withBrowserGlobals<T>(win: DomWindow, fn: () => T): T {
  const saved = GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  setGlobals(win);
  try {
    return fn();
  } finally {
    restoreGlobals(saved);
  }
}

function setGlobals(win: DomWindow): void {
  for (const name of GLOBALS) {
    const value = name === 'window' ? win : (win as unknown as Record<string, unknown>)[name];
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
}

function restoreGlobals(saved: readonly (readonly [string, PropertyDescriptor | undefined])[]): void {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete (globalThis as Record<string, unknown>)[name];
  }
}

async function withBrowserGlobalsAsync<T>(win: DomWindow, fn: () => Promise<T>): Promise<T> {
  const saved = GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  setGlobals(win);
  try {
    return await fn();
  } finally {
    restoreGlobals(saved);
  }
}

let rendererPromise: Promise<typeof Renderer> | undefined;

/**
 * Draws a figure headlessly and returns a standalone SVG document (text as SVG text, no
 * scripts, no external references). Throws `InvalidFigureError` for an invalid document.
 */
export async function renderPoster(doc: unknown, state?: FigureState, options: PosterOptions = {}): Promise<string> {
  const result = validateFigure(doc);
  if (!result.ok) throw new InvalidFigureError(result.errors);
  const figure = result.document;
  const width = Math.round(options.width ?? 640);
  const height = Math.round(options.height ?? 480);
  if (!(width >= 16 && width <= 4096 && height >= 16 && height <= 4096)) throw new RangeError('Poster width and height must be between 16 and 4096 pixels');
  const locale = options.locale ?? 'zh-CN';
  const { win, flush } = await domWindow();
  // JSXGraph looks at the environment when it loads, so it is first imported with the globals set.
  const renderer = await withBrowserGlobalsAsync(win, () => (rendererPromise ??= import('../render/index')));
  return withBrowserGlobals(win, () => {
    const container = win.document.createElement('div');
    container.style.width = `${width}px`;
    container.style.height = `${height}px`;
    win.document.body.appendChild(container);
    const handle = renderer.renderValidFigure(container, figure, { locale, state, interactive: false, size: { width, height } });
    try {
      flush();
      const svg = container.querySelector('svg');
      if (!svg) throw new Error('The renderer drew no SVG');
      return standaloneSvg(win, svg as SVGSVGElement, pickText(figure.title, locale), width, height);
    } finally {
      handle.destroy();
      flush();
      container.remove();
    }
  });
}

function standaloneSvg(win: DomWindow, drawn: SVGSVGElement, title: string, width: number, height: number): string {
  // XMLSerializer writes the SVG namespace declaration itself.
  const svg = drawn.cloneNode(true) as SVGSVGElement;
  const NS = 'http://www.w3.org/2000/svg';
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('font-family', 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif');
  svg.removeAttribute('style');
  svg.removeAttribute('id');
  const doc = svg.ownerDocument;
  const titleEl = doc.createElementNS(NS, 'title');
  titleEl.textContent = title;
  const background = doc.createElementNS(NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  svg.insertBefore(background, svg.firstChild);
  svg.insertBefore(titleEl, svg.firstChild);
  return new win.XMLSerializer().serializeToString(svg);
}

export { InvalidFigureError };
