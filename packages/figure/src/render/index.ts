import { elementCategory } from '../elements';
import { compileExpression } from '../expr/index';
import { pickText, uiLocale } from '../localize';
import type { FigureDocument, FigureState, Locale } from '../types';
import { validateFigure } from '../validate/validate';
import { InvalidFigureError } from './errors';
import { createBoard, textScale, watchSize } from './board';
import { buildFigureSteps, runToEnd, type BuiltFigure } from './build';
import { JXG, type JXGBoard, type JXGElement } from './jxg';
import { applyChange, applyState, readState, sameState, statefulElements } from './state';

export interface RenderOptions {
  /** Language of labels and texts: a BCP 47 tag; default `zh-CN`. */
  locale?: string;
  /** A state to start from (on top of the document's own `state`). */
  state?: FigureState;
  /** Default `true`. A non-interactive board registers no pointer or keyboard handlers. */
  interactive?: boolean;
  /** A fixed pixel size for the board; by default it fills `container`. */
  size?: { width: number; height: number };
}

export interface FigureChangeDetail {
  readonly state: FigureState;
}

/** A live figure on the page. */
export interface FigureHandle {
  readonly document: FigureDocument;
  /** Slider values and free point / glider positions, keyed by id. */
  getState(): FigureState;
  /** Applies part or all of a state; unknown ids are ignored, slider values clamped to their range. */
  setState(state: FigureState): void;
  /** Back to the figure's starting state. */
  reset(): void;
  /** A slider's value, a point's `[x, y]`, or the value of a measure (integral, angle, …); `undefined` for no such element. */
  getValue(name: string): number | [number, number] | undefined;
  /** Sets a slider (number) or a free point / glider (`[x, y]`). Throws a `RangeError` for anything else. */
  setValue(name: string, value: number | [number, number]): void;
  /** Evaluates an expression of the figure's language against the live figure. */
  evaluate(expression: string): number;
  /** Called whenever the state changes (dragging, sliders, setState, reset). Returns an unsubscribe function. */
  onChange(listener: (detail: FigureChangeDetail) => void): () => void;
  /** Where a point of the page (client coordinates, as in pointer events) is in the figure's units. */
  toFigureCoords(clientX: number, clientY: number): [number, number];
  /** Where a point of the figure is on the page, in client coordinates. */
  toClientCoords(x: number, y: number): [number, number];
  /** The ids of the visible elements drawn under a point of the page, points first (what a click there picks). */
  elementsAt(clientX: number, clientY: number): string[];
  /** Frees the board and removes what was drawn. Idempotent. */
  destroy(): void;
}

/**
 * Runs a callback once at the next animation frame, or within 100 ms where no frame comes (a
 * hidden tab, a throttled off-screen frame), however often it is requested meanwhile.
 */
class NextFrame {
  #raf = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly fn: () => void) {}

  request(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(this.#run, 100);
    if (typeof requestAnimationFrame === 'function') this.#raf = requestAnimationFrame(this.#run);
  }

  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
  }

  #run = (): void => {
    this.cancel();
    this.fn();
  };
}

const ROLE_DESCRIPTION: Record<Locale, string> = { en: 'interactive figure', 'zh-CN': '交互式图形' };

/**
 * Draws a figure document into `container` (which should have a size) and returns a handle to
 * the live board. The document is validated first; an invalid one throws `InvalidFigureError`
 * and draws nothing.
 */
export function renderFigure(container: HTMLElement, doc: unknown, options: RenderOptions = {}): FigureHandle {
  const result = validateFigure(doc);
  if (!result.ok) throw new InvalidFigureError(result.errors);
  return renderValidFigure(container, result.document, options);
}

/** Renders a document already known to be valid (the poster and the element validate earlier). */
export function renderValidFigure(container: HTMLElement, figure: FigureDocument, options: RenderOptions = {}): FigureHandle {
  return runToEnd(figureSteps(container, figure, options));
}

