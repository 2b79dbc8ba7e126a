import type { Category, FigureElement } from '@netpad/figure';
import type { NameKind } from '../model/names';

/**
 * The input line's commands: GeoGebra's names (what teachers and textbooks write) with Chinese
 * aliases, each with the argument shapes it takes and the element it makes. The same table
 * prints an element back as the command that makes it (the object list's "definition").
 */

/** What an argument must be. */
export type ArgKind = 'point' | 'line' | 'segment' | 'circle' | 'function' | 'intersectable' | 'number' | 'pointOrLine' | 'vector' | 'transformable';

/** An argument once read: an element (by name, with what it is) or a number / expression. */
export type Arg = { readonly kind: 'ref'; readonly id: string; readonly category: Category } | { readonly kind: 'number'; readonly value: number | string };

/** An element of any type without its id (Omit kept per member of the union). */
export type ElementDraft = FigureElement extends infer E ? (E extends FigureElement ? Omit<E, 'id'> : never) : never;

/** An element without its name yet, and the sequence its automatic name comes from. */
export type Draft = { readonly element: ElementDraft; readonly nameKind: NameKind };

export interface Signature {
  readonly args: readonly ArgKind[];
  /** More arguments of the last kind may follow (a polygon's vertices), up to this many in all. */
  readonly variadicUpTo?: number;
  readonly make: (args: readonly Arg[]) => Draft;
}

export interface CommandDefinition {
  readonly name: string;
  /** Other names: Chinese first (what the object list shows in zh-CN), then English synonyms. */
  readonly zh: readonly string[];
  readonly synonyms?: readonly string[];
  readonly signatures: readonly Signature[];
  /** The arguments that make `el` with this command, or undefined when it is not this command's. */
  readonly print?: (el: FigureElement) => readonly (string | number)[] | undefined;
}

const ACCEPTS: Record<ArgKind, readonly Category[]> = {
  point: ['point'],
  line: ['segment', 'linelike'],
  segment: ['segment'],
  circle: ['circle'],
  function: ['function'],
  intersectable: ['segment', 'linelike', 'circle'],
  number: ['slider', 'measure', 'angle'],
  pointOrLine: ['point', 'segment', 'linelike'],
  vector: ['linelike'],
  transformable: ['point', 'segment', 'linelike', 'circle', 'polygon'],
};

export function fits(arg: Arg, kind: ArgKind): boolean {
  if (arg.kind === 'number') return kind === 'number';
  return ACCEPTS[kind].includes(arg.category);
}

const id = (a: Arg | undefined): string => (a?.kind === 'ref' ? a.id : '');
/** A number argument as the format stores it: a number, or an expression (a slider's name is one). */
const num = (a: Arg | undefined): number | string => (a?.kind === 'number' ? a.value : a?.kind === 'ref' ? a.id : 0);

const twoPoint = (name: string, zh: string[], type: 'segment' | 'line' | 'ray' | 'vector', synonyms: string[] = []): CommandDefinition => ({
  name,
  zh,
  synonyms,
  signatures: [{ args: ['point', 'point'], make: (a) => ({ element: { type, points: [id(a[0]), id(a[1])] } as Draft['element'], nameKind: 'line' }) }],
  print: (el) => (el.type === type ? el.points : undefined),
});

