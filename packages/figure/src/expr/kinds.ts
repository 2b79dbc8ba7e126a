/** What an element's id stands for inside an expression; see `valueKindOf` in elements.ts. */
export type ValueKind = 'number' | 'point' | 'segment' | 'line' | 'circle' | 'polygon' | 'function' | 'opaque';

/** A static kind, or `any` when the compiler was not told (no `resolveKind`). */
export type StaticKind = ValueKind | 'any';

export const VALUE_KINDS: readonly ValueKind[] = ['number', 'point', 'segment', 'line', 'circle', 'polygon', 'function', 'opaque'];
