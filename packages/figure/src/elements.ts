/**
 * The element catalogue: for every element type, its keys and what each key may hold.
 * One table drives validation, the generated JSON Schema and the renderer's view of what an
 * element "is", so the three cannot drift apart.
 */
import type { ValueKind } from './expr/index';

/** What an element is, for references between elements. */
export type Category =
  | 'point'
  | 'slider'
  | 'segment'
  | 'linelike'
  | 'circle'
  | 'arc'
  | 'conic'
  | 'polygon'
  | 'function'
  | 'curve'
  | 'measure'
  | 'angle'
  | 'text';

export interface RefSpec {
  readonly accepts: readonly Category[];
  /** English noun phrase for messages: "a point". */
  readonly expected: string;
}

export type FieldSpec =
  | { readonly kind: 'ref'; readonly ref: RefSpec }
  | { readonly kind: 'refList'; readonly ref: RefSpec; readonly min: number; readonly max: number }
  /** Either one reference (`single`) or a fixed-length list (`list`, `length`). */
  | { readonly kind: 'refOrList'; readonly single: RefSpec; readonly list: RefSpec; readonly length: number }
  | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly integer?: boolean }
  | { readonly kind: 'numberOrExpression'; readonly locals?: readonly string[] }
  | { readonly kind: 'expression'; readonly locals: readonly string[] }
  | { readonly kind: 'interval' }
  | { readonly kind: 'position' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly values: readonly (string | number)[] }
  | { readonly kind: 'text' }
  | { readonly kind: 'template' }
  | { readonly kind: 'style' };

