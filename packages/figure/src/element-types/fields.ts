/**
 * The vocabulary element types describe their keys with: what each key may hold, and what an
 * element "is" for references between elements. Validation, the JSON Schema, dependency order
 * and the editor all read these descriptions, so none of them needs a list of types.
 */

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
  /** Narrower than a category: only these element types (a locus is driven by a glider, not any point). */
  readonly types?: readonly string[];
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
  /** Keys a later format version added to a type of an earlier one (a point's `trace`: 2). */
  readonly sinceFields?: Readonly<Record<string, 2>>;
  /**
   * The key whose referenced element this one is of the same kind as, instead of `category`
   * (the reflection of a segment is a segment, of a polygon a polygon); `category` is then its
   * kind when that reference is missing.
   */
  readonly categoryFrom?: string;
}

/** Coordinates and lengths written as numbers stay within this bound. */
export const COORDINATE_LIMIT = 1e6;

export const POINT: RefSpec = { accepts: ['point'], expected: 'a point' };
export const SEGMENT: RefSpec = { accepts: ['segment'], expected: 'a segment' };
export const LINELIKE: RefSpec = { accepts: ['segment', 'linelike'], expected: 'a line, segment, ray or vector' };
export const INTERSECTABLE: RefSpec = { accepts: ['segment', 'linelike', 'circle'], expected: 'a line-like element or a circle' };
export const FUNCTION: RefSpec = { accepts: ['function'], expected: 'a function graph' };
export const GLIDER_TRACK: RefSpec = {
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

export const numexpr: FieldSpec = { kind: 'numberOrExpression' };
export const coordinate: FieldSpec = { kind: 'number', min: -COORDINATE_LIMIT, max: COORDINATE_LIMIT };
export const two = (ref: RefSpec): FieldSpec => ({ kind: 'refList', ref, min: 2, max: 2 });
export const three = (ref: RefSpec): FieldSpec => ({ kind: 'refList', ref, min: 3, max: 3 });

/** An element type's keys: the common ones (id, type, label, showLabel, visible, style) and its own. */
export function spec(category: Category, required: string[], fields: Record<string, FieldSpec>, sinceFields?: Record<string, 2>): ElementSpec {
  return { category, required, fields: { ...COMMON, ...fields }, ...(sinceFields ? { sinceFields } : {}) };
}

/** `trace`: a point leaves its trail as it moves (format version 2). */
export const TRACE: Record<string, FieldSpec> = { trace: { kind: 'boolean' } };
export const TRACE_SINCE = { trace: 2 } as const;

/** A raw element as far as its kind goes: its type and the key `categoryFrom` names. */
export type CategoryLookup = (id: string) => { readonly type?: unknown; readonly [key: string]: unknown } | undefined;

/**
 * What the element `id` is, following `categoryFrom` through chains of images (the rotation of
 * the reflection of a polygon is a polygon). Undefined for an unknown id or type; a cycle or a
 * dangling source gives the spec's own `category` (validation reports those separately).
 */
export function categoryOf(id: string, lookup: CategoryLookup, specOf: (type: string) => ElementSpec | undefined): Category | undefined {
  const seen = new Set<string>();
  let first: Category | undefined;
  for (let current = id; ; ) {
    const el = lookup(current);
    const s = el && typeof el.type === 'string' ? specOf(el.type) : undefined;
    if (!s) return first;
    first ??= s.category;
    if (s.categoryFrom === undefined) return s.category;
    seen.add(current);
    const source = el![s.categoryFrom];
    if (typeof source !== 'string' || seen.has(source)) return first;
    current = source;
  }
}
