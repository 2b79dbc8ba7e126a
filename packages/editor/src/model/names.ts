import { ID_PATTERN, RESERVED_NAMES, type FigureDocument } from '@netpad/figure';
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