export interface ElementSpec {
  readonly category: Category;
  readonly required: readonly string[];
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

/** Coordinates and lengths written as numbers stay within this bound. */
export const COORDINATE_LIMIT = 1e6;

const POINT: RefSpec = { accepts: ['point'], expected: 'a point' };
const SEGMENT: RefSpec = { accepts: ['segment'], expected: 'a segment' };
const LINELIKE: RefSpec = { accepts: ['segment', 'linelike'], expected: 'a line, segment, ray or vector' };
const INTERSECTABLE: RefSpec = { accepts: ['segment', 'linelike', 'circle'], expected: 'a line-like element or a circle' };
const FUNCTION: RefSpec = { accepts: ['function'], expected: 'a function graph' };
const GLIDER_TRACK: RefSpec = {
  accepts: ['segment', 'linelike', 'circle', 'arc', 'conic', 'curve', 'function'],
  expected: 'a line-like element, circle, curve or function graph',
};

const COMMON: Readonly<Record<string, FieldSpec>> = {
  id: { kind: 'text' }, // checked separately: ids have their own rules
  type: { kind: 'text' },
  label: { kind: 'text' },
  showLabel: { kind: 'boolean' },
  visible: { kind: 'boolean' },
  style: { kind: 'style' },
};

const numexpr: FieldSpec = { kind: 'numberOrExpression' };
const two = (ref: RefSpec): FieldSpec => ({ kind: 'refList', ref, min: 2, max: 2 });
const three = (ref: RefSpec): FieldSpec => ({ kind: 'refList', ref, min: 3, max: 3 });

function spec(category: Category, required: string[], fields: Record<string, FieldSpec>): ElementSpec {
  return { category, required, fields: { ...COMMON, ...fields } };
}

const twoPoint = spec('linelike', ['points'], { points: two(POINT) });

export const ELEMENT_SPECS: Readonly<Record<string, ElementSpec>> = {
  point: spec('point', ['x', 'y'], { x: numexpr, y: numexpr, fixed: { kind: 'boolean' } }),
  glider: spec('point', ['on', 'x', 'y'], {
    on: { kind: 'ref', ref: GLIDER_TRACK },
    x: { kind: 'number', min: -COORDINATE_LIMIT, max: COORDINATE_LIMIT },
    y: { kind: 'number', min: -COORDINATE_LIMIT, max: COORDINATE_LIMIT },
  }),
  midpoint: spec('point', ['of'], {
    of: { kind: 'refOrList', single: SEGMENT, list: POINT, length: 2 },
  }),
  intersection: spec('point', ['of'], { of: two(INTERSECTABLE), index: { kind: 'enum', values: [0, 1] } }),
  slider: spec('slider', ['min', 'max', 'value'], {
    min: { kind: 'number', min: -COORDINATE_LIMIT, max: COORDINATE_LIMIT },
    max: { kind: 'number', min: -COORDINATE_LIMIT, max: COORDINATE_LIMIT },
    value: { kind: 'number', min: -COORDINATE_LIMIT, max: COORDINATE_LIMIT },
    step: { kind: 'number', min: Number.MIN_VALUE, max: COORDINATE_LIMIT },
    position: { kind: 'position' },
  }),
  segment: spec('segment', ['points'], { points: two(POINT) }),
  line: twoPoint,
  ray: twoPoint,
  vector: twoPoint,
  perpendicular: spec('linelike', ['to', 'through'], { to: { kind: 'ref', ref: LINELIKE }, through: { kind: 'ref', ref: POINT } }),
  parallel: spec('linelike', ['to', 'through'], { to: { kind: 'ref', ref: LINELIKE }, through: { kind: 'ref', ref: POINT } }),
  bisector: spec('linelike', ['points'], { points: three(POINT) }),
  tangent: spec('linelike', ['of'], { of: { kind: 'ref', ref: FUNCTION }, at: { kind: 'ref', ref: POINT }, x: numexpr }),
  circle: spec('circle', [], {
    center: { kind: 'ref', ref: POINT },
    through: { kind: 'refOrList', single: POINT, list: POINT, length: 3 },
    radius: numexpr,
  }),
  arc: spec('arc', ['center', 'from', 'to'], {
    center: { kind: 'ref', ref: POINT },
    from: { kind: 'ref', ref: POINT },
    to: { kind: 'ref', ref: POINT },
  }),
  ellipse: spec('conic', ['foci', 'through'], { foci: two(POINT), through: { kind: 'ref', ref: POINT } }),
  polygon: spec('polygon', ['points'], { points: { kind: 'refList', ref: POINT, min: 3, max: 64 }, fill: { kind: 'boolean' } }),
  functiongraph: spec('function', ['f'], { f: { kind: 'expression', locals: ['x'] }, domain: { kind: 'interval' } }),
  curve: spec('curve', ['x', 'y', 't'], {
    x: { kind: 'expression', locals: ['t'] },
    y: { kind: 'expression', locals: ['t'] },
    t: { kind: 'interval' },
  }),
  integral: spec('measure', ['of', 'from', 'to'], { of: { kind: 'ref', ref: FUNCTION }, from: numexpr, to: numexpr }),
  riemann: spec('measure', ['of', 'n', 'from', 'to'], {
    of: { kind: 'ref', ref: FUNCTION },
    n: numexpr,
    from: numexpr,
    to: numexpr,
    method: { kind: 'enum', values: ['left', 'right', 'middle', 'trapezoid'] },
  }),
  angle: spec('angle', ['points'], {
    points: three(POINT),
    showMeasure: { kind: 'boolean' },
    unit: { kind: 'enum', values: ['deg', 'rad'] },
    radius: { kind: 'number', min: Number.MIN_VALUE, max: COORDINATE_LIMIT },
  }),
  text: spec('text', ['x', 'y', 'text'], {
    x: numexpr,
    y: numexpr,
    text: { kind: 'template' },
    fontSize: { kind: 'number', min: 8, max: 48 },
  }),
};

export const ELEMENT_TYPES: readonly string[] = Object.keys(ELEMENT_SPECS);

export function elementSpec(type: string): ElementSpec | undefined {
  return Object.hasOwn(ELEMENT_SPECS, type) ? ELEMENT_SPECS[type] : undefined;
}

/** How an element of a category looks from inside an expression. */
export function valueKindOf(category: Category): ValueKind {
  switch (category) {
    case 'point':
      return 'point';
    case 'segment':
      return 'segment';
    case 'linelike':
      return 'line';
    case 'circle':
      return 'circle';
    case 'polygon':
      return 'polygon';
    case 'function':
      return 'function';
    case 'slider':
    case 'measure':
    case 'angle':
      return 'number';
    default:
      return 'opaque';
  }
}

export const STYLE_FIELDS: Readonly<Record<string, FieldSpec>> = {
  color: { kind: 'text' },
  fillColor: { kind: 'text' },
  fillOpacity: { kind: 'number', min: 0, max: 1 },
  strokeWidth: { kind: 'number', min: 0, max: 20 },
  dash: { kind: 'number', min: 0, max: 6, integer: true },
  size: { kind: 'number', min: 1, max: 20 },
};

export const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
