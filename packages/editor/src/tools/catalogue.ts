import type { Category } from '@netpad/figure';
import type { Draft } from '../input/commands';

/**
 * The construction tools, each a small state machine over its steps: a step names what a click
 * must pick and what to tell the teacher meanwhile. A tool is one entry here; the editor runs
 * every tool the same way (tools/session.ts).
 */

type Texts = { readonly en: string; readonly 'zh-CN': string };

/** What a step picks: a point (made on the spot when the click is on empty space), or an object. */
export type PickKind = 'point' | 'line' | 'circle' | 'function' | 'intersectable';

export const PICK_ACCEPTS: Record<Exclude<PickKind, 'point'>, readonly Category[]> = {
  line: ['segment', 'linelike'],
  circle: ['circle'],
  function: ['function'],
  intersectable: ['segment', 'linelike', 'circle'],
};

export interface ToolStep {
  readonly pick: PickKind;
  readonly prompt: Texts;
}

export interface ToolDefinition {
  readonly id: string;
  readonly label: Texts;
  /** A short mark for the toolbar button (the label is its accessible name). */
  readonly glyph: string;
  readonly steps: readonly ToolStep[];
  /** Keeps taking points until the first one is picked again (a polygon). */
  readonly closes?: boolean;
  /** Which preview follows the pointer after the first pick. */
  readonly preview?: 'line' | 'circle' | 'polyline';
  /** What the picks make; undefined for tools whose picks are the result (point, move). */
  readonly make?: (picks: readonly string[]) => Draft;
}

const P = (en: string, zh: string): ToolStep => ({ pick: 'point', prompt: { en, 'zh-CN': zh } });

const twoPoints = (id: string, en: string, zh: string, glyph: string, type: 'segment' | 'line' | 'ray' | 'vector', first: [string, string], second: [string, string]): ToolDefinition => ({
  id,
  label: { en, 'zh-CN': zh },
  glyph,
  steps: [P(...first), P(...second)],
  preview: 'line',
  make: ([a, b]) => ({ element: { type, points: [a!, b!] }, nameKind: 'line' }),
});

