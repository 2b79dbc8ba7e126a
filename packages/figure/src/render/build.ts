import { compileExpression, type CompiledExpression, type Scope } from '../expr/index';
import { pickText, uiLocale } from '../localize';
import { formatNumber } from '../text-template';
import type { BoardSettings, FigureElement, Locale, NumberOrExpression } from '../types';
import { elementTypeDefinition } from '../element-types/catalogue';
import type { BuildContext, StateKind, ValueReader } from '../element-types/definition';
import { SAFE_TEXT, PALETTE } from '../element-types/drawing';
import { ID_PREFIX } from '../element-types/ids';
import { markDraggable } from './board';
import type { Coord, JXGBoard, JXGElement } from './jxg';
import { dependencyOrder } from './order';

export { PALETTE, ID_PREFIX };
export { derivative } from '../element-types/drawing';

/** Everything built for one figure: the JSXGraph objects and the live values expressions read. */
export interface BuiltFigure {
  readonly objects: ReadonlyMap<string, JXGElement>;
  readonly scope: Scope;
  readonly elements: ReadonlyMap<string, FigureElement>;
  /** Refreshes what assistive technology announces for draggable elements. */
  readonly updateAria: () => void;
  /** The texts with the font size their author gave, to scale with the board. */
  readonly texts: readonly { readonly element: JXGElement; readonly fontSize: number }[];
  /** An element draws only on a second board update (see ElementTypeDefinition.needsSecondUpdate). */
  readonly needsSecondUpdate: boolean;
}

export interface BuildOptions {
  locale: string;
  /** Interactive boards get tab stops and ARIA; a poster needs neither. */
  interactive: boolean;
}

/** Builds every element in dependency order, each by its type's own builder (element-types/). */
export function buildFigure(board: JXGBoard, elements: readonly FigureElement[], bbox: BoardSettings['boundingBox'], options: BuildOptions): BuiltFigure {
  return runToEnd(buildFigureSteps(board, elements, bbox, options));
}

/** Runs a stepwise job (buildFigureSteps, a figure's drawing) without pausing. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Elements built between two pauses of a stepwise build (each is a few milliseconds of JSXGraph). */
const ELEMENTS_PER_STEP = 12;

