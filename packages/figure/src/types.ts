/** TypeScript types of the figure document format, versions 1 and 2 (see docs/format.md). */

export type Locale = 'en' | 'zh-CN';

/** A plain string, or strings keyed by locale tag. */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** A JSON number, or an expression in the figure expression language. */
export type NumberOrExpression = number | string;

export interface ElementStyle {
  color?: string;
  fillColor?: string;
  fillOpacity?: number;
  strokeWidth?: number;
  dash?: number;
  size?: number;
}

interface ElementBase {
  id: string;
  label?: LocalizedText;
  showLabel?: boolean;
  visible?: boolean;
  style?: ElementStyle;
}

export interface PointElement extends ElementBase {
  /** Leaves a trail as it moves (format version 2). */
  trace?: boolean;
  type: 'point';
  x: NumberOrExpression;
  y: NumberOrExpression;
  fixed?: boolean;
}
export interface GliderElement extends ElementBase {
  /** Leaves a trail as it moves (format version 2). */
  trace?: boolean;
  type: 'glider';
  on: string;
  x: number;
  y: number;
}
export interface MidpointElement extends ElementBase {
  /** Leaves a trail as it moves (format version 2). */
  trace?: boolean;
  type: 'midpoint';
  of: string | [string, string];
}
export interface IntersectionElement extends ElementBase {
  /** Leaves a trail as it moves (format version 2). */
  trace?: boolean;
  type: 'intersection';
  of: [string, string];
  index?: 0 | 1;
}
export interface SliderElement extends ElementBase {
  type: 'slider';
  min: number;
  max: number;
  value: number;
  step?: number;
  position?: [[number, number], [number, number]];
}
export interface TwoPointElement extends ElementBase {
  type: 'segment' | 'line' | 'ray' | 'vector';
  points: [string, string];
}
export interface PerpendicularElement extends ElementBase {
  type: 'perpendicular' | 'parallel';
  to: string;
  through: string;
}
export interface BisectorElement extends ElementBase {
  type: 'bisector';
  points: [string, string, string];
}
export interface TangentElement extends ElementBase {
  type: 'tangent';
  of: string;
  at?: string;
  x?: NumberOrExpression;
}
export interface CircleElement extends ElementBase {
  type: 'circle';
  center?: string;
  through?: string | [string, string, string];
  radius?: NumberOrExpression;
}
export interface ArcElement extends ElementBase {
  type: 'arc';
  center: string;
  from: string;
  to: string;
}
export interface EllipseElement extends ElementBase {
  type: 'ellipse';
  foci: [string, string];
  through: string;
}
export interface PolygonElement extends ElementBase {
  type: 'polygon';
  points: string[];
  fill?: boolean;
}
export interface FunctionGraphElement extends ElementBase {
  type: 'functiongraph';
  f: string;
  domain?: [NumberOrExpression, NumberOrExpression];
}
export interface CurveElement extends ElementBase {
  type: 'curve';
  x: string;
  y: string;
  t: [NumberOrExpression, NumberOrExpression];
}
export interface IntegralElement extends ElementBase {
  type: 'integral';
  of: string;
  from: NumberOrExpression;
  to: NumberOrExpression;
}
export interface RiemannElement extends ElementBase {
  type: 'riemann';
  of: string;
  n: NumberOrExpression;
  from: NumberOrExpression;
  to: NumberOrExpression;
  method?: 'left' | 'right' | 'middle' | 'trapezoid';
}
export interface AngleElement extends ElementBase {
  type: 'angle';
  points: [string, string, string];
  showMeasure?: boolean;
  unit?: 'deg' | 'rad';
  radius?: number;
}
export interface TextElement extends ElementBase {
  type: 'text';
  x: NumberOrExpression;
  y: NumberOrExpression;
  text: LocalizedText;
  fontSize?: number;
}