/** Gives the page its turn: the scheduler's yield where there is one, else a task of its own. */
const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * renderValidFigure in steps, giving the page its turn between them (the board, a dozen elements
 * at a time, the first drawing), so that drawing a figure is never one long task that blocks a
 * reader's scrolling and typing. An abort between two steps frees what was built and rejects
 * with the signal's reason.
 */
export async function renderValidFigureInSteps(container: HTMLElement, figure: FigureDocument, options: RenderOptions & { signal?: AbortSignal } = {}): Promise<FigureHandle> {
  const steps = figureSteps(container, figure, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldToPage();
    if (options.signal?.aborted) {
      steps.return(undefined as never);
      throw options.signal.reason;
    }
  }
}

function* figureSteps(container: HTMLElement, figure: FigureDocument, options: RenderOptions): Generator<void, FigureHandle> {
  const locale = options.locale ?? 'zh-CN';
  const interactive = options.interactive ?? true;
  const host = container.ownerDocument.createElement('div');
  host.className = 'netpad-board';
  host.style.width = options.size ? `${options.size.width}px` : '100%';
  host.style.height = options.size ? `${options.size.height}px` : '100%';
  container.appendChild(host);

  let board: JXGBoard | undefined = createBoard(host, figure.board, {
    interactive,
    label: pickText(figure.title, locale),
    roleDescription: ROLE_DESCRIPTION[uiLocale(locale)],
  });
  const liveBoard = board;
  let built: BuiltFigure;
  let complete = false;
  try {
    yield;
    liveBoard.suspendUpdate();
    built = yield* buildFigureSteps(liveBoard, figure.elements, figure.board.boundingBox, { locale, interactive });
    yield;
    complete = true;
  } finally {
    // Abandoned between steps (the caller stopped): nothing of it stays on the page.
    if (!complete) {
      JXG.JSXGraph.freeBoard(liveBoard);
      host.remove();
    }
  }
  const stateful = statefulElements(figure.elements, built.objects);
  // Texts keep their place relative to the figure as the board narrows (a phone): they shrink
  // with it. Sized before the first drawing, so that drawing is the only one.
  const scaleTexts = (width: number): void => {
    const k = textScale(width);
    // Whole pixels: JSXGraph refuses a fractional font size.
    for (const t of built.texts) t.element.setAttribute({ fontSize: Math.round(t.fontSize * k) });
  };
  const scalesTexts = interactive && !options.size && built.texts.length > 0;
  if (scalesTexts) scaleTexts(host.clientWidth);
  liveBoard.unsuspendUpdate();
  const initial: FigureState = { ...readState(stateful), ...(figure.state ?? {}) };
  // A start other than the built one (the document's state, the caller's) is applied in two
  // passes (gliders last); so is any start for curves that draw only on a second update
  // (integrals, Riemann sums), and a poster's (its picture stays the one it always was).
  // Otherwise the drawing above is the figure.
  const start: FigureState = { ...(figure.state ?? {}), ...(options.state ?? {}) };
  if (Object.keys(start).length > 0 || built.needsSecondUpdate || !interactive) applyState(stateful, { ...initial, ...start }, liveBoard);

  const listeners = new Set<(detail: FigureChangeDetail) => void>();
  let lastState = readState(stateful);
  built.updateAria();
  // What follows a board update (the screen reader's values, the change listeners) is done once
  // per animation frame, however many updates the frame had: a drag or a slider costs the
  // board's own redraw and nothing per update on top.
  const flush = (): void => {
    if (!board) return;
    built.updateAria();
    if (listeners.size === 0) return;
    const state = readState(stateful);
    if (sameState(state, lastState)) return;
    lastState = state;
    for (const listener of [...listeners]) listener({ state });
  };
  const afterUpdates = new NextFrame(flush);
  const onUpdate = (): void => afterUpdates.request();
  liveBoard.on('update', onUpdate);
  const stopWatchingSize =
    interactive && !options.size
      ? watchSize(liveBoard, host, (width) => {
          if (!scalesTexts) return;
          scaleTexts(width);
          // JSXGraph restyles texts on its next update.
          liveBoard.update();
        })
      : () => {};

  const alive = (): JXGBoard => {
    if (!board) throw new Error('This figure has been destroyed');
    return board;
  };

  return {
    document: figure,
    getState: () => readState(stateful),
    setState(state) {
      applyChange(stateful, state, alive());
    },
    reset() {
      applyChange(stateful, initial, alive());
    },
    getValue(name) {
      const s = stateful.get(name);
      if (s) return s.read();
      const v = built.scope.lookup(name);
      if (typeof v === 'number') return v;
      if (v && v.kind === 'point') return [v.x, v.y];
      return undefined;
    },
    setValue(name, value) {
      const s = stateful.get(name);
      if (!s) throw new RangeError(`"${name}" is not a slider, free point or glider of this figure`);
      if (s.kind === 'number' ? typeof value !== 'number' : !Array.isArray(value)) {
        throw new TypeError(`"${name}" takes ${s.kind === 'number' ? 'a number' : 'an [x, y] pair'}`);
      }
      applyChange(stateful, { [name]: value }, alive());
    },
    evaluate(expression) {
      return compileExpression(expression).evaluateNumber(built.scope);
    },
    toFigureCoords(clientX, clientY) {
      const [xmin, ymax, xmax, ymin] = alive().getBoundingBox() as [number, number, number, number];
      const rect = host.getBoundingClientRect();
      return [xmin + ((clientX - rect.left) / rect.width) * (xmax - xmin), ymax - ((clientY - rect.top) / rect.height) * (ymax - ymin)];
    },
    toClientCoords(x, y) {
      const [xmin, ymax, xmax, ymin] = alive().getBoundingBox() as [number, number, number, number];
      const rect = host.getBoundingClientRect();
      return [rect.left + ((x - xmin) / (xmax - xmin)) * rect.width, rect.top + ((ymax - y) / (ymax - ymin)) * rect.height];
    },
    elementsAt(clientX, clientY) {
      alive();
      const rect = host.getBoundingClientRect();
      const sx = clientX - rect.left;
      const sy = clientY - rect.top;
      const hits: { id: string; point: boolean }[] = [];
      for (const [id, o] of built.objects) {
        // A polygon is picked by its inside too, as in GeoGebra (JSXGraph only hits its borders).
        if (o.visProp.visible === false || !(o.hasPoint?.(sx, sy) || (o.vertices !== undefined && insidePolygon(o.vertices, sx, sy)))) continue;
        const el = built.elements.get(id);
        hits.push({ id, point: el !== undefined && elementCategory(id, (x) => built.elements.get(x) as Record<string, unknown> | undefined) === 'point' });
      }
      return [...hits.filter((h) => h.point), ...hits.filter((h) => !h.point)].map((h) => h.id);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      if (!board) return;
      listeners.clear();
      afterUpdates.cancel();
      board.off('update', onUpdate);
      stopWatchingSize();
      JXG.JSXGraph.freeBoard(board);
      board = undefined;
      host.remove();
    },
  };
}

// The element validates with these after the renderer chunk loads, so its first script stays small.
export { validateFigure, parseFigure } from '../validate/validate';
export { InvalidFigureError };
export type { FigureDocument, FigureState } from '../types';

/** Whether a screen point is inside a polygon (its vertices repeat the first at the end), by ray casting. */
function insidePolygon(vertices: readonly JXGElement[], sx: number, sy: number): boolean {
  let inside = false;
  for (let i = 0, j = vertices.length - 2; i < vertices.length - 1; j = i++) {
    const [, xi = 0, yi = 0] = vertices[i]!.coords.scrCoords;
    const [, xj = 0, yj = 0] = vertices[j]!.coords.scrCoords;
    if (yi > sy !== yj > sy && sx < ((xj - xi) * (sy - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
