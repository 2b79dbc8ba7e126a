import type { Category } from '@netpad/figure';
import type { Draft } from '../input/commands';

/**
 * The construction tools, each a small state machine over its steps: a step names what a click
 * must pick and what to tell the teacher meanwhile. A tool is one entry here; the editor runs
 * every tool the same way (tools/session.ts).
 */

type Texts = { readonly en: string; readonly 'zh-CN': string };

/** What a step picks: a point (made on the spot when the click is on empty space), or an object. */
/** `place`: a spot on the board, picking nothing (where a slider or a text goes). */
export type PickKind = 'point' | 'line' | 'circle' | 'function' | 'intersectable' | 'vector' | 'pointOrLine' | 'transformable' | 'region' | 'place';

export const PICK_ACCEPTS: Record<Exclude<PickKind, 'point' | 'place'>, readonly Category[]> = {
  line: ['segment', 'linelike'],
  vector: ['linelike'],
  pointOrLine: ['point', 'segment', 'linelike'],
  /** What a transformation maps: its image is of the same kind. */
  transformable: ['point', 'segment', 'linelike', 'circle', 'polygon'],
  /** What has an area. */
  region: ['polygon', 'circle'],
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
  /** A number the tool needs besides its picks (a regular polygon's sides, an angle), asked beside the prompt. */
  readonly parameter?: { readonly label: Texts; readonly value: number; readonly min: number; readonly max: number; readonly step: number };
  /** A text the tool needs (a text's words), asked beside the prompt. */
  readonly textParameter?: { readonly label: Texts; readonly value: Texts };
  /**
   * What the picks make; undefined for tools whose picks are the result (point, move). Several
   * drafts are one step; a later one refers to an earlier one as `$0`, `$1`… (its name to be).
   */
  readonly make?: (picks: readonly string[], context: ToolContext) => Draft | readonly Draft[];
  /**
   * A first click on an object of these kinds (and on no point) completes the tool at once with
   * `make`: the Distance tool measures the segment or circle it is clicked on.
   */
  readonly completesOn?: { readonly accepts: readonly Category[]; readonly make: (id: string, context: ToolContext) => Draft };
}

