/**
 * The values an expression can see. The renderer (and the poster) build these from live
 * JSXGraph objects; the evaluator only ever reads them through `Scope.lookup`, so an
 * expression can reach nothing but what a figure's elements expose.
 */

export interface PointValue {
  readonly kind: 'point';
  readonly x: number;
  readonly y: number;
}

export interface SegmentValue {
  readonly kind: 'segment';
  readonly a: PointValue;
  readonly b: PointValue;
}

/** Any line-like element: line, ray, vector, perpendicular, parallel, tangent, bisector. */
export interface LineValue {
  readonly kind: 'line';
  readonly a: PointValue;
  readonly b: PointValue;
}

export interface CircleValue {
  readonly kind: 'circle';
  readonly center: PointValue;
  readonly radius: number;
}

export interface PolygonValue {
  readonly kind: 'polygon';
  readonly vertices: readonly PointValue[];
}

/** A function graph: callable from expressions as `f(2)`. */
export interface FunctionValue {
  readonly kind: 'function';
  readonly call: (x: number) => number;
}

/** Something drawn that has no value of its own in expressions (a curve, an arc, …). */
export interface OpaqueValue {
  readonly kind: 'opaque';
  readonly type: string;
}

export type GeoValue = PointValue | SegmentValue | LineValue | CircleValue | PolygonValue | FunctionValue | OpaqueValue;

/** Sliders, integrals, Riemann sums and angles are plain numbers. */
export type ExprValue = number | GeoValue;

export interface Scope {
  /** The current value of an element by id, or `undefined` when there is no such element. */
  lookup(name: string): ExprValue | undefined;
  /**
   * What reads an element's current value, found once: a bound expression (`bindNumber`) calls
   * it directly instead of looking the name up on every evaluation. Optional.
   */
  reader?(name: string): (() => ExprValue | undefined) | undefined;
}
