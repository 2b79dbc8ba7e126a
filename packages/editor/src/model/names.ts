import { elementSpec, ID_PATTERN, RESERVED_NAMES, type Category, type FigureDocument } from '@netpad/figure';
import type { Draft } from '../input/commands';
import { NameError } from './errors';

/**
 * Automatic names, in the sequences teachers know from GeoGebra and 几何画板: points A, B, C…;
 * segments and lines a, b, c…; circles c, d, e…; functions f, g, h…; sliders k, m, n…. Names the
 * expression language reserves (x, y, t, e, pi, sin …) are skipped; when a sequence runs out it
 * goes on with numbers (A1, A2 …).
 */
export type NameKind = 'point' | 'line' | 'circle' | 'function' | 'slider' | 'polygon' | 'angle' | 'text' | 'locus' | 'other';

const LETTERS: Record<NameKind, string> = {
  point: 'ABCDEFGHIJKLMNOPQRSTUVWZ',
  line: 'abcdghijklmnopqrsuvw',
  circle: 'cdkmnpqrsuvw',
  function: 'fghpqr',
  slider: 'kmnpqrsabcd',
  polygon: '',
  angle: '',
  text: '',
  locus: '',
  other: '',
};
const PREFIX: Record<NameKind, string> = {
  point: 'A',
  line: 'a',
  circle: 'c',
  function: 'f',
  slider: 'k',
  polygon: 'poly',
  angle: 'angle',
  text: 'text',
  locus: 'loc',
  other: 'obj',
};

const GREEK = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

export function usable(name: string, taken: ReadonlySet<string>): boolean {
  return ID_PATTERN.test(name) && !RESERVED_NAMES.has(name) && !taken.has(name);
}

export function takenNames(doc: FigureDocument): Set<string> {
  return new Set(doc.elements.map((e) => e.id));
}

/**
 * The name sequence a draft takes: its own, except for an image, which is named as what it is
 * the image of (the reflection of a polygon is poly2, of a segment a line-like letter).
 */
export function draftNameKind(draft: Draft, categoryOf: (id: string) => Category | undefined): NameKind {
  const from = elementSpec(draft.element.type)?.categoryFrom;
  const source = from === undefined ? undefined : (draft.element as unknown as Record<string, unknown>)[from];
  const category = typeof source === 'string' ? categoryOf(source) : undefined;
  if (category === 'polygon' || category === 'circle') return category;
  if (category === 'segment' || category === 'linelike') return 'line';
  return draft.nameKind;
}

/** The next free name of a kind, given the names already used (and those this edit takes). */
export function nextName(kind: NameKind, taken: ReadonlySet<string>): string {
  const candidates = kind === 'angle' ? GREEK : [...LETTERS[kind]];
  for (const c of candidates) if (usable(c, taken)) return c;
  for (let i = 1; ; i++) {
    const name = `${PREFIX[kind]}${i}`;
    if (usable(name, taken)) return name;
  }
}

/** Throws a NameError unless `name` may name a new element of `doc`. */
export function checkNewName(doc: FigureDocument, name: string): void {
  if (!ID_PATTERN.test(name)) throw new NameError('bad_name', name);
  if (RESERVED_NAMES.has(name)) throw new NameError('reserved_name', name);
  if (doc.elements.some((e) => e.id === name)) throw new NameError('name_taken', name);
}