/** buildFigure, pausing (a `yield`) after every few elements, for a caller that gives the page its turn meanwhile. */
export function* buildFigureSteps(board: JXGBoard, elements: readonly FigureElement[], bbox: BoardSettings['boundingBox'], options: BuildOptions): Generator<void, BuiltFigure> {
  const objects = new Map<string, JXGElement>();
  const ariaUpdates: (() => void)[] = [];
  const texts: { element: JXGElement; fontSize: number }[] = [];
  const readers = new Map<string, ValueReader>();
  const byId = new Map(elements.map((el) => [el.id, el]));
  const scope: Scope = { lookup: (name) => readers.get(name)?.(), reader: (name) => readers.get(name) };
  let sliderCount = 0;

  // Compiled for this figure's scope: its names resolve once, and bindNumber reuses the result.
  const compiled = (source: string, locals: string[] = []): CompiledExpression => compileExpression(source, { locals, bound: scope });
  const coord = (v: NumberOrExpression): Coord => {
    if (typeof v === 'number') return v;
    const c = compiled(v).bindNumber(scope);
    return () => c();
  };
  const label = (el: FigureElement, fallback: string): string => (el.label !== undefined ? pickText(el.label, options.locale) : fallback);
  const ctx: BuildContext = {
    board,
    bbox,
    locale: options.locale,
    interactive: options.interactive,
    scope,
    obj: (id) => {
      const o = objects.get(id);
      if (!o) throw new Error(`Element "${id}" is used before it is built`);
      return o;
    },
    compiled,
    coord,
    value: (v) => {
      const c = coord(v);
      return typeof c === 'number' ? () => c : c;
    },
    label,
    common: (el, defaultShowLabel, fallbackName = '') => ({
      // Prefixed so that no figure id can collide with the ids JSXGraph makes up for itself.
      id: `${ID_PREFIX}${el.id}`,
      name: label(el, fallbackName),
      withLabel: el.showLabel ?? defaultShowLabel,
      visible: el.visible !== false,
      label: { ...SAFE_TEXT, strokeColor: PALETTE.text },
      ...((el as { trace?: boolean }).trace === true ? { trace: true } : {}),
    }),
    focusable: (name) => (options.interactive ? { tabindex: 0, aria: { enabled: true, label: name, live: 'off' } } : { tabindex: null }),
    functionOf: (id) => {
      const f = readers.get(id)?.();
      return typeof f === 'object' && f.kind === 'function' ? f.call : () => NaN;
    },
    nextSliderRow: () => sliderCount++,
    addScaledText: (element, fontSize) => void texts.push({ element, fontSize }),
  };

  let built = 0;
  for (const el of dependencyOrder(elements)) {
    if (built++ > 0 && built % ELEMENTS_PER_STEP === 0) yield;
    const def = elementTypeDefinition(el.type);
    // validateFigure refuses unknown types before a document gets here.
    if (!def) throw new Error(`Unknown element type "${el.type}"`);
    const { object, read } = def.build(el, ctx);
    const kind = def.stateKind?.(el as unknown as Record<string, unknown>);
    if (options.interactive && kind) {
      markDraggable(object.rendNode);
      const node = object.rendNode;
      const update = def.assistive && node ? def.assistive(node, object, label(el, el.id)) : describeForAssistiveTech(object, el, kind, label(el, el.id), uiLocale(options.locale));
      if (update) ariaUpdates.push(update);
    }
    objects.set(el.id, object);
    readers.set(el.id, read);
  }
  for (const el of elements) elementTypeDefinition(el.type)?.link?.(el, objects.get(el.id)!, objects);
  const needsSecondUpdate = elements.some((el) => elementTypeDefinition(el.type)?.needsSecondUpdate === true);
  return { objects, scope, elements: byId, updateAria: () => ariaUpdates.forEach((u) => u()), texts, needsSecondUpdate };
}

const ROLE_TEXT: Record<Locale, { point: string; at: (x: string, y: string) => string }> = {
  en: { point: 'draggable point', at: (x, y) => `at (${x}, ${y})` },
  'zh-CN': { point: '可拖动的点', at: (x, y) => `位于 (${x}, ${y})` },
};

/**
 * Gives a draggable SVG node a role and a name a screen reader can announce: a slider is an
 * ARIA slider with its value; a point is a button-like control that says where it is.
 * Returns what refreshes the announced value after the figure changes.
 */
function describeForAssistiveTech(o: JXGElement, el: FigureElement, kind: StateKind, name: string, locale: Locale): (() => void) | undefined {
  const node = o.rendNode;
  if (!node) return undefined;
  if (kind === 'number') {
    const { min, max } = el as unknown as { min: number; max: number };
    node.setAttribute('role', 'slider');
    node.setAttribute('aria-valuemin', String(min));
    node.setAttribute('aria-valuemax', String(max));
    node.removeAttribute('aria-live');
    return changedAttribute(node, 'aria-valuenow', () => formatNumber(o.Value(), 2));
  }
  const text = ROLE_TEXT[locale];
  node.setAttribute('role', 'button');
  node.setAttribute('aria-roledescription', text.point);
  node.removeAttribute('aria-live');
  return changedAttribute(node, 'aria-label', () => `${name} ${text.at(formatNumber(o.X(), 2), formatNumber(o.Y(), 2))}`);
}

/** What writes an attribute only when its value changed: a write invalidates the accessibility tree, even of the same value. */
function changedAttribute(node: Element, name: string, value: () => string): () => void {
  let last: string | undefined;
  return () => {
    const next = value();
    if (next === last) return;
    last = next;
    node.setAttribute(name, next);
  };
}