// Format version 2.
export interface PerpendicularBisectorElement extends ElementBase {
  type: 'perpbisector';
  points: [string, string];
}
export interface RegularPolygonElement extends ElementBase {
  type: 'regularpolygon';
  points: [string, string];
  n: number;
  fill?: boolean;
}
export interface SemicircleElement extends ElementBase {
  type: 'semicircle';
  points: [string, string];
}
export interface SectorElement extends ElementBase {
  type: 'sector';
  center: string;
  from: string;
  to: string;
}
export interface ParabolaElement extends ElementBase {
  type: 'parabola';
  focus: string;
  directrix: string;
}
export interface HyperbolaElement extends ElementBase {
  type: 'hyperbola';
  foci: [string, string];
  through: string;
}
export interface ReflectionElement extends ElementBase {
  /** Leaves a trail as it moves (format version 2). */
  trace?: boolean;
  type: 'reflection';
  /** What is reflected: a point, segment, line, ray, vector, circle or polygon; the image is of the same kind. */
  of: string;
  /** A line (reflection in it) or a point (half-turn about it). */
  about: string;
}
export interface RotationElement extends ElementBase {
  /** Leaves a trail as it moves (format version 2). */
  trace?: boolean;
  type: 'rotation';
  /** A point, segment, line, ray, vector, circle or polygon; the image is of the same kind. */
  of: string;
  center: string;
  /** Degrees, counter-clockwise. */
  angle: NumberOrExpression;
}
export interface TranslationElement extends ElementBase {
  /** Leaves a trail as it moves (format version 2). */
  trace?: boolean;
  type: 'translation';
  /** A point, segment, line, ray, vector, circle or polygon; the image is of the same kind. */
  of: string;
  by: string;
}
export interface DilationElement extends ElementBase {
  /** Leaves a trail as it moves (format version 2). */
  trace?: boolean;
  type: 'dilation';
  /** A point, segment, line, ray, vector, circle or polygon; the image is of the same kind. */
  of: string;
  center: string;
  factor: NumberOrExpression;
}

export interface LocusElement extends ElementBase {
  type: 'locus';
  /** The point whose path is drawn. */
  of: string;
  /** The glider whose run along its object drives it. */
  driver: string;
}

export interface CircleTangentElement extends ElementBase {
  type: 'circletangent';
  /** The circle. */
  of: string;
  /** The point outside it the tangent goes through. */
  through: string;
  /** Which of the two tangents (default 0). */
  index?: 0 | 1;
}

export interface CheckboxElement extends ElementBase {
  type: 'checkbox';
  x: number;
  y: number;
  /** What the box says, e.g. 显示辅助线 / Show the construction lines. */
  text: LocalizedText;
  /** Ticked at the start (default false). */
  value?: boolean;
  /** The elements it shows (ticked) and hides (unticked). */
  controls: string[];
}

export type FigureElement =
  | PointElement
  | GliderElement
  | MidpointElement
  | IntersectionElement
  | SliderElement
  | TwoPointElement
  | PerpendicularElement
  | BisectorElement
  | TangentElement
  | CircleElement
  | ArcElement
  | EllipseElement
  | PolygonElement
  | FunctionGraphElement
  | CurveElement
  | IntegralElement
  | RiemannElement
  | AngleElement
  | TextElement
  | PerpendicularBisectorElement
  | RegularPolygonElement
  | SemicircleElement
  | SectorElement
  | ParabolaElement
  | HyperbolaElement
  | ReflectionElement
  | RotationElement
  | TranslationElement
  | DilationElement
  | LocusElement
  | CircleTangentElement
  | CheckboxElement;

export type ElementType = FigureElement['type'];

export interface BoardSettings {
  /** [xmin, ymax, xmax, ymin], as JSXGraph orders it. */
  boundingBox: [number, number, number, number];
  axis?: boolean;
  grid?: boolean;
  keepAspectRatio?: boolean;
}

/** Slider values by id, and `[x, y]` positions of free points and gliders by id. */
export type FigureState = Record<string, number | [number, number]>;

export interface FigureMeta {
  stage?: 'primary' | 'junior' | 'senior';
  grade?: number;
  topics?: string[];
}

export interface FigureDocument {
  format: 'netpad-figure';
  /** 1, or 2 when the figure uses a type version 2 added (perpbisector, regularpolygon, …). */
  version: 1 | 2;
  title: LocalizedText;
  description?: LocalizedText;
  meta?: FigureMeta;
  board: BoardSettings;
  elements: FigureElement[];
  state?: FigureState;
}
