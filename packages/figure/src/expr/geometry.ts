/**
 * Run-time readers for values from `Scope.lookup`. They check shapes rather than trust types,
 * because a wrong kind at run time must give NaN, never an exception or a host property.
 */
import type { CircleValue, ExprValue, LineValue, PointValue, PolygonValue, SegmentValue } from './values';

type Geo = Exclude<ExprValue, number>;

function geo(value: ExprValue | undefined): Geo | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

export function asPoint(value: ExprValue | undefined): PointValue | undefined {
  const v = geo(value);
  return v?.kind === 'point' && typeof v.x === 'number' && typeof v.y === 'number' ? v : undefined;
}

export function asSegmentOrLine(value: ExprValue | undefined): SegmentValue | LineValue | undefined {
  const v = geo(value);
  return (v?.kind === 'segment' || v?.kind === 'line') && asPoint(v.a) && asPoint(v.b) ? v : undefined;
}

export function asSegment(value: ExprValue | undefined): SegmentValue | undefined {
  const v = asSegmentOrLine(value);
  return v?.kind === 'segment' ? v : undefined;
}

export function asCircle(value: ExprValue | undefined): CircleValue | undefined {
  const v = geo(value);
  return v?.kind === 'circle' && typeof v.radius === 'number' ? v : undefined;
}

export function asPolygon(value: ExprValue | undefined): PolygonValue | undefined {
  const v = geo(value);
  return v?.kind === 'polygon' && Array.isArray(v.vertices) ? v : undefined;
}

export function distance(a: PointValue, b: PointValue): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

const TAU = 2 * Math.PI;

/** ∠ABC at vertex B, counter-clockwise from BA to BC, in [0, 2π); NaN when A or C is on B. */
export function angleAt(a: PointValue, b: PointValue, c: PointValue): number {
  if ((a.x === b.x && a.y === b.y) || (c.x === b.x && c.y === b.y)) return NaN;
  let r = (Math.atan2(c.y - b.y, c.x - b.x) - Math.atan2(a.y - b.y, a.x - b.x)) % TAU;
  if (r < 0) r += TAU;
  // Rounding can land a hair below 0 and wrap to exactly 2π.
  return r >= TAU ? 0 : r;
}

/** Absolute shoelace area; NaN when a vertex is not a point. */
export function polygonArea(polygon: PolygonValue): number {
  const vertices = polygon.vertices;
  const n = vertices.length;
  let twice = 0;
  for (let i = 0; i < n; i++) {
    const p = asPoint(vertices[i]);
    const q = asPoint(vertices[(i + 1) % n]);
    if (!p || !q) return NaN;
    twice += p.x * q.y - q.x * p.y;
  }
  return Math.abs(twice) / 2;
}
