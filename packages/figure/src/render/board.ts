import type { BoardSettings } from '../types';
import { JXG, type JXGBoard } from './jxg';

export interface BoardOptions {
  interactive: boolean;
  /** Accessible name of the board (the figure's title). */
  label: string;
  /** Localized role description, e.g. "interactive figure". */
  roleDescription: string;
}

const SAFE_AXIS_LABELS = { display: 'internal', parse: false };

/**
 * A JSXGraph board with Netpad's defaults: no navigation chrome, no zoom, text drawn as SVG
 * text, keyboard moves on, and one-finger touches over the board left to the page so that
 * scrolling a long page never gets stuck on a figure.
 */
export function createBoard(host: HTMLElement, settings: BoardSettings, options: BoardOptions): JXGBoard {
  host.setAttribute('role', 'application');
  host.setAttribute('aria-roledescription', options.roleDescription);
  host.setAttribute('aria-label', options.label);
  const board = JXG.JSXGraph.initBoard(host, {
    renderer: 'svg',
    boundingBox: settings.boundingBox,
    keepAspectRatio: settings.keepAspectRatio ?? false,
    axis: settings.axis ?? false,
    grid: settings.grid ?? false,
    defaultAxes: {
      x: { ticks: { label: SAFE_AXIS_LABELS } },
      y: { ticks: { label: SAFE_AXIS_LABELS } },
    },
    showNavigation: false,
    showCopyright: false,
    showFullscreen: false,
    showScreenshot: false,
    showClearTraces: false,
    showReload: false,
    showZoom: false,
    showInfobox: false,
    zoom: { enabled: false, wheel: false, pinch: false },
    pan: { enabled: options.interactive, needTwoFingers: true, needShift: true },
    browserPan: true,
    keyboard: { enabled: options.interactive, dx: 10, dy: 10, panShift: false, panCtrl: false },
    // Resizing is ours (watchSize): JSXGraph's observer can fire on a board already freed.
    resize: { enabled: false },
    registerEvents: options.interactive,
    registerResizeEvent: options.interactive,
    registerFullscreenEvent: false,
    title: options.label,
  });
  if (options.interactive) keepPageScrolling(host);
  return board;
}

/** Figures are written for a board about this wide; narrower boards shrink their texts. */
export const TEXT_REFERENCE_WIDTH = 560;

/**
 * How much a board of this width scales its texts: 1 at the reference width and above, down to
 * 0.6 (on a 390 px phone a 16 px text becomes about 11 px), so texts stay on the board.
 */
export function textScale(width: number): number {
  if (!(width > 0)) return 1;
  return Math.min(1, Math.max(0.6, width / TEXT_REFERENCE_WIDTH));
}

/**
 * Keeps the board the size of its container. Returns a function that stops watching; after it
 * is called no resize work is left queued.
 */
export function watchSize(board: JXGBoard, host: HTMLElement, onWidth: (width: number) => void = () => {}): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let frame = 0;
  // The board was just drawn at this size: the observer's first report (of that same size) costs no redraw.
  let drawn = { width: host.clientWidth, height: host.clientHeight };
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (!box) return;
    if (Math.round(box.width) === drawn.width && Math.round(box.height) === drawn.height) return;
    drawn = { width: Math.round(box.width), height: Math.round(box.height) };
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      board.updateContainerDims(box.width, box.height);
      onWidth(box.width);
    });
  });
  observer.observe(host);
  return () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
  };
}

const TOUCH_POLICY = `
.netpad-board { touch-action: pan-x pan-y !important; }
.netpad-board .netpad-draggable { touch-action: none !important; }
`;
let touchSheet: CSSStyleSheet | undefined;

/**
 * JSXGraph sets `touch-action: none` on its board, so a finger that lands on a figure can never
 * scroll the page. We let the page have one-finger panning everywhere except on what can be
 * dragged. It is a constructed stylesheet (CSP-safe, and !important beats JSXGraph's inline
 * style), adopted by the document or shadow root that holds the board.
 */
function keepPageScrolling(host: HTMLElement): void {
  const root = host.getRootNode() as Document | ShadowRoot;
  if (!('adoptedStyleSheets' in root) || typeof CSSStyleSheet === 'undefined') return;
  try {
    touchSheet ??= new CSSStyleSheet();
    if (touchSheet.cssRules.length === 0) touchSheet.replaceSync(TOUCH_POLICY);
    if (!root.adoptedStyleSheets.includes(touchSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, touchSheet];
  } catch {
    // A constructed sheet can belong to one document only; a board in another document
    // (an iframe) falls back to JSXGraph's own behaviour.
  }
}

/** Marks an element's SVG nodes as draggable: touches on them go to the figure, not the page. */
export function markDraggable(node: Element | null | undefined): void {
  node?.classList.add('netpad-draggable');
}
