import type { CompiledExpression, ExprValue, Scope } from '../expr/index';
import type { ValidationCode, MessageParams } from '../validate/messages';
import type { BoardSettings, FigureElement, NumberOrExpression } from '../types';
import type { Coord, JXGBoard, JXGElement } from '../render/jxg';
import type { ElementSpec } from './fields';

/** What an element reads as inside an expression, computed when asked. */
export type ValueReader = () => ExprValue;

/** What a reader can change on a live figure, and so what a state holds. */
export type StateKind = 'number' | 'point';

/** Where multi-key rules report a problem (validation's collector, narrowed). */
export interface RuleReport {
  add(path: string, code: ValidationCode, params?: MessageParams): void;
  /** Checks a number against a range, reporting as the format's own number fields do. */
  number(path: string, value: unknown, min: number, max: number, integer?: boolean): void;
}

/** What a builder gets from the renderer: the board, the objects built so far and helpers. */
export interface BuildContext {
  readonly board: JXGBoard;
  /** [xmin, ymax, xmax, ymin]. */
  readonly bbox: BoardSettings['boundingBox'];
  readonly locale: string;
  readonly interactive: boolean;
  readonly scope: Scope;
  /** The JSXGraph object of an element built earlier (dependency order guarantees it). */
  obj(id: string): JXGElement;
  compiled(source: string, locals?: string[]): CompiledExpression;
  /** A number, or an expression as a function JSXGraph re-evaluates on every update. */
  coord(v: NumberOrExpression): Coord;
  value(v: NumberOrExpression): () => number;
  /** The element's label in the board's language, or the fallback. */
  label(el: FigureElement, fallback: string): string;
  /** id, name, label visibility, visibility and safe label text: what every element's attributes start with. */
  common(el: FigureElement, defaultShowLabel: boolean, fallbackName?: string): Record<string, unknown>;
  /** Tab stop and ARIA for a draggable element on an interactive board. */
  focusable(name: string): Record<string, unknown>;
  /** The function another element (a function graph) computes; NaN everywhere when it is not one. */
  functionOf(id: string): (x: number) => number;
  /** Rows for sliders without a position, in the order they are built. */
  nextSliderRow(): number;
  /** Texts whose font size scales with the board. */
  addScaledText(element: JXGElement, fontSize: number): void;
}

/**
 * One element type, whole: its keys (schema and validation), the rules across its keys, how it
 * is drawn, and what state it keeps. Registered once in `catalogue.ts`; nothing else lists types.
 */
export interface ElementTypeDefinition<E extends FigureElement = FigureElement> {
  readonly type: E['type'];
  /** The format version that introduced the type: a document of an older version may not use it. */
  readonly since?: 2;
  readonly spec: ElementSpec;
  /** Rules that involve more than one key (the keys themselves are checked from `spec`). */
  readonly rules?: (el: Record<string, unknown>, path: string, report: RuleReport) => void;
  /** Draws the element on the board and says what it reads as in expressions. */
  readonly build: (el: E, ctx: BuildContext) => { object: JXGElement; read: ValueReader };
  /** Whether this element keeps state a reader changes (a slider's value, a free point's place). */
  readonly stateKind?: (el: Record<string, unknown>) => StateKind | undefined;
  /** Bounds a state value to what the element allows (a slider's min and max). */
  readonly clampState?: (el: E, value: number) => number;
  /** Placed after every other state value (a glider, once its track has moved). */
  readonly stateAfterOthers?: boolean;
  /**
   * Its curve's points come from updateDataArray, which JSXGraph asks for only after deciding
   * visibility: the first drawing of a figure with one takes a second board update.
   */
  readonly needsSecondUpdate?: true;
  /** Runs once every element is built: for a type that acts on others (a checkbox hides them). */
  readonly link?: (el: E, object: JXGElement, objects: ReadonlyMap<string, JXGElement>) => void;
  /**
   * What assistive technology is told about this element on an interactive board, replacing the
   * default for its state kind; returns what refreshes it after a change.
   */
  readonly assistive?: (node: Element, object: JXGElement, name: string) => () => void;
}

/** Keeps each definition's element type narrow while the catalogue holds them side by side. */
export function defineElementType<E extends FigureElement>(definition: ElementTypeDefinition<E>): ElementTypeDefinition {
  return definition as unknown as ElementTypeDefinition;
}