export const TOOLS: readonly ToolDefinition[] = [
  { id: 'move', label: { en: 'Move', 'zh-CN': '移动' }, glyph: '↖', steps: [] },
  { id: 'point', label: { en: 'Point', 'zh-CN': '点' }, glyph: '•', steps: [P('Click on empty space, an object or a crossing', '在空白处、对象上或交叉处单击')] },
  {
    id: 'intersect',
    label: { en: 'Intersect', 'zh-CN': '交点' },
    glyph: '✕',
    steps: [
      { pick: 'intersectable', prompt: { en: 'Pick the first line or circle', 'zh-CN': '选择第一条线或圆' } },
      { pick: 'intersectable', prompt: { en: 'Pick the second line or circle', 'zh-CN': '选择第二条线或圆' } },
    ],
    make: ([a, b]) => ({ element: { type: 'intersection', of: [a!, b!] }, nameKind: 'point' }),
  },
  {
    id: 'midpoint',
    label: { en: 'Midpoint', 'zh-CN': '中点' },
    glyph: '⋅|⋅',
    steps: [P('Pick the first point', '选择第一个点'), P('Pick the second point', '选择第二个点')],
    preview: 'line',
    make: ([a, b]) => ({ element: { type: 'midpoint', of: [a!, b!] }, nameKind: 'point' }),
  },
  twoPoints('segment', 'Segment', '线段', '—', 'segment', ['Pick or place the first endpoint', '选择或放置第一个端点'], ['Pick or place the second endpoint', '选择或放置第二个端点']),
  twoPoints('line', 'Line', '直线', '↔', 'line', ['Pick or place a first point on the line', '选择或放置直线上的第一个点'], ['Pick or place a second point', '选择或放置第二个点']),
  twoPoints('ray', 'Ray', '射线', '→', 'ray', ['Pick or place the start point', '选择或放置起点'], ['Pick or place a point the ray goes through', '选择或放置射线经过的点']),
  twoPoints('vector', 'Vector', '向量', '⇀', 'vector', ['Pick or place the start', '选择或放置起点'], ['Pick or place the end', '选择或放置终点']),
  {
    id: 'polygon',
    label: { en: 'Polygon', 'zh-CN': '多边形' },
    glyph: '⬠',
    steps: [P('Pick or place the vertices; pick the first one again to finish', '依次选择或放置顶点，再次选择第一个顶点完成')],
    closes: true,
    preview: 'polyline',
    make: (points) => ({ element: { type: 'polygon', points: [...points] }, nameKind: 'polygon' }),
  },
  {
    id: 'perpendicular',
    label: { en: 'Perpendicular line', 'zh-CN': '垂线' },
    glyph: '⊥',
    steps: [
      { pick: 'line', prompt: { en: 'Pick a line or segment', 'zh-CN': '选择一条直线或线段' } },
      P('Pick or place the point it goes through', '选择或放置垂线经过的点'),
    ],
    make: ([l, a]) => ({ element: { type: 'perpendicular', to: l!, through: a! }, nameKind: 'line' }),
  },
  {
    id: 'parallel',
    label: { en: 'Parallel line', 'zh-CN': '平行线' },
    glyph: '∥',
    steps: [
      { pick: 'line', prompt: { en: 'Pick a line or segment', 'zh-CN': '选择一条直线或线段' } },
      P('Pick or place the point it goes through', '选择或放置平行线经过的点'),
    ],
    make: ([l, a]) => ({ element: { type: 'parallel', to: l!, through: a! }, nameKind: 'line' }),
  },
  {
    id: 'angle-bisector',
    label: { en: 'Angle bisector', 'zh-CN': '角平分线' },
    glyph: '∠½',
    steps: [P('Pick a point on one side', '选择一边上的点'), P('Pick the vertex', '选择顶点'), P('Pick a point on the other side', '选择另一边上的点')],
    make: ([a, b, c]) => ({ element: { type: 'bisector', points: [a!, b!, c!] }, nameKind: 'line' }),
  },
  {
    id: 'circle',
    label: { en: 'Circle with centre through point', 'zh-CN': '圆（圆心与圆上一点）' },
    glyph: '◯',
    steps: [P('Pick or place the centre', '选择或放置圆心'), P('Pick or place a point on the circle', '选择或放置圆上一点')],
    preview: 'circle',
    make: ([o, a]) => ({ element: { type: 'circle', center: o!, through: a! }, nameKind: 'circle' }),
  },
  {
    id: 'circle3',
    label: { en: 'Circle through three points', 'zh-CN': '过三点的圆' },
    glyph: '◌',
    steps: [P('Pick or place the first point', '选择或放置第一个点'), P('Pick or place the second point', '选择或放置第二个点'), P('Pick or place the third point', '选择或放置第三个点')],
    make: ([a, b, c]) => ({ element: { type: 'circle', through: [a!, b!, c!] }, nameKind: 'circle' }),
  },
  {
    id: 'ellipse',
    label: { en: 'Ellipse', 'zh-CN': '椭圆' },
    glyph: '⬭',
    steps: [P('Pick or place the first focus', '选择或放置第一个焦点'), P('Pick or place the second focus', '选择或放置第二个焦点'), P('Pick or place a point on the ellipse', '选择或放置椭圆上一点')],
    make: ([f1, f2, p]) => ({ element: { type: 'ellipse', foci: [f1!, f2!], through: p! }, nameKind: 'circle' }),
  },
  {
    id: 'angle',
    label: { en: 'Angle', 'zh-CN': '角' },
    glyph: '∠',
    steps: [P('Pick a point on the first side', '选择第一条边上的点'), P('Pick the vertex', '选择顶点'), P('Pick a point on the second side', '选择第二条边上的点')],
    make: ([a, b, c]) => ({ element: { type: 'angle', points: [a!, b!, c!] }, nameKind: 'angle' }),
  },
];

export const TOOL_IDS: readonly string[] = TOOLS.map((t) => t.id);

export function findTool(id: string): ToolDefinition | undefined {
  return TOOLS.find((t) => t.id === id);
}