export interface ToolContext {
  /** The tool's number as the teacher set it. */
  readonly parameter: number;
  /** The tool's text as the teacher typed it. */
  readonly text: string;
  /** Where the last click was, in figure units. */
  readonly at: readonly [number, number];
  /** The object selected in the object list, if any. */
  readonly selected?: string;
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
  // Format version 2.
  {
    id: 'perpendicular-bisector',
    label: { en: 'Perpendicular bisector', 'zh-CN': '中垂线' },
    glyph: '⊥|',
    steps: [P('Pick or place the first point', '选择或放置第一个点'), P('Pick or place the second point', '选择或放置第二个点')],
    preview: 'line',
    make: ([a, b]) => ({ element: { type: 'perpbisector', points: [a!, b!] }, nameKind: 'line' }),
  },
  {
    id: 'regular-polygon',
    label: { en: 'Regular polygon', 'zh-CN': '正多边形' },
    glyph: '⬡',
    steps: [P('Pick or place the first vertex', '选择或放置第一个顶点'), P('Pick or place the second vertex', '选择或放置第二个顶点')],
    parameter: { label: { en: 'Sides', 'zh-CN': '边数' }, value: 5, min: 3, max: 24, step: 1 },
    preview: 'line',
    make: ([a, b], { parameter: n }) => ({ element: { type: 'regularpolygon', points: [a!, b!], n: Math.round(n) }, nameKind: 'polygon' }),
  },
  {
    id: 'semicircle',
    label: { en: 'Semicircle', 'zh-CN': '半圆' },
    glyph: '◠',
    steps: [P('Pick or place one end of the diameter', '选择或放置直径的一端'), P('Pick or place the other end', '选择或放置直径的另一端')],
    preview: 'line',
    make: ([a, b]) => ({ element: { type: 'semicircle', points: [a!, b!] }, nameKind: 'circle' }),
  },
  {
    id: 'sector',
    label: { en: 'Circular sector', 'zh-CN': '扇形' },
    glyph: '◔',
    steps: [P('Pick or place the centre', '选择或放置圆心'), P('Pick or place where the arc starts', '选择或放置弧的起点'), P('Pick or place a point on the ray where it ends', '选择或放置终边上的点')],
    preview: 'circle',
    make: ([o, a, b]) => ({ element: { type: 'sector', center: o!, from: a!, to: b! }, nameKind: 'circle' }),
  },
  {
    id: 'parabola',
    label: { en: 'Parabola (focus and directrix)', 'zh-CN': '抛物线（焦点与准线）' },
    glyph: '∪',
    steps: [P('Pick or place the focus', '选择或放置焦点'), { pick: 'line', prompt: { en: 'Pick the directrix (a line)', 'zh-CN': '选择准线（一条直线）' } }],
    make: ([f, l]) => ({ element: { type: 'parabola', focus: f!, directrix: l! }, nameKind: 'circle' }),
  },
  {
    id: 'hyperbola',
    label: { en: 'Hyperbola', 'zh-CN': '双曲线' },
    glyph: ')(',
    steps: [P('Pick or place the first focus', '选择或放置第一个焦点'), P('Pick or place the second focus', '选择或放置第二个焦点'), P('Pick or place a point on the hyperbola', '选择或放置双曲线上一点')],
    make: ([f1, f2, p]) => ({ element: { type: 'hyperbola', foci: [f1!, f2!], through: p! }, nameKind: 'circle' }),
  },
  {
    id: 'reflect',
    label: { en: 'Reflect about a line or a point', 'zh-CN': '对称（关于直线或点）' },
    glyph: '⇋',
    steps: [{ pick: 'transformable', prompt: { en: 'Pick what to reflect (a point, line, circle or polygon)', 'zh-CN': '选择要对称的对象（点、线、圆或多边形）' } }, { pick: 'pointOrLine', prompt: { en: 'Pick the mirror line, or the centre point', 'zh-CN': '选择对称轴，或对称中心' } }],
    make: ([a, about]) => ({ element: { type: 'reflection', of: a!, about: about! }, nameKind: 'point' }),
  },
  {
    id: 'rotate',
    label: { en: 'Rotate about a point', 'zh-CN': '旋转' },
    glyph: '↻',
    steps: [{ pick: 'transformable', prompt: { en: 'Pick what to rotate (a point, line, circle or polygon)', 'zh-CN': '选择要旋转的对象（点、线、圆或多边形）' } }, P('Pick or place the centre', '选择或放置旋转中心')],
    parameter: { label: { en: 'Angle (°)', 'zh-CN': '角度（°）' }, value: 90, min: -360, max: 360, step: 1 },
    make: ([a, o], { parameter: angle }) => ({ element: { type: 'rotation', of: a!, center: o!, angle }, nameKind: 'point' }),
  },
  {
    id: 'translate',
    label: { en: 'Translate by a vector', 'zh-CN': '平移' },
    glyph: '⇉',
    steps: [{ pick: 'transformable', prompt: { en: 'Pick what to translate (a point, line, circle or polygon)', 'zh-CN': '选择要平移的对象（点、线、圆或多边形）' } }, { pick: 'vector', prompt: { en: 'Pick the vector', 'zh-CN': '选择向量' } }],
    make: ([a, v]) => ({ element: { type: 'translation', of: a!, by: v! }, nameKind: 'point' }),
  },
  {
    id: 'dilate',
    label: { en: 'Dilate from a point', 'zh-CN': '位似' },
    glyph: '⤢',
    steps: [{ pick: 'transformable', prompt: { en: 'Pick what to dilate (a point, line, circle or polygon)', 'zh-CN': '选择要位似变换的对象（点、线、圆或多边形）' } }, P('Pick or place the centre', '选择或放置位似中心')],
    parameter: { label: { en: 'Factor', 'zh-CN': '相似比' }, value: 2, min: -100, max: 100, step: 0.1 },
    make: ([a, o], { parameter: k }) => ({ element: { type: 'dilation', of: a!, center: o!, factor: k }, nameKind: 'point' }),
  },
  {
    id: 'circle-tangents',
    label: { en: 'Tangents to a circle', 'zh-CN': '圆的切线' },
    glyph: '○/',
    steps: [P('Pick or place the point outside the circle', '选择或放置圆外的点'), { pick: 'circle', prompt: { en: 'Pick the circle', 'zh-CN': '选择圆' } }],
    make: ([p, c]) => [
      { element: { type: 'circletangent', of: c!, through: p! }, nameKind: 'line' },
      { element: { type: 'circletangent', of: c!, through: p!, index: 1 }, nameKind: 'line' },
    ],
  },
  {
    id: 'checkbox',
    label: { en: 'Checkbox to show and hide', 'zh-CN': '显示/隐藏复选框' },
    glyph: '☑',
    steps: [{ pick: 'place', prompt: { en: 'Select in the list what it shows and hides, type its words, then click where the box goes', 'zh-CN': '先在对象列表中选择要显示/隐藏的对象，输入文字，再单击放置复选框' } }],
    textParameter: { label: { en: 'Words', 'zh-CN': '文字' }, value: { en: 'Show', 'zh-CN': '显示' } },
    make: (_picks, { at: [x, y], text, selected }) => ({
      element: { type: 'checkbox', x: round2(x), y: round2(y), text, value: true, controls: selected ? [selected] : [] },
      nameKind: 'other',
    }),
  },
  {
    id: 'locus',
    label: { en: 'Locus', 'zh-CN': '轨迹' },
    glyph: '∿',
    steps: [P('Pick the point whose path to draw', '选择要画出轨迹的点'), P('Pick the point on an object that drives it', '选择带动它的、在对象上的点')],
    make: ([p, g]) => ({ element: { type: 'locus', of: p!, driver: g! }, nameKind: 'locus' }),
  },
  // Made of the others.
  {
    id: 'segment-length',
    label: { en: 'Segment with given length', 'zh-CN': '定长线段' },
    glyph: '—⇥',
    steps: [P('Pick or place the first endpoint', '选择或放置第一个端点')],
    parameter: { label: { en: 'Length', 'zh-CN': '长度' }, value: 3, min: 0.01, max: 1000, step: 0.1 },
    make: ([a], { parameter: length }) => [
      { element: { type: 'point', x: `${a}.x + ${length}`, y: `${a}.y` }, nameKind: 'point' },
      { element: { type: 'segment', points: [a!, '$0'] }, nameKind: 'line' },
    ],
  },
  {
    id: 'compass',
    label: { en: 'Compass', 'zh-CN': '圆规' },
    glyph: '⊙',
    steps: [P('Pick the first point of the radius', '选择半径的第一个端点'), P('Pick the second point of the radius', '选择半径的第二个端点'), P('Pick or place the centre', '选择或放置圆心')],
    make: ([a, b, o]) => ({ element: { type: 'circle', center: o!, radius: `dist(${a}, ${b})` }, nameKind: 'circle' }),
  },
  {
    id: 'angle-size',
    label: { en: 'Angle with given size', 'zh-CN': '定角' },
    glyph: '∠°',
    steps: [P('Pick or place a point on the first side', '选择或放置第一条边上的点'), P('Pick or place the vertex', '选择或放置顶点')],
    parameter: { label: { en: 'Size (°)', 'zh-CN': '大小（°）' }, value: 45, min: -360, max: 360, step: 1 },
    make: ([a, b], { parameter: degrees }) => [
      { element: { type: 'rotation', of: a!, center: b!, angle: degrees }, nameKind: 'point' },
      { element: { type: 'angle', points: [a!, b!, '$0'] }, nameKind: 'angle' },
    ],
  },
  {
    id: 'circle-radius',
    label: { en: 'Circle with centre and radius', 'zh-CN': '圆（圆心和半径）' },
    glyph: '⊙r',
    steps: [P('Pick or place the centre', '选择或放置圆心')],
    parameter: { label: { en: 'Radius', 'zh-CN': '半径' }, value: 2, min: 0.01, max: 1000, step: 0.1 },
    make: ([o], { parameter: r }) => ({ element: { type: 'circle', center: o!, radius: r }, nameKind: 'circle' }),
  },
  {
    id: 'arc',
    label: { en: 'Arc', 'zh-CN': '圆弧' },
    glyph: '◠',
    steps: [P('Pick or place the centre', '选择或放置圆心'), P('Pick or place where the arc starts', '选择或放置圆弧的起点'), P('Pick or place a point on the ray where it ends (counter-clockwise)', '选择或放置终边上的点（逆时针）')],
    preview: 'circle',
    make: ([o, a, b]) => ({ element: { type: 'arc', center: o!, from: a!, to: b! }, nameKind: 'circle' }),
  },
  {
    id: 'function-tangent',
    label: { en: 'Tangent to a function graph', 'zh-CN': '函数图象的切线' },
    glyph: 'f/',
    steps: [{ pick: 'function', prompt: { en: 'Click the graph where the tangent touches it', 'zh-CN': '在函数图象上单击切点的位置' } }],
    // The point of contact is a point on the graph, so the teacher can slide the tangent along it.
    make: ([f], { at: [x, y] }) => [
      { element: { type: 'glider', on: f!, x: round2(x), y: round2(y) }, nameKind: 'point' },
      { element: { type: 'tangent', of: f!, at: '$0' }, nameKind: 'line' },
    ],
  },
  {
    id: 'function',
    label: { en: 'Function graph', 'zh-CN': '函数图象' },
    glyph: 'f(x)',
    steps: [{ pick: 'place', prompt: { en: 'Type f(x), then click the board', 'zh-CN': '输入 f(x)，再单击画板' } }],
    textParameter: { label: { en: 'f(x) =', 'zh-CN': 'f(x) =' }, value: { en: 'x^2', 'zh-CN': 'x^2' } },
    make: (_picks, { text }) => ({ element: { type: 'functiongraph', f: text }, nameKind: 'function' }),
  },
  {
    id: 'distance',
    label: { en: 'Distance or length', 'zh-CN': '距离或长度' },
    glyph: '|↔|',
    steps: [P('Pick two points, or a segment or circle', '选择两个点，或一条线段、一个圆'), P('Pick the second point', '选择第二个点')],
    preview: 'line',
    // A live text beside the midpoint: it follows the points and shows the distance as they move.
    make: ([a, b]) => ({
      element: { type: 'text', x: `(${a}.x + ${b}.x) / 2`, y: `(${a}.y + ${b}.y) / 2 + 0.4`, text: `${a}${b} = {dist(${a}, ${b})}` },
      nameKind: 'text',
    }),
    completesOn: {
      accepts: ['segment', 'circle'],
      make: (s, { at: [x, y] }) => ({ element: { type: 'text', x: round2(x), y: round2(y + 0.4), text: { en: `Length of ${s} = {length(${s})}`, 'zh-CN': `${s} 的长度 = {length(${s})}` } }, nameKind: 'text' }),
    },
  },
  {
    id: 'area',
    label: { en: 'Area', 'zh-CN': '面积' },
    glyph: '▨',
    steps: [{ pick: 'region', prompt: { en: 'Pick a polygon or a circle', 'zh-CN': '选择多边形或圆' } }],
    make: ([r], { at: [x, y] }) => ({
      element: { type: 'text', x: round2(x), y: round2(y), text: { en: `Area of ${r} = {area(${r})}`, 'zh-CN': `${r} 的面积 = {area(${r})}` } },
      nameKind: 'text',
    }),
  },
  {
    id: 'slope',
    label: { en: 'Slope', 'zh-CN': '斜率' },
    glyph: '⟋',
    steps: [{ pick: 'line', prompt: { en: 'Pick a line or a segment', 'zh-CN': '选择直线或线段' } }],
    make: ([l], { at: [x, y] }) => ({
      element: { type: 'text', x: round2(x), y: round2(y), text: { en: `Slope of ${l} = {slope(${l})}`, 'zh-CN': `${l} 的斜率 = {slope(${l})}` } },
      nameKind: 'text',
    }),
  },
  {
    id: 'slider',
    label: { en: 'Slider', 'zh-CN': '滑块（变量尺）' },
    glyph: '⊶',
    steps: [{ pick: 'place', prompt: { en: 'Click where the slider goes', 'zh-CN': '单击放置滑块的位置' } }],
    make: (_picks, { at: [x, y] }) => ({
      element: { type: 'slider', min: -5, max: 5, value: 1, step: 0.1, position: [[round2(x), round2(y)], [round2(x + 4), round2(y)]] },
      nameKind: 'slider',
    }),
  },
  {
    id: 'text',
    label: { en: 'Text', 'zh-CN': '文本' },
    glyph: 'T',
    steps: [{ pick: 'place', prompt: { en: 'Type the text (values in braces: {dist(A, B)}), then click where it goes', 'zh-CN': '输入文本（花括号里写要显示的值，如 {dist(A, B)}），再单击放置' } }],
    textParameter: { label: { en: 'Text', 'zh-CN': '文本' }, value: { en: 'AB = {dist(A, B)}', 'zh-CN': 'AB = {dist(A, B)}' } },
    make: (_picks, { at: [x, y], text }) => ({ element: { type: 'text', x: round2(x), y: round2(y), text }, nameKind: 'text' }),
  },
];

const round2 = (v: number) => Math.round(v * 100) / 100;

export const TOOL_IDS: readonly string[] = TOOLS.map((t) => t.id);

/** GeoGebra's first level: what a blank figure offers a beginner. */
export const BASIC_TOOLS: readonly string[] = ['move', 'point', 'segment', 'line', 'polygon', 'circle'];

export function findTool(id: string): ToolDefinition | undefined {
  return TOOLS.find((t) => t.id === id);
}