export const COMMANDS: readonly CommandDefinition[] = [
  twoPoint('Segment', ['线段'], 'segment'),
  {
    ...twoPoint('Line', ['直线'], 'line'),
    signatures: [
      { args: ['point', 'point'], make: (a) => ({ element: { type: 'line', points: [id(a[0]), id(a[1])] }, nameKind: 'line' }) },
      // GeoGebra's Line(A, l): the parallel to l through A.
      { args: ['point', 'line'], make: (a) => ({ element: { type: 'parallel', through: id(a[0]), to: id(a[1]) }, nameKind: 'line' }) },
    ],
  },
  twoPoint('Ray', ['射线'], 'ray'),
  twoPoint('Vector', ['向量'], 'vector'),
  {
    name: 'Midpoint',
    zh: ['中点'],
    signatures: [
      { args: ['point', 'point'], make: (a) => ({ element: { type: 'midpoint', of: [id(a[0]), id(a[1])] }, nameKind: 'point' }) },
      { args: ['segment'], make: (a) => ({ element: { type: 'midpoint', of: id(a[0]) }, nameKind: 'point' }) },
    ],
    print: (el) => (el.type === 'midpoint' ? (typeof el.of === 'string' ? [el.of] : el.of) : undefined),
  },
  {
    name: 'Intersect',
    zh: ['交点'],
    synonyms: ['Intersection'],
    signatures: [
      { args: ['intersectable', 'intersectable'], make: (a) => ({ element: { type: 'intersection', of: [id(a[0]), id(a[1])] }, nameKind: 'point' }) },
      {
        args: ['intersectable', 'intersectable', 'number'],
        // Counted from 1, as GeoGebra counts: Intersect(c, l, 2) is the second crossing.
        make: (a) => ({ element: { type: 'intersection', of: [id(a[0]), id(a[1])], index: num(a[2]) === 2 ? 1 : 0 }, nameKind: 'point' }),
      },
    ],
    print: (el) => (el.type === 'intersection' ? (el.index === 1 ? [...el.of, 2] : el.of) : undefined),
  },
  {
    name: 'Circle',
    zh: ['圆'],
    signatures: [
      { args: ['point', 'point'], make: (a) => ({ element: { type: 'circle', center: id(a[0]), through: id(a[1]) }, nameKind: 'circle' }) },
      { args: ['point', 'number'], make: (a) => ({ element: { type: 'circle', center: id(a[0]), radius: num(a[1]) }, nameKind: 'circle' }) },
      { args: ['point', 'point', 'point'], make: (a) => ({ element: { type: 'circle', through: [id(a[0]), id(a[1]), id(a[2])] }, nameKind: 'circle' }) },
    ],
    print: (el) => {
      if (el.type !== 'circle') return undefined;
      if (Array.isArray(el.through)) return el.through;
      return [el.center!, el.radius !== undefined ? el.radius : (el.through as string)];
    },
  },
  {
    name: 'Polygon',
    zh: ['多边形'],
    signatures: [{ args: ['point', 'point', 'point'], variadicUpTo: 64, make: (a) => ({ element: { type: 'polygon', points: a.map(id) }, nameKind: 'polygon' }) }],
    print: (el) => (el.type === 'polygon' ? el.points : undefined),
  },
  {
    name: 'PerpendicularLine',
    zh: ['垂线'],
    synonyms: ['Perpendicular'],
    signatures: [{ args: ['point', 'line'], make: (a) => ({ element: { type: 'perpendicular', through: id(a[0]), to: id(a[1]) }, nameKind: 'line' }) }],
    print: (el) => (el.type === 'perpendicular' ? [el.through, el.to] : undefined),
  },
  {
    name: 'Parallel',
    zh: ['平行线'],
    synonyms: ['ParallelLine'],
    signatures: [{ args: ['point', 'line'], make: (a) => ({ element: { type: 'parallel', through: id(a[0]), to: id(a[1]) }, nameKind: 'line' }) }],
    print: (el) => (el.type === 'parallel' ? [el.through, el.to] : undefined),
  },
  {
    name: 'AngleBisector',
    zh: ['角平分线'],
    signatures: [{ args: ['point', 'point', 'point'], make: (a) => ({ element: { type: 'bisector', points: [id(a[0]), id(a[1]), id(a[2])] }, nameKind: 'line' }) }],
    print: (el) => (el.type === 'bisector' ? el.points : undefined),
  },
  {
    name: 'Angle',
    zh: ['角'],
    signatures: [{ args: ['point', 'point', 'point'], make: (a) => ({ element: { type: 'angle', points: [id(a[0]), id(a[1]), id(a[2])] }, nameKind: 'angle' }) }],
    print: (el) => (el.type === 'angle' ? el.points : undefined),
  },
  {
    name: 'Tangent',
    zh: ['切线'],
    signatures: [
      { args: ['point', 'function'], make: (a) => ({ element: { type: 'tangent', of: id(a[1]), at: id(a[0]) }, nameKind: 'line' }) },
      { args: ['number', 'function'], make: (a) => ({ element: { type: 'tangent', of: id(a[1]), x: num(a[0]) }, nameKind: 'line' }) },
      // To a circle from a point: the first of the two, or the n-th (GeoGebra counts from 1).
      { args: ['point', 'circle'], make: (a) => ({ element: { type: 'circletangent', of: id(a[1]), through: id(a[0]) }, nameKind: 'line' }) },
      {
        args: ['point', 'circle', 'number'],
        make: (a) => ({ element: { type: 'circletangent', of: id(a[1]), through: id(a[0]), ...(num(a[2]) === 2 ? { index: 1 as const } : {}) }, nameKind: 'line' }),
      },
    ],
    print: (el) => (el.type === 'tangent' ? [el.at ?? el.x ?? 0, el.of] : el.type === 'circletangent' ? [el.through, el.of, ...(el.index === 1 ? [2] : [])] : undefined),
  },
  {
    name: 'Ellipse',
    zh: ['椭圆'],
    signatures: [{ args: ['point', 'point', 'point'], make: (a) => ({ element: { type: 'ellipse', foci: [id(a[0]), id(a[1])], through: id(a[2]) }, nameKind: 'circle' }) }],
    print: (el) => (el.type === 'ellipse' ? [...el.foci, el.through] : undefined),
  },
  {
    name: 'CircularArc',
    zh: ['圆弧'],
    synonyms: ['Arc'],
    signatures: [{ args: ['point', 'point', 'point'], make: (a) => ({ element: { type: 'arc', center: id(a[0]), from: id(a[1]), to: id(a[2]) }, nameKind: 'circle' }) }],
    print: (el) => (el.type === 'arc' ? [el.center, el.from, el.to] : undefined),
  },
  // Format version 2.
  {
    name: 'PerpendicularBisector',
    zh: ['中垂线', '垂直平分线'],
    signatures: [{ args: ['point', 'point'], make: (a) => ({ element: { type: 'perpbisector', points: [id(a[0]), id(a[1])] }, nameKind: 'line' }) }],
    print: (el) => (el.type === 'perpbisector' ? el.points : undefined),
  },
  {
    name: 'RegularPolygon',
    zh: ['正多边形'],
    signatures: [{ args: ['point', 'point', 'number'], make: (a) => ({ element: { type: 'regularpolygon', points: [id(a[0]), id(a[1])], n: Number(num(a[2])) }, nameKind: 'polygon' }) }],
    print: (el) => (el.type === 'regularpolygon' ? [...el.points, el.n] : undefined),
  },
  {
    name: 'Semicircle',
    zh: ['半圆'],
    signatures: [{ args: ['point', 'point'], make: (a) => ({ element: { type: 'semicircle', points: [id(a[0]), id(a[1])] }, nameKind: 'circle' }) }],
    print: (el) => (el.type === 'semicircle' ? el.points : undefined),
  },
  {
    name: 'CircularSector',
    zh: ['扇形'],
    synonyms: ['Sector'],
    signatures: [{ args: ['point', 'point', 'point'], make: (a) => ({ element: { type: 'sector', center: id(a[0]), from: id(a[1]), to: id(a[2]) }, nameKind: 'circle' }) }],
    print: (el) => (el.type === 'sector' ? [el.center, el.from, el.to] : undefined),
  },
  {
    name: 'Parabola',
    zh: ['抛物线'],
    signatures: [{ args: ['point', 'line'], make: (a) => ({ element: { type: 'parabola', focus: id(a[0]), directrix: id(a[1]) }, nameKind: 'circle' }) }],
    print: (el) => (el.type === 'parabola' ? [el.focus, el.directrix] : undefined),
  },
  {
    name: 'Hyperbola',
    zh: ['双曲线'],
    signatures: [{ args: ['point', 'point', 'point'], make: (a) => ({ element: { type: 'hyperbola', foci: [id(a[0]), id(a[1])], through: id(a[2]) }, nameKind: 'circle' }) }],
    print: (el) => (el.type === 'hyperbola' ? [...el.foci, el.through] : undefined),
  },
  {
    name: 'Reflect',
    zh: ['对称', '轴对称', '中心对称'],
    synonyms: ['Mirror'],
    signatures: [{ args: ['transformable', 'pointOrLine'], make: (a) => ({ element: { type: 'reflection', of: id(a[0]), about: id(a[1]) }, nameKind: 'point' }) }],
    print: (el) => (el.type === 'reflection' ? [el.of, el.about] : undefined),
  },
  {
    // GeoGebra's order: the object, the angle (here in degrees), the centre.
    name: 'Rotate',
    zh: ['旋转'],
    signatures: [{ args: ['transformable', 'number', 'point'], make: (a) => ({ element: { type: 'rotation', of: id(a[0]), angle: num(a[1]), center: id(a[2]) }, nameKind: 'point' }) }],
    print: (el) => (el.type === 'rotation' ? [el.of, el.angle, el.center] : undefined),
  },
  {
    name: 'Translate',
    zh: ['平移'],
    signatures: [{ args: ['transformable', 'vector'], make: (a) => ({ element: { type: 'translation', of: id(a[0]), by: id(a[1]) }, nameKind: 'point' }) }],
    print: (el) => (el.type === 'translation' ? [el.of, el.by] : undefined),
  },
  {
    name: 'Dilate',
    zh: ['位似', '缩放'],
    signatures: [{ args: ['transformable', 'number', 'point'], make: (a) => ({ element: { type: 'dilation', of: id(a[0]), factor: num(a[1]), center: id(a[2]) }, nameKind: 'point' }) }],
    print: (el) => (el.type === 'dilation' ? [el.of, el.factor, el.center] : undefined),
  },
  {
    name: 'Locus',
    zh: ['轨迹'],
    signatures: [{ args: ['point', 'point'], make: (a) => ({ element: { type: 'locus', of: id(a[0]), driver: id(a[1]) }, nameKind: 'locus' }) }],
    print: (el) => (el.type === 'locus' ? [el.of, el.driver] : undefined),
  },
  {
    name: 'Slider',
    zh: ['滑块', '变量尺'],
    signatures: [
      { args: ['number', 'number'], make: (a) => slider(a) },
      { args: ['number', 'number', 'number'], make: (a) => slider(a) },
    ],
    print: (el) => (el.type === 'slider' ? [el.min, el.max, ...(el.step !== undefined ? [el.step] : [])] : undefined),
  },
];

