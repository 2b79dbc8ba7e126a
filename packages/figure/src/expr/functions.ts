/**
 * The builtin functions and constants. Both live in Maps, so that a name typed by an author can
 * only ever find an entry put here, never something inherited like `constructor` or `toString`.
 */
import type { EvalContext, NumFn } from './context';
import { angleAt, asCircle, asPoint, asPolygon, asSegment, asSegmentOrLine, distance, polygonArea } from './geometry';
import type { ValueKind } from './kinds';
import type { ExprValue } from './values';

interface BuiltinShape {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** The kinds each argument may have; the last entry also covers any further arguments. */
  readonly argKinds: readonly (readonly ValueKind[])[];
}

/** Takes numbers: the compiler turns any argument that is not a number into NaN first. */
export interface NumericBuiltin extends BuiltinShape {
  readonly type: 'numeric';
  readonly impl: (...args: number[]) => number;
}

/** Takes geometric values and checks them itself (a wrong kind at run time gives NaN). */
export interface GeometricBuiltin extends BuiltinShape {
  readonly type: 'geometric';
  readonly impl: (...args: ExprValue[]) => number;
}

/** Decides which arguments to evaluate. */
export interface LazyBuiltin extends BuiltinShape {
  readonly type: 'lazy';
  readonly impl: (ctx: EvalContext, args: readonly NumFn[]) => number;
}

export type Builtin = NumericBuiltin | GeometricBuiltin | LazyBuiltin;

const NUMBER: readonly ValueKind[] = ['number'];
const POINT: readonly ValueKind[] = ['point'];

function numeric(minArgs: number, maxArgs: number, impl: (...args: number[]) => number): NumericBuiltin {
  return { type: 'numeric', minArgs, maxArgs, argKinds: [NUMBER], impl };
}

function geometric(argKinds: readonly (readonly ValueKind[])[], impl: (...args: ExprValue[]) => number): GeometricBuiltin {
  return { type: 'geometric', minArgs: argKinds.length, maxArgs: argKinds.length, argKinds, impl };
}

/** Half away from zero, as taught in school (四舍五入): round(-2.5) = -3, unlike Math.round. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

const MAX_VARIADIC = 32;

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['sin', numeric(1, 1, Math.sin)],
  ['cos', numeric(1, 1, Math.cos)],
  ['tan', numeric(1, 1, Math.tan)],
  ['asin', numeric(1, 1, Math.asin)],
  ['acos', numeric(1, 1, Math.acos)],
  ['atan', numeric(1, 1, Math.atan)],
  ['sinh', numeric(1, 1, Math.sinh)],
  ['cosh', numeric(1, 1, Math.cosh)],
  ['tanh', numeric(1, 1, Math.tanh)],
  ['atan2', numeric(2, 2, (y, x) => Math.atan2(y, x))],
  ['sqrt', numeric(1, 1, Math.sqrt)],
  ['abs', numeric(1, 1, Math.abs)],
  ['exp', numeric(1, 1, Math.exp)],
  ['ln', numeric(1, 1, Math.log)],
  ['log10', numeric(1, 1, Math.log10)],
  // log(x) is ln x; log(b, x) is the log of x to base b.
  ['log', numeric(1, 2, (...args) => (args.length < 2 ? Math.log(args[0]!) : Math.log(args[1]!) / Math.log(args[0]!)))],
  ['floor', numeric(1, 1, Math.floor)],
  ['ceil', numeric(1, 1, Math.ceil)],
  ['round', numeric(1, 1, roundHalfAway)],
  ['sign', numeric(1, 1, Math.sign)],
  ['min', numeric(1, MAX_VARIADIC, Math.min)],
  ['max', numeric(1, MAX_VARIADIC, Math.max)],
  ['pow', numeric(2, 2, (a, b) => Math.pow(a, b))],
  ['deg', numeric(1, 1, (r) => (r * 180) / Math.PI)],
  ['rad', numeric(1, 1, (d) => (d * Math.PI) / 180)],
  [
    'if',
    {
      type: 'lazy',
      minArgs: 3,
      maxArgs: 3,
      argKinds: [NUMBER],
      // An undefined condition (NaN) gives NaN rather than silently picking a branch.
      impl: (ctx, [cond, then, otherwise]) => {
        const c = cond!(ctx);
        if (Number.isNaN(c)) return NaN;
        return c !== 0 ? then!(ctx) : otherwise!(ctx);
      },
    },
  ],
  [
    'dist',
    geometric([POINT, POINT], (a, b) => {
      const p = asPoint(a);
      const q = asPoint(b);
      return p && q ? distance(p, q) : NaN;
    }),
  ],
  [
    'angle',
    geometric([POINT, POINT, POINT], (a, b, c) => {
      const p = asPoint(a);
      const v = asPoint(b);
      const q = asPoint(c);
      return p && v && q ? angleAt(p, v, q) : NaN;
    }),
  ],
  [
    'area',
    // A number passes through: the value of an integral or a Riemann sum is its (signed) area.
    geometric([['polygon', 'circle', 'number']], (s) => {
      if (typeof s === 'number') return s;
      const polygon = asPolygon(s);
      if (polygon) return polygonArea(polygon);
      const circle = asCircle(s);
      return circle ? Math.PI * circle.radius * circle.radius : NaN;
    }),
  ],
  [
    'length',
    geometric([['segment', 'circle']], (s) => {
      const segment = asSegment(s);
      if (segment) return distance(segment.a, segment.b);
      const circle = asCircle(s);
      return circle ? 2 * Math.PI * Math.abs(circle.radius) : NaN;
    }),
  ],
  [
    'slope',
    // Vertical: ±Infinity (or NaN when both defining points coincide), straight from the division.
    geometric([['line', 'segment']], (l) => {
      const line = asSegmentOrLine(l);
      return line ? (line.b.y - line.a.y) / (line.b.x - line.a.x) : NaN;
    }),
  ],
]);

export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** The variables formulas may bind (see `CompileOptions.locals`). */
export const VARIABLE_NAMES: readonly string[] = ['x', 't'];

/**
 * Names that could reach the host if a careless `Scope.lookup` indexed a plain object with them.
 * They are never element ids, whatever the scope says: defence in depth.
 */
export const HOST_NAMES: ReadonlySet<string> = new Set([
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'globalThis',
  'window',
  'self',
  'global',
  'document',
  'this',
  'eval',
  'Function',
  'arguments',
]);
