/**
 * The slice of JSXGraph this renderer uses, typed narrowly. The typings shipped with JSXGraph
 * describe an older release as `export =`; describing the few calls we make keeps the rest of
 * the renderer honest under `strict`.
 */
import JXGModule from 'jsxgraph';

export type Coord = number | (() => number);

export interface JXGElement {
  readonly id: string;
  readonly elType: string;
  readonly visProp: Record<string, unknown>;
  readonly rendNode?: Element | null;
  X(): number;
  Y(): number;
  Value(): number;
  Radius(): number;
  Z?(): number;
  setValue?(value: number): void;
  setPosition(method: number, coords: number[]): void;
  setAttribute(attrs: Record<string, unknown>): void;
  /** Whether the element is drawn at a point of the board (screen coordinates from its top left). */
  hasPoint?(x: number, y: number): boolean;
  on(event: string, handler: (...args: unknown[]) => void): void;
  point1?: JXGElement;
  point2?: JXGElement;
  center?: JXGElement;
  vertices?: JXGElement[];
  /** A point's place; `scrCoords` is [1, x, y] in pixels from the board's top left. */
  coords: { scrCoords: number[]; usrCoords: number[] };
  _smin?: number;
  _smax?: number;
  dataX: number[];
  dataY: number[];
  updateDataArray?: () => void;
  label?: JXGElement | null;
  slideObject?: JXGElement;
}

export interface JXGBoard {
  readonly containerObj: HTMLElement;
  readonly renderer: { svgRoot: SVGSVGElement };
  create(type: string, parents: unknown[], attributes?: Record<string, unknown>): JXGElement;
  update(): void;
  fullUpdate(): void;
  suspendUpdate(): void;
  unsuspendUpdate(): void;
  on(event: string, handler: (...args: unknown[]) => void): void;
  off(event: string, handler?: (...args: unknown[]) => void): void;
  setBoundingBox(box: number[], keepAspectRatio?: boolean): void;
  getBoundingBox(): number[];
  resizeContainer(width: number, height: number, dontSet?: boolean): void;
  updateContainerDims(width: number, height: number): void;
}

export interface JXGNamespace {
  readonly COORDS_BY_USER: number;
  readonly Options: Record<string, Record<string, unknown>>;
  readonly JSXGraph: {
    initBoard(container: HTMLElement | string, attributes: Record<string, unknown>): JXGBoard;
    freeBoard(board: JXGBoard): void;
  };
}

export const JXG = JXGModule as unknown as JXGNamespace;

/**
 * JessieCode would compile function strings with `eval`; we never hand JSXGraph a string to
 * compile, and switching compilation off makes sure nothing does, so figures run under a CSP
 * without 'unsafe-eval'.
 */
JXG.Options.jc = { ...JXG.Options.jc, compile: false };

/**
 * JSXGraph's default `display: 'html'` writes text with `innerHTML`, and `parse: true` hands
 * `<value>` tags to JessieCode. Author text must show as the characters it is, so every text
 * and label this copy of JSXGraph draws is SVG text filled through text nodes.
 */
for (const kind of ['text', 'label'] as const) {
  JXG.Options[kind] = { ...JXG.Options[kind], display: 'internal', parse: false, useMathJax: false, useKatex: false, useASCIIMathML: false };
}