function slider(a: readonly Arg[]): Draft {
  const min = Number(num(a[0]));
  const max = Number(num(a[1]));
  const step = a[2] ? Number(num(a[2])) : undefined;
  return { element: { type: 'slider', min, max, value: min, ...(step !== undefined ? { step } : {}) } as Draft['element'], nameKind: 'slider' };
}

const BY_NAME = new Map<string, CommandDefinition>();
for (const c of COMMANDS) for (const n of [c.name, ...c.zh, ...(c.synonyms ?? [])]) BY_NAME.set(n.toLowerCase(), c);

/** A command by any of its names, English ones in any case. */
export function findCommand(name: string): CommandDefinition | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** How `el` would be written on the input line, in the language asked for. */
export function definitionText(el: FigureElement, lang: 'zh-CN' | 'en'): string {
  if (el.type === 'point') return `(${el.x}, ${el.y})`;
  if (el.type === 'functiongraph') return `${el.id}(x) = ${el.f}`;
  for (const c of COMMANDS) {
    const args = c.print?.(el);
    if (args) return `${lang === 'zh-CN' ? c.zh[0]! : c.name}(${args.join(', ')})`;
  }
  return el.type;
}

/** The signatures of a command, for an error message: "Circle(point, point) · Circle(point, number) …". */
export function signatureText(c: CommandDefinition, kindName: (k: ArgKind) => string, lang: 'zh-CN' | 'en'): string {
  const name = lang === 'zh-CN' ? c.zh[0]! : c.name;
  return c.signatures.map((s) => `${name}(${s.args.map(kindName).join(', ')}${s.variadicUpTo ? ', …' : ''})`).join(' · ');
}
